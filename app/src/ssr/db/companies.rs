//! Company rows. Every function takes the workspace id right after the connection; a company of
//! another workspace is simply not found.

use crate::domain::companies::CompanyFields;
use super::list_pages::{self, Binds};
use super::listing::{self, Keyed, SortExpr};
use crate::domain::records::{sort_key, ListSort, SortColumn};
use sqlx::{AnyConnection, AnyPool, FromRow};

#[derive(Clone, Debug, FromRow, serde::Deserialize)]
pub struct CompanyRow {
    pub id: String,
    pub name: String,
    pub domain: String,
    pub industry: String,
    pub size: String,
    pub phone: String,
    pub street: String,
    pub city: String,
    pub region: String,
    pub postal_code: String,
    pub country: String,
    pub owner_id: Option<String>,
    pub owner_name: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    pub deleted_at: Option<i64>,
}

impl CompanyRow {
    pub fn fields(&self) -> CompanyFields {
        CompanyFields {
            name: self.name.clone(),
            domain: self.domain.clone(),
            industry: self.industry.clone(),
            size: self.size.clone(),
            phone: self.phone.clone(),
            street: self.street.clone(),
            city: self.city.clone(),
            region: self.region.clone(),
            postal_code: self.postal_code.clone(),
            country: self.country.clone(),
        }
    }
}

const COLUMNS: &str = "c.id, c.name, c.domain, c.industry, c.size, c.phone, c.street, c.city, c.region, \
    c.postal_code, c.country, c.owner_id, u.full_name as owner_name, c.created_at, c.updated_at, c.deleted_at";

pub async fn insert(conn: &mut AnyConnection, workspace_id: &str, id: &str, fields: &CompanyFields, owner_id: &str, now_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into companies (workspace_id, id, name, sort_name, domain, industry, size, phone, street, city, region, \
         postal_code, country, owner_id, created_at, updated_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15)",
    )
    .bind(workspace_id)
    .bind(id)
    .bind(&fields.name)
    .bind(sort_key(&fields.name))
    .bind(&fields.domain)
    .bind(&fields.industry)
    .bind(&fields.size)
    .bind(&fields.phone)
    .bind(&fields.street)
    .bind(&fields.city)
    .bind(&fields.region)
    .bind(&fields.postal_code)
    .bind(&fields.country)
    .bind(owner_id)
    .bind(now_ms)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn update(conn: &mut AnyConnection, workspace_id: &str, id: &str, fields: &CompanyFields, now_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "update companies set name = $3, sort_name = $4, domain = $5, industry = $6, size = $7, phone = $8, street = $9, \
         city = $10, region = $11, postal_code = $12, country = $13, updated_at = $14 \
         where workspace_id = $1 and id = $2",
    )
    .bind(workspace_id)
    .bind(id)
    .bind(&fields.name)
    .bind(sort_key(&fields.name))
    .bind(&fields.domain)
    .bind(&fields.industry)
    .bind(&fields.size)
    .bind(&fields.phone)
    .bind(&fields.street)
    .bind(&fields.city)
    .bind(&fields.region)
    .bind(&fields.postal_code)
    .bind(&fields.country)
    .bind(now_ms)
    .execute(conn)
    .await?;
    Ok(())
}

/// The company, in the trash or not.
pub async fn find(conn: &mut AnyConnection, workspace_id: &str, id: &str) -> Result<Option<CompanyRow>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "select {COLUMNS} from companies c left join users u on u.id = c.owner_id where c.workspace_id = $1 and c.id = $2"
    )))
    .bind(workspace_id)
    .bind(id)
    .fetch_optional(conn)
    .await
}

/// What narrows and orders the companies list.
#[derive(Clone, Copy, Debug, Default)]
pub struct CompanyFilter<'a> {
    /// A sort key the name starts with.
    pub prefix: &'a str,
    pub owner_id: Option<&'a str>,
    pub tag_id: Option<&'a str>,
    /// Only those added at or after this time (Unix milliseconds; 0 for all).
    pub since_ms: i64,
    pub sort: ListSort,
    /// Only those this user owns (a member who sees only their own records).
    pub visible_to: Option<&'a str>,
    /// Row by row (the screens), or the whole page at once (the streamed exports).
    pub read: list_pages::Read,
}

/// The value the companies list is ordered by (by name for a column it does not offer).
fn sort_expr(column: SortColumn) -> SortExpr {
    match column {
        SortColumn::Domain => SortExpr::text("c.domain"),
        SortColumn::Industry => SortExpr::text("c.industry"),
        SortColumn::City => SortExpr::text("c.city"),
        SortColumn::Owner => SortExpr::text("u.full_name"),
        SortColumn::Created => SortExpr::Int("c.created_at".into()),
        _ => SortExpr::Text("c.sort_name".into()),
    }
}

/// A page of live companies in the filter's order after the cursor `(key, id)`, each with its
/// cursor key.
pub async fn list(pool: &AnyPool, workspace_id: &str, filter: CompanyFilter<'_>, after: Option<(&str, &str)>, limit: i64) -> Result<Vec<(CompanyRow, String)>, sqlx::Error> {
    // Prefix search as a range on the indexed sort key: `>= prefix` and `< prefix + U+10FFFF`.
    let upper = format!("{}\u{10FFFF}", filter.prefix);
    let expr = sort_expr(filter.sort.column);
    let (key, after_id) = listing::cursor(&expr, filter.sort.descending, after, ("c.sort_name", filter.prefix));
    let select = format!("{COLUMNS}, {}", listing::key_columns(&expr));
    let sql = format!(
        "select {select} from companies c left join users u on u.id = c.owner_id \
         where c.workspace_id = $1 and c.deleted_at is null \
         and {} \
         and {} \
         and ($5 = '' or exists (select 1 from record_tags t where t.workspace_id = c.workspace_id and t.record_kind = 'company' \
              and t.record_id = c.id and t.tag_id = $5)) \
         and {} and {} and {} order by {} limit $8",
        listing::prefix_range("c.sort_name", 2, 3, filter.prefix),
        listing::eq_or_any("c.owner_id", 4, filter.owner_id),
        listing::at_least("c.created_at", 9, filter.since_ms),
        listing::visible_to(&["c.owner_id"], 10, filter.visible_to),
        listing::after(&expr, filter.sort.descending, "c.id", 6, 7),
        listing::order_by(&expr, filter.sort.descending, "c.id"),
    );
    let mut binds = Binds::default();
    binds.push(workspace_id).push(filter.prefix).push(upper).push(filter.owner_id.unwrap_or("")).push(filter.tag_id.unwrap_or(""));
    binds.key(key).push(after_id).push(limit).push(filter.since_ms).push(filter.visible_to.unwrap_or(""));
    let rows: Vec<Keyed<CompanyRow>> = list_pages::fetch(pool, filter.read, &select, filter.sort.descending, sql, binds).await?;
    Ok(rows.into_iter().map(|r| r.with_key(&expr)).collect())
}


