//! `GET /w/{slug}/export/{list}/{format}`: a record list (`contacts`, `companies`, `leads`,
//! `deals`, `tickets`) with the filters and order of its page (the same query parameters), as
//! `csv` or `json`, streamed as an attachment that is never cached. Any member may export what
//! they can see on the list; signed out, the browser is sent to sign in and back here. See
//! `app::ssr::list_export`.

use app::error::AppError;
use app::ssr::list_export::{self, Format, ListParams, ListQuery};
use app::ssr::sessions::CurrentSession;
use app::ssr::AppState;
use axum::body::Body;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;

pub async fn export(
    State(state): State<AppState>,
    session: Option<Extension<CurrentSession>>,
    Path((slug, list, format)): Path<(String, String, String)>,
    params: Result<Query<ListParams>, axum::extract::rejection::QueryRejection>,
    headers: HeaderMap,
) -> Response {
    let (Some(kind), Some(format)) = (list_export::kind_of_list(&list), Format::parse(&format)) else {
        return refusal(AppError::NotFound);
    };
    let Some(Extension(session)) = session else {
        let here = format!("/w/{slug}/export/{list}/{}", if format == Format::Csv { "csv" } else { "json" });
        return Redirect::to(&format!("/signin?next={}", app::pages::records::encode_query(&here))).into_response();
    };
    let member = match app::ssr::access::membership(&state, &session.user_id, &slug).await {
        Ok(member) => member,
        Err(error) => return refusal(error),
    };
    let Ok(Query(params)) = params else { return refusal(AppError::BadRequest) };
    let locale = language_of(&headers);
    let query = match ListQuery::new(&state, member, kind, params, locale).await {
        Ok(query) => query,
        Err(error) => return refusal(error),
    };
    let today = app::domain::dates::format_wall(state.clock.now_ms());
    let file_name = format!("{list}-{}.{}", &today[..10], if format == Format::Csv { "csv" } else { "json" });
    let mut response = Body::from_stream(list_export::stream(state, query, format)).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(format.content_type()));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(value) = HeaderValue::from_str(&format!("attachment; filename=\"{file_name}\"")) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    response
}

/// The language for a refusal's text, as pages choose it.
fn language_of(headers: &HeaderMap) -> app::i18n_setup::Locale {
    let header = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default();
    app::i18n_setup::locale_from_headers(header(header::COOKIE), header(header::ACCEPT_LANGUAGE))
}

/// A refused export: its status and a short text (a bad filter names the field).
fn refusal(error: AppError) -> Response {
    let status = StatusCode::from_u16(error.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let text = match &error {
        AppError::NotFound => "Not found".to_owned(),
        AppError::Validation { fields } => fields.values().cloned().collect::<Vec<_>>().join(" "),
        other => other.to_string(),
    };
    (status, [(header::CACHE_CONTROL, "no-store")], text).into_response()
}
