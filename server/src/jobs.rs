//! Background jobs inside the server process: every hour, empty what the trash has held for 30
//! days, forget expired sessions, carry out account and workspace deletions whose day has come,
//! and refresh SQLite's planner statistics. Each run is idempotent, so several servers may run them.
//! The mail worker delivers the outbox every few seconds (see `app::ssr::mail::worker`).
//! The export worker builds "Download my data" and workspace archives (see `app::ssr::exports`).
//! The import worker checks and writes CSV imports and undoes them (see `app::ssr::imports`).

use app::ssr::db;
use app::ssr::AppState;
use std::time::Duration;

const EVERY: Duration = Duration::from_secs(60 * 60);

/// Runs the periodic jobs until the process ends.
pub fn spawn(state: AppState) {
    tokio::spawn(async move {
        let mut ticker = tokio::time::interval(EVERY);
        loop {
            ticker.tick().await;
            run_once(&state).await;
        }
    });
}

/// One pass of every job; failures are logged and retried on the next pass.
pub async fn run_once(state: &AppState) {
    let now_ms = state.clock.now_ms();
    match db::trash::purge(&state.db.pool, now_ms - db::trash::RETENTION_MS).await {
        Ok(0) => {}
        Ok(purged) => tracing::info!(purged, "emptied the trash of records deleted over 30 days ago"),
        Err(error) => tracing::error!("trash purge failed: {error}"),
    }
    match db::sessions::delete_expired(&state.db.pool, now_ms).await {
        Ok(0) => {}
        Ok(removed) => tracing::info!(removed, "removed expired sessions"),
        Err(error) => tracing::error!("session clean-up failed: {error}"),
    }
    match app::ssr::analytics::forget_old_salts(state).await {
        Ok(0) => {}
        Ok(forgotten) => tracing::info!(forgotten, "deleted analytics salts older than 48 hours"),
        Err(error) => tracing::error!("analytics salt clean-up failed: {error}"),
    }
    match db::usage::purge_before(&state.db.pool, now_ms - state.config.usage_retention_ms()).await {
        Ok(db::usage::Purged { page_visits: 0, session_addresses: 0 }) => {}
        Ok(purged) => tracing::info!(visits = purged.page_visits, addresses = purged.session_addresses, "purged usage data past its retention"),
        Err(error) => tracing::error!("usage data purge failed: {error}"),
    }
    match app::api::deletion::ssr::run_job(state).await {
        Ok(pass) if pass == Default::default() => {}
        Ok(pass) => tracing::info!(reminded = pass.reminded, purged = pass.purged, notices = pass.notices_forgotten, "account deletions: reminders and purges"),
        Err(error) => tracing::error!("account deletion job failed: {error}"),
    }
    match app::api::workspace_deletion::ssr::run_job(state).await {
        Ok(pass) if pass == Default::default() => {}
        Ok(pass) => tracing::info!(reminded = pass.reminded, deleted = pass.deleted, "workspace deletions: reminders and deletions"),
        Err(error) => tracing::error!("workspace deletion job failed: {error}"),
    }
    match app::ssr::imports::delete_old_files(state).await {
        Ok(0) => {}
        Ok(deleted) => tracing::info!(deleted, "deleted import files no unfinished import needs"),
        Err(error) => tracing::error!("deleting old import files failed: {error}"),
    }
    if let Err(error) = app::ssr::policy::reload(state).await {
        tracing::error!("reading the published policy versions failed: {error}");
    }
    if let Err(error) = state.db.optimize().await {
        tracing::error!("refreshing the planner's statistics failed: {error}");
    }
}

/// How often the export worker looks for queued exports and expired archives when nobody wakes it.
const EXPORT_POLL: Duration = Duration::from_secs(60);

/// Runs the export worker until the process ends: builds queued "Download my data" and workspace
/// exports (a pass at once when a request wakes it, else every minute), recovers exports a stopped
/// server left running, and deletes archives whose link expired (see `app::ssr::exports`).
pub fn spawn_export_worker(state: AppState) {
    tokio::spawn(async move {
        loop {
            if let Err(error) = app::ssr::exports::run_pending(&state).await {
                tracing::error!("export pass failed: {error}");
            }
            if let Err(error) = app::ssr::exports::delete_expired(&state).await {
                tracing::error!("deleting expired export archives failed: {error}");
            }
            tokio::select! {
                () = tokio::time::sleep(EXPORT_POLL) => {}
                () = app::ssr::exports::woken() => {}
            }
        }
    });
}

/// How often the import worker looks for waiting or abandoned imports when nobody wakes it.
const IMPORT_POLL: Duration = Duration::from_secs(30);

/// Runs the import worker until the process ends: a pass at once when the wizard wakes it, else
/// every half minute (which also takes over imports a stopped server left, once they are stale).
pub fn spawn_import_worker(state: AppState) {
    tokio::spawn(async move {
        loop {
            if let Err(error) = app::ssr::imports::run_pending(&state, None).await {
                tracing::error!("import pass failed: {error}");
            }
            tokio::select! {
                () = tokio::time::sleep(IMPORT_POLL) => {}
                () = app::ssr::imports::woken() => {}
            }
        }
    });
}

/// How often the mail worker looks for due mail when nobody wakes it.
const MAIL_POLL: Duration = Duration::from_secs(5);

/// Runs the mail worker until the process ends: a pass every few seconds, and at once when a
/// server function wakes it after writing to the outbox.
pub fn spawn_mail_worker(state: AppState, mailer: app::ssr::mail::transport::Mailer) {
    tokio::spawn(async move {
        loop {
            if let Err(error) = app::ssr::mail::worker::run_once(&state, &mailer).await {
                tracing::error!("mail delivery pass failed: {error}");
            }
            tokio::select! {
                () = tokio::time::sleep(MAIL_POLL) => {}
                () = state.mail_wake.notified() => {}
            }
        }
    });
}
