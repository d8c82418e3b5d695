//! Usage data about signed-in people (policy section 2): the page visits recorded by route
//! pattern, the person's objection to them, and the retention purge of visits and of the network
//! addresses kept with sessions.

use sqlx::{AnyConnection, AnyPool};

/// Records a page visit of `user_id` unless the person objected to usage data. The visit belongs
/// to the workspace `slug` names only when the person is a member of it. Answers whether a visit
/// was written. One statement, so the objection is read and honoured at the same moment.
pub async fn record_visit(pool: &AnyPool, id: &str, user_id: &str, slug: Option<&str>, route: &str, now_ms: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "insert into page_visits (id, user_id, workspace_id, route, visited_at) \
         select $1, u.id, (select w.id from workspaces w join memberships m on m.workspace_id = w.id \
                           where w.slug = $3 and m.user_id = u.id), $4, $5 \
         from users u where u.id = $2 and u.usage_objection = 0",
    )
    .bind(id)
    .bind(user_id)
    .bind(slug)
    .bind(route)
    .bind(now_ms)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() > 0)
}

/// Whether the person objected to usage data, and when they last chose.
pub async fn objection(pool: &AnyPool, user_id: &str) -> Result<(bool, Option<i64>), sqlx::Error> {
    let (on, at): (i64, Option<i64>) =
        sqlx::query_as("select usage_objection, usage_objection_at from users where id = $1").bind(user_id).fetch_one(pool).await?;
    Ok((on != 0, at))
}

/// Records the person's choice about usage data at `now_ms`.
pub async fn set_objection(conn: &mut AnyConnection, user_id: &str, on: bool, now_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query("update users set usage_objection = $2, usage_objection_at = $3 where id = $1")
        .bind(user_id)
        .bind(i64::from(on))
        .bind(now_ms)
        .execute(conn)
        .await?;
    Ok(())
}

/// Deletes every page visit recorded about the person (when they object).
pub async fn delete_visits_of(conn: &mut AnyConnection, user_id: &str) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("delete from page_visits where user_id = $1").bind(user_id).execute(conn).await?.rows_affected())
}

/// What one retention pass removed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Purged {
    pub page_visits: u64,
    pub session_addresses: u64,
}

/// Deletes page visits made before `cutoff_ms` and blanks the IP address of sessions that began
/// before it. A second pass with the same cutoff changes nothing.
pub async fn purge_before(pool: &AnyPool, cutoff_ms: i64) -> Result<Purged, sqlx::Error> {
    let visits = sqlx::query("delete from page_visits where visited_at < $1").bind(cutoff_ms).execute(pool).await?;
    let sessions = sqlx::query("update sessions set ip = '' where created_at < $1 and ip <> ''").bind(cutoff_ms).execute(pool).await?;
    Ok(Purged { page_visits: visits.rows_affected(), session_addresses: sessions.rows_affected() })
}
