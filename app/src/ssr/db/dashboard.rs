//! The workspace dashboard's figures: open pipeline, closed deals, forecast, the caller's due
//! activities and recent events. Every function takes the workspace id after the pool and ignores
//! records in the trash.

use crate::domain::dates::DAY_MS;
use crate::domain::records::RecordKind;
use sqlx::{AnyPool, FromRow};

/// The currency the workspace's charts are drawn in.
pub async fn default_currency(pool: &AnyPool, workspace_id: &str) -> Result<String, sqlx::Error> {
    let (currency,): (String,) = sqlx::query_as("select default_currency from workspaces where id = $1")
        .bind(workspace_id)
        .fetch_one(pool)
        .await?;
    Ok(currency)
}

/// Whether the workspace has no live company, contact or deal yet.
pub async fn is_new(pool: &AnyPool, workspace_id: &str) -> Result<bool, sqlx::Error> {
    let (any,): (i64,) = sqlx::query_as(
        "select cast(case when exists (select 1 from companies where workspace_id = $1 and deleted_at is null) \
         or exists (select 1 from contacts where workspace_id = $1 and deleted_at is null) \
         or exists (select 1 from deals where workspace_id = $1 and deleted_at is null) then 1 else 0 end as bigint)",
    )
    .bind(workspace_id)
    .fetch_one(pool)
    .await?;
    Ok(any == 0)
}

/// Live deals of one open stage in one currency; a stage without deals has one row with no currency.
#[derive(Clone, Debug, FromRow)]
pub struct StageTotalRow {
    pub stage_id: String,
    pub name: String,
    pub currency: Option<String>,
    pub deal_count: i64,
    pub total_minor: i64,
}

/// Every open stage in board order, with its live deals counted and summed per currency (with
/// `visible_to`, only the deals that user owns).
pub async fn open_pipeline(pool: &AnyPool, workspace_id: &str, visible_to: Option<&str>) -> Result<Vec<StageTotalRow>, sqlx::Error> {
    if visible_to.is_none() {
        // Every deal: the totals the triggers keep (migration 0025) instead of adding them up.
        return sqlx::query_as(
            "select s.id as stage_id, s.name, t.currency, cast(coalesce(t.deals, 0) as bigint) as deal_count, \
             cast(coalesce(t.amount_minor, 0) as bigint) as total_minor \
             from pipeline_stages s \
             left join deal_totals t on t.workspace_id = s.workspace_id and t.stage_id = s.id and t.deals > 0 \
             where s.workspace_id = $1 and s.kind = 'open' \
             order by s.position, s.id, t.currency",
        )
        .bind(workspace_id)
        .fetch_all(pool)
        .await;
    }
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "select s.id as stage_id, s.name, d.currency, count(d.id) as deal_count, \
         cast(coalesce(sum(d.amount_minor), 0) as bigint) as total_minor \
         from pipeline_stages s \
         left join deals d on d.workspace_id = s.workspace_id and d.stage_id = s.id and d.deleted_at is null and {} \
         where s.workspace_id = $1 and s.kind = 'open' \
         group by s.id, s.name, s.position, d.currency \
         order by s.position, s.id, d.currency",
        super::listing::visible_to(&["d.owner_id"], 2, visible_to)
    )))
    .bind(workspace_id)
    .bind(visible_to.unwrap_or(""))
    .fetch_all(pool)
    .await
}

/// Live deals of one kind (won or lost) and currency closed in a period: how many, and their total.
#[derive(Clone, Debug, FromRow)]
pub struct ClosedRow {
    /// `won` or `lost`.
    pub kind: String,
    /// The start of the period (Unix milliseconds).
    pub closed_at: i64,
    pub deals: i64,
    pub amount_minor: i64,
    pub currency: String,
}

/// `case when column < $first then 0 when column < $(first+1) then 1 … end`: which of the periods
/// that end at the bound parameters `first..first+count` a row falls in.
fn period_of(column: &str, first: usize, count: usize) -> String {
    let whens: String = (0..count).map(|i| format!(" when {column} < ${} then {i}", first + i)).collect();
    format!("cast(case{whens} else {count} end as bigint)")
}

/// Live won and lost deals closed in each period that starts at `starts[i]` and ends at
/// `starts[i + 1]` (Unix milliseconds), counted and summed per kind and currency in the database.
/// For the whole workspace and periods that start at UTC midnights, from the daily totals the
/// triggers keep (migration 0026); otherwise from the deals, in one index range on `closed_at`.
pub async fn closed_in_periods(pool: &AnyPool, workspace_id: &str, visible_to: Option<&str>, starts: &[i64]) -> Result<Vec<ClosedRow>, sqlx::Error> {
    let (Some(&first), Some(&end)) = (starts.first(), starts.last()) else { return Ok(Vec::new()) };
    let periods = starts.len() - 1;
    let from_days = visible_to.is_none() && starts.iter().all(|start| *start >= 0 && start % DAY_MS == 0);
    let source = if from_days {
        format!(
            "select {} as period, s.kind, t.currency, t.deals, t.amount_minor from deal_closed_days t \
             join pipeline_stages s on s.workspace_id = t.workspace_id and s.id = t.stage_id \
             where t.workspace_id = $1 and t.day >= $2 and t.day < $3 and t.deals > 0 and s.kind in ('won', 'lost') and $4 = ''",
            period_of("t.day", 5, periods),
        )
    } else {
        // `cross join` keeps SQLite reading the deals first: with planner statistics it otherwise
        // starts from the won/lost stages and reads every deal in them.
        format!(
            "select {} as period, s.kind, d.currency, 1 as deals, d.amount_minor from deals d cross join pipeline_stages s \
             where s.workspace_id = d.workspace_id and s.id = d.stage_id \
             and d.workspace_id = $1 and d.deleted_at is null and s.kind in ('won', 'lost') \
             and d.closed_at >= $2 and d.closed_at < $3 and {}",
            period_of("d.closed_at", 5, periods),
            super::listing::visible_to(&["d.owner_id"], 4, visible_to),
        )
    };
    let sql = format!(
        "select x.period, x.kind, x.currency, cast(sum(x.deals) as bigint), cast(coalesce(sum(x.amount_minor), 0) as bigint) \
         from ({source}) x group by x.period, x.kind, x.currency"
    );
    let unit = if from_days { DAY_MS } else { 1 };
    let mut query = sqlx::query_as::<_, (i64, String, String, i64, i64)>(sqlx::AssertSqlSafe(sql))
        .bind(workspace_id)
        .bind(first / unit)
        .bind(end / unit)
        .bind(visible_to.unwrap_or(""));
    for bound in &starts[1..] {
        query = query.bind(*bound / unit);
    }
    let rows = query.fetch_all(pool).await?;
    Ok(rows
        .into_iter()
        .filter_map(|(period, kind, currency, deals, amount_minor)| {
            let closed_at = *starts.get(usize::try_from(period).ok()?)?;
            Some(ClosedRow { kind, closed_at, deals, amount_minor, currency })
        })
        .collect())
}

/// For each period from `starts[i]` to `starts[i + 1]` (`YYYY-MM-DD`; deals without a date are
/// left out) and currency, the sum of amount × stage probability (so in hundredths of a minor
/// unit) of the live open deals expected to close in it: `(period index, currency, sum)`. For the
/// whole workspace from the daily totals the triggers keep (migration 0026); otherwise from the
/// deals, in one range, deals first, as in `closed_in_periods`.
pub async fn weighted_in_periods(pool: &AnyPool, workspace_id: &str, visible_to: Option<&str>, starts: &[String]) -> Result<Vec<(usize, String, i64)>, sqlx::Error> {
    let (Some(first), Some(end)) = (starts.first(), starts.last()) else { return Ok(Vec::new()) };
    let periods = starts.len() - 1;
    let source = if visible_to.is_none() {
        format!(
            "select {} as period, t.currency, t.amount_minor * s.probability as weighted from deal_expected_days t \
             join pipeline_stages s on s.workspace_id = t.workspace_id and s.id = t.stage_id \
             where t.workspace_id = $1 and t.day >= $2 and t.day < $3 and t.deals > 0 and s.kind = 'open' and $4 = ''",
            period_of("t.day", 5, periods),
        )
    } else {
        format!(
            "select {} as period, d.currency, d.amount_minor * s.probability as weighted from deals d cross join pipeline_stages s \
             where s.workspace_id = d.workspace_id and s.id = d.stage_id \
             and d.workspace_id = $1 and d.deleted_at is null and s.kind = 'open' \
             and d.expected_close >= $2 and d.expected_close < $3 and {}",
            period_of("d.expected_close", 5, periods),
            super::listing::visible_to(&["d.owner_id"], 4, visible_to),
        )
    };
    let sql = format!(
        "select x.period, x.currency, cast(sum(x.weighted) as bigint) from ({source}) x \
         group by x.period, x.currency order by x.period, x.currency"
    );
    let mut query = sqlx::query_as::<_, (i64, String, i64)>(sqlx::AssertSqlSafe(sql))
        .bind(workspace_id)
        .bind(first.as_str())
        .bind(end.as_str())
        .bind(visible_to.unwrap_or(""));
    for bound in &starts[1..] {
        query = query.bind(bound.as_str());
    }
    let rows = query.fetch_all(pool).await?;
    Ok(rows.into_iter().filter_map(|(period, currency, sum)| Some((usize::try_from(period).ok()?, currency, sum))).collect())
}

#[derive(Clone, Debug, FromRow)]
pub struct DueRow {
    pub id: String,
    pub kind: String,
    pub subject: String,
    pub due_at: i64,
}

/// Live, not done activities assigned to `user_id` and due in `[from_ms, to_ms)`, soonest first.
pub async fn due_for(pool: &AnyPool, workspace_id: &str, user_id: &str, from_ms: i64, to_ms: i64, limit: i64) -> Result<Vec<DueRow>, sqlx::Error> {
    sqlx::query_as(
        "select id, kind, subject, due_at from activities \
         where workspace_id = $1 and assignee_id = $2 and done_at is null and deleted_at is null \
         and due_at >= $3 and due_at < $4 order by due_at, id limit $5",
    )
    .bind(workspace_id)
    .bind(user_id)
    .bind(from_ms)
    .bind(to_ms)
    .bind(limit)
    .fetch_all(pool)
    .await
}

#[derive(Clone, Debug, FromRow)]
pub struct RecentRow {
    pub id: String,
    pub action: String,
    pub record_kind: String,
    pub record_id: String,
    pub record_name: String,
    pub actor_name: Option<String>,
    pub at: i64,
}

/// The workspace's newest events, named after their record; events of records in the trash (or
/// gone) are left out, since there is nothing live to link to (looking at ten times `limit`); with
/// `visible_to`, so are events of records that user neither owns nor is assigned to.
pub async fn recent_events(pool: &AnyPool, workspace_id: &str, visible_to: Option<&str>, limit: i64) -> Result<Vec<RecentRow>, sqlx::Error> {
    let names: String = RecordKind::ALL
        .into_iter()
        .map(|kind| {
            format!(
                "when '{}' then (select {} from {} r where r.workspace_id = e.workspace_id and r.id = e.record_id and r.deleted_at is null) ",
                kind.as_str(),
                super::trash::name_sql(kind),
                kind.path()
            )
        })
        .collect();
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        // The newest events first (an index range), then their names: naming every event of a
        // large workspace before sorting would read them all.
        "select x.id, x.action, x.record_kind, x.record_id, x.record_name, x.actor_name, x.at from ( \
         select e.id, e.action, e.record_kind, e.record_id, e.at, u.full_name as actor_name, \
         case e.record_kind {names}end as record_name \
         from (select * from events where workspace_id = $1 order by at desc, id desc limit $3) e \
         left join users u on u.id = e.actor_id where {visible} \
         ) x where x.record_name is not null order by x.at desc, x.id desc limit $2",
        visible = super::trash::holder_is("e.record_kind", "e.record_id", "e.workspace_id", 4, visible_to)
    )))
    .bind(workspace_id)
    .bind(limit)
    .bind(limit * 10)
    .bind(visible_to.unwrap_or(""))
    .fetch_all(pool)
    .await
}
