//! Records in the trash, across kinds, and their permanent removal after the retention period.

use crate::domain::records::RecordKind;
use sqlx::{AnyConnection, AnyPool, FromRow};

/// How long a deleted record stays restorable.
pub const RETENTION_MS: i64 = 30 * 24 * 60 * 60 * 1000;

/// The table that holds a kind of record (its page path is its table name).
pub fn table(kind: RecordKind) -> &'static str {
    kind.path()
}

/// How a kind's display name is read from its table (aliased `r`).
pub fn name_sql(kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Contact => "trim(r.first_name || ' ' || r.last_name)",
        RecordKind::Company | RecordKind::Deal | RecordKind::Lead => "r.name",
        RecordKind::Ticket | RecordKind::Activity => "r.subject",
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

/// Records of one kind in the trash, most recently deleted first: (id, name, deleted at, deleted
/// by); with `visible_to`, only those that user owns or is assigned to.
pub async fn trashed(pool: &AnyPool, workspace_id: &str, kind: RecordKind, visible_to: Option<&str>) -> Result<Vec<(String, String, i64, Option<String>)>, sqlx::Error> {
    let holders = holder_columns(kind, "r");
    let holders: Vec<&str> = holders.iter().map(String::as_str).collect();
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "select r.id, {}, r.deleted_at, u.full_name from {} r left join users u on u.id = r.deleted_by \
         where r.workspace_id = $1 and r.deleted_at is not null and {} order by r.deleted_at desc",
        name_sql(kind),
        table(kind),
        super::listing::visible_to(&holders, 2, visible_to)
    )))
    .bind(workspace_id)
    .bind(visible_to.unwrap_or(""))
    .fetch_all(pool)
    .await
}

/// Who holds a record: its owner and (tickets, activities) assignee, and when it went to the trash.
#[derive(Clone, Debug, FromRow)]
pub struct Holders {
    pub owner_id: Option<String>,
    pub assignee_id: Option<String>,
    pub deleted_at: Option<i64>,
}

impl Holders {
    pub fn owner(&self) -> Option<&str> {
        self.owner_id.as_deref()
    }

    pub fn assignee(&self) -> Option<&str> {
        self.assignee_id.as_deref()
    }
}

/// The columns naming who holds a record of a kind (on the table aliased `alias`): its owner, and
/// for tickets and activities its assignee.
pub fn holder_columns(kind: RecordKind, alias: &str) -> Vec<String> {
    match kind {
        RecordKind::Ticket | RecordKind::Activity => vec![format!("{alias}.owner_id"), format!("{alias}.assignee_id")],
        _ => vec![format!("{alias}.owner_id")],
    }
}

/// The owner and assignee column of a kind's table (`assignee_id` only for tickets and
/// activities; a typed null otherwise), as SQL on the table aliased `alias`.
pub fn assignee_sql(kind: RecordKind, alias: &str) -> String {
    match kind {
        RecordKind::Ticket | RecordKind::Activity => format!("{alias}.assignee_id"),
        _ => "cast(null as text)".to_owned(),
    }
}

/// Whether the record named by the columns `kind` and `id` (of workspace `workspace`) is owned by
/// or assigned to the user in parameter `$param`, for any kind: a `case` over the kinds' tables.
/// Written only when the caller's reads are limited (`user` is some), else `$param = ''`.
pub fn holder_is(kind: &str, id: &str, workspace: &str, param: u8, user: Option<&str>) -> String {
    if user.is_none() {
        return format!("${param} = ''");
    }
    let whens: String = RecordKind::ALL
        .into_iter()
        .map(|k| {
            let assignee = match k {
                RecordKind::Ticket | RecordKind::Activity => format!(" or r.assignee_id = ${param}"),
                _ => String::new(),
            };
            format!(
                " when '{}' then exists (select 1 from {} r where r.workspace_id = {workspace} and r.id = {id} and (r.owner_id = ${param}{assignee}))",
                k.as_str(),
                table(k)
            )
        })
        .collect();
    format!("(case {kind}{whens} else false end)")
}

/// Who holds a record of this workspace, when it exists.
pub async fn ownership(conn: &mut AnyConnection, workspace_id: &str, kind: RecordKind, id: &str) -> Result<Option<Holders>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "select r.owner_id, {} as assignee_id, r.deleted_at from {} r where r.workspace_id = $1 and r.id = $2",
        assignee_sql(kind, "r"),
        table(kind)
    )))
        .bind(workspace_id)
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// Live records of one kind as (id, name), by name, for pickers (at most `limit`); with
/// `visible_to`, only those that user owns or is assigned to.
pub async fn names(pool: &AnyPool, workspace_id: &str, kind: RecordKind, visible_to: Option<&str>, limit: i64) -> Result<Vec<(String, String)>, sqlx::Error> {
    let holders = holder_columns(kind, "r");
    let holders: Vec<&str> = holders.iter().map(String::as_str).collect();
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "select r.id, {name} from {} r where r.workspace_id = $1 and r.deleted_at is null and {} order by {name}, r.id limit $2",
        table(kind),
        super::listing::visible_to(&holders, 3, visible_to),
        name = name_sql(kind)
    )))
    .bind(workspace_id)
    .bind(limit)
    .bind(visible_to.unwrap_or(""))
    .fetch_all(pool)
    .await
}

/// A record's display name, and whether it is in the trash; `None` when it does not exist here.
pub async fn record_name(conn: &mut AnyConnection, workspace_id: &str, kind: RecordKind, id: &str) -> Result<Option<(String, bool)>, sqlx::Error> {
    let row: Option<(String, Option<i64>)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "select {}, r.deleted_at from {} r where r.workspace_id = $1 and r.id = $2",
        name_sql(kind),
        table(kind)
    )))
    .bind(workspace_id)
    .bind(id)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|(name, deleted_at)| (name, deleted_at.is_some())))
}

/// The display name of a live record (`None` when missing or in the trash).
pub async fn live_name(conn: &mut AnyConnection, workspace_id: &str, kind: RecordKind, id: &str) -> Result<Option<String>, sqlx::Error> {
    Ok(record_name(conn, workspace_id, kind, id).await?.filter(|(_, in_trash)| !in_trash).map(|(name, _)| name))
}

/// Whether a live record of this kind and workspace has this id.
pub async fn is_live(conn: &mut AnyConnection, workspace_id: &str, kind: RecordKind, id: &str) -> Result<bool, sqlx::Error> {
    Ok(ownership(conn, workspace_id, kind, id).await?.is_some_and(|h| h.deleted_at.is_none()))
}

/// Columns of other tables that point at a kind of record; a purge clears them first.
fn references(kind: RecordKind) -> &'static [(&'static str, &'static str)] {
    match kind {
        RecordKind::Company => &[("contacts", "company_id"), ("deals", "company_id"), ("tickets", "company_id"), ("leads", "converted_company_id")],
        RecordKind::Contact => &[("tickets", "contact_id"), ("leads", "converted_contact_id")],
        RecordKind::Deal => &[("leads", "converted_deal_id")],
        RecordKind::Lead | RecordKind::Ticket | RecordKind::Activity => &[],
    }
}

/// Permanently removes what has been in the trash since before `cutoff_ms`, with the rows that only
/// served it (channels, note and activity links, notes linked to nothing else, events, its search
/// document); references to it from other records are cleared. Idempotent; returns how
/// many records went.
pub async fn purge(pool: &AnyPool, cutoff_ms: i64) -> Result<u64, sqlx::Error> {
    let mut purged = 0;
    let mut conn = pool.acquire().await?;
    let mut tx = super::begin_write_on(&mut conn).await?;
    for kind in RecordKind::ALL {
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
            by_record("delete from activity_links where workspace_id = $1 and record_kind = $2 and record_id = $3").execute(&mut *tx).await?;
            by_record("delete from record_tags where workspace_id = $1 and record_kind = $2 and record_id = $3").execute(&mut *tx).await?;
            by_record("delete from search_index where workspace_id = $1 and record_kind = $2 and record_id = $3").execute(&mut *tx).await?;
            by_record("delete from record_external_ids where workspace_id = $1 and record_kind = $2 and record_id = $3").execute(&mut *tx).await?;
            sqlx::query("delete from import_records where workspace_id = $1 and record_id = $2").bind(&workspace_id).bind(&id).execute(&mut *tx).await?;
            for (other, column) in references(kind) {
                sqlx::query(sqlx::AssertSqlSafe(format!("update {other} set {column} = null where workspace_id = $1 and {column} = $2")))
                    .bind(&workspace_id)
                    .bind(&id)
                    .execute(&mut *tx)
                    .await?;
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
