//! The events table: the audit log of every change, and the source of record timelines.

use crate::domain::records::{Changes, RecordKind};
use sqlx::{AnyConnection, AnyPool, FromRow};

/// What happened to a record.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    Created,
    Updated,
    Deleted,
    Restored,
    /// A deal changed stage on the pipeline.
    Moved,
    /// A lead became a contact (and maybe a company and a deal).
    Converted,
    /// An activity was marked done, or not done again.
    Completed,
    Reopened,
    /// An email was sent to the contact (on the contact's and the linked deal's timelines).
    EmailSent,
}

impl Action {
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Created => "created",
            Action::Updated => "updated",
            Action::Deleted => "deleted",
            Action::Restored => "restored",
            Action::Moved => "moved",
            Action::Converted => "converted",
            Action::Completed => "completed",
            Action::Reopened => "reopened",
            Action::EmailSent => "emailed",
        }
    }
}

/// Who changed which record, and when.
#[derive(Clone, Copy, Debug)]
pub struct Subject<'a> {
    pub workspace_id: &'a str,
    pub kind: RecordKind,
    pub record_id: &'a str,
    pub actor_id: &'a str,
    pub at: i64,
}

/// Records an event in the same transaction as the change it describes.
pub async fn record(conn: &mut AnyConnection, subject: Subject<'_>, action: Action, changes: &Changes) -> Result<(), sqlx::Error> {
    let changes = serde_json::to_string(changes).unwrap_or_else(|_| "{}".into());
    sqlx::query(
        "insert into events (workspace_id, id, record_kind, record_id, action, actor_id, at, changes) \
         values ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(subject.workspace_id)
    .bind(super::new_id())
    .bind(subject.kind.as_str())
    .bind(subject.record_id)
    .bind(action.as_str())
    .bind(subject.actor_id)
    .bind(subject.at)
    .bind(changes)
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(Clone, Debug, FromRow)]
pub struct EventRow {
    pub id: String,
    pub action: String,
    pub actor_name: Option<String>,
    pub at: i64,
    pub changes: String,
}

/// A record's events, newest first.
pub async fn for_record(
    pool: &AnyPool,
    workspace_id: &str,
    kind: RecordKind,
    record_id: &str,
    limit: i64,
) -> Result<Vec<EventRow>, sqlx::Error> {
    sqlx::query_as(
        "select e.id, e.action, u.full_name as actor_name, e.at, e.changes from events e \
         left join users u on u.id = e.actor_id \
         where e.workspace_id = $1 and e.record_kind = $2 and e.record_id = $3 \
         order by e.at desc, e.id desc limit $4",
    )
    .bind(workspace_id)
    .bind(kind.as_str())
    .bind(record_id)
    .bind(limit)
    .fetch_all(pool)
    .await
}
