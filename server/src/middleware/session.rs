//! Finds the session behind the cookie and puts the signed-in person into the request (and the
//! response's extensions, so later layers know the answer is personal). A signed-out visit to a
//! workspace page is sent to sign-in with the page to come back to.

use app::ssr::sessions::{self, CurrentSession};
use app::ssr::AppState;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

/// Asking how long the session has left must not count as activity.
const STATUS_PATH: &str = "/api/auth/session-status";

pub async fn load_session(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    if path.starts_with("/pkg/") || path == "/healthz" {
        return next.run(request).await;
    }
    let token = request
        .headers()
        .get(header::COOKIE)
        .and_then(|v| v.to_str().ok())
        .and_then(|cookies| sessions::token_from_cookie_header(&state, cookies));
    let mut stale_cookie = false;
    let mut current: Option<CurrentSession> = None;
    if let Some(token) = token {
        match sessions::resolve(&state, &token, path != STATUS_PATH).await {
            Ok(Some(session)) => current = Some(session),
            Ok(None) => stale_cookie = true,
            Err(error) => {
                let error = app::error::AppError::internal(error);
                return (StatusCode::SERVICE_UNAVAILABLE, error.to_string()).into_response();
            }
        }
    }
    let wants_page = matches!(*request.method(), Method::GET | Method::HEAD);
    if current.is_none() && wants_page && (path == "/w" || path.starts_with("/w/")) {
        let target = request.uri().path_and_query().map(|pq| pq.as_str()).unwrap_or("/");
        let next_param: String = url_encode(target);
        let expired = if stale_cookie { "expired=1&" } else { "" };
        let mut response = Redirect::to(&format!("/signin?{expired}next={next_param}")).into_response();
        if stale_cookie {
            append_clearing_cookie(&state, &mut response);
        }
        return response;
    }
    if let Some(session) = current.clone() {
        request.extensions_mut().insert(session);
    }
    let mut response = next.run(request).await;
    if let Some(session) = current {
        response.extensions_mut().insert(session);
    } else if stale_cookie {
        append_clearing_cookie(&state, &mut response);
    }
    response
}

/// Tells the browser to drop a cookie that no longer opens a session, unless this very response
/// sets a new one (signing in with an expired cookie must keep the new session).
fn append_clearing_cookie(state: &AppState, response: &mut Response) {
    let name = format!("{}=", sessions::cookie_name(state));
    let sets_new = response
        .headers()
        .get_all(header::SET_COOKIE)
        .iter()
        .any(|v| v.to_str().is_ok_and(|v| v.starts_with(&name)));
    if sets_new {
        return;
    }
    if let Ok(value) = HeaderValue::from_str(&sessions::clearing_cookie(state)) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
}

/// Percent-encodes everything but unreserved characters and `/`.
fn url_encode(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => (b as char).to_string(),
            other => format!("%{other:02X}"),
        })
        .collect()
}
