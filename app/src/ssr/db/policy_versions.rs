//! Privacy Policy versions published by operators (the first version ships with the code).

use sqlx::{AnyConnection, AnyPool, FromRow};

/// A version without its text.
#[derive(Clone, Debug, FromRow)]
pub struct VersionRow {
    pub version: String,
    pub summary: String,
    pub published_at: i64,
}

pub async fn all(pool: &AnyPool) -> Result<Vec<VersionRow>, sqlx::Error> {
    sqlx::query_as("select version, summary, published_at from policy_versions order by version").fetch_all(pool).await
}

/// The full text of a published version.
pub async fn body(pool: &AnyPool, version: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("select body from policy_versions where version = $1").bind(version).fetch_optional(pool).await
}

pub struct NewVersion<'a> {
    pub version: &'a str,
    pub summary: &'a str,
    pub body: &'a str,
    pub published_by: &'a str,
    pub now_ms: i64,
}

pub async fn insert(conn: &mut AnyConnection, new: &NewVersion<'_>) -> Result<(), sqlx::Error> {
    sqlx::query("insert into policy_versions (version, summary, body, published_at, published_by) values ($1, $2, $3, $4, $5)")
        .bind(new.version)
        .bind(new.summary)
        .bind(new.body)
        .bind(new.now_ms)
        .bind(new.published_by)
        .execute(conn)
        .await?;
    Ok(())
}

/// Everyone to tell about a new version: (name, email) of every account.
pub async fn recipients(conn: &mut AnyConnection) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as("select full_name, email from users order by created_at, id").fetch_all(conn).await
}
