//! Security headers on every answer (the page's CSP with its nonce is set while rendering; this
//! adds a strict one where none was set), and `Cache-Control: no-store` on anything personal.

use app::ssr::sessions::CurrentSession;
use app::ssr::AppState;
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

const DEFAULT_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
    img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; \
    form-action 'self'";

pub async fn add_security_headers(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    // Pages whose address holds a token (an invitation, a password reset) must not leak it to other sites.
    let token_page = path.starts_with("/invite/") || path.starts_with("/reset-password/") || path.starts_with("/confirm-email/");
    let personal = token_page
        || response.extensions().get::<CurrentSession>().is_some()
        || path.starts_with("/api/")
        || path.starts_with("/w/")
        || path == "/signin"
        || path == "/signup";
    let headers = response.headers_mut();
    let has_csp = headers.contains_key(header::CONTENT_SECURITY_POLICY);
    let mut set = |name: header::HeaderName, value: &'static str| {
        headers.insert(name, HeaderValue::from_static(value));
    };
    set(header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(header::REFERRER_POLICY, if token_page { "no-referrer" } else { "strict-origin-when-cross-origin" });
    set(header::HeaderName::from_static("cross-origin-opener-policy"), "same-origin");
    set(header::HeaderName::from_static("permissions-policy"), "camera=(), microphone=(), geolocation=()");
    set(header::X_FRAME_OPTIONS, "DENY");
    if state.config.is_https() {
        set(header::STRICT_TRANSPORT_SECURITY, "max-age=63072000; includeSubDomains");
    }
    if personal {
        set(header::CACHE_CONTROL, "no-store");
    }
    if !has_csp {
        set(header::CONTENT_SECURITY_POLICY, DEFAULT_CSP);
    }
    response
}
