//! The person's privacy choices and requests (policy sections 2 and 7), and the operators' side.
//!
//! - Objection to usage data: while on, no page visit is recorded about the person (and those
//!   recorded so far are deleted); sign-ins and the records' history are still kept.
//! - Marketing email: off until the person opts in; every product-news mail has a one-click
//!   unsubscribe link (`/unsubscribe/{token}`, a plain route of the server).
//! - Privacy requests (access, rectification, erasure, portability, objection, other), due 30 days
//!   after they are made; an operator answers, the answer is mailed and shown to the person.
//! - Operators (`NEXACRM_OPERATOR_EMAILS`) list the requests and send product news; to anyone else
//!   those functions do not exist (404).

use crate::error::AppError;
use crate::i18n_setup::{td_string, Locale};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Privacy requests are answered within this many days (policy section 7).
pub const RESPONSE_DAYS: i64 = 30;
/// The longest request, answer or news body, in characters.
pub const MESSAGE_MAX: usize = 5_000;
/// The longest news subject, in characters.
pub const SUBJECT_MAX: usize = 200;

/// What a privacy request asks for: (key, label).
pub const REQUEST_KINDS: [(&str, &str); 6] = [
    ("access", "Access: a copy of the data you hold about me"),
    ("rectification", "Rectification: correct data about me"),
    ("erasure", "Erasure: delete my account and data"),
    ("portability", "Portability: my data in a standard format"),
    ("objection", "Objection to a processing of my data"),
    ("other", "Something else"),
];

/// The label of a request kind ("Unknown" for anything else).
pub fn request_kind_label(kind: &str) -> &'static str {
    crate::domain::records::option_label(&REQUEST_KINDS, kind)
}

/// The person's two choices, with when each was last made (`None`: never, the default applies).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrivacyChoices {
    pub usage_objection: bool,
    pub usage_objection_at: Option<i64>,
    pub marketing_opt_in: bool,
    pub marketing_choice_at: Option<i64>,
    /// How long page visits are kept (`NEXACRM_USAGE_RETENTION_DAYS`).
    pub usage_retention_days: u32,
}

/// A privacy request with its answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrivacyRequest {
    pub id: String,
    pub kind: String,
    pub kind_label: String,
    pub message: String,
    /// open or answered.
    pub status: String,
    pub created_at: i64,
    pub due_at: i64,
    /// Still open after its due date.
    pub overdue: bool,
    pub answer: Option<String>,
    pub answered_at: Option<i64>,
    /// Who made it (filled for operators; the person's own list leaves it empty).
    pub from_name: String,
    pub from_email: String,
}

/// A request as the privacy page's form posts it: a listed kind and a message.
pub fn parse_request(kind: &str, message: &str, locale: Locale) -> Result<(String, String), crate::error::FieldErrors> {
    use crate::domain::records::{long_text, one_of, FieldCheck};
    let mut check = FieldCheck::new();
    let kind = check.keep("kind", one_of(&REQUEST_KINDS, kind, locale));
    let message = check.keep("message", long_text(message, MESSAGE_MAX, Some(td_string!(locale, errors.privacy.request_required)), locale));
    check.finish((kind, message))
}

/// A news mail as the operator's form posts it: a one-line subject and a body.
pub fn parse_news(subject: &str, body: &str, locale: Locale) -> Result<(String, String), crate::error::FieldErrors> {
    use crate::domain::records::{long_text, text_in, FieldCheck};
    let mut check = FieldCheck::new();
    let subject = check.keep("subject", text_in(subject, SUBJECT_MAX, Some(td_string!(locale, errors.fields.subject_required)), locale));
    let body = check.keep("body", long_text(body, MESSAGE_MAX, Some(td_string!(locale, errors.privacy.news_required)), locale));
    check.finish((subject, body))
}

/// The signed-in person's choices.
#[server(endpoint = "privacy/choices", input = server_fn::codec::GetUrl)]
pub async fn load_privacy_choices() -> Result<PrivacyChoices, AppError> {
    use crate::ssr::{context, db};
    let state = context::state()?;
    let session = context::require_session()?;
    let (usage_objection, usage_objection_at) = db::usage::objection(&state.db.pool, &session.user_id).await?;
    let (marketing_opt_in, marketing_choice_at) = db::marketing::opt_in(&state.db.pool, &session.user_id).await?;
    let usage_retention_days = state.config.usage_retention_days;
    Ok(PrivacyChoices { usage_objection, usage_objection_at, marketing_opt_in, marketing_choice_at, usage_retention_days })
}

/// Objects to usage data (`on`) or withdraws the objection. Objecting also deletes the page
/// visits recorded about the person so far.
#[server(endpoint = "privacy/usage-objection")]
pub async fn save_usage_objection(#[server(default)] on: bool) -> Result<(), AppError> {
    use crate::ssr::{context, db};
    let state = context::state()?;
    let session = context::require_session()?;
    let mut tx = state.db.begin_write().await?;
    db::usage::set_objection(&mut tx, &session.user_id, on, state.clock.now_ms()).await?;
    if on {
        db::usage::delete_visits_of(&mut tx, &session.user_id).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Opts in to product news by email (`on`) or out of it.
#[server(endpoint = "privacy/marketing")]
pub async fn save_marketing_choice(#[server(default)] on: bool) -> Result<(), AppError> {
    use crate::ssr::{context, db};
    let state = context::state()?;
    let session = context::require_session()?;
    let mut conn = state.db.pool.acquire().await?;
    db::marketing::set_opt_in(&mut conn, &session.user_id, on, state.clock.now_ms()).await?;
    Ok(())
}

/// Makes a privacy request from the workspace `slug`, due in `RESPONSE_DAYS`; a confirmation is
/// mailed. Answers the request's id.
#[server(endpoint = "privacy/request")]
pub async fn send_privacy_request(slug: String, kind: String, message: String) -> Result<String, AppError> {
    use crate::ssr::db::privacy_requests::{self as requests, NewPrivacyRequest};
    use crate::ssr::{access, context, db};
    let (state, member) = access::member(&slug).await?;
    let session = context::require_session()?;
    let (kind, message) = parse_request(&kind, &message, crate::i18n_setup::request_locale()).map_err(|fields| AppError::Validation { fields })?;
    let now_ms = state.clock.now_ms();
    let id = db::new_id();
    let due_at = now_ms + RESPONSE_DAYS * ssr::DAY_MS;
    let mut tx = state.db.begin_write().await?;
    requests::insert(&mut tx, &NewPrivacyRequest {
        id: &id,
        user_id: &member.user_id,
        workspace_id: Some(&member.workspace_id),
        kind: &kind,
        message: &message,
        due_at,
        now_ms,
    })
    .await?;
    ssr::confirm(&mut tx, &state, &session.full_name, &session.email, &slug, &id, &kind, &message, due_at).await?;
    tx.commit().await?;
    crate::ssr::mail::wake(&state);
    Ok(id)
}

/// The signed-in person's privacy requests with their answers, newest first.
#[server(endpoint = "privacy/requests", input = server_fn::codec::GetUrl)]
pub async fn my_privacy_requests() -> Result<Vec<PrivacyRequest>, AppError> {
    use crate::ssr::{context, db};
    let state = context::state()?;
    let session = context::require_session()?;
    let now_ms = state.clock.now_ms();
    let rows = db::privacy_requests::of_user(&state.db.pool, &session.user_id).await?;
    Ok(rows.into_iter().map(|row| ssr::request(row, now_ms, false)).collect())
}

/// The privacy requests of every person (operators only): `status` open (the default; by due
/// date, most urgent first, overdue ones marked) or answered (most recent first).
#[server(endpoint = "operator/privacy-requests", input = server_fn::codec::GetUrl)]
pub async fn operator_privacy_requests(status: String) -> Result<Vec<PrivacyRequest>, AppError> {
    use crate::ssr::db;
    let (state, _) = super::support::ssr::operator()?;
    let status = if status.trim() == "answered" { "answered" } else { "open" };
    let now_ms = state.clock.now_ms();
    let rows = db::privacy_requests::for_operators(&state.db.pool, status).await?;
    Ok(rows.into_iter().map(|row| ssr::request(row, now_ms, true)).collect())
}

/// Answers an open privacy request (operators only): the answer is stored, shown to the person
/// and mailed to them. A request that was already answered keeps its answer (conflict).
#[server(endpoint = "operator/privacy-requests/answer")]
pub async fn answer_privacy_request(id: String, answer: String) -> Result<(), AppError> {
    use crate::domain::records::{long_text, FieldCheck};
    use crate::ssr::db;
    let locale = crate::i18n_setup::request_locale();
    let (state, session) = super::support::ssr::operator()?;
    let mut check = FieldCheck::new();
    let answer = check.keep("answer", long_text(&answer, MESSAGE_MAX, Some(td_string!(locale, errors.privacy.answer_required)), locale));
    let answer = check.finish(answer).map_err(|fields| AppError::Validation { fields })?;
    let now_ms = state.clock.now_ms();
    let mut tx = state.db.begin_write().await?;
    let row = db::privacy_requests::find(&mut tx, &id).await?.ok_or(AppError::NotFound)?;
    if !db::privacy_requests::answer(&mut tx, &id, &answer, &session.user_id, now_ms).await? {
        return Err(AppError::Conflict { message: td_string!(locale, errors.privacy.already_answered).into() });
    }
    ssr::send_answer(&mut tx, &state, &row, &answer).await?;
    tx.commit().await?;
    crate::ssr::mail::wake(&state);
    Ok(())
}

/// How many people opted in to product news (operators only): who the next news will reach.
#[server(endpoint = "operator/news-audience", input = server_fn::codec::GetUrl)]
pub async fn news_audience() -> Result<u64, AppError> {
    let (state, _) = super::support::ssr::operator()?;
    Ok(crate::ssr::db::marketing::count_opted_in(&state.db.pool).await?)
}

/// Sends product news (operators only) through the outbox to everyone who opted in to marketing
/// email, each mail with its own one-click unsubscribe link. Answers how many it went to.
#[server(endpoint = "operator/news")]
pub async fn send_product_news(subject: String, body: String) -> Result<u64, AppError> {
    use crate::ssr::mail::marketing::{queue_news, News};
    let (state, _) = super::support::ssr::operator()?;
    let (subject, body) = parse_news(&subject, &body, crate::i18n_setup::request_locale()).map_err(|fields| AppError::Validation { fields })?;
    let now_ms = state.clock.now_ms();
    let news_id = crate::ssr::db::new_id();
    let mut tx = state.db.begin_write().await?;
    let queued = queue_news(&mut tx, &state.config.base_url, &news_id, &News { subject: &subject, body: &body }, now_ms).await?;
    tx.commit().await?;
    crate::ssr::mail::wake(&state);
    tracing::info!(news = %news_id, queued, "product news queued");
    Ok(queued)
}

#[cfg(feature = "ssr")]
pub mod ssr {
    //! Turning rows into what the pages show, and the request mails.

    #![expect(clippy::too_many_arguments, reason = "the confirmation quotes every part of the request")]

    use super::{request_kind_label, PrivacyRequest};
    use crate::error::AppError;
    use crate::ssr::db::privacy_requests::PrivacyRequestRow;
    use crate::ssr::mail::privacy_requests::{answered, received, RequestMail};
    use crate::ssr::mail::{self, MailKind, MailMeta};
    use crate::ssr::AppState;
    use sqlx::AnyConnection;

    pub const DAY_MS: i64 = 86_400_000;

    /// `for_operator` keeps who made the request; the person's own list leaves it out.
    pub fn request(row: PrivacyRequestRow, now_ms: i64, for_operator: bool) -> PrivacyRequest {
        let (from_name, from_email) = if for_operator { (row.user_name, row.user_email) } else { (String::new(), String::new()) };
        PrivacyRequest {
            kind_label: request_kind_label(&row.kind).to_owned(),
            overdue: row.status == "open" && now_ms > row.due_at,
            id: row.id,
            kind: row.kind,
            message: row.message,
            status: row.status,
            created_at: row.created_at,
            due_at: row.due_at,
            answer: row.answer,
            answered_at: row.answered_at,
            from_name,
            from_email,
        }
    }

    /// The privacy page the person wrote from (or sign-in, when that workspace is gone).
    fn privacy_url(state: &AppState, slug: Option<&str>) -> String {
        let base = state.config.base_url.trim_end_matches('/');
        match slug {
            Some(slug) => format!("{base}/w/{slug}/privacy#privacy-requests"),
            None => format!("{base}/signin"),
        }
    }

    /// Puts the confirmation of a new request in the outbox (in the caller's transaction).
    pub async fn confirm(
        conn: &mut AnyConnection,
        state: &AppState,
        name: &str,
        email: &str,
        slug: &str,
        id: &str,
        kind: &str,
        message: &str,
        due_at: i64,
    ) -> Result<(), AppError> {
        let to = mail::mailbox(name, email).map_err(AppError::internal)?;
        let url = privacy_url(state, Some(slug));
        let confirmation = received(to, &RequestMail { kind_label: request_kind_label(kind), message, due_at_ms: due_at, privacy_url: &url });
        let meta = MailMeta { workspace_id: None, kind: MailKind::PrivacyRequestReceived, reference_id: Some(id) };
        mail::enqueue(conn, &confirmation, meta, state.clock.now_ms()).await?;
        Ok(())
    }

    /// Puts an operator's answer to `row`'s writer in the outbox (in the caller's transaction).
    pub async fn send_answer(conn: &mut AnyConnection, state: &AppState, row: &PrivacyRequestRow, answer: &str) -> Result<(), AppError> {
        let to = mail::mailbox(&row.user_name, &row.user_email).map_err(AppError::internal)?;
        let url = privacy_url(state, row.workspace_slug.as_deref());
        let request = RequestMail { kind_label: request_kind_label(&row.kind), message: &row.message, due_at_ms: row.due_at, privacy_url: &url };
        let meta = MailMeta { workspace_id: None, kind: MailKind::PrivacyRequestAnswer, reference_id: Some(&row.id) };
        mail::enqueue(conn, &answered(to, &request, answer), meta, state.clock.now_ms()).await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_needs_a_listed_kind_and_a_message() {
        let errors = parse_request("deletion", "  ", Locale::en).unwrap_err();
        assert!(errors.contains_key("kind"));
        assert_eq!(errors["message"], "Enter what you would like us to do.");
        assert!(parse_request("access", &"x".repeat(MESSAGE_MAX + 1), Locale::en).unwrap_err().contains_key("message"));
        assert_eq!(parse_request(" erasure ", " Please delete\r\nme ", Locale::en).unwrap(), ("erasure".to_owned(), "Please delete\nme".to_owned()));
        assert_eq!(request_kind_label("portability"), "Portability: my data in a standard format");
    }

    #[test]
    fn news_needs_a_one_line_subject_and_a_body() {
        let errors = parse_news("Hello\nBcc: x", "", Locale::en).unwrap_err();
        assert!(errors.contains_key("subject"));
        assert_eq!(errors["body"], "Enter the news.");
        assert!(parse_news(&"s".repeat(SUBJECT_MAX + 1), "Body", Locale::en).unwrap_err().contains_key("subject"));
        assert_eq!(parse_news(" Dark mode ", "It is here.", Locale::en).unwrap(), ("Dark mode".to_owned(), "It is here.".to_owned()));
    }
}
