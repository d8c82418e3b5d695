//! Changing an account's address: pending changes with a hashed token, confirmed once.

use sqlx::{AnyConnection, FromRow};

#[derive(Clone, Debug, FromRow)]
pub struct ChangeRow {
    pub id: String,
    pub user_id: String,
    pub new_email: String,
    pub expires_at: i64,
    pub used_at: Option<i64>,
}

/// A new pending change; the person's older pending ones stop working.
pub async fn insert(conn: &mut AnyConnection, id: &str, user_id: &str, new_email: &str, token_hash: &str, now_ms: i64, expires_at: i64) -> Result<(), sqlx::Error> {
    sqlx::query("update email_changes set used_at = $2 where user_id = $1 and used_at is null").bind(user_id).bind(now_ms).execute(&mut *conn).await?;
    sqlx::query("insert into email_changes (id, user_id, new_email, token_hash, created_at, expires_at) values ($1, $2, $3, $4, $5, $6)")
        .bind(id)
        .bind(user_id)
        .bind(new_email)
        .bind(token_hash)
        .bind(now_ms)
        .bind(expires_at)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn by_token(conn: &mut AnyConnection, token_hash: &str) -> Result<Option<ChangeRow>, sqlx::Error> {
    sqlx::query_as("select id, user_id, new_email, expires_at, used_at from email_changes where token_hash = $1").bind(token_hash).fetch_optional(conn).await
}

/// Uses a pending, unexpired change; false when it was used, voided or has expired.
pub async fn use_up(conn: &mut AnyConnection, id: &str, now_ms: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("update email_changes set used_at = $2 where id = $1 and used_at is null and expires_at > $2").bind(id).bind(now_ms).execute(conn).await?;
    Ok(done.rows_affected() == 1)
}

pub async fn set_email(conn: &mut AnyConnection, user_id: &str, email: &str, now_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query("update users set email = $2, updated_at = $3 where id = $1").bind(user_id).bind(email).bind(now_ms).execute(conn).await?;
    Ok(())
}
