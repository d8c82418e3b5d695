//! Lead rows. Every function takes the workspace id right after the connection.

use super::list_pages::{self, Binds};
use super::listing::{self, Keyed, SortExpr};
use crate::domain::leads::{LeadFields, SOURCES, STATUSES};
use crate::domain::records::{sort_key, ListSort, SortColumn};
use sqlx::{AnyConnection, AnyPool, FromRow};

#[derive(Clone, Debug, FromRow, serde::Deserialize)]
pub struct LeadRow {
    pub id: String,
    pub name: String,
    pub company_name: String,
    pub email: String,
    pub phone: String,
    pub source: String,
    pub status: String,
    pub owner_id: Option<String>,
    pub owner_name: Option<String>,
    pub converted_at: Option<i64>,
    pub converted_contact_id: Option<String>,
    pub converted_company_id: Option<String>,
    pub converted_deal_id: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    pub deleted_at: Option<i64>,
}

impl LeadRow {
    pub fn fields(&self) -> LeadFields {
        LeadFields {
            name: self.name.clone(),
            company_name: self.company_name.clone(),
            email: self.email.clone(),
            phone: self.phone.clone(),
            source: self.source.clone(),
            status: self.status.clone(),
        }
    }
}

const COLUMNS: &str = "l.id, l.name, l.company_name, l.email, l.phone, l.source, l.status, l.owner_id, u.full_name as owner_name, \
    l.converted_at, l.converted_contact_id, l.converted_company_id, l.converted_deal_id, l.created_at, l.updated_at, l.deleted_at";

pub async fn insert(conn: &mut AnyConnection, workspace_id: &str, id: &str, fields: &LeadFields, owner_id: &str, now_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into leads (workspace_id, id, name, sort_name, company_name, email, phone, source, status, owner_id, created_at, updated_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11)",
    )
    .bind(workspace_id)
    .bind(id)
    .bind(&fields.name)
    .bind(sort_key(&fields.name))
    .bind(&fields.company_name)
    .bind(&fields.email)
    .bind(&fields.phone)
    .bind(&fields.source)
    .bind(&fields.status)
    .bind(owner_id)
    .bind(now_ms)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn update(conn: &mut AnyConnection, workspace_id: &str, id: &str, fields: &LeadFields, now_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "update leads set name = $3, sort_name = $4, company_name = $5, email = $6, phone = $7, source = $8, status = $9, updated_at = $10 \
         where workspace_id = $1 and id = $2",
    )
    .bind(workspace_id)
    .bind(id)
    .bind(&fields.name)
    .bind(sort_key(&fields.name))
    .bind(&fields.company_name)
    .bind(&fields.email)
    .bind(&fields.phone)
    .bind(&fields.source)
    .bind(&fields.status)
    .bind(now_ms)
    .execute(conn)
    .await?;
    Ok(())
}

/// What a conversion made of the lead: (contact, company, deal).
pub struct Converted<'a> {
    pub contact_id: &'a str,
    pub company_id: Option<&'a str>,
    pub deal_id: Option<&'a str>,
}

/// Marks the lead converted (and qualified) with links to what it became.
pub async fn mark_converted(conn: &mut AnyConnection, workspace_id: &str, id: &str, into: Converted<'_>, now_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "update leads set status = 'qualified', converted_at = $3, converted_contact_id = $4, converted_company_id = $5, \
         converted_deal_id = $6, updated_at = $3 where workspace_id = $1 and id = $2",
    )
    .bind(workspace_id)
    .bind(id)
    .bind(now_ms)
    .bind(into.contact_id)
    .bind(into.company_id)
    .bind(into.deal_id)
    .execute(conn)
    .await?;
    Ok(())
}

/// The lead, in the trash or not.
pub async fn find(conn: &mut AnyConnection, workspace_id: &str, id: &str) -> Result<Option<LeadRow>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "select {COLUMNS} from leads l left join users u on u.id = l.owner_id where l.workspace_id = $1 and l.id = $2"
    )))
    .bind(workspace_id)
    .bind(id)
    .fetch_optional(conn)
    .await
}

/// What narrows and orders the leads list.
#[derive(Clone, Copy, Debug, Default)]
pub struct LeadFilter<'a> {
    /// A sort key the name starts with.
    pub prefix: &'a str,
    pub owner_id: Option<&'a str>,
    pub status: Option<&'a str>,
    /// Leave converted leads out.
    pub open_only: bool,
    /// Only those added at or after this time (Unix milliseconds; 0 for all).
    pub since_ms: i64,
    pub sort: ListSort,
    /// Only those this user owns (a member who sees only their own records).
    pub visible_to: Option<&'a str>,
    /// Row by row (the screens), or the whole page at once (the streamed exports).
    pub read: list_pages::Read,
}

/// The value the leads list is ordered by (by name for a column it does not offer).
fn sort_expr(column: SortColumn) -> SortExpr {
    match column {
        SortColumn::Company => SortExpr::text("l.company_name"),
        SortColumn::Email => SortExpr::text("l.email"),
        SortColumn::Source => listing::ordinal("l.source", &SOURCES),
        SortColumn::Status => listing::ordinal("l.status", &STATUSES),
        SortColumn::Owner => SortExpr::text("u.full_name"),
        SortColumn::Created => SortExpr::Int("l.created_at".into()),
        _ => SortExpr::Text("l.sort_name".into()),
    }
}

/// A page of live leads in the filter's order after the cursor `(key, id)`, each with its cursor
/// key.
pub async fn list(pool: &AnyPool, workspace_id: &str, filter: LeadFilter<'_>, after: Option<(&str, &str)>, limit: i64) -> Result<Vec<(LeadRow, String)>, sqlx::Error> {
    let upper = format!("{}\u{10FFFF}", filter.prefix);
    let expr = sort_expr(filter.sort.column);
    let (key, after_id) = listing::cursor(&expr, filter.sort.descending, after, ("l.sort_name", filter.prefix));
    let select = format!("{COLUMNS}, {}", listing::key_columns(&expr));
    let sql = format!(
        "select {select} from leads l left join users u on u.id = l.owner_id \
         where l.workspace_id = $1 and l.deleted_at is null and {} \
         and {} and {} and ($6 = 0 or l.converted_at is null) and {} \
         and {} and {} order by {} limit $9",
        listing::prefix_range("l.sort_name", 2, 3, filter.prefix),
        listing::eq_or_any("l.owner_id", 4, filter.owner_id),
        listing::eq_or_any("l.status", 5, filter.status),
        listing::at_least("l.created_at", 10, filter.since_ms),
        listing::visible_to(&["l.owner_id"], 11, filter.visible_to),
        listing::after(&expr, filter.sort.descending, "l.id", 7, 8),
        listing::order_by(&expr, filter.sort.descending, "l.id"),
    );
    let mut binds = Binds::default();
    binds.push(workspace_id).push(filter.prefix).push(upper).push(filter.owner_id.unwrap_or("")).push(filter.status.unwrap_or("")).push(i64::from(filter.open_only));
    binds.key(key).push(after_id).push(limit).push(filter.since_ms).push(filter.visible_to.unwrap_or(""));
    let rows: Vec<Keyed<LeadRow>> = list_pages::fetch(pool, filter.read, &select, filter.sort.descending, sql, binds).await?;
    Ok(rows.into_iter().map(|r| r.with_key(&expr)).collect())
}


/// A live company of the workspace with this name (as a sort key) or, when given, this domain.
pub async fn matching_company(conn: &mut AnyConnection, workspace_id: &str, name_key: &str, domain: Option<&str>) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String,)> = sqlx::query_as(
        "select id from companies where workspace_id = $1 and deleted_at is null \
         and ((sort_name = $2 and $2 <> '') or ($3 <> '' and domain = $3)) \
         order by case when sort_name = $2 then 0 else 1 end, id limit 1",
    )
    .bind(workspace_id)
    .bind(name_key)
    .bind(domain.unwrap_or(""))
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|(id,)| id))
}
