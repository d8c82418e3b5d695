//! Users, their policy acceptances and failed sign-ins.

use sqlx::{AnyConnection, AnyPool, FromRow};

/// What sign-in needs to know about a user.
#[derive(Debug, FromRow)]
pub struct Credentials {
    pub id: String,
    pub password_hash: String,
}

pub struct NewUserRow<'a> {
    pub id: &'a str,
    pub email: &'a str,
    pub full_name: &'a str,
    pub job_title: &'a str,
    pub password_hash: &'a str,
    pub now_ms: i64,
}

pub async fn email_taken(pool: &AnyPool, email: &str) -> Result<bool, sqlx::Error> {
    let row: Option<(String,)> = sqlx::query_as("select id from users where lower(email) = lower($1)")
        .bind(email)
        .fetch_optional(pool)
        .await?;
    Ok(row.is_some())
}

pub async fn insert_user(conn: &mut AnyConnection, user: &NewUserRow<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into users (id, email, full_name, job_title, password_hash, age_confirmed_at, created_at, updated_at) \
         values ($1, $2, $3, $4, $5, $6, $6, $6)",
    )
    .bind(user.id)
    .bind(user.email)
    .bind(user.full_name)
    .bind(user.job_title)
    .bind(user.password_hash)
    .bind(user.now_ms)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn record_policy_acceptance(
    conn: &mut AnyConnection,
    user_id: &str,
    policy_version: &str,
    terms_version: &str,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into policy_acceptances (user_id, accepted_at, policy_version, terms_version) values ($1, $2, $3, $4)",
    )
    .bind(user_id)
    .bind(now_ms)
    .bind(policy_version)
    .bind(terms_version)
    .execute(conn)
    .await?;
    Ok(())
}

/// Looks an account up by email, compared without regard to case.
pub async fn credentials_by_email(pool: &AnyPool, email: &str) -> Result<Option<Credentials>, sqlx::Error> {
    sqlx::query_as("select id, password_hash from users where lower(email) = lower($1)")
        .bind(email)
        .fetch_optional(pool)
        .await
}

pub async fn update_password_hash(conn: &mut AnyConnection, user_id: &str, hash: &str, now_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query("update users set password_hash = $2, updated_at = $3 where id = $1")
        .bind(user_id)
        .bind(hash)
        .bind(now_ms)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn record_login_failure(pool: &AnyPool, account: &str, now_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query("insert into login_failures (id, account, failed_at) values ($1, $2, $3)")
        .bind(super::new_id())
        .bind(account)
        .bind(now_ms)
        .execute(pool)
        .await?;
    Ok(())
}

/// Failed sign-ins for `account` since `since_ms`, and the oldest of them.
pub async fn login_failures_since(pool: &AnyPool, account: &str, since_ms: i64) -> Result<(i64, Option<i64>), sqlx::Error> {
    sqlx::query_as("select count(*), min(failed_at) from login_failures where account = $1 and failed_at >= $2")
        .bind(account)
        .bind(since_ms)
        .fetch_one(pool)
        .await
}

/// Forgets failures older than `before_ms` (they no longer count toward any limit).
pub async fn prune_login_failures(pool: &AnyPool, before_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query("delete from login_failures where failed_at < $1").bind(before_ms).execute(pool).await?;
    Ok(())
}

/// The account with this address (any case): (id, full name, stored address).
pub async fn account_by_email(conn: &mut AnyConnection, email: &str) -> Result<Option<(String, String, String)>, sqlx::Error> {
    sqlx::query_as("select id, full_name, email from users where lower(email) = lower($1)").bind(email).fetch_optional(conn).await
}

/// Whether the person wants a mail when a new device signs in.
pub async fn notify_new_sign_in(pool: &AnyPool, user_id: &str) -> Result<bool, sqlx::Error> {
    let (on,): (i64,) = sqlx::query_as("select notify_new_sign_in from users where id = $1").bind(user_id).fetch_one(pool).await?;
    Ok(on != 0)
}

pub async fn set_notify_new_sign_in(pool: &AnyPool, user_id: &str, on: bool) -> Result<(), sqlx::Error> {
    sqlx::query("update users set notify_new_sign_in = $2 where id = $1").bind(user_id).bind(i64::from(on)).execute(pool).await?;
    Ok(())
}
