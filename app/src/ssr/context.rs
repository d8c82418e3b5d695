//! What a server function knows about its request: the shared state, the signed-in person, the
//! client's IP and browser. The server's middleware puts these into the request before Leptos runs.

use super::sessions::CurrentSession;
use super::state::AppState;
use crate::error::AppError;
use http::request::Parts;
use leptos::prelude::*;
use std::net::IpAddr;

/// The client's address as the server determined it (socket peer, or the proxy's header when trusted).
#[derive(Clone, Copy, Debug)]
pub struct ClientIp(pub IpAddr);

/// Look it up before a function's first `await`: while the server renders a page, Leptos may
/// replace a view whose data is still loading (its Suspense checks its children again), and the
/// replaced view's loads go on without any context; one that fails there can send the browser a
/// value the page was not rendered with, which breaks hydration.
pub fn state() -> Result<AppState, AppError> {
    use_context::<AppState>().ok_or_else(|| AppError::internal("AppState missing from context"))
}

fn parts() -> Result<Parts, AppError> {
    use_context::<Parts>().ok_or_else(|| AppError::internal("request parts missing from context"))
}

/// The signed-in person, if any.
pub fn session() -> Option<CurrentSession> {
    use_context::<Parts>()?.extensions.get::<CurrentSession>().cloned()
}

/// The signed-in person, or `Unauthenticated`. An account waiting for its deletion gets
/// `Forbidden` everywhere but where it may still go (downloading its data, its deletion page:
/// `api::deletion::ssr::open_while_pending`), so every workspace function refuses it here, once.
pub fn require_session() -> Result<CurrentSession, AppError> {
    let session = session().ok_or(AppError::Unauthenticated)?;
    if session.deletion_due_at.is_some() {
        let path = use_context::<Parts>().map(|p| p.uri.path().to_owned()).unwrap_or_default();
        if !crate::api::deletion::ssr::open_while_pending(&path) {
            return Err(AppError::Forbidden);
        }
    }
    Ok(session)
}

pub fn client_ip() -> Result<IpAddr, AppError> {
    parts()?
        .extensions
        .get::<ClientIp>()
        .map(|ip| ip.0)
        .ok_or_else(|| AppError::internal("client IP missing from request"))
}

pub fn user_agent() -> String {
    use_context::<Parts>()
        .and_then(|p| p.headers.get(http::header::USER_AGENT).and_then(|v| v.to_str().ok()).map(str::to_owned))
        .unwrap_or_default()
}

/// The request's `Cookie` header ("" when there is none).
pub fn cookie_header() -> String {
    use_context::<Parts>()
        .and_then(|p| p.headers.get(http::header::COOKIE).and_then(|v| v.to_str().ok()).map(str::to_owned))
        .unwrap_or_default()
}

/// The raw session token from the request's cookie, if one was sent.
pub fn session_token(state: &AppState) -> Option<String> {
    let parts = use_context::<Parts>()?;
    let header = parts.headers.get(http::header::COOKIE)?.to_str().ok()?;
    super::sessions::token_from_cookie_header(state, header)
}

/// Adds a `Set-Cookie` header to the response.
pub fn set_cookie(value: &str) -> Result<(), AppError> {
    let response = use_context::<leptos_axum::ResponseOptions>()
        .ok_or_else(|| AppError::internal("ResponseOptions missing from context"))?;
    let value = http::HeaderValue::from_str(value).map_err(AppError::internal)?;
    response.append_header(http::header::SET_COOKIE, value);
    Ok(())
}
