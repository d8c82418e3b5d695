//! Company rows. Every function takes the workspace id right after the connection; a company of
//! another workspace is simply not found.

use crate::domain::companies::CompanyFields;
use crate::domain::records::sort_key;
use sqlx::{AnyConnection, AnyPool, FromRow};

#[derive(Clone, Debug, FromRow)]
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

/// A page of live companies in name order after the cursor `(sort_name, id)`, optionally only those
/// whose name starts with `prefix` (already a sort key) or owned by `owner_id`.
pub async fn list(
    pool: &AnyPool,
    workspace_id: &str,
    prefix: &str,
    owner_id: Option<&str>,
    after: Option<(&str, &str)>,
    limit: i64,
) -> Result<Vec<(CompanyRow, String)>, sqlx::Error> {
    let (after_name, after_id) = after.unwrap_or(("", ""));
    // Prefix search as a range on the indexed sort key: `>= prefix` and `< prefix + U+10FFFF`.
    let upper = format!("{prefix}\u{10FFFF}");
    let rows: Vec<ListRow> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "select {COLUMNS}, c.sort_name from companies c left join users u on u.id = c.owner_id \
         where c.workspace_id = $1 and c.deleted_at is null \
         and c.sort_name >= $2 and c.sort_name < $3 \
         and ($4 = '' or c.owner_id = $4) \
         and (c.sort_name > $5 or (c.sort_name = $5 and c.id > $6)) \
         order by c.sort_name, c.id limit $7"
    )))
    .bind(workspace_id)
    .bind(prefix)
    .bind(upper)
    .bind(owner_id.unwrap_or(""))
    .bind(after_name)
    .bind(after_id)
    .bind(limit)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(|r| (r.row, r.sort_name)).collect())
}

#[derive(FromRow)]
struct ListRow {
    #[sqlx(flatten)]
    row: CompanyRow,
    sort_name: String,
}

/// Every live company's id and name, for pickers (name order, at most `limit`).
pub async fn names(pool: &AnyPool, workspace_id: &str, limit: i64) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as("select id, name from companies where workspace_id = $1 and deleted_at is null order by sort_name, id limit $2")
        .bind(workspace_id)
        .bind(limit)
        .fetch_all(pool)
        .await
}
