//! Password reset links: issued (voiding the person's older ones), found by the token's hash,
//! and used once.

use sqlx::{AnyConnection, FromRow};

#[derive(Clone, Debug, FromRow)]
pub struct ResetRow {
    pub id: String,
    pub user_id: String,
    pub email: String,
    pub full_name: String,
    pub expires_at: i64,
    pub used_at: Option<i64>,
}

/// A new link for `user_id`; every older unused one stops working.
pub async fn issue(conn: &mut AnyConnection, id: &str, user_id: &str, token_hash: &str, now_ms: i64, expires_at: i64) -> Result<(), sqlx::Error> {
    void_all(conn, user_id, now_ms).await?;
    sqlx::query("insert into password_resets (id, user_id, token_hash, created_at, expires_at) values ($1, $2, $3, $4, $5)")
        .bind(id)
        .bind(user_id)
        .bind(token_hash)
        .bind(now_ms)
        .bind(expires_at)
        .execute(conn)
        .await?;
    Ok(())
}

/// Voids every unused link of `user_id` (a newer link, or a password change).
pub async fn void_all(conn: &mut AnyConnection, user_id: &str, now_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query("update password_resets set used_at = $2 where user_id = $1 and used_at is null").bind(user_id).bind(now_ms).execute(conn).await?;
    Ok(())
}

pub async fn by_token(conn: &mut AnyConnection, token_hash: &str) -> Result<Option<ResetRow>, sqlx::Error> {
    sqlx::query_as(
        "select r.id, r.user_id, u.email, u.full_name, r.expires_at, r.used_at from password_resets r \
         join users u on u.id = r.user_id where r.token_hash = $1",
    )
    .bind(token_hash)
    .fetch_optional(conn)
    .await
}

/// Uses an unused, unexpired link; false when it was used (or voided) or has expired, so a link
/// works once even when two requests race.
pub async fn use_up(conn: &mut AnyConnection, id: &str, now_ms: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("update password_resets set used_at = $2 where id = $1 and used_at is null and expires_at > $2")
        .bind(id)
        .bind(now_ms)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}
