//! The `data_exports` table: export jobs, their progress and their archives.
//!
//! Rows belong to the person who asked (`user_id`); a workspace export also names its workspace.
//! Like the mail outbox, the table is the server's rather than a workspace's: the worker's
//! statements do not filter on a workspace, and everything a person reads is found by their id.
//!
//! Statuses: `queued` → `running` (claimed) → `ready` → `expired`, or `failed`.

use sqlx::{AnyConnection, AnyPool, FromRow};

pub const QUEUED: &str = "queued";
pub const RUNNING: &str = "running";
pub const READY: &str = "ready";
pub const FAILED: &str = "failed";
pub const EXPIRED: &str = "expired";

/// The person's own data.
pub const PERSONAL: &str = "personal";
/// Every record of one workspace.
pub const WORKSPACE: &str = "workspace";

/// An export with what the pages, the worker and the mails need about its requester and workspace.
#[derive(Clone, Debug, FromRow)]
pub struct ExportRow {
    pub id: String,
    pub user_id: String,
    pub scope: String,
    pub workspace_id: Option<String>,
    pub status: String,
    pub attempts: i64,
    pub parts_done: i64,
    pub parts_total: i64,
    pub rows_done: i64,
    pub size_bytes: Option<i64>,
    pub error: Option<String>,
    pub created_at: i64,
    pub finished_at: Option<i64>,
    pub expires_at: Option<i64>,
    pub downloaded_at: Option<i64>,
    pub updated_at: i64,
    pub user_name: String,
    pub user_email: String,
    pub workspace_name: Option<String>,
    pub workspace_slug: Option<String>,
}

const SELECT: &str = "select x.id, x.user_id, x.scope, x.workspace_id, x.status, x.attempts, x.parts_done, x.parts_total, \
    x.rows_done, x.size_bytes, x.error, x.created_at, x.finished_at, x.expires_at, x.downloaded_at, x.updated_at, \
    u.full_name as user_name, u.email as user_email, w.name as workspace_name, w.slug as workspace_slug \
    from data_exports x join users u on u.id = x.user_id left join workspaces w on w.id = x.workspace_id";

/// A request to record.
#[derive(Clone, Copy, Debug)]
pub struct NewExport<'a> {
    pub id: &'a str,
    pub user_id: &'a str,
    /// `PERSONAL` or `WORKSPACE`.
    pub scope: &'a str,
    /// The workspace of a workspace export; `None` for a personal one.
    pub workspace_id: Option<&'a str>,
    pub now_ms: i64,
}

/// Records a queued export unless the same person asked for the same export (their own data, or
/// this workspace) after `since_ms` and that request did not fail. One statement, so a
/// double click cannot slip two requests past the check on SQLite. Returns whether it was recorded.
pub async fn insert_unless_recent(conn: &mut AnyConnection, new: &NewExport<'_>, since_ms: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "insert into data_exports (id, user_id, scope, workspace_id, status, attempts, parts_done, parts_total, rows_done, \
         created_at, updated_at) \
         select $1, $2, $3, $4, 'queued', 0, 0, 0, 0, $5, $5 \
         where not exists (select 1 from data_exports where user_id = $2 and scope = $3 and coalesce(workspace_id, '') = $6 \
         and status <> 'failed' and created_at > $7)",
    )
    .bind(new.id)
    .bind(new.user_id)
    .bind(new.scope)
    .bind(new.workspace_id)
    .bind(new.now_ms)
    .bind(new.workspace_id.unwrap_or(""))
    .bind(since_ms)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// When the person last asked for this export (their own data, or this workspace) after
/// `since_ms` in a request that did not fail.
pub async fn last_counting_request(pool: &AnyPool, user_id: &str, scope: &str, workspace_id: Option<&str>, since_ms: i64) -> Result<Option<i64>, sqlx::Error> {
    let row: (Option<i64>,) = sqlx::query_as(
        "select max(created_at) from data_exports where user_id = $1 and scope = $2 and coalesce(workspace_id, '') = $3 \
         and status <> 'failed' and created_at > $4",
    )
    .bind(user_id)
    .bind(scope)
    .bind(workspace_id.unwrap_or(""))
    .bind(since_ms)
    .fetch_one(pool)
    .await?;
    Ok(row.0)
}

/// The person's exports of one kind (their own data, or one workspace), newest first, at most `limit`.
pub async fn of_user(pool: &AnyPool, user_id: &str, scope: &str, workspace_id: Option<&str>, limit: i64) -> Result<Vec<ExportRow>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{SELECT} where x.user_id = $1 and x.scope = $2 and coalesce(x.workspace_id, '') = $3 order by x.created_at desc, x.id desc limit $4"
    )))
    .bind(user_id)
    .bind(scope)
    .bind(workspace_id.unwrap_or(""))
    .bind(limit)
    .fetch_all(pool)
    .await
}

/// One export, only when `user_id` asked for it: anyone else gets `None`, as for an id that does
/// not exist.
pub async fn find_of_user(pool: &AnyPool, id: &str, user_id: &str) -> Result<Option<ExportRow>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} where x.id = $1 and x.user_id = $2")))
        .bind(id)
        .bind(user_id)
        .fetch_optional(pool)
        .await
}

/// One export, for the worker.
pub async fn find(pool: &AnyPool, id: &str) -> Result<Option<ExportRow>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} where x.id = $1"))).bind(id).fetch_optional(pool).await
}

/// Ids of queued exports, oldest first (at most `limit`).
pub async fn queued(pool: &AnyPool, limit: i64) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(String,)> =
        sqlx::query_as("select id from data_exports where status = 'queued' order by created_at, id limit $1").bind(limit).fetch_all(pool).await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// Claims a queued export: `running`, one more attempt, progress from zero. Only one caller can
/// win a row (the update only matches a `queued` one), so two workers never build the same
/// archive. `None` when another worker claimed it first.
pub async fn claim(pool: &AnyPool, id: &str, parts_total: i64, now_ms: i64) -> Result<Option<ExportRow>, sqlx::Error> {
    let done = sqlx::query(
        "update data_exports set status = 'running', attempts = attempts + 1, parts_done = 0, parts_total = $3, rows_done = 0, \
         error = null, claimed_at = $2, updated_at = $2 where id = $1 and status = 'queued'",
    )
    .bind(id)
    .bind(now_ms)
    .bind(parts_total)
    .execute(pool)
    .await?;
    if done.rows_affected() == 0 {
        return Ok(None);
    }
    find(pool, id).await
}

/// The scope of a queued export (to know how many parts it will have before claiming it).
pub async fn scope_of(pool: &AnyPool, id: &str) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String,)> = sqlx::query_as("select scope from data_exports where id = $1").bind(id).fetch_optional(pool).await?;
    Ok(row.map(|(scope,)| scope))
}

/// Records progress (and that the worker is alive) for the claim numbered `attempt`. `false` when
/// the export is no longer that claim's (taken back as stale, maybe claimed again): the worker
/// must stop building it.
pub async fn record_progress(pool: &AnyPool, id: &str, attempt: i64, parts_done: i64, rows_done: i64, now_ms: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "update data_exports set parts_done = $2, rows_done = $3, updated_at = $4 where id = $1 and status = 'running' and attempts = $5",
    )
    .bind(id)
    .bind(parts_done)
    .bind(rows_done)
    .bind(now_ms)
    .bind(attempt)
    .execute(pool)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Marks an export ready to download until `expires_at`. `false` when it is not running under the
/// claim numbered `attempt`.
pub async fn mark_ready(conn: &mut AnyConnection, id: &str, attempt: i64, size_bytes: i64, expires_at: i64, now_ms: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "update data_exports set status = 'ready', parts_done = parts_total, size_bytes = $2, expires_at = $3, finished_at = $4, \
         updated_at = $4 where id = $1 and status = 'running' and attempts = $5",
    )
    .bind(id)
    .bind(size_bytes)
    .bind(expires_at)
    .bind(now_ms)
    .bind(attempt)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Marks an export failed with a message for the person. `false` when it is not running under the
/// claim numbered `attempt`.
pub async fn mark_failed(conn: &mut AnyConnection, id: &str, attempt: i64, message: &str, now_ms: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "update data_exports set status = 'failed', error = $2, finished_at = $3, updated_at = $3 \
         where id = $1 and status = 'running' and attempts = $4",
    )
    .bind(id)
    .bind(message)
    .bind(now_ms)
    .bind(attempt)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Running exports whose worker has not reported since `stale_before` (it stopped): those with
/// attempts left go back to the queue; returns how many.
pub async fn requeue_stale(pool: &AnyPool, stale_before: i64, max_attempts: i64, now_ms: i64) -> Result<u64, sqlx::Error> {
    let done = sqlx::query(
        "update data_exports set status = 'queued', updated_at = $2 where status = 'running' and updated_at < $1 and attempts < $3",
    )
    .bind(stale_before)
    .bind(now_ms)
    .bind(max_attempts)
    .execute(pool)
    .await?;
    Ok(done.rows_affected())
}

/// Ids of running exports whose worker has not reported since `stale_before` and that have used
/// every attempt (to be failed, with a notice).
pub async fn stale_without_attempts(pool: &AnyPool, stale_before: i64, max_attempts: i64) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(String,)> = sqlx::query_as("select id from data_exports where status = 'running' and updated_at < $1 and attempts >= $2")
        .bind(stale_before)
        .bind(max_attempts)
        .fetch_all(pool)
        .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// Fails a running export that stopped reporting before `stale_before` (unless it reported since).
pub async fn fail_stale(conn: &mut AnyConnection, id: &str, stale_before: i64, message: &str, now_ms: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "update data_exports set status = 'failed', error = $3, finished_at = $4, updated_at = $4 \
         where id = $1 and status = 'running' and updated_at < $2",
    )
    .bind(id)
    .bind(stale_before)
    .bind(message)
    .bind(now_ms)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Marks ready exports whose link expired by `now_ms` as expired; returns their ids (their files
/// are to be deleted).
pub async fn expire(pool: &AnyPool, now_ms: i64) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(String,)> =
        sqlx::query_as("select id from data_exports where status = 'ready' and expires_at <= $1").bind(now_ms).fetch_all(pool).await?;
    let mut expired = Vec::with_capacity(rows.len());
    for (id,) in rows {
        let done = sqlx::query("update data_exports set status = 'expired', updated_at = $2 where id = $1 and status = 'ready'")
            .bind(&id)
            .bind(now_ms)
            .execute(pool)
            .await?;
        if done.rows_affected() == 1 {
            expired.push(id);
        }
    }
    Ok(expired)
}

/// Whether an export still needs its file (queued, running or ready).
pub async fn keeps_file(pool: &AnyPool, id: &str) -> Result<bool, sqlx::Error> {
    let row: Option<(i64,)> = sqlx::query_as("select 1 from data_exports where id = $1 and status in ('queued', 'running', 'ready')")
        .bind(id)
        .fetch_optional(pool)
        .await?;
    Ok(row.is_some())
}

/// Notes the first download of an archive.
pub async fn mark_downloaded(pool: &AnyPool, id: &str, now_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query("update data_exports set downloaded_at = $2 where id = $1 and downloaded_at is null").bind(id).bind(now_ms).execute(pool).await?;
    Ok(())
}

/// Stores the hash of a new one-time download token for a ready export (the previous one stops working).
pub async fn set_download_token(pool: &AnyPool, id: &str, token_hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("update data_exports set download_token_hash = $2 where id = $1").bind(id).bind(token_hash).execute(pool).await?;
    Ok(())
}

/// Spends a download token: true once for the matching token, false ever after.
pub async fn spend_download_token(pool: &AnyPool, id: &str, token_hash: &str) -> Result<bool, sqlx::Error> {
    let spent = sqlx::query("update data_exports set download_token_hash = null where id = $1 and download_token_hash = $2")
        .bind(id)
        .bind(token_hash)
        .execute(pool)
        .await?;
    Ok(spent.rows_affected() == 1)
}

/// Whether the person has an archive of their own data that is ready, unexpired and not yet
/// downloaded (the notice in the workspace shell).
pub async fn personal_ready_waiting(pool: &AnyPool, user_id: &str, now_ms: i64) -> Result<bool, sqlx::Error> {
    let waiting: Option<i64> = sqlx::query_scalar(
        "select 1 from data_exports where user_id = $1 and scope = 'personal' and status = 'ready' \
         and downloaded_at is null and expires_at > $2 limit 1",
    )
    .bind(user_id)
    .bind(now_ms)
    .fetch_optional(pool)
    .await?;
    Ok(waiting.is_some())
}
