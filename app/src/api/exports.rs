//! Download my data and the workspace export: request one, follow its progress, list the ready archives.
//!
//! Anyone signed in may ask for an archive of their own data; owners and admins of a workspace may
//! also export the whole workspace. Each is built in the background (`ssr::exports`), shows its
//! progress, and is downloaded by the person who asked only (`/exports/{id}/download`), for
//! `VALID_DAYS` days. One request a day per person and kind (a failed one does not count).

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// How long a ready archive can be downloaded (kept in step with `ssr::exports::VALID_DAYS`).
pub const VALID_DAYS: i64 = 7;

/// Where an export is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportStatus {
    /// Waiting for the worker.
    Queued,
    /// Being built: see the progress.
    Running,
    /// Ready to download until `expires_at`.
    Ready,
    /// Building it failed (see `error`); ask again.
    Failed,
    /// The link expired and the archive was deleted.
    Expired,
}

impl ExportStatus {
    pub fn label(self) -> &'static str {
        match self {
            ExportStatus::Queued => "Waiting to start",
            ExportStatus::Running => "Being prepared",
            ExportStatus::Ready => "Ready",
            ExportStatus::Failed => "Failed",
            ExportStatus::Expired => "Expired",
        }
    }

    /// Still to come: the page keeps following it.
    pub fn is_active(self) -> bool {
        matches!(self, ExportStatus::Queued | ExportStatus::Running)
    }
}

/// One export as its requester sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportView {
    pub id: String,
    pub status: ExportStatus,
    /// Kinds of record written so far, of `parts_total`.
    pub parts_done: i64,
    pub parts_total: i64,
    /// Records written so far.
    pub rows_done: i64,
    pub size_bytes: Option<i64>,
    pub created_at: i64,
    pub finished_at: Option<i64>,
    pub expires_at: Option<i64>,
    /// Why it failed, for the person.
    pub error: Option<String>,
    /// The download address while the archive is ready.
    pub download_url: Option<String>,
    /// Whether the archive was downloaded at least once.
    pub downloaded: bool,
}

/// The person's recent exports of one kind and whether they may ask for another.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExportsOverview {
    /// Newest first (the last few).
    pub exports: Vec<ExportView>,
    /// When the person may ask again; `None`: now.
    pub next_request_at: Option<i64>,
}

impl ExportsOverview {
    /// Whether an export is waiting or being built (the page follows its progress).
    pub fn has_active(&self) -> bool {
        self.exports.iter().any(|e| e.status.is_active())
    }
}

/// The signed-in person's own data downloads.
#[server(endpoint = "exports/mine", input = server_fn::codec::GetUrl)]
pub async fn my_exports() -> Result<ExportsOverview, AppError> {
    use crate::ssr::{context, db::exports as rows};
    let state = context::state()?;
    let session = context::require_session()?;
    ssr::overview(&state, &session.user_id, rows::PERSONAL, None).await
}

/// Asks for an archive of the signed-in person's own data; answers the person's exports as they
/// are before the worker starts (the new one first, waiting), so the page shows it at once.
/// Refused (409, with the time they may ask again) when they asked in the last 24 hours and that
/// request did not fail.
#[server(endpoint = "exports/request-mine")]
pub async fn request_my_data() -> Result<ExportsOverview, AppError> {
    use crate::ssr::{context, db::exports as rows};
    let state = context::state()?;
    let session = context::require_session()?;
    let overview = ssr::request(&state, &session.user_id, rows::PERSONAL, None).await?;
    crate::ssr::analytics::feature_used("export requested").await;
    Ok(overview)
}

/// The workspace exports the signed-in owner or admin asked for (403 for other roles).
#[server(endpoint = "exports/workspace", input = server_fn::codec::GetUrl)]
pub async fn workspace_exports(slug: String) -> Result<ExportsOverview, AppError> {
    use crate::ssr::{access, db::exports as rows};
    let (state, member) = access::member(&slug).await?;
    member.require_admin()?;
    ssr::overview(&state, &member.user_id, rows::WORKSPACE, Some(&member.workspace_id)).await
}

/// Asks for an export of the whole workspace (owners and admins; 403 for other roles); answers as
/// `request_my_data` does. One a day per person and workspace, as for personal downloads.
#[server(endpoint = "exports/request-workspace")]
pub async fn request_workspace_export(slug: String) -> Result<ExportsOverview, AppError> {
    use crate::ssr::{access, db::exports as rows};
    let (state, member) = access::member(&slug).await?;
    member.require_admin()?;
    let overview = ssr::request(&state, &member.user_id, rows::WORKSPACE, Some(&member.workspace_id)).await?;
    crate::ssr::analytics::feature_used("workspace export requested").await;
    Ok(overview)
}

#[cfg(feature = "ssr")]
pub mod ssr {
    //! The request with its daily limit, and rows turned into what the page shows.

    use super::{ExportStatus, ExportView, ExportsOverview};
    use crate::error::AppError;
    use crate::i18n_setup::{request_locale, td_string, Locale};
    use crate::ssr::db::{self, exports as rows};
    use crate::ssr::exports::{self, FAILED_MESSAGE, INTERRUPTED_MESSAGE, REQUEST_INTERVAL_MS};
    use crate::ssr::AppState;

    /// Exports listed on the page.
    const SHOWN: i64 = 5;

    fn status(row: &rows::ExportRow, now_ms: i64) -> ExportStatus {
        match row.status.as_str() {
            rows::QUEUED => ExportStatus::Queued,
            rows::RUNNING => ExportStatus::Running,
            rows::READY if row.expires_at.is_some_and(|at| at > now_ms) => ExportStatus::Ready,
            rows::FAILED => ExportStatus::Failed,
            _ => ExportStatus::Expired,
        }
    }

    /// Why an export failed, in `locale` (the row keeps the English text).
    fn failure_text(stored: String, locale: Locale) -> String {
        match stored.as_str() {
            FAILED_MESSAGE => td_string!(locale, errors.exports.failed).to_owned(),
            INTERRUPTED_MESSAGE => td_string!(locale, errors.exports.interrupted).to_owned(),
            _ => stored,
        }
    }

    pub fn view(row: rows::ExportRow, now_ms: i64, locale: Locale) -> ExportView {
        let status = status(&row, now_ms);
        ExportView {
            download_url: (status == ExportStatus::Ready).then(|| exports::download_path(&row.id)),
            id: row.id,
            status,
            parts_done: row.parts_done,
            parts_total: row.parts_total,
            rows_done: row.rows_done,
            size_bytes: row.size_bytes,
            created_at: row.created_at,
            finished_at: row.finished_at,
            expires_at: row.expires_at,
            error: row.error.map(|stored| failure_text(stored, locale)),
            downloaded: row.downloaded_at.is_some(),
        }
    }

    pub async fn overview(state: &AppState, user_id: &str, scope: &str, workspace_id: Option<&str>) -> Result<ExportsOverview, AppError> {
        let now_ms = state.clock.now_ms();
        let list = rows::of_user(&state.db.pool, user_id, scope, workspace_id, SHOWN).await?;
        let last = rows::last_counting_request(&state.db.pool, user_id, scope, workspace_id, now_ms - REQUEST_INTERVAL_MS).await?;
        Ok(ExportsOverview {
            exports: list.into_iter().map(|row| view(row, now_ms, request_locale())).collect(),
            next_request_at: last.map(|at| at + REQUEST_INTERVAL_MS),
        })
    }

    /// Records the request (or refuses it), then reads the overview before waking the worker.
    pub async fn request(state: &AppState, user_id: &str, scope: &str, workspace_id: Option<&str>) -> Result<ExportsOverview, AppError> {
        let now_ms = state.clock.now_ms();
        let since = now_ms - REQUEST_INTERVAL_MS;
        let id = db::new_id();
        let mut conn = state.db.pool.acquire().await?;
        let new = rows::NewExport { id: &id, user_id, scope, workspace_id, now_ms };
        if !rows::insert_unless_recent(&mut conn, &new, since).await? {
            drop(conn);
            let last = rows::last_counting_request(&state.db.pool, user_id, scope, workspace_id, since).await?.unwrap_or(now_ms);
            let zone = crate::ssr::zones::of_user(&state.db.pool, user_id, now_ms).await?;
            let locale = request_locale();
            let (asked, next) = (zone.format_in(last, locale), zone.format_in(last + REQUEST_INTERVAL_MS, locale));
            let message = if scope == rows::WORKSPACE {
                td_string!(locale, errors.exports.once_a_day_workspace, asked = asked, next = next)
            } else {
                td_string!(locale, errors.exports.once_a_day_mine, asked = asked, next = next)
            };
            return Err(AppError::Conflict { message });
        }
        drop(conn);
        let answer = overview(state, user_id, scope, workspace_id).await;
        exports::wake();
        answer
    }
}
