//! Privacy requests (policy section 7): what a person asked for, when it is due (30 days after it
//! was made), and the operator's answer. A person's reads always take their user id; only the
//! operator functions read across people.

use sqlx::{AnyConnection, AnyPool, FromRow};

#[derive(Clone, Debug, FromRow)]
pub struct PrivacyRequestRow {
    pub id: String,
    pub user_id: String,
    pub user_name: String,
    pub user_email: String,
    /// The workspace the person wrote from, if it still exists.
    pub workspace_slug: Option<String>,
    pub kind: String,
    pub message: String,
    pub status: String,
    pub due_at: i64,
    pub answer: Option<String>,
    /// `None` when unanswered or when the operator's account is gone.
    pub answered_by_name: Option<String>,
    pub answered_at: Option<i64>,
    pub created_at: i64,
}

const SELECT: &str = "select r.id, r.user_id, u.full_name as user_name, u.email as user_email, w.slug as workspace_slug, \
    r.kind, r.message, r.status, r.due_at, r.answer, a.full_name as answered_by_name, r.answered_at, r.created_at \
    from privacy_requests r join users u on u.id = r.user_id left join workspaces w on w.id = r.workspace_id \
    left join users a on a.id = r.answered_by";

/// A new request, stored as open.
pub struct NewPrivacyRequest<'a> {
    pub id: &'a str,
    pub user_id: &'a str,
    pub workspace_id: Option<&'a str>,
    pub kind: &'a str,
    pub message: &'a str,
    pub due_at: i64,
    pub now_ms: i64,
}

pub async fn insert(conn: &mut AnyConnection, new: &NewPrivacyRequest<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into privacy_requests (id, user_id, workspace_id, kind, message, status, due_at, created_at, updated_at) \
         values ($1, $2, $3, $4, $5, 'open', $6, $7, $7)",
    )
    .bind(new.id)
    .bind(new.user_id)
    .bind(new.workspace_id)
    .bind(new.kind)
    .bind(new.message)
    .bind(new.due_at)
    .bind(new.now_ms)
    .execute(conn)
    .await?;
    Ok(())
}

/// The person's own requests, newest first.
pub async fn of_user(pool: &AnyPool, user_id: &str) -> Result<Vec<PrivacyRequestRow>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} where r.user_id = $1 order by r.created_at desc, r.id desc")))
        .bind(user_id)
        .fetch_all(pool)
        .await
}

/// Every person's requests of one status for the operators: open ones by due date (the most
/// urgent first), answered ones most recently answered first. At most 500.
pub async fn for_operators(pool: &AnyPool, status: &str) -> Result<Vec<PrivacyRequestRow>, sqlx::Error> {
    let order = if status == "open" { "r.due_at, r.id" } else { "r.answered_at desc, r.id desc" };
    sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} where r.status = $1 order by {order} limit 500")))
        .bind(status)
        .fetch_all(pool)
        .await
}

/// Any person's request (operators only).
pub async fn find(conn: &mut AnyConnection, id: &str) -> Result<Option<PrivacyRequestRow>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} where r.id = $1"))).bind(id).fetch_optional(conn).await
}

/// Records the answer to an open request; answers whether it was still open (an answered request
/// keeps its first answer).
pub async fn answer(conn: &mut AnyConnection, id: &str, answer: &str, operator_id: &str, now_ms: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "update privacy_requests set status = 'answered', answer = $2, answered_by = $3, answered_at = $4, updated_at = $4 \
         where id = $1 and status = 'open'",
    )
    .bind(id)
    .bind(answer)
    .bind(operator_id)
    .bind(now_ms)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() > 0)
}
