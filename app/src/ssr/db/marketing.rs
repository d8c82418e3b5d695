//! Marketing email: the person's opt-in (off by default, with the time of the last choice), the
//! people it goes to, and the one-click unsubscribe tokens (kept only as SHA-256 hashes).

use sqlx::{AnyConnection, AnyPool, FromRow};

/// Whether the person opted in to marketing email, and when they last chose.
pub async fn opt_in(pool: &AnyPool, user_id: &str) -> Result<(bool, Option<i64>), sqlx::Error> {
    let (on, at): (i64, Option<i64>) =
        sqlx::query_as("select marketing_opt_in, marketing_choice_at from users where id = $1").bind(user_id).fetch_one(pool).await?;
    Ok((on != 0, at))
}

/// Records the person's marketing choice at `now_ms`.
pub async fn set_opt_in(conn: &mut AnyConnection, user_id: &str, on: bool, now_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query("update users set marketing_opt_in = $2, marketing_choice_at = $3 where id = $1")
        .bind(user_id)
        .bind(i64::from(on))
        .bind(now_ms)
        .execute(conn)
        .await?;
    Ok(())
}

/// Turns marketing email off (an unsubscribe link); the time of the choice changes only when it
/// was on, so following the link twice records one choice.
pub async fn opt_out(conn: &mut AnyConnection, user_id: &str, now_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query("update users set marketing_opt_in = 0, marketing_choice_at = $2 where id = $1 and marketing_opt_in = 1")
        .bind(user_id)
        .bind(now_ms)
        .execute(conn)
        .await?;
    Ok(())
}

/// Someone who opted in to marketing email.
#[derive(Clone, Debug, FromRow)]
pub struct Recipient {
    pub id: String,
    pub full_name: String,
    pub email: String,
}

/// Who may be sent marketing email: opted in, and the account neither pending deletion nor
/// suspended.
const AUDIENCE: &str = "marketing_opt_in = 1 and deletion_due_at is null and suspended_at is null";

/// Everyone who may be sent marketing email (see `AUDIENCE`), oldest account first.
pub async fn opted_in(conn: &mut AnyConnection) -> Result<Vec<Recipient>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("select id, full_name, email from users where {AUDIENCE} order by created_at, id"))).fetch_all(conn).await
}

/// How many people the next news would reach.
pub async fn count_opted_in(pool: &AnyPool) -> Result<u64, sqlx::Error> {
    let (count,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(format!("select count(*) from users where {AUDIENCE}"))).fetch_one(pool).await?;
    Ok(u64::try_from(count).unwrap_or_default())
}

/// Keeps the hash of a new unsubscribe token for `user_id`.
pub async fn insert_token(conn: &mut AnyConnection, token_hash: &str, user_id: &str, now_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query("insert into unsubscribe_tokens (token_hash, user_id, created_at) values ($1, $2, $3)")
        .bind(token_hash)
        .bind(user_id)
        .bind(now_ms)
        .execute(conn)
        .await?;
    Ok(())
}

/// The person an unsubscribe token belongs to, with their address (to show whom the link
/// unsubscribes) and whether marketing email is still on.
#[derive(Clone, Debug, FromRow)]
pub struct TokenOwner {
    pub user_id: String,
    pub email: String,
    pub marketing_opt_in: i64,
}

pub async fn token_owner(conn: &mut AnyConnection, token_hash: &str) -> Result<Option<TokenOwner>, sqlx::Error> {
    sqlx::query_as(
        "select u.id as user_id, u.email, u.marketing_opt_in from unsubscribe_tokens t join users u on u.id = t.user_id where t.token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(conn)
    .await
}
