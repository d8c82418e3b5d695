//! Profiles: the fields a person edits, their picture (a PNG made by the server), and whether two
//! people share a workspace (who may see a picture).

use crate::domain::profile::ProfileFields;
use sqlx::{AnyConnection, AnyPool};

pub async fn load(pool: &AnyPool, user_id: &str) -> Result<(ProfileFields, i64), sqlx::Error> {
    let (full_name, job_title, phone, bio, timezone, currency, avatar_version): (String, String, String, String, String, String, i64) = sqlx::query_as(
        "select full_name, job_title, phone, bio, timezone, currency, avatar_version from users where id = $1",
    )
    .bind(user_id)
    .fetch_one(pool)
    .await?;
    Ok((ProfileFields { full_name, job_title, phone, bio, timezone, currency }, avatar_version))
}

pub async fn save(conn: &mut AnyConnection, user_id: &str, fields: &ProfileFields, now_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query("update users set full_name = $2, job_title = $3, phone = $4, bio = $5, timezone = $6, currency = $7, updated_at = $8 where id = $1")
        .bind(user_id)
        .bind(&fields.full_name)
        .bind(&fields.job_title)
        .bind(&fields.phone)
        .bind(&fields.bio)
        .bind(&fields.timezone)
        .bind(&fields.currency)
        .bind(now_ms)
        .execute(conn)
        .await?;
    Ok(())
}

/// Stores the person's picture (or removes it with `None`) and moves its version on.
pub async fn set_avatar(pool: &AnyPool, user_id: &str, png: Option<Vec<u8>>, now_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query("update users set avatar_png = $2, avatar_version = avatar_version + 1, updated_at = $3 where id = $1")
        .bind(user_id)
        .bind(png)
        .bind(now_ms)
        .execute(pool)
        .await?;
    Ok(())
}

pub async fn avatar(pool: &AnyPool, user_id: &str) -> Result<Option<Vec<u8>>, sqlx::Error> {
    let row: Option<(Option<Vec<u8>>,)> = sqlx::query_as("select avatar_png from users where id = $1").bind(user_id).fetch_optional(pool).await?;
    Ok(row.and_then(|(png,)| png))
}

/// Whether `viewer` may see `user`'s picture: it is theirs, or they share a workspace.
pub async fn may_see(pool: &AnyPool, viewer: &str, user: &str) -> Result<bool, sqlx::Error> {
    if viewer == user {
        return Ok(true);
    }
    let row: Option<(String,)> = sqlx::query_as(
        "select a.workspace_id from memberships a join memberships b on b.workspace_id = a.workspace_id where a.user_id = $1 and b.user_id = $2 limit 1",
    )
    .bind(viewer)
    .bind(user)
    .fetch_optional(pool)
    .await?;
    Ok(row.is_some())
}
