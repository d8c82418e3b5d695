//! Deleting an account: ask (password), see the pending state, cancel; and the operators' mark
//! "reported as under 16", which suspends an account and makes its purge due at once.
//!
//! A requested deletion waits 30 days: the account's sessions end, and while it waits the account
//! may only download its data, cancel, and sign out (`ssr::open_while_pending`, applied by
//! `context::require_session` for every server function). The hourly job (`ssr::run_job`) sends
//! the reminders and purges what is due (`ssr::db::deletion::purge`).

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::i18n_setup::td_string;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Where a pending account is sent when it signs in or opens a workspace page.
pub const PENDING_PAGE: &str = "/account/deletion";

/// A workspace named in the deletion section.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkspaceRef {
    pub name: String,
    pub slug: String,
}

/// The signed-in person's deletion state and what deleting would do.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeletionStatus {
    /// When the purge happens, while a deletion is pending.
    pub due_at: Option<i64>,
    pub requested_at: Option<i64>,
    /// Workspaces the person is the only owner of while others belong to them: ownership must be
    /// transferred first.
    pub transfer_first: Vec<WorkspaceRef>,
    /// Workspaces the person is the only member of: deleted with the account.
    pub deleted_with_account: Vec<WorkspaceRef>,
}

/// The signed-in person's deletion state (works while the deletion is pending).
#[server(endpoint = "deletion/status", input = server_fn::codec::GetUrl)]
pub async fn load_deletion_status() -> Result<DeletionStatus, AppError> {
    use crate::ssr::{context, db};
    let state = context::state()?;
    let session = context::require_session()?;
    let mut conn = state.db.pool.acquire().await?;
    let account = db::deletion::account(&mut conn, &session.user_id).await?.ok_or(AppError::Unauthenticated)?;
    let refs = |rows: Vec<db::deletion::WorkspaceRow>| rows.into_iter().map(|w| WorkspaceRef { name: w.name, slug: w.slug }).collect();
    Ok(DeletionStatus {
        due_at: account.deletion_due_at,
        requested_at: account.deletion_requested_at,
        transfer_first: refs(db::deletion::sole_owner_with_others(&mut conn, &session.user_id).await?),
        deleted_with_account: refs(db::deletion::sole_member_of(&mut conn, &session.user_id).await?),
    })
}

/// Asks for the account's deletion in 30 days; the password must be given. Refused while the
/// person is the only owner of a workspace others belong to. Every session of the account ends
/// (this one too), and a mail confirms the date.
#[server(endpoint = "deletion/request")]
pub async fn request_deletion(password: String) -> Result<(), AppError> {
    use crate::ssr::db::deletion::{DAY_MS, PENDING_DAYS};
    use crate::ssr::mail::{self, deletion as mails, MailKind, MailMeta};
    use crate::ssr::{context, db, sessions};
    let locale = crate::i18n_setup::request_locale();
    let state = context::state()?;
    let session = context::require_session()?;
    super::auth::check_ip_limit(&state)?;
    if password.is_empty() {
        return Err(AppError::field("password", td_string!(locale, errors.fields.password_required)));
    }
    let credentials = db::accounts::credentials_by_email(&state.db.pool, &session.email).await?.ok_or(AppError::Unauthenticated)?;
    if !state.hasher.verify(password, Some(credentials.password_hash)).await.map_err(AppError::internal)? {
        return Err(AppError::field("password", td_string!(locale, errors.account.wrong_password)));
    }
    let now_ms = state.clock.now_ms();
    let due_at = now_ms + PENDING_DAYS * DAY_MS;
    let mut tx = state.db.begin_write().await?;
    let blocking = db::deletion::sole_owner_with_others(&mut tx, &session.user_id).await?;
    if !blocking.is_empty() {
        return Err(AppError::Conflict { message: ssr::transfer_first_message(&blocking, locale) });
    }
    if !db::deletion::schedule(&mut tx, &session.user_id, now_ms, due_at).await? {
        return Err(AppError::Conflict { message: td_string!(locale, errors.deletion.already_scheduled).into() });
    }
    db::sessions::delete_all_of_user(&mut tx, &session.user_id).await?;
    if let Ok(to) = mail::mailbox(&session.full_name, &session.email) {
        let sign_in_url = ssr::sign_in_url(&state);
        let message = mails::requested(to, &mails::Requested { due_at_ms: due_at, sign_in_url: &sign_in_url });
        mail::enqueue(&mut tx, &message, MailMeta { workspace_id: None, kind: MailKind::DeletionRequested, reference_id: None }, now_ms).await?;
    }
    tx.commit().await?;
    mail::wake(&state);
    context::set_cookie(&sessions::clearing_cookie(&state))?;
    leptos_axum::redirect(&format!("{PENDING_PAGE}?requested=1"));
    Ok(())
}

/// Cancels the pending deletion: the account is back to normal, a mail confirms it, and the
/// person goes back to their first workspace.
#[server(endpoint = "deletion/cancel")]
pub async fn cancel_deletion() -> Result<(), AppError> {
    use crate::ssr::mail::{self, deletion as mails, MailKind, MailMeta};
    use crate::ssr::{context, db};
    let state = context::state()?;
    let session = context::require_session()?;
    let now_ms = state.clock.now_ms();
    let mut tx = state.db.begin_write().await?;
    if !db::deletion::cancel(&mut tx, &session.user_id, now_ms).await? {
        return Err(AppError::Conflict { message: td_string!(crate::i18n_setup::request_locale(), errors.deletion.not_scheduled).into() });
    }
    if let Ok(to) = mail::mailbox(&session.full_name, &session.email) {
        let sign_in_url = ssr::sign_in_url(&state);
        let message = mails::cancelled(to, &mails::Cancelled { cancelled_at_ms: now_ms, sign_in_url: &sign_in_url });
        mail::enqueue(&mut tx, &message, MailMeta { workspace_id: None, kind: MailKind::DeletionCancelled, reference_id: None }, now_ms).await?;
    }
    tx.commit().await?;
    mail::wake(&state);
    let home = db::workspaces::memberships_of(&state.db.pool, &session.user_id).await?.first().map(|m| format!("/w/{}", m.slug));
    leptos_axum::redirect(&home.unwrap_or_else(|| "/".into()));
    Ok(())
}

/// An account as the operators' Accounts page shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountSummary {
    pub id: String,
    pub name: String,
    pub email: String,
    pub created_at: i64,
    pub workspaces: i64,
    /// When a pending deletion is due.
    pub deletion_due_at: Option<i64>,
    /// When it was suspended after an under-16 report.
    pub suspended_at: Option<i64>,
}

/// One under-16 report. After the purge only who reported it and when remain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AccountReport {
    pub id: String,
    /// The account's address until it is purged.
    pub account_email: Option<String>,
    /// "Name <address>" of the operator, or `None` when their account is gone.
    pub reported_by: Option<String>,
    pub reported_at: i64,
    pub purged_at: Option<i64>,
}

/// Finds an account by its address (operators only; 404 for everyone else).
#[server(endpoint = "operator/accounts/find", input = server_fn::codec::GetUrl)]
pub async fn find_account(email: String) -> Result<Option<AccountSummary>, AppError> {
    use crate::ssr::db;
    let (state, _) = super::support::ssr::operator()?;
    if email.trim().is_empty() {
        return Ok(None);
    }
    Ok(db::deletion::account_by_email(&state.db.pool, &email).await?.map(|row| AccountSummary {
        id: row.id,
        name: row.full_name,
        email: row.email,
        created_at: row.created_at,
        workspaces: row.workspaces,
        deletion_due_at: row.deletion_due_at,
        suspended_at: row.suspended_at,
    }))
}

/// Marks an account as reported to belong to someone under 16 (operators only): it is suspended
/// at once (its sessions end, sign-in is refused) and purged by the next pass of the hourly job.
/// `confirm` must be "on".
#[server(endpoint = "operator/accounts/report-under-16")]
pub async fn report_under_16(user_id: String, #[server(default)] confirm: String) -> Result<(), AppError> {
    use crate::ssr::db;
    let locale = crate::i18n_setup::request_locale();
    let (state, operator) = super::support::ssr::operator()?;
    if confirm.trim() != "on" {
        return Err(AppError::field("confirm", td_string!(locale, errors.deletion.confirm_under_16)));
    }
    if user_id == operator.user_id {
        return Err(AppError::field("confirm", td_string!(locale, errors.deletion.not_own_account)));
    }
    let now_ms = state.clock.now_ms();
    let mut tx = state.db.begin_write().await?;
    db::deletion::account(&mut tx, &user_id).await?.ok_or(AppError::NotFound)?;
    if !db::deletion::suspend(&mut tx, &user_id, now_ms).await? {
        return Err(AppError::Conflict { message: td_string!(locale, errors.deletion.already_suspended).into() });
    }
    db::deletion::insert_report(&mut tx, &db::new_id(), &user_id, &operator.user_id, now_ms).await?;
    db::sessions::delete_all_of_user(&mut tx, &user_id).await?;
    tx.commit().await?;
    Ok(())
}

/// The latest under-16 reports, newest first (operators only).
#[server(endpoint = "operator/accounts/reports", input = server_fn::codec::GetUrl)]
pub async fn list_reports() -> Result<Vec<AccountReport>, AppError> {
    use crate::ssr::db;
    let (state, _) = super::support::ssr::operator()?;
    Ok(db::deletion::reports(&state.db.pool, 100)
        .await?
        .into_iter()
        .map(|r| AccountReport {
            id: r.id,
            account_email: r.account_email,
            reported_by: r.reported_by_name.zip(r.reported_by_email).map(|(name, email)| format!("{name} <{email}>")),
            reported_at: r.reported_at,
            purged_at: r.purged_at,
        })
        .collect())
}

#[cfg(feature = "ssr")]
pub mod ssr {
    //! What a pending account may still reach, the sign-in gate, and the hourly job.

    use super::PENDING_PAGE;
    use crate::error::AppError;
    use crate::i18n_setup::{request_locale, td_string, Locale};
    use crate::ssr::db::deletion as rows;
    use crate::ssr::mail::{self, deletion as mails, MailKind, MailMeta};
    use crate::ssr::AppState;

    /// The paths a pending account may use: its deletion page and functions, its data download
    /// (the export functions, which the pending page shows), signing in and out, and the cookie
    /// banner. Server functions run while a page renders see the page's path.
    const OPEN_WHILE_PENDING: [&str; 5] = [PENDING_PAGE, "/api/deletion/", "/api/exports/", "/api/auth/", "/api/consent/"];

    pub fn open_while_pending(path: &str) -> bool {
        OPEN_WHILE_PENDING.iter().any(|open| path == *open || (open.ends_with('/') && path.starts_with(open)))
    }

    /// Where sign-in sends an account after the password was right: refused (with the reason)
    /// when suspended, the pending page while a deletion waits, `None` otherwise.
    pub async fn sign_in_gate(state: &AppState, user_id: &str) -> Result<Option<&'static str>, AppError> {
        let mut conn = state.db.pool.acquire().await?;
        let Some(account) = rows::account(&mut conn, user_id).await? else { return Ok(None) };
        if account.suspended_at.is_some() {
            return Err(AppError::Conflict { message: td_string!(request_locale(), errors.deletion.suspended).into() });
        }
        Ok(account.deletion_due_at.map(|_| PENDING_PAGE))
    }

    /// "You are the only owner of …": the refusal when ownership must be transferred first.
    pub fn transfer_first_message(workspaces: &[rows::WorkspaceRow], locale: Locale) -> String {
        let names: Vec<String> = workspaces.iter().map(|w| td_string!(locale, errors.deletion.quoted_name, name = &w.name)).collect();
        let names = names.join(", ");
        if workspaces.len() == 1 {
            td_string!(locale, errors.deletion.transfer_first_one, names = names)
        } else {
            td_string!(locale, errors.deletion.transfer_first_many, names = names)
        }
    }

    pub fn sign_in_url(state: &AppState) -> String {
        format!("{}/signin", state.config.base_url.trim_end_matches('/'))
    }

    /// What one pass of the job did.
    #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
    pub struct JobPass {
        pub reminded: u64,
        pub purged: u64,
        /// Delivered "account deleted" notices removed from the outbox.
        pub notices_forgotten: u64,
    }

    /// One pass: forgets delivered purge notices, sends the reminders that are due (each once:
    /// recorded in the same transaction as its mail), and purges every account whose deletion is
    /// due, each in its own transaction with its last mail. Idempotent; a failure with one
    /// account is logged and the others go on.
    pub async fn run_job(state: &AppState) -> Result<JobPass, sqlx::Error> {
        let now_ms = state.clock.now_ms();
        let mut pass = JobPass { notices_forgotten: rows::forget_delivered_notices(&state.db.pool).await?, ..JobPass::default() };
        // The last reminder first: an account that is past both only gets that one.
        for days in [1, 7] {
            for due in rows::reminders_due(&state.db.pool, days, now_ms).await? {
                let mut tx = state.db.begin_write().await?;
                if !rows::mark_reminded(&mut tx, &due.id, days, now_ms).await? {
                    continue;
                }
                if let Ok(to) = mail::mailbox(&due.full_name, &due.email) {
                    let sign_in_url = sign_in_url(state);
                    let message = mails::reminder(to, &mails::Reminder { due_at_ms: due.deletion_due_at, days_left: days, sign_in_url: &sign_in_url });
                    mail::enqueue(&mut tx, &message, MailMeta { workspace_id: None, kind: MailKind::DeletionReminder, reference_id: None }, now_ms).await?;
                }
                tx.commit().await?;
                pass.reminded += 1;
            }
        }
        for user_id in rows::due_for_purge(&state.db.pool, now_ms).await? {
            match purge_one(state, &user_id, now_ms).await {
                Ok(true) => pass.purged += 1,
                Ok(false) => {}
                Err(error) => tracing::error!("purging a deleted account failed (retried next pass): {error}"),
            }
        }
        if pass.purged > 0 {
            rows::refresh_statistics(&state.db).await?;
        }
        if pass.reminded + pass.purged > 0 {
            mail::wake(state);
        }
        Ok(pass)
    }

    async fn purge_one(state: &AppState, user_id: &str, now_ms: i64) -> Result<bool, sqlx::Error> {
        let mut tx = state.db.begin_write().await?;
        let Some(purged) = rows::purge(&mut tx, user_id, now_ms).await? else { return Ok(false) };
        if let Ok(to) = mail::mailbox(&purged.full_name, &purged.email) {
            let reason = if purged.reported_under_16 { mails::Reason::ReportedUnder16 } else { mails::Reason::Requested };
            let message = mails::deleted(to, reason);
            mail::enqueue(&mut tx, &message, MailMeta { workspace_id: None, kind: MailKind::AccountDeleted, reference_id: None }, now_ms).await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn a_pending_account_reaches_only_its_deletion_its_data_and_sign_in() {
            for open in ["/account/deletion", "/api/deletion/cancel", "/api/exports/request", "/api/auth/sign-out", "/api/consent/save"] {
                assert!(open_while_pending(open), "{open}");
            }
            for closed in ["/w/acme/contacts", "/api/contacts/list", "/api/account/password", "/account/deletion-other", "/api/deletionx", "/"] {
                assert!(!open_while_pending(closed), "{closed}");
            }
        }

        #[test]
        fn the_refusal_names_every_workspace() {
            let row = |name: &str| rows::WorkspaceRow { id: "1".into(), name: name.into(), slug: "s".into() };
            let one = transfer_first_message(&[row("Acme")], Locale::en);
            assert!(one.contains("workspace “Acme”") && one.contains("Transfer ownership of it"), "{one}");
            let two = transfer_first_message(&[row("Acme"), row("Beta")], Locale::en);
            assert!(two.contains("workspaces “Acme”, “Beta”") && two.contains("of each"), "{two}");
            assert_eq!(
                one,
                "You are the only owner of the workspace “Acme”, which other people belong to. Transfer ownership of it to another \
                 member first (Members and workspace), then delete your account."
            );
        }
    }
}
