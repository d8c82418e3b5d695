//! Contact rows and their emails and phones (`contact_channels`). Every function takes the
//! workspace id right after the connection.

use super::list_pages::{self, Binds};
use super::listing::{self, Keyed, SortExpr};
use crate::domain::contacts::{Channel, ContactFields, STATUSES};
use crate::domain::records::{sort_key, ListSort, SortColumn};
use sqlx::{AnyConnection, AnyPool, FromRow};

#[derive(Clone, Debug, FromRow, serde::Deserialize)]
pub struct ContactRow {
    pub id: String,
    pub first_name: String,
    pub last_name: String,
    pub job_title: String,
    pub company_id: Option<String>,
    pub company_name: Option<String>,
    pub status: String,
    pub linkedin_url: String,
    pub owner_id: Option<String>,
    pub owner_name: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    pub deleted_at: Option<i64>,
    /// 1 when the person asked not to be written to.
    pub do_not_contact: i64,
}

impl ContactRow {
    /// The editable fields, with the contact's `emails` and `phones` (a company in the trash is
    /// left out, as the form shows it).
    pub fn fields(self, emails: Vec<Channel>, phones: Vec<Channel>) -> ContactFields {
        ContactFields {
            company_id: self.company_name.as_ref().and(self.company_id).unwrap_or_default(),
            first_name: self.first_name,
            last_name: self.last_name,
            job_title: self.job_title,
            status: self.status,
            linkedin_url: self.linkedin_url,
            emails,
            phones,
            do_not_contact: self.do_not_contact != 0,
        }
    }
}

pub const COLUMNS: &str = "c.id, c.first_name, c.last_name, c.job_title, c.company_id, co.name as company_name, c.status, \
    c.linkedin_url, c.owner_id, u.full_name as owner_name, c.created_at, c.updated_at, c.deleted_at, c.do_not_contact";
pub const FROM: &str = "from contacts c left join users u on u.id = c.owner_id \
    left join companies co on co.workspace_id = c.workspace_id and co.id = c.company_id and co.deleted_at is null";

fn name_key(fields: &ContactFields) -> String {
    sort_key(&fields.full_name())
}

fn company(fields: &ContactFields) -> Option<&str> {
    (!fields.company_id.is_empty()).then_some(fields.company_id.as_str())
}

pub async fn insert(conn: &mut AnyConnection, workspace_id: &str, id: &str, fields: &ContactFields, owner_id: &str, now_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into contacts (workspace_id, id, first_name, last_name, sort_name, job_title, company_id, status, \
         linkedin_url, owner_id, created_at, updated_at, do_not_contact) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $11, $12)",
    )
    .bind(workspace_id)
    .bind(id)
    .bind(&fields.first_name)
    .bind(&fields.last_name)
    .bind(name_key(fields))
    .bind(&fields.job_title)
    .bind(company(fields))
    .bind(&fields.status)
    .bind(&fields.linkedin_url)
    .bind(owner_id)
    .bind(now_ms)
    .bind(i64::from(fields.do_not_contact))
    .execute(&mut *conn)
    .await?;
    replace_channels(conn, workspace_id, id, fields).await
}

pub async fn update(conn: &mut AnyConnection, workspace_id: &str, id: &str, fields: &ContactFields, now_ms: i64) -> Result<(), sqlx::Error> {
    update_row(conn, workspace_id, id, fields, now_ms).await?;
    replace_channels(conn, workspace_id, id, fields).await
}

/// Updates the contact's own row, not its channels (an import writes a batch's channels at once).
pub async fn update_row(conn: &mut AnyConnection, workspace_id: &str, id: &str, fields: &ContactFields, now_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "update contacts set first_name = $3, last_name = $4, sort_name = $5, job_title = $6, company_id = $7, \
         status = $8, linkedin_url = $9, updated_at = $10, do_not_contact = $11 where workspace_id = $1 and id = $2",
    )
    .bind(workspace_id)
    .bind(id)
    .bind(&fields.first_name)
    .bind(&fields.last_name)
    .bind(name_key(fields))
    .bind(&fields.job_title)
    .bind(company(fields))
    .bind(&fields.status)
    .bind(&fields.linkedin_url)
    .bind(now_ms)
    .bind(i64::from(fields.do_not_contact))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// What a channel is looked up by: an address in lower case, a phone's digits and plus signs.
pub fn channel_search_value(kind: &str, value: &str) -> String {
    if kind == "email" { value.to_lowercase() } else { value.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect() }
}

async fn replace_channels(conn: &mut AnyConnection, workspace_id: &str, id: &str, fields: &ContactFields) -> Result<(), sqlx::Error> {
    sqlx::query("delete from contact_channels where workspace_id = $1 and contact_id = $2")
        .bind(workspace_id)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    let dialect = super::Dialect::of(conn);
    insert_channels(conn, dialect, workspace_id, &[(id, fields)]).await
}

/// Writes the contacts' e-mail addresses and phone numbers, in their order, in one statement
/// (an import passes a few hundred contacts; under SQLite's limit of 32,766 parameters).
pub async fn insert_channels(conn: &mut AnyConnection, dialect: super::Dialect, workspace_id: &str, contacts: &[(&str, &ContactFields)]) -> Result<(), sqlx::Error> {
    let channels: Vec<(&str, &str, usize, &Channel)> = contacts
        .iter()
        .flat_map(|(id, fields)| {
            let emails = fields.emails.iter().enumerate().map(|(i, ch)| (*id, "email", i, ch));
            let phones = fields.phones.iter().enumerate().map(|(i, ch)| (*id, "phone", i, ch));
            emails.chain(phones)
        })
        .collect();
    if channels.is_empty() {
        return Ok(());
    }
    let sql = format!(
        "insert into contact_channels (workspace_id, contact_id, kind, position, label, value, search_value, is_primary) values {}",
        super::params::Params::new(dialect).tuples(channels.len(), 8)
    );
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
    for (id, kind, position, channel) in channels {
        query = query
            .bind(workspace_id)
            .bind(id)
            .bind(kind)
            .bind(i64::try_from(position).unwrap_or(i64::MAX))
            .bind(&channel.label)
            .bind(&channel.value)
            .bind(channel_search_value(kind, &channel.value))
            .bind(i64::from(channel.primary));
    }
    query.execute(&mut *conn).await?;
    Ok(())
}

/// The contact, in the trash or not.
pub async fn find(conn: &mut AnyConnection, workspace_id: &str, id: &str) -> Result<Option<ContactRow>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("select {COLUMNS} {FROM} where c.workspace_id = $1 and c.id = $2")))
        .bind(workspace_id)
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// A contact's emails and phones, in their order.
pub async fn channels(conn: &mut AnyConnection, workspace_id: &str, id: &str) -> Result<(Vec<Channel>, Vec<Channel>), sqlx::Error> {
    let rows: Vec<(String, String, String, i64)> = sqlx::query_as(
        "select kind, label, value, is_primary from contact_channels where workspace_id = $1 and contact_id = $2 order by kind, position",
    )
    .bind(workspace_id)
    .bind(id)
    .fetch_all(conn)
    .await?;
    let (mut emails, mut phones) = (Vec::new(), Vec::new());
    for (kind, label, value, primary) in rows {
        let channel = Channel { value, label, primary: primary != 0 };
        if kind == "email" { emails.push(channel) } else { phones.push(channel) }
    }
    Ok((emails, phones))
}

/// Whether `company_id` is a live company of this workspace.
pub async fn company_exists(conn: &mut AnyConnection, workspace_id: &str, company_id: &str) -> Result<bool, sqlx::Error> {
    let row: Option<(String,)> = sqlx::query_as("select id from companies where workspace_id = $1 and id = $2 and deleted_at is null")
        .bind(workspace_id)
        .bind(company_id)
        .fetch_optional(conn)
        .await?;
    Ok(row.is_some())
}

/// One row of the contacts list: the contact and its primary email and phone.
#[derive(Clone, Debug, FromRow, serde::Deserialize)]
pub struct ListRow {
    #[sqlx(flatten)]
    #[serde(flatten)]
    pub contact: ContactRow,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// What narrows and orders the contacts list.
#[derive(Clone, Copy, Debug, Default)]
pub struct ContactFilter<'a> {
    /// A sort key the full name starts with.
    pub prefix: &'a str,
    pub company_id: Option<&'a str>,
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

/// The contact's primary email or phone (`kind`), as a subquery.
fn primary_channel(kind: &str) -> String {
    format!("(select value from contact_channels ch where ch.workspace_id = c.workspace_id and ch.contact_id = c.id and ch.kind = '{kind}' and ch.is_primary = 1)")
}

/// The value the contacts list is ordered by (by name for a column it does not offer).
fn sort_expr(column: SortColumn) -> SortExpr {
    match column {
        SortColumn::Company => SortExpr::Text("coalesce(co.sort_name, '')".into()),
        SortColumn::Email => SortExpr::text(&primary_channel("email")),
        SortColumn::Phone => SortExpr::text(&primary_channel("phone")),
        SortColumn::Status => listing::ordinal("c.status", &STATUSES),
        SortColumn::Owner => SortExpr::text("u.full_name"),
        SortColumn::Created => SortExpr::Int("c.created_at".into()),
        _ => SortExpr::Text("c.sort_name".into()),
    }
}

/// A page of live contacts in the filter's order after the cursor `(key, id)`, each with its
/// cursor key.
pub async fn list(pool: &AnyPool, workspace_id: &str, filter: ContactFilter<'_>, after: Option<(&str, &str)>, limit: i64) -> Result<Vec<(ListRow, String)>, sqlx::Error> {
    let upper = format!("{}\u{10FFFF}", filter.prefix);
    let expr = sort_expr(filter.sort.column);
    let (key, after_id) = listing::cursor(&expr, filter.sort.descending, after, ("c.sort_name", filter.prefix));
    let select = format!("{COLUMNS}, {}, {} as email, {} as phone", listing::key_columns(&expr), primary_channel("email"), primary_channel("phone"));
    let sql = format!(
        "select {select} {FROM} where c.workspace_id = $1 and c.deleted_at is null \
         and {} \
         and {} and {} \
         and ($6 = '' or exists (select 1 from record_tags t where t.workspace_id = c.workspace_id and t.record_kind = 'contact' \
              and t.record_id = c.id and t.tag_id = $6)) \
         and {} and {} and {} order by {} limit $9",
        listing::prefix_range("c.sort_name", 2, 3, filter.prefix),
        listing::eq_or_any("c.company_id", 4, filter.company_id),
        listing::eq_or_any("c.owner_id", 5, filter.owner_id),
        listing::at_least("c.created_at", 10, filter.since_ms),
        listing::visible_to(&["c.owner_id"], 11, filter.visible_to),
        listing::after(&expr, filter.sort.descending, "c.id", 7, 8),
        listing::order_by(&expr, filter.sort.descending, "c.id"),
    );
    let mut binds = Binds::default();
    binds.push(workspace_id).push(filter.prefix).push(upper).push(filter.company_id.unwrap_or("")).push(filter.owner_id.unwrap_or("")).push(filter.tag_id.unwrap_or(""));
    binds.key(key).push(after_id).push(limit).push(filter.since_ms).push(filter.visible_to.unwrap_or(""));
    let rows: Vec<Keyed<ListRow>> = list_pages::fetch(pool, filter.read, &select, filter.sort.descending, sql, binds).await?;
    Ok(rows.into_iter().map(|r| r.with_key(&expr)).collect())
}
