//! Communications with NexaCRM: a person's support messages, feedback and survey answers, the
//! operators' replies, and each person's survey preferences. A person's reads always take their
//! user id; only the operator functions read across people.

use sqlx::{AnyConnection, AnyPool, FromRow};

#[derive(Clone, Debug, FromRow)]
pub struct CommunicationRow {
    pub id: String,
    pub user_id: String,
    pub user_name: String,
    pub user_email: String,
    pub workspace_slug: Option<String>,
    pub kind: String,
    pub category: String,
    pub message: String,
    pub context: String,
    pub score: Option<i64>,
    pub status: String,
    pub created_at: i64,
    pub updated_at: i64,
}

#[derive(Clone, Debug, FromRow)]
pub struct ReplyRow {
    pub id: String,
    pub communication_id: String,
    pub author_name: Option<String>,
    pub message: String,
    pub created_at: i64,
}

const SELECT: &str = "select c.id, c.user_id, u.full_name as user_name, u.email as user_email, w.slug as workspace_slug, \
    c.kind, c.category, c.message, c.context, c.score, c.status, c.created_at, c.updated_at \
    from communications c join users u on u.id = c.user_id left join workspaces w on w.id = c.workspace_id";

/// A new communication, stored as open.
pub struct NewCommunication<'a> {
    pub id: &'a str,
    pub user_id: &'a str,
    pub workspace_id: Option<&'a str>,
    pub kind: &'a str,
    pub category: &'a str,
    pub message: &'a str,
    pub context: &'a str,
    pub score: Option<i64>,
    pub now_ms: i64,
}

pub async fn insert(conn: &mut AnyConnection, new: &NewCommunication<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into communications (id, user_id, workspace_id, kind, category, message, context, score, status, created_at, updated_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, 'open', $9, $9)",
    )
    .bind(new.id)
    .bind(new.user_id)
    .bind(new.workspace_id)
    .bind(new.kind)
    .bind(new.category)
    .bind(new.message)
    .bind(new.context)
    .bind(new.score)
    .bind(new.now_ms)
    .execute(conn)
    .await?;
    Ok(())
}

/// The person's own communications, newest first.
pub async fn of_user(pool: &AnyPool, user_id: &str) -> Result<Vec<CommunicationRow>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} where c.user_id = $1 order by c.created_at desc, c.id desc")))
        .bind(user_id)
        .fetch_all(pool)
        .await
}

/// The replies to the person's own communications, oldest first.
pub async fn replies_of_user(pool: &AnyPool, user_id: &str) -> Result<Vec<ReplyRow>, sqlx::Error> {
    sqlx::query_as(
        "select r.id, r.communication_id, a.full_name as author_name, r.message, r.created_at \
         from communication_replies r join communications c on c.id = r.communication_id left join users a on a.id = r.author_id \
         where c.user_id = $1 order by r.created_at, r.id",
    )
    .bind(user_id)
    .fetch_all(pool)
    .await
}

/// Every person's communications for the operators' inbox, newest first, optionally of one status.
pub async fn inbox(pool: &AnyPool, status: Option<&str>) -> Result<Vec<CommunicationRow>, sqlx::Error> {
    let order = "order by c.created_at desc, c.id desc limit 500";
    match status {
        Some(status) => {
            sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} where c.status = $1 {order}"))).bind(status).fetch_all(pool).await
        }
        None => sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} {order}"))).fetch_all(pool).await,
    }
}

/// Any person's communication (operators only).
pub async fn find(conn: &mut AnyConnection, id: &str) -> Result<Option<CommunicationRow>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} where c.id = $1"))).bind(id).fetch_optional(conn).await
}

/// The replies to one communication, oldest first.
pub async fn replies(conn: &mut AnyConnection, communication_id: &str) -> Result<Vec<ReplyRow>, sqlx::Error> {
    sqlx::query_as(
        "select r.id, r.communication_id, a.full_name as author_name, r.message, r.created_at \
         from communication_replies r left join users a on a.id = r.author_id \
         where r.communication_id = $1 order by r.created_at, r.id",
    )
    .bind(communication_id)
    .fetch_all(conn)
    .await
}

pub async fn insert_reply(conn: &mut AnyConnection, id: &str, communication_id: &str, author_id: &str, message: &str, now_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query("insert into communication_replies (id, communication_id, author_id, message, created_at) values ($1, $2, $3, $4, $5)")
        .bind(id)
        .bind(communication_id)
        .bind(author_id)
        .bind(message)
        .bind(now_ms)
        .execute(conn)
        .await?;
    Ok(())
}

/// Sets a communication's status; false when there is no such communication.
pub async fn set_status(conn: &mut AnyConnection, id: &str, status: &str, now_ms: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("update communications set status = $2, updated_at = $3 where id = $1")
        .bind(id)
        .bind(status)
        .bind(now_ms)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// When the person's account was created, and their survey preferences (next time to ask, never).
pub async fn survey_state(conn: &mut AnyConnection, user_id: &str) -> Result<Option<(i64, Option<i64>, i64)>, sqlx::Error> {
    sqlx::query_as(
        "select u.created_at, p.next_ask_at, coalesce(p.never_ask, 0) from users u \
         left join survey_preferences p on p.user_id = u.id where u.id = $1",
    )
    .bind(user_id)
    .fetch_optional(conn)
    .await
}

/// Records when to ask the person again (`None` with `never_ask` for never).
pub async fn set_survey_preference(conn: &mut AnyConnection, user_id: &str, next_ask_at: Option<i64>, never_ask: bool, now_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into survey_preferences (user_id, next_ask_at, never_ask, updated_at) values ($1, $2, $3, $4) \
         on conflict (user_id) do update set next_ask_at = excluded.next_ask_at, never_ask = excluded.never_ask, updated_at = excluded.updated_at",
    )
    .bind(user_id)
    .bind(next_ask_at)
    .bind(i64::from(never_ask))
    .bind(now_ms)
    .execute(conn)
    .await?;
    Ok(())
}
