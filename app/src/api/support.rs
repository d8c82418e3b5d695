//! Communications with NexaCRM: a person sends support messages and feedback from the help page
//! (each confirmed by mail), sees them with the operators' answers, and now and then answers a
//! one-question satisfaction survey. Platform operators (`NEXACRM_OPERATOR_EMAILS`) answer, close
//! and reopen every person's messages in the support inbox; to anyone else the operator functions
//! do not exist (404).

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A person may be asked the survey once their account is this old…
pub const SURVEY_FIRST_AFTER_DAYS: i64 = 7;
/// …and again this long after answering it or putting it off.
pub const SURVEY_INTERVAL_DAYS: i64 = 90;

#[cfg(feature = "ssr")]
const DAY_MS: i64 = 86_400_000;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reply {
    pub id: String,
    /// `None` when the operator's account is gone.
    pub author_name: Option<String>,
    pub message: String,
    pub created_at: i64,
}

/// A message to NexaCRM with its answers.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Communication {
    pub id: String,
    /// support, feedback or survey.
    pub kind: String,
    pub category_label: String,
    pub message: String,
    /// The page the person wrote from, if known.
    pub context: String,
    pub score: Option<i64>,
    /// open, answered or closed.
    pub status: String,
    pub created_at: i64,
    pub replies: Vec<Reply>,
    /// Who wrote it (filled for operators; the person's own list leaves their own name out).
    pub from_name: String,
    pub from_email: String,
}

/// Sends a support message or feedback (`kind`) as the signed-in person from the workspace
/// `slug`; `context` is the page they came from. A confirmation goes out by mail.
#[server(endpoint = "support/send")]
pub async fn send_message(slug: String, kind: String, category: String, message: String, context: String) -> Result<(), AppError> {
    use crate::domain::support::NewMessage;
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    let new = NewMessage::parse(&kind, &category, &message, &context, crate::i18n_setup::request_locale()).map_err(|fields| AppError::Validation { fields })?;
    let session = crate::ssr::context::require_session()?;
    let now_ms = state.clock.now_ms();
    let id = db::new_id();
    let mut tx = state.db.begin_write().await?;
    db::communications::insert(&mut tx, &db::communications::NewCommunication {
        id: &id,
        user_id: &member.user_id,
        workspace_id: Some(&member.workspace_id),
        kind: new.kind.as_str(),
        category: &new.category,
        message: &new.message,
        context: &new.context,
        score: None,
        now_ms,
    })
    .await?;
    ssr::confirm(&mut tx, &state, &session.email, &member.workspace_id, &slug, &id, &new).await?;
    tx.commit().await?;
    crate::ssr::mail::wake(&state);
    Ok(())
}

/// The signed-in person's own messages and survey answers with their replies, newest first.
#[server(endpoint = "support/mine", input = server_fn::codec::GetUrl)]
pub async fn my_messages(slug: String) -> Result<Vec<Communication>, AppError> {
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    let rows = db::communications::of_user(&state.db.pool, &member.user_id).await?;
    let mut replies = db::communications::replies_of_user(&state.db.pool, &member.user_id).await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let (own, rest): (Vec<_>, Vec<_>) = std::mem::take(&mut replies).into_iter().partition(|r| r.communication_id == row.id);
            replies = rest;
            ssr::communication(row, own)
        })
        .collect())
}

/// Whether the workspace home should ask the survey now: the account is at least
/// `SURVEY_FIRST_AFTER_DAYS` old, the person has not said "never", and the last answer or
/// "not now" was at least `SURVEY_INTERVAL_DAYS` ago.
#[server(endpoint = "support/survey-due", input = server_fn::codec::GetUrl)]
pub async fn survey_due(slug: String) -> Result<bool, AppError> {
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    let mut conn = state.db.pool.acquire().await?;
    let Some((created_at, next_ask_at, never_ask)) = db::communications::survey_state(&mut conn, &member.user_id).await? else {
        return Ok(false);
    };
    let now_ms = state.clock.now_ms();
    Ok(never_ask == 0 && now_ms >= created_at + SURVEY_FIRST_AFTER_DAYS * DAY_MS && next_ask_at.is_none_or(|at| now_ms >= at))
}

/// Stores the person's survey answer (a score of 0 to 10 and an optional comment); the survey is
/// asked again in `SURVEY_INTERVAL_DAYS`.
#[server(endpoint = "support/survey-answer")]
pub async fn answer_survey(slug: String, score: String, comment: String) -> Result<(), AppError> {
    use crate::domain::support::{Kind, SurveyAnswer, SURVEY_CATEGORY};
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    let answer = SurveyAnswer::parse(&score, &comment, crate::i18n_setup::request_locale()).map_err(|fields| AppError::Validation { fields })?;
    let now_ms = state.clock.now_ms();
    let id = db::new_id();
    let mut tx = state.db.begin_write().await?;
    db::communications::insert(&mut tx, &db::communications::NewCommunication {
        id: &id,
        user_id: &member.user_id,
        workspace_id: Some(&member.workspace_id),
        kind: Kind::Survey.as_str(),
        category: SURVEY_CATEGORY,
        message: &answer.comment,
        context: "",
        score: Some(answer.score),
        now_ms,
    })
    .await?;
    db::communications::set_survey_preference(&mut tx, &member.user_id, Some(now_ms + SURVEY_INTERVAL_DAYS * DAY_MS), false, now_ms).await?;
    tx.commit().await?;
    Ok(())
}

/// Puts the survey off: `forever` = "on" never asks again, anything else asks again in
/// `SURVEY_INTERVAL_DAYS`.
#[server(endpoint = "support/survey-dismiss")]
pub async fn dismiss_survey(slug: String, forever: String) -> Result<(), AppError> {
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    let now_ms = state.clock.now_ms();
    let forever = forever.trim() == "on";
    let next = (!forever).then_some(now_ms + SURVEY_INTERVAL_DAYS * DAY_MS);
    let mut conn = state.db.pool.acquire().await?;
    db::communications::set_survey_preference(&mut conn, &member.user_id, next, forever, now_ms).await?;
    Ok(())
}

/// The support inbox (operators only): every person's communications, newest first; `status`
/// (open, answered, closed) filters, empty shows all.
#[server(endpoint = "operator/support", input = server_fn::codec::GetUrl)]
pub async fn operator_inbox(status: String) -> Result<Vec<Communication>, AppError> {
    use crate::domain::support::STATUSES;
    use crate::ssr::db;
    let (state, _) = ssr::operator()?;
    let status = status.trim();
    let filter = STATUSES.iter().find(|(key, _)| *key == status).map(|(key, _)| *key);
    let rows = db::communications::inbox(&state.db.pool, filter).await?;
    Ok(rows.into_iter().map(|row| ssr::communication(row, Vec::new())).collect())
}

/// One communication with its replies (operators only).
#[server(endpoint = "operator/support/get", input = server_fn::codec::GetUrl)]
pub async fn operator_message(id: String) -> Result<Communication, AppError> {
    use crate::ssr::db;
    let (state, _) = ssr::operator()?;
    let mut conn = state.db.pool.acquire().await?;
    let row = db::communications::find(&mut conn, &id).await?.ok_or(AppError::NotFound)?;
    let replies = db::communications::replies(&mut conn, &id).await?;
    Ok(ssr::communication(row, replies))
}

/// Answers a communication (operators only): the reply is stored, mailed to the person, and the
/// communication becomes "answered".
#[server(endpoint = "operator/support/reply")]
pub async fn reply_to_message(id: String, message: String) -> Result<(), AppError> {
    use crate::ssr::db;
    let (state, session) = ssr::operator()?;
    let reply = crate::domain::support::parse_reply(&message, crate::i18n_setup::request_locale()).map_err(|fields| AppError::Validation { fields })?;
    let now_ms = state.clock.now_ms();
    let mut tx = state.db.begin_write().await?;
    let row = db::communications::find(&mut tx, &id).await?.ok_or(AppError::NotFound)?;
    db::communications::insert_reply(&mut tx, &db::new_id(), &id, &session.user_id, &reply, now_ms).await?;
    db::communications::set_status(&mut tx, &id, "answered", now_ms).await?;
    ssr::send_reply(&mut tx, &state, &row, &reply).await?;
    tx.commit().await?;
    crate::ssr::mail::wake(&state);
    Ok(())
}

/// Closes (`status` = closed) or reopens (`status` = open) a communication (operators only).
#[server(endpoint = "operator/support/status")]
pub async fn set_message_status(id: String, status: String) -> Result<(), AppError> {
    use crate::ssr::db;
    let (state, _) = ssr::operator()?;
    let status = match status.trim() {
        "open" => "open",
        "closed" => "closed",
        _ => return Err(AppError::field("status", crate::i18n_setup::td_string!(crate::i18n_setup::request_locale(), errors.support.choose_status))),
    };
    let mut conn = state.db.pool.acquire().await?;
    if !db::communications::set_status(&mut conn, &id, status, state.clock.now_ms()).await? {
        return Err(AppError::NotFound);
    }
    Ok(())
}

#[cfg(feature = "ssr")]
pub mod ssr {
    //! The operator check, the mails, and turning rows into what the pages show.

    use super::{Communication, Reply};
    use crate::domain::support::{Kind, NewMessage};
    use crate::error::AppError;
    use crate::ssr::db::communications::{CommunicationRow, ReplyRow};
    use crate::ssr::mail::{self, templates, MailKind, MailMeta};
    use crate::ssr::sessions::CurrentSession;
    use crate::ssr::{context, AppState};
    use sqlx::AnyConnection;

    /// The signed-in operator, or "not found" for everyone else (signed out included): the
    /// operator pages do not exist for them.
    pub fn operator() -> Result<(AppState, CurrentSession), AppError> {
        let state = context::state()?;
        // An operator whose account is pending deletion is refused too, like everywhere else.
        let session = context::require_session().map_err(|_| AppError::NotFound)?;
        if !state.config.is_operator(&session.email) {
            return Err(AppError::NotFound);
        }
        Ok((state, session))
    }

    pub fn communication(row: CommunicationRow, replies: Vec<ReplyRow>) -> Communication {
        let kind = Kind::parse(&row.kind).unwrap_or(Kind::Support);
        Communication {
            category_label: kind.category_label(&row.category).to_owned(),
            kind: row.kind,
            id: row.id,
            message: row.message,
            context: row.context,
            score: row.score,
            status: row.status,
            created_at: row.created_at,
            from_name: row.user_name,
            from_email: row.user_email,
            replies: replies
                .into_iter()
                .map(|r| Reply { id: r.id, author_name: r.author_name, message: r.message, created_at: r.created_at })
                .collect(),
        }
    }

    fn help_url(state: &AppState, slug: Option<&str>) -> String {
        let base = state.config.base_url.trim_end_matches('/');
        match slug {
            Some(slug) => format!("{base}/w/{slug}/help"),
            None => format!("{base}/"),
        }
    }

    /// Puts the confirmation of a new message in the outbox (in the caller's transaction).
    pub async fn confirm(
        conn: &mut AnyConnection,
        state: &AppState,
        email: &str,
        workspace_id: &str,
        slug: &str,
        id: &str,
        new: &NewMessage,
    ) -> Result<(), AppError> {
        let to = mail::mailbox("", email).map_err(AppError::internal)?;
        let url = help_url(state, Some(slug));
        let message = templates::support_received(to, &templates::SupportReceived {
            kind_label: new.kind.label(),
            category_label: new.kind.category_label(&new.category),
            message: &new.message,
            help_url: &url,
        });
        let meta = MailMeta { workspace_id: Some(workspace_id), kind: MailKind::SupportReceived, reference_id: Some(id) };
        mail::enqueue(conn, &message, meta, state.clock.now_ms()).await?;
        Ok(())
    }

    /// Puts an operator's reply to `row`'s writer in the outbox (in the caller's transaction).
    pub async fn send_reply(conn: &mut AnyConnection, state: &AppState, row: &CommunicationRow, reply: &str) -> Result<(), AppError> {
        let to = mail::mailbox(&row.user_name, &row.user_email).map_err(AppError::internal)?;
        let url = help_url(state, row.workspace_slug.as_deref());
        let message = templates::support_reply(to, &templates::SupportReply { reply, original: &row.message, help_url: &url });
        // Account mail: the reply belongs to the person, not to the workspace they wrote from.
        let meta = MailMeta { workspace_id: None, kind: MailKind::SupportReply, reference_id: Some(&row.id) };
        mail::enqueue(conn, &message, meta, state.clock.now_ms()).await?;
        Ok(())
    }
}
