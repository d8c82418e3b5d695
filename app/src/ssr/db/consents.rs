//! The consent log (every choice made in the cookie banner) and the preferences kept on the
//! account (theme). Rows are only ever added to the log; a person's own rows go into their data
//! download.

use sqlx::{AnyPool, FromRow};

/// One choice, as logged.
#[derive(Clone, Debug, FromRow)]
pub struct ConsentRow {
    pub id: String,
    pub consent_id: String,
    pub user_id: Option<String>,
    pub preferences: i32,
    pub analytics: i32,
    pub action: String,
    pub policy_version: String,
    pub created_at: i64,
}

/// A choice to log.
pub struct NewConsent<'a> {
    pub consent_id: &'a str,
    pub user_id: Option<&'a str>,
    pub preferences: bool,
    pub analytics: bool,
    pub action: &'a str,
    pub policy_version: &'a str,
    pub now_ms: i64,
}

pub async fn insert(pool: &AnyPool, consent: &NewConsent<'_>) -> Result<String, sqlx::Error> {
    let id = super::new_id();
    sqlx::query(
        "insert into consents (id, consent_id, user_id, preferences, analytics, action, policy_version, created_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(&id)
    .bind(consent.consent_id)
    .bind(consent.user_id)
    .bind(i32::from(consent.preferences))
    .bind(i32::from(consent.analytics))
    .bind(consent.action)
    .bind(consent.policy_version)
    .bind(consent.now_ms)
    .execute(pool)
    .await?;
    Ok(id)
}

/// Every choice made by a person while signed in, or from a browser they used, oldest first.
pub async fn of_user(pool: &AnyPool, user_id: &str) -> Result<Vec<ConsentRow>, sqlx::Error> {
    sqlx::query_as(
        "select id, consent_id, user_id, preferences, analytics, action, policy_version, created_at \
         from consents where user_id = $1 order by created_at, id",
    )
    .bind(user_id)
    .fetch_all(pool)
    .await
}

/// The theme kept on the account.
pub async fn theme_of(pool: &AnyPool, user_id: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("select theme from users where id = $1").bind(user_id).fetch_optional(pool).await
}

pub async fn save_theme(pool: &AnyPool, user_id: &str, theme: &str, now_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query("update users set theme = $1, updated_at = $2 where id = $3")
        .bind(theme)
        .bind(now_ms)
        .bind(user_id)
        .execute(pool)
        .await?;
    Ok(())
}

/// The interface language kept on the account.
pub async fn language_of(pool: &AnyPool, user_id: &str) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("select language from users where id = $1").bind(user_id).fetch_optional(pool).await
}

pub async fn save_language(pool: &AnyPool, user_id: &str, language: &str, now_ms: i64) -> Result<(), sqlx::Error> {
    save_language_in(&mut *pool.acquire().await?, user_id, language, now_ms).await
}

/// The same inside a transaction (sign-up).
pub async fn save_language_in(conn: &mut sqlx::AnyConnection, user_id: &str, language: &str, now_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query("update users set language = $1, updated_at = $2 where id = $3")
        .bind(language)
        .bind(now_ms)
        .bind(user_id)
        .execute(conn)
        .await?;
    Ok(())
}
