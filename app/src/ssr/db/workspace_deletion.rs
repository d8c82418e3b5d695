//! Rows for deleting a whole workspace on the 30-day schedule: scheduling, cancelling, the
//! members to tell, reminders due and workspaces due for purge.

use sqlx::{AnyConnection, AnyPool, FromRow};

/// Marks the workspace for deletion at `due_at`; false when it already is.
pub async fn schedule(conn: &mut AnyConnection, workspace_id: &str, now_ms: i64, due_at: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "update workspaces set deletion_requested_at = $1, deletion_due_at = $2, deletion_reminded_days = null \
         where id = $3 and deletion_due_at is null",
    )
    .bind(now_ms)
    .bind(due_at)
    .bind(workspace_id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Takes the workspace off the schedule; false when it was not on it.
pub async fn cancel(conn: &mut AnyConnection, workspace_id: &str) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "update workspaces set deletion_requested_at = null, deletion_due_at = null, deletion_reminded_days = null \
         where id = $1 and deletion_due_at is not null",
    )
    .bind(workspace_id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// When the workspace at `slug` will be deleted, if it is scheduled.
pub async fn due_at_of_slug(pool: &AnyPool, slug: &str) -> Result<Option<i64>, sqlx::Error> {
    let due: Option<Option<i64>> =
        sqlx::query_scalar("select deletion_due_at from workspaces where slug = $1").bind(slug).fetch_optional(pool).await?;
    Ok(due.flatten())
}

/// Someone to tell about the workspace's deletion.
#[derive(Clone, Debug, FromRow)]
pub struct MemberRow {
    pub full_name: String,
    pub email: String,
}

/// Every member of the workspace (whose account is not itself being purged).
pub async fn members(conn: &mut AnyConnection, workspace_id: &str) -> Result<Vec<MemberRow>, sqlx::Error> {
    sqlx::query_as(
        "select u.full_name, u.email from memberships m join users u on u.id = m.user_id \
         where m.workspace_id = $1 and u.suspended_at is null order by u.email",
    )
    .bind(workspace_id)
    .fetch_all(conn)
    .await
}

/// A scheduled workspace.
#[derive(Clone, Debug, FromRow)]
pub struct ScheduledRow {
    pub id: String,
    pub name: String,
    pub slug: String,
    pub deletion_due_at: i64,
}

/// Scheduled workspaces at most `days` days from deletion that have not had that reminder (nor a later one).
pub async fn reminders_due(pool: &AnyPool, days: i64, now_ms: i64) -> Result<Vec<ScheduledRow>, sqlx::Error> {
    sqlx::query_as(
        "select id, name, slug, deletion_due_at from workspaces where deletion_due_at is not null \
         and deletion_due_at > $1 and deletion_due_at - $2 <= $1 \
         and (deletion_reminded_days is null or deletion_reminded_days > $3) order by deletion_due_at, id",
    )
    .bind(now_ms)
    .bind(days * super::deletion::DAY_MS)
    .bind(days)
    .fetch_all(pool)
    .await
}

/// Records that the `days` reminder went out; false when another pass did it first.
pub async fn mark_reminded(conn: &mut AnyConnection, workspace_id: &str, days: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "update workspaces set deletion_reminded_days = $1 where id = $2 and deletion_due_at is not null \
         and (deletion_reminded_days is null or deletion_reminded_days > $1)",
    )
    .bind(days)
    .bind(workspace_id)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Scheduled workspaces whose time has come.
pub async fn due_for_purge(pool: &AnyPool, now_ms: i64) -> Result<Vec<ScheduledRow>, sqlx::Error> {
    sqlx::query_as("select id, name, slug, deletion_due_at from workspaces where deletion_due_at is not null and deletion_due_at <= $1 order by id")
        .bind(now_ms)
        .fetch_all(pool)
        .await
}
