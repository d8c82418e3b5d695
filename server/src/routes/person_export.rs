//! `GET /w/{slug}/contacts/{id}/export` and `GET /w/{slug}/leads/{id}/export`: "Export
//! everything about this person", a ZIP (JSON and CSV) built on the spot for a member of the
//! workspace who can see the record (viewers too: they read the same on the record's page), as
//! an attachment that is never cached. A record that is not in the workspace, or that the member
//! does not see, answers 404, as does a workspace they are not in; signed out, the browser is sent
//! to sign in and back here. See `app::ssr::person_export`.

use app::domain::records::RecordKind;
use app::error::AppError;
use app::ssr::sessions::CurrentSession;
use app::ssr::AppState;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;

pub async fn contact(state: State<AppState>, session: Option<Extension<CurrentSession>>, Path((slug, id)): Path<(String, String)>) -> Response {
    export(state, session, slug, RecordKind::Contact, id).await
}

pub async fn lead(state: State<AppState>, session: Option<Extension<CurrentSession>>, Path((slug, id)): Path<(String, String)>) -> Response {
    export(state, session, slug, RecordKind::Lead, id).await
}

async fn export(State(state): State<AppState>, session: Option<Extension<CurrentSession>>, slug: String, kind: RecordKind, id: String) -> Response {
    let Some(Extension(session)) = session else {
        let here = app::api::person_privacy::export_path(&slug, kind, &id);
        return Redirect::to(&format!("/signin?next={}", app::pages::records::encode_query(&here))).into_response();
    };
    let built = match app::ssr::access::membership(&state, &session.user_id, &slug).await {
        Ok(member) => app::ssr::person_export::build(&state, &member, kind, &id).await,
        Err(error) => Err(error),
    };
    match built {
        Ok(archive) => {
            let mut response = archive.bytes.into_response();
            let headers = response.headers_mut();
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/zip"));
            headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{}\"", archive.file_name)) {
                headers.insert(header::CONTENT_DISPOSITION, value);
            }
            response
        }
        Err(error) => {
            let status = StatusCode::from_u16(error.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let text = match error {
                AppError::NotFound => "Not found".to_owned(),
                other => other.to_string(),
            };
            (status, [(header::CACHE_CONTROL, "no-store")], text).into_response()
        }
    }
}
