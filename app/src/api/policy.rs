//! Privacy Policy versions: the text of a published version (public), and for operators the
//! list of versions and publishing a new one at least 14 days ahead, which mails every account
//! and shows a notice until the date.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// How far ahead a new version must be published.
pub const NOTICE_DAYS: i64 = 14;

/// A published version as the operator's list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublishedVersion {
    pub version: String,
    pub changes: Vec<String>,
    pub published_at: i64,
    /// In force today (false: announced, or replaced by a later one).
    pub current: bool,
}

/// The full text of a version published by an operator; `None` for the version that ships with
/// the code (the page renders that one from `content`). Unknown versions are "not found".
#[server(endpoint = "policy/text", input = server_fn::codec::GetUrl)]
pub async fn policy_text(version: String) -> Result<Option<String>, AppError> {
    use crate::content::POLICY_HISTORY;
    let state = crate::ssr::context::state()?;
    if POLICY_HISTORY.iter().any(|v| v.version == version) {
        return Ok(None);
    }
    let body = crate::ssr::db::policy_versions::body(&state.db.pool, &version).await?.ok_or(AppError::NotFound)?;
    Ok(Some(body))
}

/// Every version published by operators, newest first (operators only).
#[server(endpoint = "operator/policy", input = server_fn::codec::GetUrl)]
pub async fn operator_policy_versions() -> Result<Vec<PublishedVersion>, AppError> {
    use crate::ssr::{db, policy};
    let (state, _) = crate::api::support::ssr::operator()?;
    let current = policy::current_version(&state);
    let rows = db::policy_versions::all(&state.db.pool).await?;
    Ok(rows
        .into_iter()
        .rev()
        .map(|row| PublishedVersion {
            current: row.version == current,
            changes: policy::summary_lines(&row.summary),
            version: row.version,
            published_at: row.published_at,
        })
        .collect())
}

/// Publishes a new version (operators only): `effective` (YYYY-MM-DD) at least 14 days from
/// today and after every published version, `summary` one change per line, `body` the full text.
/// Every account gets a mail through the outbox, in the same transaction.
#[server(endpoint = "operator/policy/publish")]
pub async fn publish_policy(effective: String, summary: String, body: String) -> Result<String, AppError> {
    use crate::domain::policy::long_date_in;
    use crate::i18n_setup::td_string;
    use crate::ssr::analytics::day_of;
    use crate::ssr::db::policy_versions::{self, NewVersion};
    use crate::ssr::mail::{self, policy::PolicyChange, MailKind, MailMeta};
    use crate::ssr::policy;
    let locale = crate::i18n_setup::request_locale();
    let (state, session) = crate::api::support::ssr::operator()?;
    let now_ms = state.clock.now_ms();
    let effective = effective.trim().to_owned();
    let earliest = day_of(now_ms + NOTICE_DAYS * 24 * 60 * 60 * 1000);
    let valid_date = chrono::NaiveDate::parse_from_str(&effective, "%Y-%m-%d").is_ok() && effective.len() == 10;
    let mut errors = crate::error::FieldErrors::new();
    if !valid_date {
        errors.insert("effective".into(), td_string!(locale, errors.policy.effective_format).into());
    } else if effective < earliest {
        let message = td_string!(locale, errors.policy.notice_days, days = NOTICE_DAYS, date = long_date_in(&earliest, locale));
        errors.insert("effective".into(), message);
    } else {
        let status = policy::status(&state);
        let latest = status.upcoming.map_or(status.current, |next| next.version);
        if effective <= latest {
            errors.insert("effective".into(), td_string!(locale, errors.policy.later_version_exists, date = long_date_in(&latest, locale)));
        }
    }
    let changes = policy::summary_lines(&summary);
    if changes.is_empty() {
        errors.insert("summary".into(), td_string!(locale, errors.policy.summary_required).into());
    } else if summary.len() > 5_000 {
        errors.insert("summary".into(), td_string!(locale, errors.policy.summary_too_long).into());
    }
    if body.trim().is_empty() {
        errors.insert("body".into(), td_string!(locale, errors.policy.body_required).into());
    } else if body.len() > 200_000 {
        errors.insert("body".into(), td_string!(locale, errors.policy.body_too_long).into());
    }
    if !errors.is_empty() {
        return Err(AppError::Validation { fields: errors });
    }
    let policy_url = format!("{}/privacy/versions/{effective}", state.config.base_url);
    let mut tx = state.db.begin_write().await?;
    let new = NewVersion { version: &effective, summary: summary.trim(), body: body.trim(), published_by: &session.user_id, now_ms };
    if let Err(error) = policy_versions::insert(&mut tx, &new).await {
        if crate::ssr::db::is_unique_violation(&error, "policy_versions") {
            return Err(AppError::field("effective", td_string!(locale, errors.policy.date_taken)));
        }
        return Err(error.into());
    }
    for (name, email) in policy_versions::recipients(&mut tx).await? {
        let Ok(to) = mail::mailbox(&name, &email) else { continue };
        let message = mail::policy::policy_change(to, &PolicyChange { version: &effective, changes: &changes, policy_url: &policy_url });
        mail::enqueue(&mut tx, &message, MailMeta { workspace_id: None, kind: MailKind::PolicyChange, reference_id: Some(&effective) }, now_ms).await?;
    }
    tx.commit().await?;
    policy::reload(&state).await?;
    mail::wake(&state);
    Ok(effective)
}
