//! One-click unsubscribe from product news, without signing in (RFC 8058).
//!
//! - `GET /unsubscribe/{token}` shows a page with an "Unsubscribe" button and changes nothing, so
//!   a link scanner that follows the link does not unsubscribe anyone.
//! - `POST /unsubscribe/{token}` — the mail client's one-click POST (body
//!   `List-Unsubscribe=One-Click`, no or a foreign `Origin`: the CSRF check lets this path pass) and
//!   the button's form — turns marketing email off and says so. It changes nothing else.
//!
//! The token is the random one in the mail, found by its hash; one that matches nothing gets a
//! clear 404 page.

use app::ssr::db;
use app::ssr::mail::escape_html;
use app::ssr::sessions::hash_token;
use app::ssr::AppState;
use axum::extract::{Path, State};
use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};

/// Longer than any token we make; anything longer is not looked up.
const TOKEN_MAX: usize = 128;

pub async fn show(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    let owner = match owner_of(&state, &token).await {
        Ok(Some(owner)) => owner,
        Ok(None) => return not_found(),
        Err(response) => return *response,
    };
    let email = escape_html(&owner.email);
    let body = if owner.marketing_opt_in == 0 {
        format!("<h1>You are not subscribed</h1><p class=\"notice\" role=\"status\">{email} does not receive NexaCRM product news.</p>")
    } else {
        format!(
            "<h1>Unsubscribe from product news</h1>\
             <p>Stop sending NexaCRM product news to {email}? Mail about your account (password resets, sign-in alerts, \
             answers to your requests) still arrives.</p>\
             <form method=\"post\" action=\"/unsubscribe/{token}\"><button class=\"button primary\" type=\"submit\">Unsubscribe</button></form>",
            token = escape_html(&token)
        )
    };
    page(StatusCode::OK, "Unsubscribe", &body)
}

pub async fn unsubscribe(State(state): State<AppState>, Path(token): Path<String>) -> Response {
    let owner = match owner_of(&state, &token).await {
        Ok(Some(owner)) => owner,
        Ok(None) => return not_found(),
        Err(response) => return *response,
    };
    let mut conn = match state.db.pool.acquire().await {
        Ok(conn) => conn,
        Err(error) => return failure(error),
    };
    if let Err(error) = db::marketing::opt_out(&mut conn, &owner.user_id, state.clock.now_ms()).await {
        return failure(error);
    }
    let body = format!(
        "<h1>You are unsubscribed</h1><p class=\"notice\" role=\"status\">{} will receive no more NexaCRM product news. \
         You can opt in again any time in your privacy settings.</p>",
        escape_html(&owner.email)
    );
    page(StatusCode::OK, "Unsubscribed", &body)
}

async fn owner_of(state: &AppState, token: &str) -> Result<Option<db::marketing::TokenOwner>, Box<Response>> {
    if token.is_empty() || token.len() > TOKEN_MAX {
        return Ok(None);
    }
    let mut conn = state.db.pool.acquire().await.map_err(|e| Box::new(failure(e)))?;
    db::marketing::token_owner(&mut conn, &hash_token(token)).await.map_err(|e| Box::new(failure(e)))
}

fn not_found() -> Response {
    page(
        StatusCode::NOT_FOUND,
        "Link not valid",
        "<h1>This unsubscribe link is not valid</h1>\
         <p>It may have been copied incompletely. Sign in and turn product news off in Settings → Privacy, \
         or write to <a href=\"mailto:privacy@nexacrm.io\">privacy@nexacrm.io</a>.</p>",
    )
}

fn failure(error: impl std::fmt::Display) -> Response {
    let error = app::error::AppError::internal(error);
    page(StatusCode::INTERNAL_SERVER_ERROR, "Something went wrong", &format!("<h1>Something went wrong</h1><p>{}</p>", escape_html(&error.to_string())))
}

/// A small page of its own: personal (a token in its address), so never cached or indexed.
fn page(status: StatusCode, title: &str, body: &str) -> Response {
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>{title} · NexaCRM</title><link rel=\"stylesheet\" href=\"/pkg/nexacrm.css\"></head>\
         <body><main class=\"page\" id=\"content\"><section class=\"panel stack unsubscribe\">{body}\
         <p><a href=\"/\">NexaCRM home</a></p></section></main></body></html>\n"
    );
    let headers = [
        (header::CONTENT_TYPE, "text/html; charset=utf-8"),
        (header::CACHE_CONTROL, "no-store"),
        (header::HeaderName::from_static("x-robots-tag"), "noindex"),
    ];
    (status, headers, html).into_response()
}
