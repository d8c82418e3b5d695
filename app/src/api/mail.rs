//! The development mailbox: the mail in the outbox, for a developer running NexaCRM without SMTP
//! (so a password-reset or invitation link can be followed locally). It exists only in
//! development mode and needs no sign-in; in production both functions answer "not found".

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// How many mails the mailbox lists, newest first.
pub const MAILBOX_LENGTH: i64 = 200;

/// A mail as the mailbox lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailSummary {
    pub id: String,
    /// `Name <address>`, or the address alone.
    pub to: String,
    pub subject: String,
    /// queued, sending, sent, failed or kept.
    pub status: String,
    pub attempts: i64,
    pub created_at: i64,
    pub sent_at: Option<i64>,
    pub last_error: Option<String>,
}

/// One mail with both its parts.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailMessage {
    pub summary: MailSummary,
    pub reply_to: Option<String>,
    pub kind: String,
    pub text: String,
    /// The HTML part's source, for showing as text (never as markup).
    pub html: String,
}

#[cfg(feature = "ssr")]
mod ssr {
    use super::MailSummary;
    use crate::error::AppError;
    use crate::ssr::db::mail::OutboxRow;
    use crate::ssr::{context, AppState};

    /// The shared state when the server runs in development mode; "not found" otherwise.
    pub fn development_state() -> Result<AppState, AppError> {
        let state = context::state()?;
        if state.config.is_development() { Ok(state) } else { Err(AppError::NotFound) }
    }

    fn named(name: &str, address: &str) -> String {
        if name.is_empty() { address.to_owned() } else { format!("{name} <{address}>") }
    }

    pub fn summary(row: &OutboxRow) -> MailSummary {
        MailSummary {
            id: row.id.clone(),
            to: named(&row.to_name, &row.to_address),
            subject: row.subject.clone(),
            status: row.status.clone(),
            attempts: row.attempts,
            created_at: row.created_at,
            sent_at: row.sent_at,
            last_error: row.last_error.clone(),
        }
    }

    pub fn reply_to(row: &OutboxRow) -> Option<String> {
        row.reply_to_address.as_deref().map(|address| named(row.reply_to_name.as_deref().unwrap_or_default(), address))
    }
}

/// The newest mail of the whole server (development mode only).
#[server(endpoint = "dev/mailbox", input = server_fn::codec::GetUrl)]
pub async fn dev_mailbox() -> Result<Vec<MailSummary>, AppError> {
    use crate::ssr::db;
    let state = ssr::development_state()?;
    Ok(db::mail::recent(&state.db.pool, MAILBOX_LENGTH).await?.iter().map(ssr::summary).collect())
}

/// One mail of the outbox with its text and HTML parts (development mode only).
#[server(endpoint = "dev/mailbox-message", input = server_fn::codec::GetUrl)]
pub async fn dev_mailbox_message(id: String) -> Result<MailMessage, AppError> {
    use crate::ssr::db;
    let state = ssr::development_state()?;
    let row = db::mail::find(&state.db.pool, id.trim()).await?.ok_or(AppError::NotFound)?;
    Ok(MailMessage { summary: ssr::summary(&row), reply_to: ssr::reply_to(&row), kind: row.kind, text: row.text_body, html: row.html_body })
}
