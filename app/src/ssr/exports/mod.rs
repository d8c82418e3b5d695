//! Building export archives in the background: a ZIP with JSON (lossless) and CSV (formula-escaped).
//!
//! A request is a `queued` row in `data_exports`. The export worker (started by the server,
//! woken after a request) claims it atomically, reads each kind of record in one read-only
//! snapshot with a streaming query, and writes the rows a batch at a time into the ZIP on disk
//! (`archive`), recording progress in the row; then it marks the row `ready` and mails the link,
//! or `failed` with a message and a mail. A job whose worker stopped is queued again (or failed
//! after `MAX_ATTEMPTS`); archives are deleted when their link expires. Every step is safe to run
//! on several servers at once. `personal` and `workspace` say what goes in each kind of archive.

pub mod archive;
pub mod parts;
pub mod personal;
pub mod workspace;

use crate::ssr::db::{self, exports as rows, Dialect};
use crate::ssr::mail::{self, exports as mails, MailKind, MailMeta};
use crate::ssr::AppState;
use archive::{ArchiveWriter, WorkFiles};
use futures_util::TryStreamExt;
use parts::{Param, Part};
use sqlx::{Column, Executor, SqlSafeStr, Statement};
use std::path::{Path, PathBuf};

/// How long a ready archive can be downloaded (the pages say so too).
pub use crate::api::exports::VALID_DAYS;
pub const VALID_MS: i64 = VALID_DAYS * 24 * 60 * 60 * 1000;
/// One request a day per person (a failed one does not count).
pub const REQUEST_INTERVAL_MS: i64 = 24 * 60 * 60 * 1000;
/// A running export that has not reported progress for this long belongs to a stopped worker.
pub const STALE_MS: i64 = 15 * 60 * 1000;
/// Attempts before an export whose worker keeps stopping is failed.
pub const MAX_ATTEMPTS: i64 = 3;
/// Rows read before they are written out and progress is recorded.
const BATCH_ROWS: usize = 500;
/// Queued exports looked at per pass.
const QUEUE_BATCH: i64 = 20;

/// What the person sees when an export failed (the cause goes to the log only).
pub const FAILED_MESSAGE: &str = "The archive could not be built. Ask again: a failed request does not count towards the daily limit.";
/// The message of an export whose worker stopped after its last attempt.
pub const INTERRUPTED_MESSAGE: &str = "Building the archive was interrupted too often. Ask again: a failed request does not count towards the daily limit.";

static WAKE: tokio::sync::Notify = tokio::sync::Notify::const_new();

/// Tells this process's export worker that a request is waiting (after its transaction committed).
pub fn wake() {
    WAKE.notify_one();
}

/// Waits until `wake` is called (the worker's idle wait).
pub async fn woken() {
    WAKE.notified().await;
}

/// The file of an export's archive. Ids are UUIDs made by the server, never user input.
pub fn archive_path(state: &AppState, id: &str) -> PathBuf {
    state.config.export_dir.join(format!("{id}.zip"))
}

/// Where the claim numbered `attempt` builds an export: files of its own, so that a worker that
/// was wrongly thought stopped cannot write into the files of the one that took over.
pub fn work_files(state: &AppState, id: &str, attempt: i64) -> WorkFiles {
    let dir = &state.config.export_dir;
    WorkFiles { zip: dir.join(format!("{id}.attempt{attempt}.zip.part")), csv: dir.join(format!("{id}.attempt{attempt}.csv.part")) }
}

/// The parts of an archive of `scope`.
pub fn parts_of(scope: &str) -> Vec<Part> {
    if scope == rows::WORKSPACE { workspace::parts() } else { personal::parts() }
}

/// What a pass of the worker did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pass {
    pub ready: u64,
    pub failed: u64,
    /// Running exports of a stopped worker put back in the queue.
    pub requeued: u64,
}

/// One pass of the export worker at the state's clock: recover exports a stopped worker left,
/// then build every queued export. Errors reaching the database end the pass (the next retries).
pub async fn run_pending(state: &AppState) -> Result<Pass, sqlx::Error> {
    let mut pass = recover_stale(state).await?;
    loop {
        let ids = rows::queued(&state.db.pool, QUEUE_BATCH).await?;
        if ids.is_empty() {
            return Ok(pass);
        }
        let mut claimed_any = false;
        for id in ids {
            match build_one(state, &id).await? {
                Outcome::Ready => pass.ready += 1,
                Outcome::Failed => pass.failed += 1,
                Outcome::NotClaimed => continue,
                Outcome::TakenBack => {}
            }
            claimed_any = true;
        }
        if !claimed_any {
            // Another server holds every queued export we saw.
            return Ok(pass);
        }
    }
}

/// Running exports that stopped reporting: queued again while they have attempts left, else
/// failed with a notice.
async fn recover_stale(state: &AppState) -> Result<Pass, sqlx::Error> {
    let now_ms = state.clock.now_ms();
    let stale_before = now_ms - STALE_MS;
    let mut pass = Pass { requeued: rows::requeue_stale(&state.db.pool, stale_before, MAX_ATTEMPTS, now_ms).await?, ..Pass::default() };
    if pass.requeued > 0 {
        tracing::warn!(count = pass.requeued, "exports left running by a stopped worker were queued again");
    }
    for id in rows::stale_without_attempts(&state.db.pool, stale_before, MAX_ATTEMPTS).await? {
        let Some(row) = rows::find(&state.db.pool, &id).await? else { continue };
        discard(work_files(state, &id, row.attempts)).await;
        let mut tx = state.db.begin_write().await?;
        if rows::fail_stale(&mut tx, &id, stale_before, INTERRUPTED_MESSAGE, now_ms).await? {
            enqueue_failure_mail(&mut tx, state, &row).await?;
            pass.failed += 1;
            tracing::error!(export = %id, "an export was interrupted on every attempt and is marked failed");
        }
        tx.commit().await?;
        mail::wake(state);
    }
    Ok(pass)
}

enum Outcome {
    Ready,
    Failed,
    /// Another worker claimed it first.
    NotClaimed,
    /// It was taken back as stale while we built it (another worker has it now).
    TakenBack,
}

/// Why building stopped.
enum BuildError {
    /// The row is no longer ours.
    TakenBack,
    Failed(String),
}

impl From<sqlx::Error> for BuildError {
    fn from(error: sqlx::Error) -> Self {
        BuildError::Failed(format!("database: {error}"))
    }
}

impl From<std::io::Error> for BuildError {
    fn from(error: std::io::Error) -> Self {
        BuildError::Failed(format!("file: {error}"))
    }
}

async fn build_one(state: &AppState, id: &str) -> Result<Outcome, sqlx::Error> {
    let Some(scope) = rows::scope_of(&state.db.pool, id).await? else { return Ok(Outcome::NotClaimed) };
    let parts = parts_of(&scope);
    let total = i64::try_from(parts.len()).unwrap_or(i64::MAX);
    let Some(row) = rows::claim(&state.db.pool, id, total, state.clock.now_ms()).await? else { return Ok(Outcome::NotClaimed) };
    let files = work_files(state, id, row.attempts);
    match build(state, &row, &parts, &files).await {
        Ok(size) => {
            let now_ms = state.clock.now_ms();
            let mut tx = state.db.begin_write().await?;
            let expires_at = now_ms + VALID_MS;
            if !rows::mark_ready(&mut tx, id, row.attempts, i64::try_from(size).unwrap_or(i64::MAX), expires_at, now_ms).await? {
                drop(tx);
                discard(files).await;
                return Ok(Outcome::TakenBack);
            }
            // Only the claim's owner gets here (the update above holds the row until commit).
            let (from, to) = (files.zip.clone(), archive_path(state, id));
            if let Err(error) = tokio::task::spawn_blocking(move || std::fs::rename(from, to)).await.map_err(std::io::Error::other).and_then(|r| r) {
                drop(tx);
                return fail(state, &row, files, &format!("file: {error}")).await;
            }
            enqueue_ready_mail(&mut tx, state, &row, expires_at).await?;
            tx.commit().await?;
            mail::wake(state);
            tracing::info!(export = %id, scope = %row.scope, size, "export archive ready");
            Ok(Outcome::Ready)
        }
        Err(BuildError::TakenBack) => {
            tracing::warn!(export = %id, "export taken back as stale while building; left to its new worker");
            discard(files).await;
            Ok(Outcome::TakenBack)
        }
        Err(BuildError::Failed(cause)) => fail(state, &row, files, &cause).await,
    }
}

/// Marks the claim's export failed (the cause is logged, the person gets a message and a mail).
async fn fail(state: &AppState, row: &rows::ExportRow, files: WorkFiles, cause: &str) -> Result<Outcome, sqlx::Error> {
    discard(files).await;
    tracing::error!(export = %row.id, "building an export failed: {cause}");
    let mut tx = state.db.begin_write().await?;
    let failed = rows::mark_failed(&mut tx, &row.id, row.attempts, FAILED_MESSAGE, state.clock.now_ms()).await?;
    if failed {
        enqueue_failure_mail(&mut tx, state, row).await?;
    }
    tx.commit().await?;
    mail::wake(state);
    Ok(if failed { Outcome::Failed } else { Outcome::TakenBack })
}

/// Removes an unfinished archive's files, off the async runtime.
async fn discard(files: WorkFiles) {
    let _ = tokio::task::spawn_blocking(move || files.discard()).await;
}

/// The values a part's query is given.
struct Params {
    user_id: String,
    email: String,
    workspace_id: String,
}

impl Params {
    fn value(&self, param: Param) -> String {
        match param {
            Param::UserId => self.user_id.clone(),
            Param::Email => self.email.clone(),
            Param::WorkspaceId => self.workspace_id.clone(),
        }
    }
}

/// The archive writer, used off the async runtime: each call moves it to a blocking thread and back.
struct Offloaded(Option<ArchiveWriter>);

impl Offloaded {
    async fn run<T: Send + 'static>(&mut self, job: impl FnOnce(&mut ArchiveWriter) -> std::io::Result<T> + Send + 'static) -> Result<T, BuildError> {
        let mut writer = self.0.take().ok_or_else(|| BuildError::Failed("the archive writer was lost after an error".into()))?;
        let (writer, result) = tokio::task::spawn_blocking(move || {
            let result = job(&mut writer);
            (writer, result)
        })
        .await
        .map_err(|e| BuildError::Failed(format!("archive writer: {e}")))?;
        self.0 = Some(writer);
        Ok(result?)
    }

    async fn finish(mut self) -> Result<u64, BuildError> {
        let writer = self.0.take().ok_or_else(|| BuildError::Failed("the archive writer was lost after an error".into()))?;
        Ok(tokio::task::spawn_blocking(move || writer.finish()).await.map_err(|e| BuildError::Failed(format!("archive writer: {e}")))??)
    }
}

/// Progress so far, recorded in the row after every batch and part.
struct Progress<'a> {
    state: &'a AppState,
    id: &'a str,
    attempt: i64,
    parts_done: i64,
    rows_done: i64,
}

impl Progress<'_> {
    async fn record(&self) -> Result<(), BuildError> {
        let now_ms = self.state.clock.now_ms();
        if rows::record_progress(&self.state.db.pool, self.id, self.attempt, self.parts_done, self.rows_done, now_ms).await? {
            Ok(())
        } else {
            Err(BuildError::TakenBack)
        }
    }
}

/// Builds the archive in `files`; returns its size in bytes.
async fn build(state: &AppState, row: &rows::ExportRow, parts: &[Part], files: &WorkFiles) -> Result<u64, BuildError> {
    let now_ms = state.clock.now_ms();
    let large = row.scope == rows::WORKSPACE;
    let create_in = files.clone();
    let writer = tokio::task::spawn_blocking(move || ArchiveWriter::create(&create_in, now_ms, large))
        .await
        .map_err(|e| BuildError::Failed(format!("archive writer: {e}")))??;
    let mut writer = Offloaded(Some(writer));
    let readme = readme(row, parts, now_ms);
    writer.run(move |w| w.add_file("README.txt", readme.as_bytes())).await?;
    if row.scope == rows::PERSONAL {
        if let Some(png) = db::profiles::avatar(&state.db.pool, &row.user_id).await? {
            writer.run(move |w| w.add_file("profile/avatar.png", &png)).await?;
        }
    }
    let params = Params { user_id: row.user_id.clone(), email: row.user_email.clone(), workspace_id: row.workspace_id.clone().unwrap_or_default() };
    // One snapshot for the whole archive, so the files agree with each other.
    let mut tx = state.db.pool.begin().await?;
    if state.db.dialect == Dialect::Postgres {
        sqlx::query("set transaction isolation level repeatable read, read only").execute(&mut *tx).await?;
    }
    let mut progress = Progress { state, id: &row.id, attempt: row.attempts, parts_done: 0, rows_done: 0 };
    for part in parts {
        write_part(&mut tx, part, &params, &mut writer, &mut progress).await?;
        progress.parts_done += 1;
        progress.record().await?;
    }
    tx.rollback().await?;
    writer.finish().await
}

/// Streams one part's rows into the archive, `BATCH_ROWS` at a time.
async fn write_part(conn: &mut sqlx::AnyConnection, part: &Part, params: &Params, writer: &mut Offloaded, progress: &mut Progress<'_>) -> Result<(), BuildError> {
    let statement = (&mut *conn).prepare(sqlx::AssertSqlSafe(part.sql.clone()).into_sql_str()).await?;
    let query_columns: Vec<String> = statement.columns().iter().map(|c| c.name().to_owned()).collect();
    let (names, kept) = parts::layout(&query_columns, part.derived);
    let name = part.name;
    let header = names.clone();
    writer.run(move |w| w.begin_part(name, header)).await?;
    let mut query = statement.query();
    for param in part.params {
        query = query.bind(params.value(*param));
    }
    let mut stream = query.fetch(&mut *conn);
    let mut batch = Vec::with_capacity(BATCH_ROWS);
    while let Some(found) = stream.try_next().await? {
        batch.push(parts::cells(&found, &names, &kept, part.derived)?);
        if batch.len() >= BATCH_ROWS {
            let full = std::mem::replace(&mut batch, Vec::with_capacity(BATCH_ROWS));
            progress.rows_done += i64::try_from(full.len()).unwrap_or(0);
            writer.run(move |w| w.write_rows(&full)).await?;
            progress.record().await?;
        }
    }
    drop(stream);
    progress.rows_done += i64::try_from(batch.len()).unwrap_or(0);
    writer.run(move |w| {
        w.write_rows(&batch)?;
        w.end_part()
    })
    .await
}

/// README.txt: what the archive is, then one paragraph per file, then what is left out and why.
pub fn readme(row: &rows::ExportRow, parts: &[Part], now_ms: i64) -> String {
    let personal = row.scope != rows::WORKSPACE;
    let zone = crate::domain::dates::Zone::default();
    let mut text = if personal {
        format!("NexaCRM — your data\nAccount: {}\nBuilt: {}\n\n{}", row.user_email, zone.format(now_ms), personal::README_INTRO)
    } else {
        format!(
            "NexaCRM — workspace export\nWorkspace: {} (/w/{})\nAsked for by: {}\nBuilt: {}\n\n{}",
            row.workspace_name.as_deref().unwrap_or_default(),
            row.workspace_slug.as_deref().unwrap_or_default(),
            row.user_email,
            zone.format(now_ms),
            workspace::README_INTRO
        )
    };
    text.push_str("\nFiles\n-----\n\n");
    if personal {
        text.push_str("profile/avatar.png\n  Your profile picture as NexaCRM keeps it (256×256 PNG), when you have set one.\n\n");
    }
    for part in parts {
        text.push_str(&format!("json/{0}.json, csv/{0}.csv\n  {1}\n\n", part.name, part.about));
    }
    text.push_str("Not included, and why\n---------------------\n\n");
    let left_out = if personal { personal::NOT_INCLUDED } else { workspace::NOT_INCLUDED };
    for (table, why) in left_out {
        text.push_str(&format!("{table}: {why}.\n"));
    }
    text.push_str("\nQuestions: privacy@nexacrm.io\n");
    text
}

/// A page of the person's where their archives are listed: the privacy page of the exported
/// workspace, or of their first workspace for their own data.
async fn page_url(state: &AppState, row: &rows::ExportRow) -> Result<String, sqlx::Error> {
    let base = state.config.base_url.trim_end_matches('/');
    let slug = match &row.workspace_slug {
        Some(slug) => Some(slug.clone()),
        None => db::workspaces::memberships_of(&state.db.pool, &row.user_id).await?.into_iter().next().map(|m| m.slug),
    };
    Ok(match slug {
        Some(slug) => format!("{base}/w/{slug}/privacy"),
        None => format!("{base}/signin"),
    })
}

/// The address of an export's download.
pub fn download_path(id: &str) -> String {
    format!("/exports/{id}/download")
}

fn exported(row: &rows::ExportRow) -> mails::Exported<'_> {
    match (&row.scope[..], &row.workspace_name) {
        (rows::WORKSPACE, Some(name)) => mails::Exported::Workspace(name),
        _ => mails::Exported::MyData,
    }
}

async fn enqueue_ready_mail(conn: &mut sqlx::AnyConnection, state: &AppState, row: &rows::ExportRow, expires_at_ms: i64) -> Result<(), sqlx::Error> {
    let Ok(to) = mail::mailbox(&row.user_name, &row.user_email) else { return Ok(()) };
    let page = page_url(state, row).await?;
    let download = format!("{}{}", state.config.base_url.trim_end_matches('/'), download_path(&row.id));
    let message = mails::export_ready(to, &mails::ExportReady { what: exported(row), download_url: &download, page_url: &page, expires_at_ms });
    let meta = MailMeta { workspace_id: None, kind: MailKind::ExportReady, reference_id: Some(&row.id) };
    mail::enqueue(conn, &message, meta, state.clock.now_ms()).await?;
    Ok(())
}

async fn enqueue_failure_mail(conn: &mut sqlx::AnyConnection, state: &AppState, row: &rows::ExportRow) -> Result<(), sqlx::Error> {
    let Ok(to) = mail::mailbox(&row.user_name, &row.user_email) else { return Ok(()) };
    let page = page_url(state, row).await?;
    let message = mails::export_failed(to, &mails::ExportFailed { what: exported(row), page_url: &page });
    let meta = MailMeta { workspace_id: None, kind: MailKind::ExportFailed, reference_id: Some(&row.id) };
    mail::enqueue(conn, &message, meta, state.clock.now_ms()).await?;
    Ok(())
}

/// What a clean-up pass removed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CleanUp {
    /// Archives whose link expired.
    pub expired: u64,
    /// Files no export needs any more (the export's row is gone, failed or expired).
    pub orphans: u64,
}

/// Marks archives whose link expired and deletes their files, then deletes any file in the
/// export folder that no queued, running or ready export needs (an account or workspace that
/// was deleted, a stopped worker's leftovers).
pub async fn delete_expired(state: &AppState) -> Result<CleanUp, sqlx::Error> {
    let now_ms = state.clock.now_ms();
    let mut done = CleanUp::default();
    for id in rows::expire(&state.db.pool, now_ms).await? {
        let path = archive_path(state, &id);
        let _ = tokio::task::spawn_blocking(move || remove_if_present(&path)).await;
        done.expired += 1;
    }
    let dir = state.config.export_dir.clone();
    let names = tokio::task::spawn_blocking(move || export_file_ids(&dir)).await.unwrap_or_default();
    for (id, path) in names {
        if !rows::keeps_file(&state.db.pool, &id).await? {
            let _ = tokio::task::spawn_blocking(move || remove_if_present(&path)).await;
            done.orphans += 1;
        }
    }
    if done.expired + done.orphans > 0 {
        tracing::info!(expired = done.expired, orphans = done.orphans, "deleted export archives no longer needed");
    }
    Ok(done)
}

fn remove_if_present(path: &Path) {
    if let Err(error) = std::fs::remove_file(path) {
        if error.kind() != std::io::ErrorKind::NotFound {
            tracing::warn!(file = %path.display(), "could not delete an export file: {error}");
        }
    }
}

/// The export id a file in the export folder belongs to: `<uuid>.zip`, or the work files
/// `<uuid>.attempt<n>.zip.part` and `<uuid>.attempt<n>.csv.part`; `None` for anything else.
pub fn export_id_of(file_name: &str) -> Option<&str> {
    let id = match file_name.strip_suffix(".zip") {
        Some(id) => id,
        None => {
            let stem = file_name.strip_suffix(".zip.part").or_else(|| file_name.strip_suffix(".csv.part"))?;
            let (id, attempt) = stem.rsplit_once(".attempt")?;
            attempt.parse::<u32>().ok()?;
            id
        }
    };
    uuid::Uuid::parse_str(id).ok().map(|_| id)
}

/// The export files in `dir` with their export ids; anything else there is left alone.
fn export_file_ids(dir: &Path) -> Vec<(String, PathBuf)> {
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            Some((export_id_of(&name)?.to_owned(), entry.path()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_export_files_are_recognised_in_the_folder() {
        let id = "019ac0de-0000-7000-8000-000000000001";
        assert_eq!(export_id_of(&format!("{id}.zip")), Some(id));
        assert_eq!(export_id_of(&format!("{id}.attempt2.zip.part")), Some(id));
        assert_eq!(export_id_of(&format!("{id}.attempt1.csv.part")), Some(id));
        for other in ["notes.txt", "x.zip", &format!("{id}.attemptx.zip.part"), &format!("{id}.zip.bak"), &format!("../{id}.zip")] {
            assert_eq!(export_id_of(other), None, "{other}");
        }
    }
}
