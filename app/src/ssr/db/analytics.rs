//! Anonymised analytics: counts per day (page views by route pattern, feature use, distinct
//! visitors), the day's random salt, and the salted visitor hashes seen that day. No row here
//! holds an IP address, a user id or anything that lasts across days.

use sqlx::{AnyPool, FromRow};

/// Adds one to a day's count.
pub async fn count(pool: &AnyPool, day: &str, kind: &str, name: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into analytics_daily (day, kind, name, count) values ($1, $2, $3, 1) \
         on conflict (day, kind, name) do update set count = analytics_daily.count + 1",
    )
    .bind(day)
    .bind(kind)
    .bind(name)
    .execute(pool)
    .await?;
    Ok(())
}

/// The day's salt, made on the day's first visit. Two servers racing agree on the first one written.
pub async fn salt_for(pool: &AnyPool, day: &str, fresh_salt: &str, now_ms: i64) -> Result<String, sqlx::Error> {
    sqlx::query("insert into analytics_salts (day, salt, created_at) values ($1, $2, $3) on conflict (day) do nothing")
        .bind(day)
        .bind(fresh_salt)
        .bind(now_ms)
        .execute(pool)
        .await?;
    sqlx::query_scalar("select salt from analytics_salts where day = $1").bind(day).fetch_one(pool).await
}

/// Notes a visitor hash for the day; true the first time it is seen that day.
pub async fn first_visit_today(pool: &AnyPool, day: &str, visitor: &str) -> Result<bool, sqlx::Error> {
    let inserted = sqlx::query("insert into analytics_visitors (day, visitor) values ($1, $2) on conflict (day, visitor) do nothing")
        .bind(day)
        .bind(visitor)
        .execute(pool)
        .await?;
    Ok(inserted.rows_affected() == 1)
}

/// Deletes the salts made before `before_ms` and the visitor hashes of days without a salt.
pub async fn forget_old_salts(pool: &AnyPool, before_ms: i64) -> Result<u64, sqlx::Error> {
    let salts = sqlx::query("delete from analytics_salts where created_at < $1").bind(before_ms).execute(pool).await?;
    sqlx::query("delete from analytics_visitors where day not in (select day from analytics_salts)").execute(pool).await?;
    Ok(salts.rows_affected())
}

/// One count, for the operator's page.
#[derive(Clone, Debug, FromRow)]
pub struct DailyCount {
    pub day: String,
    pub kind: String,
    pub name: String,
    pub count: i64,
}

/// Every count from `first_day` on (days are `YYYY-MM-DD`, so they sort as text).
pub async fn since(pool: &AnyPool, first_day: &str) -> Result<Vec<DailyCount>, sqlx::Error> {
    sqlx::query_as("select day, kind, name, count from analytics_daily where day >= $1 order by day, kind, name")
        .bind(first_day)
        .fetch_all(pool)
        .await
}
