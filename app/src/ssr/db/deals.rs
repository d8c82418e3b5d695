//! Pipeline stages and deal rows. Every function takes the workspace id after the connection.

use super::list_pages::{self, Binds};
use super::listing::{self, Keyed, SortExpr};
use crate::domain::deals::{StageKind, ValidDeal, DEFAULT_STAGES};
use crate::domain::records::{sort_key, ListSort, SortColumn};
use sqlx::{AnyConnection, AnyPool, FromRow};

#[derive(Clone, Debug, FromRow)]
pub struct StageRow {
    pub id: String,
    pub name: String,
    pub position: i64,
    pub probability: i64,
    pub kind: String,
}

impl StageRow {
    pub fn kind(&self) -> StageKind {
        StageKind::parse(&self.kind).unwrap_or(StageKind::Open)
    }
}

/// The workspace's stages in board order, creating the default pipeline the first time.
pub async fn stages(conn: &mut AnyConnection, workspace_id: &str) -> Result<Vec<StageRow>, sqlx::Error> {
    let existing = load_stages(conn, workspace_id).await?;
    if !existing.is_empty() {
        return Ok(existing);
    }
    for (position, (name, probability, kind)) in DEFAULT_STAGES.iter().enumerate() {
        // Ids derived from the workspace keep this idempotent if two requests race.
        sqlx::query(
            "insert into pipeline_stages (workspace_id, id, name, position, probability, kind) values ($1, $2, $3, $4, $5, $6) \
             on conflict do nothing",
        )
        .bind(workspace_id)
        .bind(format!("{workspace_id}-stage-{position}"))
        .bind(*name)
        .bind(i64::try_from(position).unwrap_or(0))
        .bind(*probability)
        .bind(kind.as_str())
        .execute(&mut *conn)
        .await?;
    }
    load_stages(conn, workspace_id).await
}

async fn load_stages(conn: &mut AnyConnection, workspace_id: &str) -> Result<Vec<StageRow>, sqlx::Error> {
    sqlx::query_as("select id, name, position, probability, kind from pipeline_stages where workspace_id = $1 order by position, id")
        .bind(workspace_id)
        .fetch_all(conn)
        .await
}

#[derive(Clone, Debug, FromRow, serde::Deserialize)]
pub struct DealRow {
    pub id: String,
    pub name: String,
    pub company_id: Option<String>,
    pub company_name: Option<String>,
    pub amount_minor: i64,
    pub currency: String,
    pub stage_id: String,
    pub expected_close: String,
    pub lost_reason: String,
    pub owner_id: Option<String>,
    pub owner_name: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    pub deleted_at: Option<i64>,
}

const COLUMNS: &str = "d.id, d.name, d.company_id, co.name as company_name, d.amount_minor, d.currency, d.stage_id, \
    d.expected_close, d.lost_reason, d.owner_id, u.full_name as owner_name, d.created_at, d.updated_at, d.deleted_at";
const FROM: &str = "from deals d left join users u on u.id = d.owner_id \
    left join companies co on co.workspace_id = d.workspace_id and co.id = d.company_id and co.deleted_at is null";

fn company(deal: &ValidDeal) -> Option<&str> {
    (!deal.company_id.is_empty()).then_some(deal.company_id.as_str())
}

/// `closed_at` for a deal entering the stage `stage` (a parameter) at `now` (a parameter), in an
/// `update deals`: the time it entered a won or lost stage, kept while it moves between closed
/// stages of the same kind, cleared when it is open again. Reads the old row (`deals.stage_id`,
/// `deals.closed_at`), as every `set` expression does.
fn closed_at_sql(stage: &str, now: &str) -> String {
    let new_kind = format!("(select s.kind from pipeline_stages s where s.workspace_id = deals.workspace_id and s.id = {stage})");
    let old_kind = "(select s.kind from pipeline_stages s where s.workspace_id = deals.workspace_id and s.id = deals.stage_id)";
    format!(
        "case when {new_kind} in ('won', 'lost') then \
         case when deals.closed_at is not null and {old_kind} = {new_kind} then deals.closed_at else {now} end end"
    )
}

/// Inserts a deal; one created in a won or lost stage is closed now.
pub async fn insert(conn: &mut AnyConnection, workspace_id: &str, id: &str, deal: &ValidDeal, owner_id: &str, now_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into deals (workspace_id, id, name, sort_name, company_id, amount_minor, currency, stage_id, expected_close, \
         lost_reason, owner_id, closed_at, created_at, updated_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, \
         case when (select s.kind from pipeline_stages s where s.workspace_id = $1 and s.id = $8) in ('won', 'lost') then $12 end, \
         $12, $12)",
    )
    .bind(workspace_id)
    .bind(id)
    .bind(&deal.name)
    .bind(sort_key(&deal.name))
    .bind(company(deal))
    .bind(deal.amount_minor)
    .bind(&deal.currency)
    .bind(&deal.stage_id)
    .bind(&deal.expected_close)
    .bind(&deal.lost_reason)
    .bind(owner_id)
    .bind(now_ms)
    .execute(conn)
    .await?;
    Ok(())
}

/// Saves a deal's fields, keeping `closed_at` in step with the stage (see `closed_at_sql`).
pub async fn update(conn: &mut AnyConnection, workspace_id: &str, id: &str, deal: &ValidDeal, now_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "update deals set name = $3, sort_name = $4, company_id = $5, amount_minor = $6, currency = $7, stage_id = $8, \
         expected_close = $9, lost_reason = $10, updated_at = $11, closed_at = {} where workspace_id = $1 and id = $2",
        closed_at_sql("$8", "$11")
    )))
    .bind(workspace_id)
    .bind(id)
    .bind(&deal.name)
    .bind(sort_key(&deal.name))
    .bind(company(deal))
    .bind(deal.amount_minor)
    .bind(&deal.currency)
    .bind(&deal.stage_id)
    .bind(&deal.expected_close)
    .bind(&deal.lost_reason)
    .bind(now_ms)
    .execute(conn)
    .await?;
    Ok(())
}

/// Moves a deal to a stage, keeping `closed_at` in step (see `closed_at_sql`).
pub async fn set_stage(conn: &mut AnyConnection, workspace_id: &str, id: &str, stage_id: &str, now_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "update deals set stage_id = $3, updated_at = $4, closed_at = {} where workspace_id = $1 and id = $2",
        closed_at_sql("$3", "$4")
    )))
    .bind(workspace_id)
    .bind(id)
    .bind(stage_id)
    .bind(now_ms)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn find(conn: &mut AnyConnection, workspace_id: &str, id: &str) -> Result<Option<DealRow>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("select {COLUMNS} {FROM} where d.workspace_id = $1 and d.id = $2")))
        .bind(workspace_id)
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// The live deals of one stage for its board column (optionally only `owner_id`'s): the most
/// recently changed first, at most `limit`.
pub async fn in_column(pool: &AnyPool, workspace_id: &str, stage_id: &str, owner_id: Option<&str>, limit: i64) -> Result<Vec<DealRow>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "select {COLUMNS} {FROM} where d.workspace_id = $1 and d.stage_id = $2 and d.deleted_at is null and {} \
         order by d.updated_at desc, d.id desc limit $4",
        listing::eq_or_any("d.owner_id", 3, owner_id)
    )))
    .bind(workspace_id)
    .bind(stage_id)
    .bind(owner_id.unwrap_or(""))
    .bind(limit)
    .fetch_all(pool)
    .await
}

/// Per stage and currency: how many live deals and their total (minor units), for the board's
/// column headers (optionally only `owner_id`'s).
pub async fn column_totals(pool: &AnyPool, workspace_id: &str, owner_id: Option<&str>) -> Result<Vec<(String, String, i64, i64)>, sqlx::Error> {
    if owner_id.is_none() {
        // Every deal: the totals the triggers keep (migration 0025), a few rows per stage.
        return sqlx::query_as(
            "select stage_id, currency, cast(deals as bigint), cast(amount_minor as bigint) from deal_totals \
             where workspace_id = $1 and deals > 0 order by stage_id, currency",
        )
        .bind(workspace_id)
        .fetch_all(pool)
        .await;
    }
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "select d.stage_id, d.currency, count(*), cast(coalesce(sum(d.amount_minor), 0) as bigint) from deals d \
         where d.workspace_id = $1 and d.deleted_at is null and {} group by d.stage_id, d.currency order by d.stage_id, d.currency",
        listing::eq_or_any("d.owner_id", 2, owner_id)
    )))
    .bind(workspace_id)
    .bind(owner_id.unwrap_or(""))
    .fetch_all(pool)
    .await
}

/// What narrows and orders the deals list.
#[derive(Clone, Copy, Debug, Default)]
pub struct DealFilter<'a> {
    /// A sort key the name starts with.
    pub prefix: &'a str,
    pub owner_id: Option<&'a str>,
    pub tag_id: Option<&'a str>,
    pub stage_id: Option<&'a str>,
    /// Only those added at or after this time (Unix milliseconds; 0 for all).
    pub since_ms: i64,
    pub sort: ListSort,
    /// Only those this user owns (a member who sees only their own records).
    pub visible_to: Option<&'a str>,
    /// Row by row (the screens), or the whole page at once (the streamed exports).
    pub read: list_pages::Read,
}

/// The value the deals list is ordered by (by name for a column it does not offer). Amounts
/// compare in minor units whatever their currency.
fn sort_expr(column: SortColumn) -> SortExpr {
    match column {
        SortColumn::Company => SortExpr::Text("coalesce(co.sort_name, '')".into()),
        SortColumn::Stage => SortExpr::Int("(select s.position from pipeline_stages s where s.workspace_id = d.workspace_id and s.id = d.stage_id)".into()),
        SortColumn::Amount => SortExpr::Int("d.amount_minor".into()),
        SortColumn::CloseDate => SortExpr::Text("d.expected_close".into()),
        SortColumn::Owner => SortExpr::text("u.full_name"),
        SortColumn::Created => SortExpr::Int("d.created_at".into()),
        _ => SortExpr::Text("d.sort_name".into()),
    }
}

/// A page of live deals in the filter's order after the cursor `(key, id)`, each with its cursor
/// key.
pub async fn list(pool: &AnyPool, workspace_id: &str, filter: DealFilter<'_>, after: Option<(&str, &str)>, limit: i64) -> Result<Vec<(DealRow, String)>, sqlx::Error> {
    let upper = format!("{}\u{10FFFF}", filter.prefix);
    let expr = sort_expr(filter.sort.column);
    let (key, after_id) = listing::cursor(&expr, filter.sort.descending, after, ("d.sort_name", filter.prefix));
    let select = format!("{COLUMNS}, {}", listing::key_columns(&expr));
    let sql = format!(
        "select {select} {FROM} where d.workspace_id = $1 and d.deleted_at is null \
         and {} and {} and {} \
         and ($6 = '' or exists (select 1 from record_tags t where t.workspace_id = d.workspace_id and t.record_kind = 'deal' \
              and t.record_id = d.id and t.tag_id = $6)) \
         and {} and {} and {} order by {} limit $9",
        listing::prefix_range("d.sort_name", 2, 3, filter.prefix),
        listing::eq_or_any("d.owner_id", 4, filter.owner_id),
        listing::eq_or_any("d.stage_id", 5, filter.stage_id),
        listing::at_least("d.created_at", 10, filter.since_ms),
        listing::visible_to(&["d.owner_id"], 11, filter.visible_to),
        listing::after(&expr, filter.sort.descending, "d.id", 7, 8),
        listing::order_by(&expr, filter.sort.descending, "d.id"),
    );
    let mut binds = Binds::default();
    binds.push(workspace_id).push(filter.prefix).push(upper).push(filter.owner_id.unwrap_or("")).push(filter.stage_id.unwrap_or("")).push(filter.tag_id.unwrap_or(""));
    binds.key(key).push(after_id).push(limit).push(filter.since_ms).push(filter.visible_to.unwrap_or(""));
    let rows: Vec<Keyed<DealRow>> = list_pages::fetch(pool, filter.read, &select, filter.sort.descending, sql, binds).await?;
    Ok(rows.into_iter().map(|r| r.with_key(&expr)).collect())
}

/// Live deals of a company or a contact, newest first.
pub async fn related(pool: &AnyPool, workspace_id: &str, company_id: Option<&str>, contact_id: Option<&str>) -> Result<Vec<DealRow>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "select {COLUMNS} {FROM} where d.workspace_id = $1 and d.deleted_at is null \
         and {} and {} order by d.created_at desc limit 100",
        // Each filter is written out only when it is used, so the planner can pick its index.
        listing::eq_or_any("d.company_id", 2, company_id),
        if contact_id.is_some() {
            "d.id in (select dc.deal_id from deal_contacts dc where dc.workspace_id = $1 and dc.contact_id = $3)"
        } else {
            "$3 = ''"
        },
    )))
    .bind(workspace_id)
    .bind(company_id.unwrap_or(""))
    .bind(contact_id.unwrap_or(""))
    .fetch_all(pool)
    .await
}

/// Adds a stage (admins editing the pipeline).
pub async fn insert_stage(conn: &mut AnyConnection, workspace_id: &str, id: &str, name: &str, position: i64, probability: i64, kind: StageKind) -> Result<(), sqlx::Error> {
    sqlx::query("insert into pipeline_stages (workspace_id, id, name, position, probability, kind) values ($1, $2, $3, $4, $5, $6)")
        .bind(workspace_id)
        .bind(id)
        .bind(name)
        .bind(position)
        .bind(probability)
        .bind(kind.as_str())
        .execute(conn)
        .await?;
    Ok(())
}

/// Renames, reorders or re-weighs a stage.
pub async fn update_stage(conn: &mut AnyConnection, workspace_id: &str, id: &str, name: &str, position: i64, probability: i64, kind: StageKind) -> Result<(), sqlx::Error> {
    sqlx::query("update pipeline_stages set name = $3, position = $4, probability = $5, kind = $6 where workspace_id = $1 and id = $2")
        .bind(workspace_id)
        .bind(id)
        .bind(name)
        .bind(position)
        .bind(probability)
        .bind(kind.as_str())
        .execute(conn)
        .await?;
    Ok(())
}

/// Removes a stage that no deal (live or in the trash) is in any more.
pub async fn delete_stage(conn: &mut AnyConnection, workspace_id: &str, id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("delete from pipeline_stages where workspace_id = $1 and id = $2").bind(workspace_id).bind(id).execute(conn).await?;
    Ok(())
}

/// Ids of the deals (live or in the trash) in a stage.
pub async fn in_stage(conn: &mut AnyConnection, workspace_id: &str, stage_id: &str) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(String,)> = sqlx::query_as("select id from deals where workspace_id = $1 and stage_id = $2")
        .bind(workspace_id)
        .bind(stage_id)
        .fetch_all(conn)
        .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// The live contacts involved in a deal: (id, name), by name.
pub async fn contacts_of(pool: &AnyPool, workspace_id: &str, deal_id: &str, visible_to: Option<&str>) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as(
        "select c.id, trim(c.first_name || ' ' || c.last_name) from deal_contacts dc \
         join contacts c on c.workspace_id = dc.workspace_id and c.id = dc.contact_id \
         where dc.workspace_id = $1 and dc.deal_id = $2 and c.deleted_at is null and ($3 = '' or c.owner_id = $3) \
         order by c.sort_name, c.id",
    )
    .bind(workspace_id)
    .bind(deal_id)
    .bind(visible_to.unwrap_or(""))
    .fetch_all(pool)
    .await
}

/// Involves a contact in a deal (`on`) or not; answers whether anything changed.
pub async fn set_contact(conn: &mut AnyConnection, workspace_id: &str, deal_id: &str, contact_id: &str, on: bool) -> Result<bool, sqlx::Error> {
    let sql = if on {
        "insert into deal_contacts (workspace_id, deal_id, contact_id) values ($1, $2, $3) on conflict do nothing"
    } else {
        "delete from deal_contacts where workspace_id = $1 and deal_id = $2 and contact_id = $3"
    };
    let done = sqlx::query(sql).bind(workspace_id).bind(deal_id).bind(contact_id).execute(conn).await?;
    Ok(done.rows_affected() > 0)
}
