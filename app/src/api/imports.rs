//! The CSV import wizard: follow an import, save its mapping and choices (which checks every row
//! in the background), start it, cancel it, undo it, list the workspace's imports.
//!
//! The file itself is uploaded to the plain route `POST /w/{slug}/imports` (a file does not fit a
//! server function's form) and the bad rows download from `/w/{slug}/imports/{id}/problems.csv`.
//! Writers (not viewers) import; an import is seen and handled by whoever uploaded it and by the
//! workspace's owners and admins. See `ssr::imports` for what happens in the background.

use crate::domain::records::RecordKind;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Where an import is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportStatus {
    /// Uploaded; the columns wait to be mapped.
    Uploaded,
    /// Every row is being checked; nothing is written.
    Checking,
    /// Checked: the report says what it would do.
    Checked,
    Queued,
    Running,
    Done,
    Cancelled,
    Failed,
    Undoing,
    Undone,
}

impl ImportStatus {
    pub fn parse(raw: &str) -> ImportStatus {
        match raw {
            "checking" => ImportStatus::Checking,
            "checked" => ImportStatus::Checked,
            "queued" => ImportStatus::Queued,
            "running" => ImportStatus::Running,
            "done" => ImportStatus::Done,
            "cancelled" => ImportStatus::Cancelled,
            "failed" => ImportStatus::Failed,
            "undoing" => ImportStatus::Undoing,
            "undone" => ImportStatus::Undone,
            _ => ImportStatus::Uploaded,
        }
    }

    /// The worker is on it: the page follows its progress.
    pub fn is_busy(self) -> bool {
        matches!(self, ImportStatus::Checking | ImportStatus::Queued | ImportStatus::Running | ImportStatus::Undoing)
    }

    /// The mapping can still change.
    pub fn is_setting_up(self) -> bool {
        matches!(self, ImportStatus::Uploaded | ImportStatus::Checking | ImportStatus::Checked)
    }
}

/// A bad row: its number in the file (1 = first row after the header) and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub row: i64,
    pub message: String,
}

/// The counts of a check (what would happen) or a run (what happened).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    pub created: i64,
    pub updated: i64,
    pub unchanged: i64,
    pub invalid: i64,
    pub not_found: i64,
    pub suppressed: i64,
    pub undone: i64,
    pub kept: i64,
}

/// One import as the wizard shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportView {
    pub id: String,
    pub kind: RecordKind,
    pub file_name: String,
    pub status: ImportStatus,
    pub total_rows: i64,
    pub rows_done: i64,
    pub counts: Counts,
    pub mode: String,
    pub match_on: String,
    pub date_format: String,
    /// The file's header and first rows.
    pub headers: Vec<String>,
    pub preview: Vec<Vec<String>>,
    /// Per column, the field it fills ("" for none).
    pub mapping: Vec<String>,
    /// The fields a column can fill, and the keys rows can be matched on, for this kind.
    pub targets: Vec<String>,
    pub match_keys: Vec<String>,
    /// Whether a column holds dates (then the format is shown for confirmation).
    pub has_dates: bool,
    /// The first bad rows (all of them are in the downloadable report).
    pub problems: Vec<Problem>,
    pub error: Option<String>,
    pub created_at: i64,
    pub started_at: Option<i64>,
    pub finished_at: Option<i64>,
    /// The server's time when this was read (for the rate and time left).
    pub now: i64,
}

impl ImportView {
    /// Rows per second since the run started.
    pub fn rate(&self) -> Option<f64> {
        let started = self.started_at?;
        let seconds = (self.finished_at.unwrap_or(self.now) - started) as f64 / 1000.0;
        (seconds > 0.0 && self.rows_done > 0).then(|| self.rows_done as f64 / seconds)
    }

    /// Seconds until the run ends at the current rate.
    pub fn seconds_left(&self) -> Option<i64> {
        let rate = self.rate()?;
        (self.status == ImportStatus::Running).then(|| ((self.total_rows - self.rows_done).max(0) as f64 / rate).ceil() as i64)
    }

    /// Whether it can be undone now.
    pub fn can_undo(&self) -> bool {
        matches!(self.status, ImportStatus::Done | ImportStatus::Cancelled | ImportStatus::Failed) && self.started_at.is_some() && (self.counts.created + self.counts.updated) > 0
    }
}

/// An import in the workspace's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ImportSummary {
    pub id: String,
    pub kind: RecordKind,
    pub file_name: String,
    pub status: ImportStatus,
    pub total_rows: i64,
    pub counts: Counts,
    pub created_at: i64,
}

/// Problems listed on the page (the report holds every one).
pub const PROBLEMS_SHOWN: i64 = 20;

#[cfg(feature = "ssr")]
pub mod ssr {
    use crate::error::AppError;
    use crate::ssr::access::Member;
    use crate::ssr::db::imports::{self as rows, ImportRow};
    use crate::ssr::AppState;

    /// The import, when the member may see it: its uploader, or an owner or admin.
    pub async fn visible(state: &AppState, member: &Member, id: &str) -> Result<ImportRow, AppError> {
        member.require_writer()?;
        let row = rows::find(&state.db.pool, &member.workspace_id, id).await?.ok_or(AppError::NotFound)?;
        if member.is_admin() || row.user_id.as_deref() == Some(member.user_id.as_str()) {
            Ok(row)
        } else {
            Err(AppError::NotFound)
        }
    }

    pub fn counts(row: &ImportRow) -> super::Counts {
        super::Counts {
            created: row.created_count,
            updated: row.updated_count,
            unchanged: row.unchanged_count,
            invalid: row.invalid_count,
            not_found: row.not_found_count,
            suppressed: row.suppressed_count,
            undone: row.undone_count,
            kept: row.kept_count,
        }
    }
}

/// One import with its preview, mapping and report.
#[server(endpoint = "imports/get", input = server_fn::codec::GetUrl)]
pub async fn get_import(slug: String, id: String) -> Result<ImportView, AppError> {
    use crate::domain::imports::{targets, MatchKey};
    use crate::ssr::{access, imports};
    let (state, member) = access::member(&slug).await?;
    let row = ssr::visible(&state, &member, &id).await?;
    let kind = RecordKind::parse(&row.kind).ok_or(AppError::NotFound)?;
    let path = imports::file_path(&state, &row.id);
    let delimiter = row.delimiter.bytes().next().unwrap_or(b',');
    // The first rows while the file is kept (until the import is finished).
    let (_, preview) = tokio::task::spawn_blocking(move || imports::preview(&path, delimiter).unwrap_or_default()).await.unwrap_or_default();
    let headers = imports::stored_headers(&row);
    let problems = crate::ssr::db::imports::problems(&state.db.pool, &row.id, 0, PROBLEMS_SHOWN).await?;
    Ok(ImportView {
        id: row.id.clone(),
        kind,
        file_name: row.file_name.clone(),
        status: ImportStatus::parse(&row.status),
        total_rows: row.total_rows,
        rows_done: row.rows_done,
        counts: ssr::counts(&row),
        mode: row.mode.clone(),
        match_on: row.match_on.clone(),
        date_format: row.date_format.clone(),
        headers,
        preview,
        mapping: serde_json::from_str(&row.mapping).unwrap_or_default(),
        targets: targets(kind).iter().map(|t| t.key.to_owned()).collect(),
        match_keys: MatchKey::for_kind(kind).iter().map(|k| k.as_str().to_owned()).collect(),
        has_dates: kind == RecordKind::Deal,
        problems: problems.into_iter().map(|(row, message, _)| Problem { row, message }).collect(),
        error: row.error.clone(),
        created_at: row.created_at,
        started_at: row.started_at,
        finished_at: row.finished_at,
        now: state.clock.now_ms(),
    })
}

/// The workspace's latest imports the caller may see, newest first.
#[server(endpoint = "imports/list", input = server_fn::codec::GetUrl)]
pub async fn list_imports(slug: String) -> Result<Vec<ImportSummary>, AppError> {
    use crate::ssr::access;
    let (state, member) = access::member(&slug).await?;
    member.require_writer()?;
    let only = (!member.is_admin()).then_some(member.user_id.as_str());
    let rows = crate::ssr::db::imports::recent(&state.db.pool, &member.workspace_id, only, 20).await?;
    Ok(rows
        .iter()
        .filter_map(|row| {
            Some(ImportSummary {
                id: row.id.clone(),
                kind: RecordKind::parse(&row.kind)?,
                file_name: row.file_name.clone(),
                status: ImportStatus::parse(&row.status),
                total_rows: row.total_rows,
                counts: ssr::counts(row),
                created_at: row.created_at,
            })
        })
        .collect())
}

/// Saves which field each column fills, what a row does, what it is matched on and how dates are
/// written, then checks every row in the background (nothing is written yet).
#[server(endpoint = "imports/configure")]
pub async fn configure_import(
    slug: String,
    id: String,
    #[server(default)] mapping: Vec<String>,
    mode: String,
    #[server(default)] match_on: String,
    #[server(default)] date_format: String,
) -> Result<(), AppError> {
    use crate::domain::imports::{is_target, DateFormat, MatchKey, Mode};
    use crate::i18n_setup::{request_locale, td_string};
    use crate::ssr::db::imports::{self as rows, Choices};
    use crate::ssr::{access, imports};
    let locale = request_locale();
    let (state, member) = access::member(&slug).await?;
    let row = ssr::visible(&state, &member, &id).await?;
    let kind = RecordKind::parse(&row.kind).ok_or(AppError::NotFound)?;
    let headers = imports::stored_headers(&row);
    let mut mapping: Vec<String> = mapping.into_iter().map(|key| key.trim().to_owned()).collect();
    mapping.resize(headers.len(), String::new());
    let mut fields = crate::error::FieldErrors::new();
    for (index, key) in mapping.iter().enumerate() {
        if !is_target(kind, key) {
            fields.insert(format!("mapping.{index}"), td_string!(locale, errors.fields.choose_from_list).into());
        }
    }
    if mapping.iter().all(String::is_empty) {
        fields.insert("mapping".into(), td_string!(locale, errors.imports.nothing_mapped).into());
    }
    let mode = Mode::parse(&mode);
    if mode.is_none() {
        fields.insert("mode".into(), td_string!(locale, errors.fields.choose_from_list).into());
    }
    let match_key = MatchKey::parse(&match_on).filter(|k| MatchKey::for_kind(kind).contains(k));
    match (mode, match_key) {
        (Some(m), None) if m.matches() => {
            fields.insert("match_on".into(), td_string!(locale, errors.fields.choose_from_list).into());
        }
        (Some(m), Some(key)) if m.matches() && !mapping.iter().any(|k| k == key.field()) => {
            fields.insert("match_on".into(), td_string!(locale, errors.imports.match_column_missing).into());
        }
        _ => {}
    }
    // Left out: the format recognised at the upload stays.
    let date_format = if date_format.is_empty() { Some(DateFormat::parse(&row.date_format).unwrap_or_default()) } else { DateFormat::parse(&date_format) };
    if date_format.is_none() {
        fields.insert("date_format".into(), td_string!(locale, errors.fields.choose_from_list).into());
    }
    if !fields.is_empty() {
        return Err(AppError::Validation { fields });
    }
    let mapping_json = serde_json::to_string(&mapping).map_err(AppError::internal)?;
    let match_on = match_key.map_or("", |k| k.as_str());
    let date_format = date_format.unwrap_or_default().as_str();
    let choices = Choices { mapping: &mapping_json, mode: mode.unwrap_or_default().as_str(), match_on, date_format };
    if !rows::configure(&state.db.pool, &member.workspace_id, &row.id, choices, state.clock.now_ms()).await? {
        return Err(AppError::Conflict { message: td_string!(locale, errors.imports.not_setting_up).into() });
    }
    imports::wake();
    Ok(())
}

/// Starts a checked import: the good rows are written in the background; bad ones are skipped
/// (they are in the report). To import nothing instead, cancel it.
#[server(endpoint = "imports/start")]
pub async fn start_import(slug: String, id: String) -> Result<(), AppError> {
    use crate::i18n_setup::{request_locale, td_string};
    use crate::ssr::{access, imports};
    let (state, member) = access::member(&slug).await?;
    let row = ssr::visible(&state, &member, &id).await?;
    if !crate::ssr::db::imports::queue(&state.db.pool, &member.workspace_id, &row.id, "skip", state.clock.now_ms()).await? {
        return Err(AppError::Conflict { message: td_string!(request_locale(), errors.imports.not_checked).into() });
    }
    imports::wake();
    Ok(())
}

/// Stops an import: before it runs, nothing is written; while it runs, it stops after the current
/// batch (what was written stays and can be undone).
#[server(endpoint = "imports/cancel")]
pub async fn cancel_import(slug: String, id: String) -> Result<(), AppError> {
    use crate::i18n_setup::{request_locale, td_string};
    use crate::ssr::access;
    let (state, member) = access::member(&slug).await?;
    let row = ssr::visible(&state, &member, &id).await?;
    if !crate::ssr::db::imports::cancel(&state.db.pool, &member.workspace_id, &row.id, state.clock.now_ms()).await? {
        return Err(AppError::Conflict { message: td_string!(request_locale(), errors.imports.not_cancellable).into() });
    }
    // Cancelled before it ran: the file is not needed any more (a running one's goes when it stops).
    crate::ssr::imports::delete_file_unless_needed(&state, &row.id).await?;
    Ok(())
}

/// Undoes a finished import: what it created goes to the trash, what it updated gets its old
/// values back, except records changed since (they are counted as kept).
#[server(endpoint = "imports/undo")]
pub async fn undo_import(slug: String, id: String) -> Result<(), AppError> {
    use crate::i18n_setup::{request_locale, td_string};
    use crate::ssr::{access, imports};
    let (state, member) = access::member(&slug).await?;
    let row = ssr::visible(&state, &member, &id).await?;
    if !crate::ssr::db::imports::request_undo(&state.db.pool, &member.workspace_id, &row.id, state.clock.now_ms()).await? {
        return Err(AppError::Conflict { message: td_string!(request_locale(), errors.imports.not_undoable).into() });
    }
    imports::wake();
    Ok(())
}
