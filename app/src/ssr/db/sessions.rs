//! Session rows: keyed by the SHA-256 of the cookie's token, never by the token itself.

use sqlx::{AnyPool, FromRow};

pub struct NewSessionRow<'a> {
    pub id: &'a str,
    pub token_hash: &'a str,
    pub user_id: &'a str,
    pub now_ms: i64,
    pub expires_at: i64,
    pub user_agent: &'a str,
    pub ip: &'a str,
}

/// A live session joined with its user.
#[derive(Clone, Debug, FromRow)]
pub struct SessionRow {
    pub id: String,
    pub user_id: String,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub expires_at: i64,
    pub full_name: String,
    pub email: String,
    /// When the account's pending deletion is due (`None` for an account in normal use).
    pub deletion_due_at: Option<i64>,
}

pub async fn insert(pool: &AnyPool, row: &NewSessionRow<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into sessions (id, token_hash, user_id, created_at, last_seen_at, expires_at, user_agent, ip) \
         values ($1, $2, $3, $4, $4, $5, $6, $7)",
    )
    .bind(row.id)
    .bind(row.token_hash)
    .bind(row.user_id)
    .bind(row.now_ms)
    .bind(row.expires_at)
    .bind(row.user_agent)
    .bind(row.ip)
    .execute(pool)
    .await?;
    Ok(())
}

pub async fn find_by_token_hash(pool: &AnyPool, token_hash: &str) -> Result<Option<SessionRow>, sqlx::Error> {
    sqlx::query_as(
        "select s.id, s.user_id, s.created_at, s.last_seen_at, s.expires_at, u.full_name, u.email, u.deletion_due_at \
         from sessions s join users u on u.id = s.user_id where s.token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(pool)
    .await
}

/// Records activity: the session now ends at `expires_at`.
pub async fn touch(pool: &AnyPool, id: &str, now_ms: i64, expires_at: i64) -> Result<(), sqlx::Error> {
    sqlx::query("update sessions set last_seen_at = $2, expires_at = $3 where id = $1")
        .bind(id)
        .bind(now_ms)
        .bind(expires_at)
        .execute(pool)
        .await?;
    Ok(())
}

pub async fn delete(pool: &AnyPool, id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("delete from sessions where id = $1").bind(id).execute(pool).await?;
    Ok(())
}

pub async fn delete_by_token_hash(pool: &AnyPool, token_hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("delete from sessions where token_hash = $1").bind(token_hash).execute(pool).await?;
    Ok(())
}

/// Removes every session that has expired by `now_ms`; returns how many.
pub async fn delete_expired(pool: &AnyPool, now_ms: i64) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("delete from sessions where expires_at <= $1").bind(now_ms).execute(pool).await?;
    Ok(done.rows_affected())
}

/// One of a person's live sessions, for Settings → Security.
#[derive(Clone, Debug, FromRow)]
pub struct DeviceRow {
    pub id: String,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub user_agent: String,
    pub ip: String,
}

/// The person's sessions that have not expired, most recently used first.
pub async fn of_user(pool: &AnyPool, user_id: &str, now_ms: i64) -> Result<Vec<DeviceRow>, sqlx::Error> {
    sqlx::query_as("select id, created_at, last_seen_at, user_agent, ip from sessions where user_id = $1 and expires_at > $2 order by last_seen_at desc, id")
        .bind(user_id)
        .bind(now_ms)
        .fetch_all(pool)
        .await
}

/// Ends one of the person's sessions (another person's id matches nothing).
pub async fn delete_of_user(pool: &AnyPool, user_id: &str, id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("delete from sessions where user_id = $1 and id = $2").bind(user_id).bind(id).execute(pool).await?;
    Ok(())
}

/// Ends every session of the person but `keep`; answers how many ended.
pub async fn delete_others(conn: &mut sqlx::AnyConnection, user_id: &str, keep: &str) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("delete from sessions where user_id = $1 and id <> $2").bind(user_id).bind(keep).execute(conn).await?.rows_affected())
}

/// Ends every session of `user_id`.
pub async fn delete_all_of_user(conn: &mut sqlx::AnyConnection, user_id: &str) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("delete from sessions where user_id = $1").bind(user_id).execute(conn).await?.rows_affected())
}

/// Whether the person already has a live session from a browser with this user agent.
pub async fn known_device(pool: &AnyPool, user_id: &str, user_agent: &str) -> Result<bool, sqlx::Error> {
    let row: Option<(String,)> = sqlx::query_as("select id from sessions where user_id = $1 and user_agent = $2 limit 1")
        .bind(user_id)
        .bind(user_agent)
        .fetch_optional(pool)
        .await?;
    Ok(row.is_some())
}
