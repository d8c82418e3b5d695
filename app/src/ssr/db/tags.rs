//! Tags and the records they are on. Every function takes the workspace id after the connection.

use crate::domain::records::{sort_key, RecordKind};
use crate::domain::tags::{Tag, TagFields};
use sqlx::{AnyConnection, AnyPool, FromRow};
use std::collections::HashMap;

#[derive(FromRow)]
struct TagRow {
    id: String,
    name: String,
    color: String,
}

impl From<TagRow> for Tag {
    fn from(row: TagRow) -> Self {
        Tag { id: row.id, name: row.name, color: row.color }
    }
}

/// Every tag of the workspace, by name.
pub async fn all(pool: &AnyPool, workspace_id: &str) -> Result<Vec<Tag>, sqlx::Error> {
    let rows: Vec<TagRow> = sqlx::query_as("select id, name, color from tags where workspace_id = $1 order by sort_name")
        .bind(workspace_id)
        .fetch_all(pool)
        .await?;
    Ok(rows.into_iter().map(Tag::from).collect())
}

pub async fn find(conn: &mut AnyConnection, workspace_id: &str, id: &str) -> Result<Option<Tag>, sqlx::Error> {
    let row: Option<TagRow> = sqlx::query_as("select id, name, color from tags where workspace_id = $1 and id = $2")
        .bind(workspace_id)
        .bind(id)
        .fetch_optional(conn)
        .await?;
    Ok(row.map(Tag::from))
}

/// Whether another tag of the workspace has this name (ignoring case and spacing).
pub async fn name_taken(conn: &mut AnyConnection, workspace_id: &str, name: &str, except_id: &str) -> Result<bool, sqlx::Error> {
    let row: Option<(String,)> = sqlx::query_as("select id from tags where workspace_id = $1 and sort_name = $2 and id <> $3")
        .bind(workspace_id)
        .bind(sort_key(name))
        .bind(except_id)
        .fetch_optional(conn)
        .await?;
    Ok(row.is_some())
}

pub async fn insert(conn: &mut AnyConnection, workspace_id: &str, id: &str, fields: &TagFields, now_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query("insert into tags (workspace_id, id, name, sort_name, color, created_at) values ($1, $2, $3, $4, $5, $6)")
        .bind(workspace_id)
        .bind(id)
        .bind(&fields.name)
        .bind(sort_key(&fields.name))
        .bind(&fields.color)
        .bind(now_ms)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn update(conn: &mut AnyConnection, workspace_id: &str, id: &str, fields: &TagFields) -> Result<(), sqlx::Error> {
    sqlx::query("update tags set name = $3, sort_name = $4, color = $5 where workspace_id = $1 and id = $2")
        .bind(workspace_id)
        .bind(id)
        .bind(&fields.name)
        .bind(sort_key(&fields.name))
        .bind(&fields.color)
        .execute(conn)
        .await?;
    Ok(())
}

/// Deletes the tag; it comes off every record (cascade).
pub async fn delete(conn: &mut AnyConnection, workspace_id: &str, id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("delete from tags where workspace_id = $1 and id = $2").bind(workspace_id).bind(id).execute(conn).await?;
    Ok(())
}

/// Puts a tag on a record (nothing happens when it is already there).
pub async fn attach(conn: &mut AnyConnection, workspace_id: &str, tag_id: &str, kind: RecordKind, record_id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("insert into record_tags (workspace_id, tag_id, record_kind, record_id) values ($1, $2, $3, $4) on conflict do nothing")
        .bind(workspace_id)
        .bind(tag_id)
        .bind(kind.as_str())
        .bind(record_id)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn detach(conn: &mut AnyConnection, workspace_id: &str, tag_id: &str, kind: RecordKind, record_id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("delete from record_tags where workspace_id = $1 and tag_id = $2 and record_kind = $3 and record_id = $4")
        .bind(workspace_id)
        .bind(tag_id)
        .bind(kind.as_str())
        .bind(record_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// The tags on each of `record_ids` (one query for a whole list page).
pub async fn on_records(pool: &AnyPool, workspace_id: &str, kind: RecordKind, record_ids: &[String]) -> Result<HashMap<String, Vec<Tag>>, sqlx::Error> {
    let mut tags: HashMap<String, Vec<Tag>> = HashMap::new();
    for chunk in record_ids.chunks(200) {
        let placeholders: Vec<String> = (0..chunk.len()).map(|i| format!("${}", i + 3)).collect();
        let sql = format!(
            "select r.record_id, t.id, t.name, t.color from record_tags r join tags t on t.workspace_id = r.workspace_id and t.id = r.tag_id \
             where r.workspace_id = $1 and r.record_kind = $2 and r.record_id in ({}) order by t.sort_name",
            placeholders.join(", ")
        );
        let mut query = sqlx::query_as::<_, (String, String, String, String)>(sqlx::AssertSqlSafe(sql)).bind(workspace_id).bind(kind.as_str());
        for id in chunk {
            query = query.bind(id);
        }
        for (record_id, id, name, color) in query.fetch_all(pool).await? {
            tags.entry(record_id).or_default().push(Tag { id, name, color });
        }
    }
    Ok(tags)
}
