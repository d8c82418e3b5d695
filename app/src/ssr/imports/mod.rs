//! CSV imports in the background.
//!
//! An upload is stored under `NEXACRM_EXPORT_DIR/imports/{id}.csv` after `inspect` read it through
//! once (UTF-8, a header row, the separator, the number of rows) and becomes an `uploaded` row.
//! The file holds personal data, so it is deleted as soon as the import is finished (done,
//! cancelled or failed); the header row is kept with the import.
//! The wizard saves the mapping and choices, which starts a check (`checking`): the import worker
//! plans every row read-only and records the bad ones, then marks it `checked`. Starting it
//! (`queued`) lets the worker write the rows (`running`), a batch per transaction with the
//! progress in the same transaction, so a killed worker's successor resumes after the last
//! committed batch without duplicates. Cancelling stops after the current batch; undoing
//! (`undoing` → `undone`) puts back every record the import created or updated unless it changed
//! since. A worker holds an import through a claim token and a heartbeat; one that stops
//! reporting for `STALE_MS` loses it to the next.

pub mod bulk;
pub mod records;

use crate::domain::imports::{Cells, DateFormat, MatchKey, Mode};
use crate::domain::records::RecordKind;
use crate::i18n_setup::Locale;
use crate::ssr::db::{self, imports as rows};
use crate::ssr::AppState;
use records::{Job, Plan};
use std::path::{Path, PathBuf};

/// Rows per transaction.
pub const BATCH_ROWS: usize = 1_000;
/// A busy import whose worker has not reported for this long is taken over.
pub const STALE_MS: i64 = 2 * 60 * 1000;
/// Rows shown in the wizard's preview.
pub const PREVIEW_ROWS: usize = 5;

static WAKE: tokio::sync::Notify = tokio::sync::Notify::const_new();

/// Tells this process's import worker that an import is waiting (after its change committed).
pub fn wake() {
    WAKE.notify_one();
}

/// Waits until `wake` is called (the worker's idle wait).
pub async fn woken() {
    WAKE.notified().await;
}

/// The folder of uploaded files.
pub fn dir(state: &AppState) -> PathBuf {
    state.config.export_dir.join("imports")
}

/// The stored file of an import. Ids are UUIDs made by the server, never user input.
pub fn file_path(state: &AppState, id: &str) -> PathBuf {
    dir(state).join(format!("{id}.csv"))
}

/// Why an uploaded file was refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refused {
    Missing,
    TooLarge,
    NotUtf8,
    NoRows,
    Unreadable,
}

impl Refused {
    pub fn as_str(self) -> &'static str {
        match self {
            Refused::Missing => "missing",
            Refused::TooLarge => "size",
            Refused::NotUtf8 => "encoding",
            Refused::NoRows => "empty",
            Refused::Unreadable => "unreadable",
        }
    }
}

/// What reading a file through told: its separator, header and number of data rows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FileFacts {
    pub delimiter: u8,
    pub headers: Vec<String>,
    pub total_rows: i64,
}

fn reader(path: &Path, delimiter: u8) -> std::io::Result<csv::Reader<std::fs::File>> {
    let file = std::fs::File::open(path)?;
    Ok(csv::ReaderBuilder::new().delimiter(delimiter).flexible(true).has_headers(true).from_reader(file))
}

fn headers_of(reader: &mut csv::Reader<std::fs::File>) -> Result<Vec<String>, csv::Error> {
    Ok(reader.headers()?.iter().map(|h| h.trim_start_matches('\u{feff}').trim().to_owned()).collect())
}

/// Reads a stored upload through once (blocking: call it from `spawn_blocking`).
pub fn inspect(path: &Path) -> Result<FileFacts, Refused> {
    use std::io::BufRead;
    let mut first_line = String::new();
    let file = std::fs::File::open(path).map_err(|_| Refused::Unreadable)?;
    std::io::BufReader::new(file).read_line(&mut first_line).map_err(|_| Refused::NotUtf8)?;
    if first_line.trim().is_empty() {
        return Err(Refused::NoRows);
    }
    let delimiter = crate::domain::imports::sniff_delimiter(first_line.trim_start_matches('\u{feff}'));
    let mut reader = reader(path, delimiter).map_err(|_| Refused::Unreadable)?;
    let headers = headers_of(&mut reader).map_err(|e| if is_utf8_error(&e) { Refused::NotUtf8 } else { Refused::Unreadable })?;
    let mut record = csv::StringRecord::new();
    let mut total_rows = 0_i64;
    loop {
        match reader.read_record(&mut record) {
            Ok(true) if record.iter().all(|cell| cell.trim().is_empty()) => {}
            Ok(true) => total_rows += 1,
            Ok(false) => break,
            Err(e) => return Err(if is_utf8_error(&e) { Refused::NotUtf8 } else { Refused::Unreadable }),
        }
    }
    if total_rows == 0 || headers.iter().all(String::is_empty) {
        return Err(Refused::NoRows);
    }
    Ok(FileFacts { delimiter, headers, total_rows })
}

fn is_utf8_error(error: &csv::Error) -> bool {
    matches!(error.kind(), csv::ErrorKind::Utf8 { .. })
}

/// The header and the first rows of a stored file, for the wizard.
pub fn preview(path: &Path, delimiter: u8) -> std::io::Result<(Vec<String>, Vec<Vec<String>>)> {
    let mut reader = reader(path, delimiter)?;
    let headers = headers_of(&mut reader).map_err(std::io::Error::other)?;
    let rows = reader
        .records()
        .filter_map(Result::ok)
        .filter(|r| !r.iter().all(|cell| cell.trim().is_empty()))
        .take(PREVIEW_ROWS)
        .map(|r| r.iter().map(str::to_owned).collect())
        .collect();
    Ok((headers, rows))
}

/// The header row kept with an import.
pub fn stored_headers(row: &rows::ImportRow) -> Vec<String> {
    serde_json::from_str(&row.headers).unwrap_or_default()
}

/// Deletes an import's file once the import no longer needs it (it finished, or it is gone);
/// a missing file is fine.
pub async fn delete_file_unless_needed(state: &AppState, id: &str) -> Result<(), sqlx::Error> {
    if !rows::needs_file(&state.db.pool, id).await? {
        let _ = tokio::fs::remove_file(file_path(state, id)).await;
    }
    Ok(())
}

/// Samples of the column mapped to `field` (the first 200 non-empty cells), to guess the date format.
pub fn column_samples(path: &Path, delimiter: u8, mapping: &[String], field: &str) -> Vec<String> {
    let Some(index) = mapping.iter().position(|key| key == field) else { return Vec::new() };
    let Ok(mut reader) = reader(path, delimiter) else { return Vec::new() };
    reader
        .records()
        .filter_map(Result::ok)
        .filter_map(|r| r.get(index).map(str::trim).filter(|c| !c.is_empty()).map(str::to_owned))
        .take(200)
        .collect()
}

/// What a pass of the worker did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pass {
    pub finished: u64,
    /// Batches committed.
    pub batches: u64,
}

/// One pass of the import worker: takes up every waiting or abandoned import and works on it
/// until it is finished. `batch_budget` stops after that many batches, leaving the import claimed
/// as a killed worker would (tests use it); `None` works until there is nothing left.
pub async fn run_pending(state: &AppState, batch_budget: Option<u64>) -> Result<Pass, sqlx::Error> {
    let mut pass = Pass::default();
    loop {
        let stale_before = state.clock.now_ms() - STALE_MS;
        let ids = rows::claimable(&state.db.pool, stale_before, 10).await?;
        if ids.is_empty() {
            return Ok(pass);
        }
        let mut claimed_any = false;
        for id in ids {
            let claim = db::new_id();
            let now_ms = state.clock.now_ms();
            let Some(row) = rows::claim(&state.db.pool, &id, &claim, now_ms - STALE_MS, now_ms).await? else { continue };
            claimed_any = true;
            let budget = batch_budget.map(|b| b.saturating_sub(pass.batches));
            let outcome = work_on(state, row, &claim, budget).await;
            delete_file_unless_needed(state, &id).await?;
            match outcome {
                Ok(Worked { batches, finished }) => {
                    pass.batches += batches;
                    pass.finished += u64::from(finished);
                }
                Err(error) => {
                    tracing::error!(import = %id, "import failed: {error}");
                    let message = "The import stopped because of an error on the server. What was imported so far stays and can be undone.";
                    rows::finish(&state.db.pool, &id, &claim, "failed", Some(message), state.clock.now_ms()).await?;
                    pass.finished += 1;
                }
            }
            if batch_budget.is_some_and(|b| pass.batches >= b) {
                return Ok(pass);
            }
        }
        if !claimed_any {
            return Ok(pass);
        }
    }
}

#[derive(Default)]
struct Worked {
    batches: u64,
    finished: bool,
}

/// The language the importer chose (messages in the report are in it).
async fn language_of(state: &AppState, user_id: &str) -> Result<Locale, sqlx::Error> {
    let row: Option<(Option<String>,)> = sqlx::query_as("select language from users where id = $1").bind(user_id).fetch_optional(&state.db.pool).await?;
    Ok(row.and_then(|(l,)| l).as_deref().and_then(crate::i18n_setup::parse_language).unwrap_or(Locale::en))
}

async fn job_of(state: &AppState, row: &rows::ImportRow) -> Result<Option<Job>, sqlx::Error> {
    let (Some(kind), Some(user_id)) = (RecordKind::parse(&row.kind), row.user_id.clone()) else { return Ok(None) };
    let mut conn = state.db.pool.acquire().await?;
    let stages = if kind == RecordKind::Deal { db::deals::stages(&mut conn, &row.workspace_id).await? } else { Vec::new() };
    drop(conn);
    let headers = stored_headers(row);
    Ok(Some(Job {
        id: row.id.clone(),
        workspace_id: row.workspace_id.clone(),
        locale: language_of(state, &user_id).await?,
        user_id,
        dialect: state.db.dialect,
        kind,
        mapping: serde_json::from_str(&row.mapping).unwrap_or_default(),
        headers,
        mode: Mode::parse(&row.mode).unwrap_or_default(),
        match_on: MatchKey::parse(&row.match_on).unwrap_or(MatchKey::ExternalId),
        dates: DateFormat::parse(&row.date_format).unwrap_or_default(),
        stages,
        companies: Default::default(),
    }))
}

/// SQLite's page cache for an import's connection, in KiB (the default is 2,000). A batch's
/// index updates land all over tables of millions of rows; with the small cache most of their
/// page reads went to the operating system.
const IMPORT_CACHE_KIB: i64 = 65_536;

async fn work_on(state: &AppState, row: rows::ImportRow, claim: &str, budget: Option<u64>) -> Result<Worked, sqlx::Error> {
    let Some(mut job) = job_of(state, &row).await? else {
        let message = "The person who started this import has left the workspace.";
        rows::finish(&state.db.pool, &row.id, claim, "failed", Some(message), state.clock.now_ms()).await?;
        return Ok(Worked { finished: true, ..Worked::default() });
    };
    if row.status == "undoing" {
        return undo_all(state, &job, claim, budget).await;
    }
    let dry_run = row.status == "checking";
    let path = file_path(state, &row.id);
    let delimiter = row.delimiter.bytes().next().unwrap_or(b',');
    // The file is read on a blocking thread and handed over a batch at a time.
    let (sender, mut batches) = tokio::sync::mpsc::channel::<Vec<(i64, Vec<String>)>>(2);
    let skip = row.rows_done;
    let reading = tokio::task::spawn_blocking(move || read_batches(&path, delimiter, skip, &sender));
    // One connection for every batch of the pass, out of the pool: on SQLite it gets a larger
    // page cache, which it takes with it when it closes at the end of the pass.
    let mut conn = state.db.pool.acquire().await?.detach();
    if state.db.dialect == db::Dialect::Sqlite {
        sqlx::query(sqlx::AssertSqlSafe(format!("pragma cache_size = -{IMPORT_CACHE_KIB}"))).execute(&mut conn).await?;
    }
    let mut worked = Worked::default();
    let mut turns = WriteTurns::new(state);
    while let Some(batch) = batches.recv().await {
        if budget.is_some_and(|b| worked.batches >= b) {
            return Ok(worked);
        }
        let now_ms = state.clock.now_ms();
        // A check only reads (its bad rows are written idempotently), so it plans outside the
        // transaction and holds SQLite's write lock just for the progress; a run writes the
        // batch and its progress in one transaction, taking the lock first.
        let checked = if dry_run { Some(write_batch(&mut conn, &mut job, &batch, true, now_ms).await?) } else { None };
        let mut tx = db::begin_write_on(&mut conn).await?;
        if !rows::heartbeat(&mut tx, &job.id, claim, now_ms).await? {
            tx.rollback().await?;
            return Ok(worked);
        }
        let tally = match checked {
            Some(tally) => tally,
            None => write_batch(&mut tx, &mut job, &batch, false, now_ms).await?,
        };
        let Some(cancel) = rows::advance(&mut tx, &job.id, claim, tally, now_ms).await? else {
            tx.rollback().await?;
            tracing::warn!(import = %job.id, "another worker took the import over");
            return Ok(worked);
        };
        tx.commit().await?;
        worked.batches += 1;
        if !dry_run {
            turns.let_others_write().await;
        }
        if cancel && !dry_run {
            rows::finish(&state.db.pool, &job.id, claim, "cancelled", None, state.clock.now_ms()).await?;
            worked.finished = true;
            return Ok(worked);
        }
    }
    drop(conn);
    match reading.await {
        Ok(Ok(())) => {}
        Ok(Err(error)) => return Err(sqlx::Error::Io(error)),
        Err(error) => return Err(sqlx::Error::Io(std::io::Error::other(error))),
    }
    let status = if dry_run { "checked" } else { "done" };
    rows::finish(&state.db.pool, &job.id, claim, status, None, state.clock.now_ms()).await?;
    worked.finished = true;
    Ok(worked)
}

/// Plans (and unless `dry_run`, writes) one batch of rows inside its transaction; returns its counts.
async fn write_batch(tx: &mut sqlx::AnyConnection, job: &mut Job, batch: &[(i64, Vec<String>)], dry_run: bool, now_ms: i64) -> Result<rows::Tally, sqlx::Error> {
    use crate::domain::imports::{RowFields, EXTERNAL_ID};
    let mut tally = rows::Tally { rows: i64::try_from(batch.len()).unwrap_or(0), ..Default::default() };
    let cells: Vec<Cells> = batch.iter().map(|(_, raw)| Cells::of(job.kind, &job.mapping, &raw.iter().map(String::as_str).collect::<Vec<_>>())).collect();
    let keys: Vec<Option<String>> = cells.iter().map(|c| job.mode.matches().then(|| c.match_value(job.match_on, job.locale)).flatten()).collect();
    let emails: Vec<String> = cells.iter().filter_map(|c| c.some("email").map(str::to_owned)).collect();
    let mut prefetched = bulk::prefetch(tx, job, &keys.iter().flatten().cloned().collect::<Vec<_>>(), &emails).await?;
    // Contacts are written a batch at a time (`bulk`); the ids waiting to be written.
    let mut new_contacts: Vec<bulk::NewContact> = Vec::new();
    let mut changed_contacts: Vec<bulk::ChangedContact> = Vec::new();
    let mut pending = std::collections::HashSet::new();
    for (((row_number, raw), values), key) in batch.iter().zip(&cells).zip(keys) {
        if key.as_ref().and_then(|k| prefetched.matches.get(k)).is_some_and(|id| pending.contains(id)) {
            // The row matches a contact this batch created or changed but has not written yet:
            // write those first, and read the contact's fields afresh.
            write_contacts(tx, job, &mut new_contacts, &mut changed_contacts, &mut prefetched, now_ms).await?;
            pending.clear();
        }
        let plan = records::plan(tx, job, values, &prefetched).await?;
        match &plan {
            Plan::Create(_) => tally.created += 1,
            Plan::Update { .. } => tally.updated += 1,
            Plan::Unchanged => tally.unchanged += 1,
            Plan::NotFound => tally.not_found += 1,
            Plan::Suppressed => tally.suppressed += 1,
            Plan::Invalid(message) => {
                tally.invalid += 1;
                let cells_json = serde_json::to_string(raw).unwrap_or_default();
                rows::add_problem(tx, &job.id, &job.workspace_id, *row_number, message, &cells_json).await?;
            }
        }
        if dry_run {
            continue;
        }
        let external_id = values.some(EXTERNAL_ID).map(str::to_owned);
        let written = match plan {
            Plan::Create(fields) => match *fields {
                RowFields::Contact(fields) => {
                    let id = db::new_id();
                    new_contacts.push(bulk::NewContact { id: id.clone(), fields, external_id });
                    Some(id)
                }
                other => records::apply(tx, job, values, Plan::Create(Box::new(other)), now_ms).await?,
            },
            Plan::Update { id, before, after } => match (*before, *after) {
                (RowFields::Contact(before), RowFields::Contact(after)) => {
                    changed_contacts.push(bulk::ChangedContact { id: id.clone(), before, after, external_id });
                    Some(id)
                }
                (before, after) => records::apply(tx, job, values, Plan::Update { id, before: Box::new(before), after: Box::new(after) }, now_ms).await?,
            },
            other => records::apply(tx, job, values, other, now_ms).await?,
        };
        if let Some(id) = written {
            if job.kind == RecordKind::Contact {
                pending.insert(id.clone());
            }
            if let Some(key) = key {
                prefetched.matches.insert(key, id);
            }
        }
    }
    write_contacts(tx, job, &mut new_contacts, &mut changed_contacts, &mut prefetched, now_ms).await?;
    Ok(tally)
}

/// Writes the contacts a batch created and changed so far, and forgets the fields read before
/// the changes.
async fn write_contacts(
    tx: &mut sqlx::AnyConnection,
    job: &Job,
    new_contacts: &mut Vec<bulk::NewContact>,
    changed_contacts: &mut Vec<bulk::ChangedContact>,
    prefetched: &mut bulk::Prefetched,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    bulk::insert_contacts(tx, job, new_contacts, now_ms).await?;
    bulk::update_contacts(tx, job, changed_contacts, now_ms).await?;
    for changed in changed_contacts.iter() {
        prefetched.before.remove(&changed.id);
    }
    new_contacts.clear();
    changed_contacts.clear();
    Ok(())
}

/// Reads the file's data rows after the first `skip`, numbered from 1, in batches (blank lines
/// are left out and not counted, as `inspect` counted them).
fn read_batches(path: &Path, delimiter: u8, skip: i64, sender: &tokio::sync::mpsc::Sender<Vec<(i64, Vec<String>)>>) -> std::io::Result<()> {
    let mut reader = reader(path, delimiter)?;
    let mut record = csv::StringRecord::new();
    let mut number = 0_i64;
    let mut batch = Vec::with_capacity(BATCH_ROWS);
    while reader.read_record(&mut record).map_err(std::io::Error::other)? {
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        number += 1;
        if number <= skip {
            continue;
        }
        batch.push((number, record.iter().map(str::to_owned).collect()));
        if batch.len() == BATCH_ROWS && sender.blocking_send(std::mem::take(&mut batch)).is_err() {
            return Ok(());
        }
    }
    if !batch.is_empty() {
        let _ = sender.blocking_send(batch);
    }
    Ok(())
}

/// Puts back what the import did, a batch of records per transaction.
async fn undo_all(state: &AppState, job: &Job, claim: &str, budget: Option<u64>) -> Result<Worked, sqlx::Error> {
    let mut worked = Worked::default();
    let mut turns = WriteTurns::new(state);
    loop {
        if budget.is_some_and(|b| worked.batches >= b) {
            return Ok(worked);
        }
        let touched = rows::touched(&state.db.pool, &job.id, i64::try_from(BATCH_ROWS).unwrap_or(500)).await?;
        if touched.is_empty() {
            rows::finish(&state.db.pool, &job.id, claim, "undone", None, state.clock.now_ms()).await?;
            worked.finished = true;
            return Ok(worked);
        }
        let now_ms = state.clock.now_ms();
        let mut tx = state.db.begin_write().await?;
        if !rows::heartbeat(&mut tx, &job.id, claim, now_ms).await? {
            tx.rollback().await?;
            return Ok(worked);
        }
        let mut tally = rows::Tally::default();
        for record in &touched {
            if records::undo(&mut tx, job, record, now_ms).await? {
                tally.undone += 1;
            } else {
                tally.kept += 1;
            }
            rows::forget_touched(&mut tx, &job.id, &record.0).await?;
        }
        if rows::advance(&mut tx, &job.id, claim, tally, now_ms).await?.is_none() {
            tx.rollback().await?;
            return Ok(worked);
        }
        tx.commit().await?;
        worked.batches += 1;
        turns.let_others_write().await;
    }
}

/// Turns at SQLite's one write lock. A writer that finds the database busy sleeps and tries
/// again, its sleeps growing to at most 100 ms (SQLite's busy handler, built with `usleep`). An
/// import writes its batches back to back for `WRITE_TURN`, then leaves the database alone for
/// `PAUSE`, longer than that longest sleep: every writer waiting then gets in, and none waits
/// much more than a second. (A 25 ms pause after every batch added up to 25 s of a million-row
/// import, and let a waiting writer in only when one of its tries happened to fall inside it.)
struct WriteTurns {
    sqlite: bool,
    turn_started: std::time::Instant,
}

/// How long an import writes before it pauses.
const WRITE_TURN: std::time::Duration = std::time::Duration::from_millis(1_000);
/// How long it pauses: more than SQLite's longest sleep between two tries of a waiting writer.
const PAUSE: std::time::Duration = std::time::Duration::from_millis(120);

impl WriteTurns {
    fn new(state: &AppState) -> WriteTurns {
        WriteTurns { sqlite: state.db.dialect == db::Dialect::Sqlite, turn_started: std::time::Instant::now() }
    }

    /// After a batch committed at `now`: the pause owed to other writers, if the turn is over.
    fn pause_after_commit(&mut self, now: std::time::Instant) -> Option<std::time::Duration> {
        if !self.sqlite || now.duration_since(self.turn_started) < WRITE_TURN {
            return None;
        }
        self.turn_started = now + PAUSE;
        Some(PAUSE)
    }

    /// Pauses if the turn is over (PostgreSQL locks rows, not the database: never).
    async fn let_others_write(&mut self) {
        if let Some(pause) = self.pause_after_commit(std::time::Instant::now()) {
            tokio::time::sleep(pause).await;
        }
    }
}

/// Deletes every file in the folder no unfinished import needs (finished imports' files, and any
/// left over from an interrupted upload or a deleted workspace).
pub async fn delete_old_files(state: &AppState) -> Result<u64, sqlx::Error> {
    let mut deleted = 0;
    let Ok(mut entries) = tokio::fs::read_dir(dir(state)).await else { return Ok(deleted) };
    while let Ok(Some(entry)) = entries.next_entry().await {
        let name = entry.file_name().to_string_lossy().into_owned();
        // An upload still being written (`.part`) is left alone for a day.
        let fresh_part = name.ends_with(".part")
            && entry.metadata().await.ok().and_then(|m| m.modified().ok()).and_then(|t| t.elapsed().ok()).is_some_and(|age| age.as_secs() < 24 * 60 * 60);
        let id = name.strip_suffix(".csv").unwrap_or("");
        if fresh_part || (!id.is_empty() && rows::needs_file(&state.db.pool, id).await?) {
            continue;
        }
        if tokio::fs::remove_file(entry.path()).await.is_ok() {
            deleted += 1;
        }
    }
    Ok(deleted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, Instant};

    #[test]
    fn an_import_pauses_once_a_second_for_longer_than_a_waiting_writer_sleeps() {
        let start = Instant::now();
        let mut turns = WriteTurns { sqlite: true, turn_started: start };
        assert_eq!(turns.pause_after_commit(start + Duration::from_millis(150)), None, "a short run of batches goes on");
        assert_eq!(turns.pause_after_commit(start + Duration::from_millis(999)), None);
        let pause = turns.pause_after_commit(start + Duration::from_millis(1_010)).expect("the turn is over");
        assert!(pause > Duration::from_millis(100), "SQLite's busy handler sleeps up to 100 ms between tries");
        // The next turn starts when the pause ends.
        let resumed = start + Duration::from_millis(1_010) + pause;
        assert_eq!(turns.pause_after_commit(resumed + Duration::from_millis(900)), None);
        assert_eq!(turns.pause_after_commit(resumed + WRITE_TURN), Some(PAUSE));
    }

    #[test]
    fn an_import_on_postgresql_never_pauses() {
        let start = Instant::now();
        let mut turns = WriteTurns { sqlite: false, turn_started: start };
        assert_eq!(turns.pause_after_commit(start + Duration::from_secs(60)), None);
    }
}
