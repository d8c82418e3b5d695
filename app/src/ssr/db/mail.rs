//! The mail outbox (`mail_outbox`): writing a mail, the worker's claim and outcome updates, and
//! what the development mailbox and a sent draft read. Outbox rows are the server's, not a
//! workspace's: account mail has no workspace, so the worker's statements do not filter on one.
//!
//! Statuses: `queued` → `sending` (claimed) → `sent`, or `queued` again for a retry, or `failed`;
//! `kept` when the server has no SMTP.

use crate::ssr::mail::{MailMeta, Message};
use sqlx::{AnyConnection, AnyPool, FromRow};

pub const QUEUED: &str = "queued";
pub const SENDING: &str = "sending";
pub const SENT: &str = "sent";
pub const FAILED: &str = "failed";
pub const KEPT: &str = "kept";

/// An outbox row: the mail and its delivery state.
#[derive(Clone, Debug, FromRow)]
pub struct OutboxRow {
    pub id: String,
    pub workspace_id: Option<String>,
    pub kind: String,
    pub reference_id: Option<String>,
    pub to_address: String,
    pub to_name: String,
    pub reply_to_address: Option<String>,
    pub reply_to_name: Option<String>,
    pub subject: String,
    pub text_body: String,
    pub html_body: String,
    pub status: String,
    pub attempts: i64,
    pub next_attempt_at: i64,
    pub claimed_at: Option<i64>,
    pub sent_at: Option<i64>,
    pub last_error: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    /// A marketing mail's one-click unsubscribe address (`List-Unsubscribe`).
    pub list_unsubscribe: Option<String>,
}

const COLUMNS: &str = "id, workspace_id, kind, reference_id, to_address, to_name, reply_to_address, reply_to_name, subject, \
    text_body, html_body, status, attempts, next_attempt_at, claimed_at, sent_at, last_error, created_at, updated_at, list_unsubscribe";

/// Writes a queued mail, due at `now_ms`.
pub async fn insert(conn: &mut AnyConnection, id: &str, message: &Message, meta: MailMeta<'_>, now_ms: i64) -> Result<(), sqlx::Error> {
    let name = |mailbox: &lettre::message::Mailbox| mailbox.name.clone().unwrap_or_default();
    sqlx::query(
        "insert into mail_outbox (id, workspace_id, kind, reference_id, to_address, to_name, reply_to_address, reply_to_name, \
         subject, text_body, html_body, status, attempts, next_attempt_at, created_at, updated_at, list_unsubscribe) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'queued', 0, $12, $12, $12, $13)",
    )
    .bind(id)
    .bind(meta.workspace_id)
    .bind(meta.kind.as_str())
    .bind(meta.reference_id)
    .bind(message.to.email.to_string())
    .bind(name(&message.to))
    .bind(message.reply_to.as_ref().map(|m| m.email.to_string()))
    .bind(message.reply_to.as_ref().map(name))
    .bind(&message.subject)
    .bind(&message.text)
    .bind(&message.html)
    .bind(now_ms)
    .bind(message.list_unsubscribe.as_deref())
    .execute(conn)
    .await?;
    Ok(())
}

/// Ids of queued mail due by `now_ms`, oldest due first (at most `limit`).
pub async fn due(pool: &AnyPool, now_ms: i64, limit: i64) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "select id from mail_outbox where status = 'queued' and next_attempt_at <= $1 order by next_attempt_at, id limit $2",
    )
    .bind(now_ms)
    .bind(limit)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// Claims a due mail for delivery: `sending`, one more attempt. Only one caller can win a row
/// (the update only matches a `queued` one), so two workers never both send it. `None` when
/// another worker claimed it first or it is not due.
pub async fn claim(pool: &AnyPool, id: &str, now_ms: i64) -> Result<Option<OutboxRow>, sqlx::Error> {
    let done = sqlx::query(
        "update mail_outbox set status = 'sending', attempts = attempts + 1, claimed_at = $2, updated_at = $2 \
         where id = $1 and status = 'queued' and next_attempt_at <= $2",
    )
    .bind(id)
    .bind(now_ms)
    .execute(pool)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(None);
    }
    find(pool, id).await
}

/// Records a delivery (only of a row this worker holds in `sending`).
pub async fn mark_sent(pool: &AnyPool, id: &str, now_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query("update mail_outbox set status = 'sent', sent_at = $2, last_error = null, updated_at = $2 where id = $1 and status = 'sending'")
        .bind(id)
        .bind(now_ms)
        .execute(pool)
        .await?;
    Ok(())
}

/// Puts a mail back in the queue, due at `next_attempt_at`, with the error of the attempt.
pub async fn schedule_retry(pool: &AnyPool, id: &str, next_attempt_at: i64, error: &str, now_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "update mail_outbox set status = 'queued', next_attempt_at = $2, last_error = $3, updated_at = $4 where id = $1 and status = 'sending'",
    )
    .bind(id)
    .bind(next_attempt_at)
    .bind(error)
    .bind(now_ms)
    .execute(pool)
    .await?;
    Ok(())
}

/// Gives up on a mail: `failed`, with the reason.
pub async fn mark_failed(pool: &AnyPool, id: &str, error: &str, now_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query("update mail_outbox set status = 'failed', last_error = $2, updated_at = $3 where id = $1 and status = 'sending'")
        .bind(id)
        .bind(error)
        .bind(now_ms)
        .execute(pool)
        .await?;
    Ok(())
}

/// Marks every queued mail `kept` (the server has no SMTP); returns how many.
pub async fn keep_queued(pool: &AnyPool, now_ms: i64) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("update mail_outbox set status = 'kept', updated_at = $1 where status = 'queued'").bind(now_ms).execute(pool).await?;
    Ok(done.rows_affected())
}

/// The note on a mail whose worker stopped mid-delivery.
pub const INTERRUPTED: &str = "interrupted; not resent to avoid a duplicate";

/// Mail claimed before `claimed_before` and still `sending` belongs to a worker that stopped; it
/// may or may not have gone out, so it is marked `failed` rather than sent again. Returns how many.
pub async fn fail_interrupted(pool: &AnyPool, claimed_before: i64, now_ms: i64) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(
        "update mail_outbox set status = 'failed', last_error = $3, updated_at = $2 where status = 'sending' and claimed_at < $1",
    )
    .bind(claimed_before)
    .bind(now_ms)
    .bind(INTERRUPTED)
    .execute(pool)
    .await?;
    Ok(done.rows_affected())
}

/// One outbox row.
pub async fn find(pool: &AnyPool, id: &str) -> Result<Option<OutboxRow>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("select {COLUMNS} from mail_outbox where id = $1"))).bind(id).fetch_optional(pool).await
}

/// The newest mail of the whole server (the development mailbox), at most `limit`.
pub async fn recent(pool: &AnyPool, limit: i64) -> Result<Vec<OutboxRow>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("select {COLUMNS} from mail_outbox order by created_at desc, id desc limit $1")))
        .bind(limit)
        .fetch_all(pool)
        .await
}

/// The delivery status and last error of the newest mail a record of the workspace caused.
pub async fn status_for(conn: &mut AnyConnection, workspace_id: &str, reference_id: &str) -> Result<Option<(String, Option<String>)>, sqlx::Error> {
    sqlx::query_as(
        "select status, last_error from mail_outbox where workspace_id = $1 and reference_id = $2 order by created_at desc, id desc limit 1",
    )
    .bind(workspace_id)
    .bind(reference_id)
    .fetch_optional(conn)
    .await
}
