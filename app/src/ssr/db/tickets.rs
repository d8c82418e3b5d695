//! Ticket rows. Every function takes the workspace id right after the connection. Lists run
//! newest first on the id (UUIDv7 ids are time-ordered).

use super::list_pages::{self, Binds};
use super::listing::{self, Keyed, SortExpr};
use crate::domain::records::{ListSort, SortColumn};
use crate::domain::tickets::{TicketFields, PRIORITIES, STATUSES};
use sqlx::{AnyConnection, AnyPool, FromRow};

#[derive(Clone, Debug, FromRow, serde::Deserialize)]
pub struct TicketRow {
    pub id: String,
    pub subject: String,
    pub description: String,
    pub status: String,
    pub priority: String,
    pub contact_id: Option<String>,
    pub contact_name: Option<String>,
    pub company_id: Option<String>,
    pub company_name: Option<String>,
    pub assignee_id: Option<String>,
    pub assignee_name: Option<String>,
    pub owner_id: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    pub deleted_at: Option<i64>,
}

impl TicketRow {
    /// The fields as the form shows them (links to records in the trash left empty).
    pub fn fields(&self) -> TicketFields {
        TicketFields {
            subject: self.subject.clone(),
            description: self.description.clone(),
            status: self.status.clone(),
            priority: self.priority.clone(),
            contact_id: self.contact_name.as_ref().and(self.contact_id.clone()).unwrap_or_default(),
            company_id: self.company_name.as_ref().and(self.company_id.clone()).unwrap_or_default(),
            assignee_id: self.assignee_id.clone().unwrap_or_default(),
        }
    }
}

const COLUMNS: &str = "t.id, t.subject, t.description, t.status, t.priority, t.contact_id, \
    trim(c.first_name || ' ' || c.last_name) as contact_name, t.company_id, co.name as company_name, \
    t.assignee_id, a.full_name as assignee_name, t.owner_id, t.created_at, t.updated_at, t.deleted_at";
const FROM: &str = "from tickets t left join users a on a.id = t.assignee_id \
    left join contacts c on c.workspace_id = t.workspace_id and c.id = t.contact_id and c.deleted_at is null \
    left join companies co on co.workspace_id = t.workspace_id and co.id = t.company_id and co.deleted_at is null";

fn some(id: &str) -> Option<&str> {
    (!id.is_empty()).then_some(id)
}

pub async fn insert(conn: &mut AnyConnection, workspace_id: &str, id: &str, fields: &TicketFields, owner_id: &str, now_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into tickets (workspace_id, id, subject, description, status, priority, contact_id, company_id, assignee_id, owner_id, \
         created_at, updated_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)",
    )
    .bind(workspace_id)
    .bind(id)
    .bind(&fields.subject)
    .bind(&fields.description)
    .bind(&fields.status)
    .bind(&fields.priority)
    .bind(some(&fields.contact_id))
    .bind(some(&fields.company_id))
    .bind(some(&fields.assignee_id))
    .bind(owner_id)
    .bind(now_ms)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn update(conn: &mut AnyConnection, workspace_id: &str, id: &str, fields: &TicketFields, now_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "update tickets set subject = $3, description = $4, status = $5, priority = $6, contact_id = $7, company_id = $8, \
         assignee_id = $9, updated_at = $10 where workspace_id = $1 and id = $2",
    )
    .bind(workspace_id)
    .bind(id)
    .bind(&fields.subject)
    .bind(&fields.description)
    .bind(&fields.status)
    .bind(&fields.priority)
    .bind(some(&fields.contact_id))
    .bind(some(&fields.company_id))
    .bind(some(&fields.assignee_id))
    .bind(now_ms)
    .execute(conn)
    .await?;
    Ok(())
}

/// The ticket, in the trash or not.
pub async fn find(conn: &mut AnyConnection, workspace_id: &str, id: &str) -> Result<Option<TicketRow>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("select {COLUMNS} {FROM} where t.workspace_id = $1 and t.id = $2")))
        .bind(workspace_id)
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// What narrows and orders the tickets list.
#[derive(Clone, Copy, Debug, Default)]
pub struct TicketFilter<'a> {
    pub status: Option<&'a str>,
    pub assignee_id: Option<&'a str>,
    pub contact_id: Option<&'a str>,
    pub company_id: Option<&'a str>,
    /// Lower-case text the subject contains.
    pub text: &'a str,
    /// Only those opened at or after this time (Unix milliseconds; 0 for all).
    pub since_ms: i64,
    pub sort: ListSort,
    /// Only those this user owns or is assigned to (a member who sees only their own records).
    pub visible_to: Option<&'a str>,
    /// Row by row (the screens), or the whole page at once (the streamed exports).
    pub read: list_pages::Read,
}

/// The value the tickets list is ordered by (by subject for a column it does not offer).
fn sort_expr(column: SortColumn) -> SortExpr {
    match column {
        SortColumn::Created => SortExpr::Int("t.created_at".into()),
        SortColumn::Status => listing::ordinal("t.status", &STATUSES),
        SortColumn::Priority => listing::ordinal("t.priority", &PRIORITIES),
        SortColumn::Contact => SortExpr::Text("coalesce(c.sort_name, '')".into()),
        SortColumn::Owner => SortExpr::text("a.full_name"),
        _ => SortExpr::text("t.subject"),
    }
}

/// A page of live tickets in the filter's order after the cursor `(key, id)`, each with its
/// cursor key.
pub async fn list(pool: &AnyPool, workspace_id: &str, filter: TicketFilter<'_>, after: Option<(&str, &str)>, limit: i64) -> Result<Vec<(TicketRow, String)>, sqlx::Error> {
    // `like` wildcards in the typed text match themselves.
    let escaped = filter.text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    let expr = sort_expr(filter.sort.column);
    let (key, after_id) = listing::cursor(&expr, filter.sort.descending, after, ("", ""));
    let select = format!("{COLUMNS}, {}", listing::key_columns(&expr));
    let sql = format!(
        "select {select} {FROM} where t.workspace_id = $1 and t.deleted_at is null \
         and {} and {} and {} and {} and ($6 = '' or lower(t.subject) like $7 escape '\\') and {} \
         and {} and {} order by {} limit $10",
        listing::eq_or_any("t.status", 2, filter.status),
        listing::eq_or_any("t.assignee_id", 3, filter.assignee_id),
        listing::eq_or_any("t.contact_id", 4, filter.contact_id),
        listing::eq_or_any("t.company_id", 5, filter.company_id),
        listing::at_least("t.created_at", 11, filter.since_ms),
        listing::visible_to(&["t.owner_id", "t.assignee_id"], 12, filter.visible_to),
        listing::after(&expr, filter.sort.descending, "t.id", 8, 9),
        listing::order_by(&expr, filter.sort.descending, "t.id"),
    );
    let mut binds = Binds::default();
    binds.push(workspace_id).push(filter.status.unwrap_or("")).push(filter.assignee_id.unwrap_or("")).push(filter.contact_id.unwrap_or("")).push(filter.company_id.unwrap_or("")).push(filter.text).push(format!("%{escaped}%"));
    binds.key(key).push(after_id).push(limit).push(filter.since_ms).push(filter.visible_to.unwrap_or(""));
    let rows: Vec<Keyed<TicketRow>> = list_pages::fetch(pool, filter.read, &select, filter.sort.descending, sql, binds).await?;
    Ok(rows.into_iter().map(|r| r.with_key(&expr)).collect())
}

/// How many live tickets have each status.
pub async fn status_counts(pool: &AnyPool, workspace_id: &str) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query_as("select status, count(*) from tickets where workspace_id = $1 and deleted_at is null group by status")
        .bind(workspace_id)
        .fetch_all(pool)
        .await
}
