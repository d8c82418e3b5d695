//! Notes and the records they are linked to.

use crate::domain::records::RecordKind;
use sqlx::{AnyConnection, AnyPool, FromRow};

pub async fn insert(
    conn: &mut AnyConnection,
    workspace_id: &str,
    id: &str,
    body: &str,
    author_id: &str,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into notes (workspace_id, id, body, author_id, created_at, updated_at) values ($1, $2, $3, $4, $5, $5)",
    )
    .bind(workspace_id)
    .bind(id)
    .bind(body)
    .bind(author_id)
    .bind(now_ms)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn link(conn: &mut AnyConnection, workspace_id: &str, note_id: &str, kind: RecordKind, record_id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("insert into note_links (workspace_id, note_id, record_kind, record_id) values ($1, $2, $3, $4)")
        .bind(workspace_id)
        .bind(note_id)
        .bind(kind.as_str())
        .bind(record_id)
        .execute(conn)
        .await?;
    Ok(())
}

#[derive(Clone, Debug, FromRow)]
pub struct NoteRow {
    pub id: String,
    pub body: String,
    pub author_name: Option<String>,
    pub created_at: i64,
}

/// The notes linked to a record (and not in the trash), newest first.
pub async fn for_record(pool: &AnyPool, workspace_id: &str, kind: RecordKind, record_id: &str, limit: i64) -> Result<Vec<NoteRow>, sqlx::Error> {
    sqlx::query_as(
        "select n.id, n.body, u.full_name as author_name, n.created_at from note_links l \
         join notes n on n.workspace_id = l.workspace_id and n.id = l.note_id \
         left join users u on u.id = n.author_id \
         where l.workspace_id = $1 and l.record_kind = $2 and l.record_id = $3 and n.deleted_at is null \
         order by n.created_at desc, n.id desc limit $4",
    )
    .bind(workspace_id)
    .bind(kind.as_str())
    .bind(record_id)
    .bind(limit)
    .fetch_all(pool)
    .await
}
