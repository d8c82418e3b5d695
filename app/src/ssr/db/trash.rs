//! Records in the trash, across kinds, and their permanent removal after the retention period.

use crate::domain::records::RecordKind;
use sqlx::{AnyConnection, AnyPool};

/// How long a deleted record stays restorable.
pub const RETENTION_MS: i64 = 30 * 24 * 60 * 60 * 1000;

/// The table that holds a kind of record (its page path is its table name).
fn table(kind: RecordKind) -> &'static str {
    kind.path()
}

/// How a kind's display name is read from its table.
fn name_sql(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Contact => "trim(r.first_name || ' ' || r.last_name)",
        RecordKind::Company | RecordKind::Deal => "r.name",
    }
}

/// Marks a record deleted (`Some((at, by))`) or live again (`None`).
pub async fn set_deleted(conn: &mut AnyConnection, workspace_id: &str, kind: RecordKind, id: &str, deleted: Option<(i64, &str)>) -> Result<(), sqlx::Error> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "update {} set deleted_at = $3, deleted_by = $4 where workspace_id = $1 and id = $2",
        table(kind)
    )))
    .bind(workspace_id)
    .bind(id)
    .bind(deleted.map(|(at, _)| at))
    .bind(deleted.map(|(_, by)| by.to_owned()))
    .execute(conn)
    .await?;
    Ok(())
}

/// Records of one kind in the trash, most recently deleted first: (id, name, deleted at, deleted by).
pub async fn trashed(pool: &AnyPool, workspace_id: &str, kind: RecordKind) -> Result<Vec<(String, String, i64, Option<String>)>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "select r.id, {}, r.deleted_at, u.full_name from {} r left join users u on u.id = r.deleted_by \
         where r.workspace_id = $1 and r.deleted_at is not null order by r.deleted_at desc",
        name_sql(kind),
        table(kind)
    )))
    .bind(workspace_id)
    .fetch_all(pool)
    .await
}

/// `(owner_id, deleted_at)` of a record of this workspace, when it exists.
pub async fn ownership(conn: &mut AnyConnection, workspace_id: &str, kind: RecordKind, id: &str) -> Result<Option<(Option<String>, Option<i64>)>, sqlx::Error> {
    Ok(match kind {
        RecordKind::Company => super::companies::find(conn, workspace_id, id).await?.map(|r| (r.owner_id, r.deleted_at)),
        RecordKind::Contact => super::contacts::find(conn, workspace_id, id).await?.map(|r| (r.owner_id, r.deleted_at)),
        RecordKind::Deal => super::deals::find(conn, workspace_id, id).await?.map(|r| (r.owner_id, r.deleted_at)),
    })
}

/// Permanently removes what has been in the trash since before `cutoff_ms`, with the rows that only
/// served it (channels, note links, notes linked to nothing else, events). Idempotent; returns how
/// many records went.
pub async fn purge(pool: &AnyPool, cutoff_ms: i64) -> Result<u64, sqlx::Error> {
    let mut purged = 0;
    let mut tx = pool.begin().await?;
    // Deals first: they point at companies (and their contact links cascade).
    for kind in [RecordKind::Deal, RecordKind::Contact, RecordKind::Company] {
        let table = table(kind);
        let doomed: Vec<(String, String)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "select workspace_id, id from {table} where deleted_at is not null and deleted_at < $1"
        )))
        .bind(cutoff_ms)
        .fetch_all(&mut *tx)
        .await?;
        for (workspace_id, id) in doomed {
            let by_record = |sql: &'static str| sqlx::query(sql).bind(workspace_id.clone()).bind(kind.as_str()).bind(id.clone());
            by_record("delete from events where workspace_id = $1 and record_kind = $2 and record_id = $3").execute(&mut *tx).await?;
            by_record("delete from note_links where workspace_id = $1 and record_kind = $2 and record_id = $3").execute(&mut *tx).await?;
            if kind == RecordKind::Company {
                for table in ["contacts", "deals"] {
                    sqlx::query(sqlx::AssertSqlSafe(format!("update {table} set company_id = null where workspace_id = $1 and company_id = $2")))
                        .bind(&workspace_id)
                        .bind(&id)
                        .execute(&mut *tx)
                        .await?;
                }
            }
            sqlx::query(sqlx::AssertSqlSafe(format!("delete from {table} where workspace_id = $1 and id = $2")))
                .bind(&workspace_id)
                .bind(&id)
                .execute(&mut *tx)
                .await?;
            purged += 1;
        }
    }
    // Notes whose every link is gone served only purged records.
    sqlx::query(
        "delete from notes where not exists (select 1 from note_links l where l.workspace_id = notes.workspace_id and l.note_id = notes.id)",
    )
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(purged)
}
