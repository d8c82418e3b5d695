//! CSV imports (`imports`), what each did to a record (`import_records`), the rows a check found
//! bad (`import_problems`), and the ids records had where they came from (`record_external_ids`).
//! See `ssr::imports` for the states an import goes through.

use crate::domain::records::RecordKind;
use sqlx::{AnyConnection, AnyPool, FromRow};

#[derive(Clone, Debug, FromRow)]
pub struct ImportRow {
    pub id: String,
    pub workspace_id: String,
    pub user_id: Option<String>,
    pub kind: String,
    pub file_name: String,
    pub delimiter: String,
    pub headers: String,
    pub total_rows: i64,
    pub mapping: String,
    pub mode: String,
    pub match_on: String,
    pub on_error: String,
    pub date_format: String,
    pub status: String,
    pub cancel_requested: i64,
    pub claim: Option<String>,
    pub rows_done: i64,
    pub created_count: i64,
    pub updated_count: i64,
    pub unchanged_count: i64,
    pub invalid_count: i64,
    pub not_found_count: i64,
    pub suppressed_count: i64,
    pub undone_count: i64,
    pub kept_count: i64,
    pub error: Option<String>,
    pub created_at: i64,
    pub started_at: Option<i64>,
    pub finished_at: Option<i64>,
    pub updated_at: i64,
}

const COLUMNS: &str = "id, workspace_id, user_id, kind, file_name, delimiter, headers, total_rows, mapping, mode, match_on, on_error, \
    date_format, status, cancel_requested, claim, rows_done, created_count, updated_count, unchanged_count, invalid_count, \
    not_found_count, suppressed_count, undone_count, kept_count, error, created_at, started_at, finished_at, updated_at";

/// A new upload, waiting in the wizard.
pub struct NewImport<'a> {
    pub id: &'a str,
    pub workspace_id: &'a str,
    pub user_id: &'a str,
    pub kind: RecordKind,
    pub file_name: &'a str,
    pub delimiter: &'a str,
    pub headers: &'a str,
    pub total_rows: i64,
    pub mapping: &'a str,
    pub match_on: &'a str,
    pub date_format: &'a str,
}

pub async fn insert(pool: &AnyPool, new: NewImport<'_>, now_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into imports (id, workspace_id, user_id, kind, file_name, delimiter, headers, total_rows, mapping, mode, match_on, on_error, \
         date_format, status, created_at, updated_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'create', $10, 'skip', $11, 'uploaded', $12, $12)",
    )
    .bind(new.id)
    .bind(new.workspace_id)
    .bind(new.user_id)
    .bind(new.kind.as_str())
    .bind(new.file_name)
    .bind(new.delimiter)
    .bind(new.headers)
    .bind(new.total_rows)
    .bind(new.mapping)
    .bind(new.match_on)
    .bind(new.date_format)
    .bind(now_ms)
    .execute(pool)
    .await?;
    Ok(())
}

pub async fn find(pool: &AnyPool, workspace_id: &str, id: &str) -> Result<Option<ImportRow>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("select {COLUMNS} from imports where workspace_id = $1 and id = $2")))
        .bind(workspace_id)
        .bind(id)
        .fetch_optional(pool)
        .await
}

async fn by_id(conn: &mut AnyConnection, id: &str) -> Result<Option<ImportRow>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("select {COLUMNS} from imports where id = $1"))).bind(id).fetch_optional(conn).await
}

/// The workspace's imports, newest first; with `user_id`, only that person's.
pub async fn recent(pool: &AnyPool, workspace_id: &str, user_id: Option<&str>, limit: i64) -> Result<Vec<ImportRow>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "select {COLUMNS} from imports where workspace_id = $1 and ($2 = '' or user_id = $2) order by created_at desc, id desc limit $3"
    )))
    .bind(workspace_id)
    .bind(user_id.unwrap_or(""))
    .bind(limit)
    .fetch_all(pool)
    .await
}

/// The wizard's choices, saved while the import is being set up; the rows are checked again
/// (`checking`, counters and problems cleared). False when it is past setting up.
/// What a fresh check or run starts from: no progress, no counts, no claim.
const FRESH: &str = "claim = null, rows_done = 0, created_count = 0, updated_count = 0, unchanged_count = 0, \
    invalid_count = 0, not_found_count = 0, suppressed_count = 0";

pub struct Choices<'a> {
    pub mapping: &'a str,
    pub mode: &'a str,
    pub match_on: &'a str,
    pub date_format: &'a str,
}

pub async fn configure(pool: &AnyPool, workspace_id: &str, id: &str, choices: Choices<'_>, now_ms: i64) -> Result<bool, sqlx::Error> {
    let mut conn = pool.acquire().await?;
    let mut tx = super::begin_write_on(&mut conn).await?;
    let done = sqlx::query(sqlx::AssertSqlSafe(format!(
        "update imports set mapping = $3, mode = $4, match_on = $5, date_format = $6, status = 'checking', {FRESH}, \
         error = null, updated_at = $7 where workspace_id = $1 and id = $2 and status in ('uploaded', 'checking', 'checked')"
    )))
    .bind(workspace_id)
    .bind(id)
    .bind(choices.mapping)
    .bind(choices.mode)
    .bind(choices.match_on)
    .bind(choices.date_format)
    .bind(now_ms)
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    if done {
        sqlx::query("delete from import_problems where import_id = $1").bind(id).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(done)
}

/// Starts a checked import (counters cleared for the real run). False unless it was `checked`.
pub async fn queue(pool: &AnyPool, workspace_id: &str, id: &str, on_error: &str, now_ms: i64) -> Result<bool, sqlx::Error> {
    let mut conn = pool.acquire().await?;
    let mut tx = super::begin_write_on(&mut conn).await?;
    let done = sqlx::query(sqlx::AssertSqlSafe(format!(
        "update imports set status = 'queued', on_error = $3, {FRESH}, updated_at = $4 \
         where workspace_id = $1 and id = $2 and status = 'checked'"
    )))
    .bind(workspace_id)
    .bind(id)
    .bind(on_error)
    .bind(now_ms)
    .execute(&mut *tx)
    .await?
    .rows_affected()
        == 1;
    if done {
        sqlx::query("delete from import_problems where import_id = $1").bind(id).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    Ok(done)
}

/// Stops an import: one not yet running is cancelled at once; a running one after its current
/// batch (the worker sees `cancel_requested`). False when there is nothing to stop.
pub async fn cancel(pool: &AnyPool, workspace_id: &str, id: &str, now_ms: i64) -> Result<bool, sqlx::Error> {
    let at_once = sqlx::query(
        "update imports set status = 'cancelled', claim = null, finished_at = $3, updated_at = $3 \
         where workspace_id = $1 and id = $2 and status in ('uploaded', 'checking', 'checked', 'queued')",
    )
    .bind(workspace_id)
    .bind(id)
    .bind(now_ms)
    .execute(pool)
    .await?
    .rows_affected();
    if at_once == 1 {
        return Ok(true);
    }
    let later = sqlx::query("update imports set cancel_requested = 1 where workspace_id = $1 and id = $2 and status = 'running'")
        .bind(workspace_id)
        .bind(id)
        .execute(pool)
        .await?
        .rows_affected();
    Ok(later == 1)
}

/// Asks for a finished import to be undone. False unless it is `done`, `cancelled` or `failed`.
pub async fn request_undo(pool: &AnyPool, workspace_id: &str, id: &str, now_ms: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "update imports set status = 'undoing', claim = null, undone_count = 0, kept_count = 0, updated_at = $3 \
         where workspace_id = $1 and id = $2 and status in ('done', 'cancelled', 'failed') and started_at is not null",
    )
    .bind(workspace_id)
    .bind(id)
    .bind(now_ms)
    .execute(pool)
    .await?
    .rows_affected();
    Ok(done == 1)
}

/// Imports a worker should take up: waiting ones, and busy ones whose worker stopped reporting
/// before `stale_before`.
pub async fn claimable(pool: &AnyPool, stale_before: i64, limit: i64) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(String,)> = sqlx::query_as(
        "select id from imports where status in ('checking', 'queued', 'running', 'undoing') \
         and (claim is null or updated_at < $1) order by updated_at limit $2",
    )
    .bind(stale_before)
    .bind(limit)
    .fetch_all(pool)
    .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// Takes an import for this worker (`claim`: a fresh token): a queued one starts running. The row
/// as claimed, or `None` when another worker has it.
pub async fn claim(pool: &AnyPool, id: &str, claim: &str, stale_before: i64, now_ms: i64) -> Result<Option<ImportRow>, sqlx::Error> {
    let mut conn = pool.acquire().await?;
    let taken = sqlx::query(
        "update imports set claim = $2, status = case when status = 'queued' then 'running' else status end, \
         started_at = case when status = 'queued' then $3 else started_at end, updated_at = $3 \
         where id = $1 and status in ('checking', 'queued', 'running', 'undoing') and (claim is null or updated_at < $4)",
    )
    .bind(id)
    .bind(claim)
    .bind(now_ms)
    .bind(stale_before)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if taken == 1 { by_id(&mut conn, id).await } else { Ok(None) }
}

/// The first statement of each batch's transaction: the worker still holds the import. False
/// when it lost its claim.
pub async fn heartbeat(conn: &mut AnyConnection, id: &str, claim: &str, now_ms: i64) -> Result<bool, sqlx::Error> {
    let updated = sqlx::query("update imports set updated_at = $3 where id = $1 and claim = $2").bind(id).bind(claim).bind(now_ms).execute(conn).await?;
    Ok(updated.rows_affected() == 1)
}

/// What a batch adds to an import's counters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub rows: i64,
    pub created: i64,
    pub updated: i64,
    pub unchanged: i64,
    pub invalid: i64,
    pub not_found: i64,
    pub suppressed: i64,
    pub undone: i64,
    pub kept: i64,
}

/// Adds a batch's counts inside the batch's transaction, while this worker still holds the
/// claim. False when it lost it (the caller rolls back and stops). Also tells whether a cancel
/// was asked for.
pub async fn advance(conn: &mut AnyConnection, id: &str, claim: &str, tally: Tally, now_ms: i64) -> Result<Option<bool>, sqlx::Error> {
    let updated = sqlx::query(
        "update imports set rows_done = rows_done + $3, created_count = created_count + $4, updated_count = updated_count + $5, \
         unchanged_count = unchanged_count + $6, invalid_count = invalid_count + $7, not_found_count = not_found_count + $8, \
         suppressed_count = suppressed_count + $9, undone_count = undone_count + $10, kept_count = kept_count + $11, updated_at = $12 \
         where id = $1 and claim = $2",
    )
    .bind(id)
    .bind(claim)
    .bind(tally.rows)
    .bind(tally.created)
    .bind(tally.updated)
    .bind(tally.unchanged)
    .bind(tally.invalid)
    .bind(tally.not_found)
    .bind(tally.suppressed)
    .bind(tally.undone)
    .bind(tally.kept)
    .bind(now_ms)
    .execute(&mut *conn)
    .await?
    .rows_affected();
    if updated != 1 {
        return Ok(None);
    }
    let (cancel,): (i64,) = sqlx::query_as("select cancel_requested from imports where id = $1").bind(id).fetch_one(conn).await?;
    Ok(Some(cancel != 0))
}

/// Ends this worker's phase: `status` (`checked`, `done`, `cancelled`, `failed`, `undone`), with
/// an error for the person when it failed.
pub async fn finish(pool: &AnyPool, id: &str, claim: &str, status: &str, error: Option<&str>, now_ms: i64) -> Result<(), sqlx::Error> {
    let finished = if status == "checked" { None } else { Some(now_ms) };
    sqlx::query(
        "update imports set status = $3, error = $4, claim = null, cancel_requested = 0, \
         finished_at = coalesce($5, finished_at), updated_at = $6 where id = $1 and claim = $2",
    )
    .bind(id)
    .bind(claim)
    .bind(status)
    .bind(error)
    .bind(finished)
    .bind(now_ms)
    .execute(pool)
    .await?;
    Ok(())
}

/// Notes what an import did to a record (`before`: the fields it had, for an update). A record
/// written twice by one import keeps its first action and `before`, with the last time written.
pub async fn record(conn: &mut AnyConnection, import_id: &str, workspace_id: &str, record_id: &str, before: Option<&str>, written_at: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into import_records (import_id, workspace_id, record_id, action, before, written_at) values ($1, $2, $3, $4, $5, $6) \
         on conflict (import_id, record_id) do update set written_at = excluded.written_at",
    )
    .bind(import_id)
    .bind(workspace_id)
    .bind(record_id)
    .bind(if before.is_some() { "updated" } else { "created" })
    .bind(before)
    .bind(written_at)
    .execute(conn)
    .await?;
    Ok(())
}

/// A record an import created or updated: (record id, fields before an update, time written).
pub type Touched = (String, Option<String>, i64);

/// The next records an undo has to handle (each is deleted from the list once handled).
pub async fn touched(pool: &AnyPool, import_id: &str, limit: i64) -> Result<Vec<Touched>, sqlx::Error> {
    sqlx::query_as("select record_id, before, written_at from import_records where import_id = $1 order by record_id limit $2")
        .bind(import_id)
        .bind(limit)
        .fetch_all(pool)
        .await
}

pub async fn forget_touched(conn: &mut AnyConnection, import_id: &str, record_id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("delete from import_records where import_id = $1 and record_id = $2").bind(import_id).bind(record_id).execute(conn).await?;
    Ok(())
}

/// A bad row the check found: its number in the file (1 = the first row after the header), why,
/// and its cells (a JSON array), for the downloadable report.
pub async fn add_problem(conn: &mut AnyConnection, import_id: &str, workspace_id: &str, row_number: i64, message: &str, cells: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into import_problems (import_id, workspace_id, row_number, message, cells) values ($1, $2, $3, $4, $5) \
         on conflict (import_id, row_number) do nothing",
    )
    .bind(import_id)
    .bind(workspace_id)
    .bind(row_number)
    .bind(message)
    .bind(cells)
    .execute(conn)
    .await?;
    Ok(())
}

/// Bad rows in file order after `after_row`: (row number, message, cells as JSON).
pub async fn problems(pool: &AnyPool, import_id: &str, after_row: i64, limit: i64) -> Result<Vec<(i64, String, String)>, sqlx::Error> {
    sqlx::query_as("select row_number, message, cells from import_problems where import_id = $1 and row_number > $2 order by row_number limit $3")
        .bind(import_id)
        .bind(after_row)
        .bind(limit)
        .fetch_all(pool)
        .await
}

/// The record of `kind` that had `external_id` where it came from, if it is still live.
pub async fn by_external_id(conn: &mut AnyConnection, workspace_id: &str, kind: RecordKind, external_id: &str) -> Result<Option<String>, sqlx::Error> {
    let table = super::trash::table(kind);
    let row: Option<(String,)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "select x.record_id from record_external_ids x join {table} r on r.workspace_id = x.workspace_id and r.id = x.record_id \
         where x.workspace_id = $1 and x.record_kind = $2 and x.external_id = $3 and r.deleted_at is null"
    )))
    .bind(workspace_id)
    .bind(kind.as_str())
    .bind(external_id)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|(id,)| id))
}

/// Remembers that the record came with `external_id` (a later record with the same id takes it over).
pub async fn set_external_id(conn: &mut AnyConnection, workspace_id: &str, kind: RecordKind, external_id: &str, record_id: &str) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into record_external_ids (workspace_id, record_kind, external_id, record_id) values ($1, $2, $3, $4) \
         on conflict (workspace_id, record_kind, external_id) do update set record_id = excluded.record_id",
    )
    .bind(workspace_id)
    .bind(kind.as_str())
    .bind(external_id)
    .bind(record_id)
    .execute(conn)
    .await?;
    Ok(())
}

pub async fn forget_external_ids(conn: &mut AnyConnection, workspace_id: &str, kind: RecordKind, record_id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("delete from record_external_ids where workspace_id = $1 and record_kind = $2 and record_id = $3")
        .bind(workspace_id)
        .bind(kind.as_str())
        .bind(record_id)
        .execute(conn)
        .await?;
    Ok(())
}

/// The live record of `kind` matched by a row's key: a contact with that e-mail address (lower
/// case), a lead with it, a company with that domain or name sort key.
pub async fn matching(conn: &mut AnyConnection, workspace_id: &str, kind: RecordKind, key: &str, value: &str) -> Result<Option<String>, sqlx::Error> {
    let sql = match (kind, key) {
        (RecordKind::Contact, "email") => {
            "select c.id from contact_channels ch join contacts c on c.workspace_id = ch.workspace_id and c.id = ch.contact_id \
             where ch.workspace_id = $1 and ch.kind = 'email' and ch.search_value = $2 and c.deleted_at is null order by c.created_at, c.id limit 1"
        }
        (RecordKind::Lead, "email") => {
            "select id from leads where workspace_id = $1 and lower(email) = $2 and deleted_at is null order by created_at, id limit 1"
        }
        (RecordKind::Company, "domain") => {
            "select id from companies where workspace_id = $1 and domain = $2 and deleted_at is null order by created_at, id limit 1"
        }
        (RecordKind::Company, "name") => {
            "select id from companies where workspace_id = $1 and sort_name = $2 and deleted_at is null order by created_at, id limit 1"
        }
        _ => return by_external_id(conn, workspace_id, kind, value).await,
    };
    let row: Option<(String,)> = sqlx::query_as(sql).bind(workspace_id).bind(value).fetch_optional(conn).await?;
    Ok(row.map(|(id,)| id))
}

/// The record's `updated_at` and whether it is in the trash (`None`: it is gone).
pub async fn record_state(conn: &mut AnyConnection, workspace_id: &str, kind: RecordKind, id: &str) -> Result<Option<(i64, bool)>, sqlx::Error> {
    let table = super::trash::table(kind);
    let row: Option<(i64, Option<i64>)> =
        sqlx::query_as(sqlx::AssertSqlSafe(format!("select updated_at, deleted_at from {table} where workspace_id = $1 and id = $2")))
            .bind(workspace_id)
            .bind(id)
            .fetch_optional(conn)
            .await?;
    Ok(row.map(|(updated_at, deleted_at)| (updated_at, deleted_at.is_some())))
}

/// Whether the import still needs its file: it exists and is not finished (done, cancelled,
/// failed, undoing, undone). Any other file in the folder is deleted.
pub async fn needs_file(pool: &AnyPool, id: &str) -> Result<bool, sqlx::Error> {
    let row: Option<(String,)> =
        sqlx::query_as("select id from imports where id = $1 and status in ('uploaded', 'checking', 'checked', 'queued', 'running')").bind(id).fetch_optional(pool).await?;
    Ok(row.is_some())
}
