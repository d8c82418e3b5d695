//! Cross-site request forgery: every request that may change something must come from this site.
//! `Sec-Fetch-Site: cross-site` is refused, and so is an `Origin` that is neither the configured
//! base URL nor the host the request was sent to. SameSite cookies are only a second line.

use app::ssr::AppState;
use axum::extract::{Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

pub async fn refuse_cross_site(State(state): State<AppState>, request: Request, next: Next) -> Response {
    // RFC 8058 one-click unsubscribe: the mail client posts from anywhere. It needs the secret
    // token of the link and can only turn product news off.
    let one_click = request.method() == Method::POST && request.uri().path().starts_with("/unsubscribe/");
    let safe = one_click || matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if !safe && !is_same_site(&state, &request) {
        return (StatusCode::FORBIDDEN, "Cross-site requests are not accepted.").into_response();
    }
    next.run(request).await
}

fn is_same_site(state: &AppState, request: &Request) -> bool {
    let headers = request.headers();
    let text = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    if text("sec-fetch-site") == Some("cross-site") {
        return false;
    }
    let Some(origin) = headers.get(header::ORIGIN).map(|v| v.to_str().unwrap_or("null")) else {
        // No Origin: not sent by a browser for a cross-site form or fetch (browsers always send it
        // on cross-origin POSTs), so this is a same-origin request or a non-browser client.
        return true;
    };
    if origin == state.config.base_url {
        return true;
    }
    let origin_host = origin.strip_prefix("https://").or_else(|| origin.strip_prefix("http://"));
    match (origin_host, text("host")) {
        (Some(origin_host), Some(host)) => origin_host.eq_ignore_ascii_case(host),
        _ => false,
    }
}
