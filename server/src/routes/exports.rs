//! `GET /exports/{id}/download`: an export archive, streamed from its file to the person who asked
//! for it, as an attachment that is never cached. The link on the page and in the mail makes a
//! one-time token (32 random bytes, only its SHA-256 kept) and sends the browser on to
//! `…/download?token=…`, which streams the file once: a download address seen in a history or a
//! log cannot be used again. Anyone else — another person, or someone
//! signed out — gets 404, exactly as for an id that does not exist; the requester gets 410 with
//! an explanation once the link has expired (after 7 days) or the archive is gone, and 404 while
//! it is still being built or when it failed (the privacy page shows those).

use app::ssr::db::exports as rows;
use app::ssr::sessions::CurrentSession;
use app::ssr::AppState;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use tokio_util::io::ReaderStream;

/// A small page for the requester's expired link (no script, the site's stylesheet).
fn expired_page() -> Response {
    let body = "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>Download expired · NexaCRM</title>\
        <link rel=\"stylesheet\" href=\"/pkg/nexacrm.css\"></head>\n<body><main class=\"page\">\
        <h1>This download has expired</h1>\
        <p>Archives can be downloaded for 7 days, then they are deleted. Ask for a new one under \
        Privacy (user menu → Privacy → Download my data).</p><p><a href=\"/signin\">Go to NexaCRM</a></p>\
        </main></body>\n</html>\n";
    (StatusCode::GONE, [(header::CONTENT_TYPE, "text/html; charset=utf-8"), (header::CACHE_CONTROL, "no-store")], body).into_response()
}

/// A download address that was already used: the archive can be fetched again from a fresh link.
fn used_link_page(id: &str) -> Response {
    let body = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>Link already used · NexaCRM</title>\
        <link rel=\"stylesheet\" href=\"/pkg/nexacrm.css\"></head>\n<body><main class=\"page\">\
        <h1>This download link was already used</h1>\
        <p>Each download link works once. <a href=\"/exports/{id}/download\">Download the archive again</a>.</p>\
        </main></body>\n</html>\n"
    );
    (StatusCode::GONE, [(header::CONTENT_TYPE, "text/html; charset=utf-8"), (header::CACHE_CONTROL, "no-store")], body).into_response()
}

fn not_found() -> Response {
    (StatusCode::NOT_FOUND, [(header::CACHE_CONTROL, "no-store")], "Not found").into_response()
}

/// The name the browser saves the archive as: what it holds and the day it was asked for (UTC).
pub fn file_name(row: &rows::ExportRow) -> String {
    let (year, month, day) = app::domain::dates::civil_from_days(row.created_at.div_euclid(86_400_000));
    let what = match (&row.scope[..], &row.workspace_slug) {
        (rows::WORKSPACE, Some(slug)) => {
            let safe: String = slug.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
            format!("workspace-{safe}")
        }
        _ => "my-data".to_owned(),
    };
    format!("nexacrm-{what}-{year:04}-{month:02}-{day:02}.zip")
}

/// The one-time token of a download address.
#[derive(serde::Deserialize)]
pub struct DownloadToken {
    token: Option<String>,
}

pub async fn download(
    State(state): State<AppState>,
    session: Option<Extension<CurrentSession>>,
    Path(id): Path<String>,
    Query(query): Query<DownloadToken>,
) -> Response {
    let Some(Extension(session)) = session else {
        return not_found();
    };
    let row = match rows::find_of_user(&state.db.pool, &id, &session.user_id).await {
        Ok(Some(row)) => row,
        Ok(None) => return not_found(),
        Err(error) => {
            let error = app::error::AppError::internal(error);
            return (StatusCode::SERVICE_UNAVAILABLE, error.to_string()).into_response();
        }
    };
    let now_ms = state.clock.now_ms();
    match row.status.as_str() {
        rows::READY if row.expires_at.is_some_and(|at| at > now_ms) => {}
        rows::READY | rows::EXPIRED => return expired_page(),
        _ => return not_found(),
    }
    let Some(token) = query.token.filter(|t| !t.is_empty() && t.len() <= 128) else {
        // Make the one-time address and go there.
        let token = app::ssr::sessions::new_token();
        if let Err(error) = rows::set_download_token(&state.db.pool, &row.id, &app::ssr::sessions::hash_token(&token)).await {
            let error = app::error::AppError::internal(error);
            return (StatusCode::SERVICE_UNAVAILABLE, error.to_string()).into_response();
        }
        let to = format!("/exports/{}/download?token={token}", row.id);
        return (StatusCode::SEE_OTHER, [(header::LOCATION, to.as_str()), (header::CACHE_CONTROL, "no-store")]).into_response();
    };
    match rows::spend_download_token(&state.db.pool, &row.id, &app::ssr::sessions::hash_token(&token)).await {
        Ok(true) => {}
        Ok(false) => return used_link_page(&row.id),
        Err(error) => {
            let error = app::error::AppError::internal(error);
            return (StatusCode::SERVICE_UNAVAILABLE, error.to_string()).into_response();
        }
    }
    let path = app::ssr::exports::archive_path(&state, &row.id);
    let file = match tokio::fs::File::open(&path).await {
        Ok(file) => file,
        Err(error) => {
            tracing::warn!(export = %row.id, "a ready export's archive cannot be opened: {error}");
            return expired_page();
        }
    };
    let length = file.metadata().await.map(|m| m.len()).ok();
    if let Err(error) = rows::mark_downloaded(&state.db.pool, &row.id, now_ms).await {
        tracing::warn!(export = %row.id, "could not record a download: {error}");
    }
    let disposition = format!("attachment; filename=\"{}\"", file_name(&row));
    let mut response = Body::from_stream(ReaderStream::new(file)).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/zip"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    if let Some(length) = length {
        headers.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(scope: &str, slug: Option<&str>) -> rows::ExportRow {
        rows::ExportRow {
            id: "x".into(),
            user_id: "u".into(),
            scope: scope.into(),
            workspace_id: None,
            status: rows::READY.into(),
            attempts: 1,
            parts_done: 1,
            parts_total: 1,
            rows_done: 0,
            size_bytes: None,
            error: None,
            created_at: 1_795_737_600_000,
            finished_at: None,
            expires_at: None,
            downloaded_at: None,
            updated_at: 0,
            user_name: String::new(),
            user_email: String::new(),
            workspace_name: None,
            workspace_slug: slug.map(str::to_owned),
        }
    }

    #[test]
    fn archives_are_named_after_what_they_hold_and_the_day() {
        assert_eq!(file_name(&row(rows::PERSONAL, None)), "nexacrm-my-data-2026-11-27.zip");
        assert_eq!(file_name(&row(rows::WORKSPACE, Some("engines-2\"; x"))), "nexacrm-workspace-engines-2x-2026-11-27.zip");
    }
}
