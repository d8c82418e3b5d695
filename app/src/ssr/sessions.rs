//! Server-side sessions: a 256-bit random token in an `HttpOnly` cookie, only its SHA-256 in the
//! database, idle and absolute expiry checked on every request.
//!
//! Written here rather than taken from a crate: tower-sessions stores the raw session id (we store a
//! hash), its sqlx stores need sqlx 0.8 (we are on 0.9), and neither records user agent and IP.

use super::db::sessions::{self as rows, NewSessionRow, SessionRow};
use super::db::new_id;
use super::state::AppState;
use base64::Engine as _;
use rand::RngCore as _;
use sha2::{Digest, Sha256};

/// How often a session's "last seen" is written: at most once a minute per session, so reads do not
/// all turn into writes. Idle expiry is therefore exact to within a minute.
const TOUCH_EVERY_MS: i64 = 60_000;

/// The signed-in person behind the current request.
#[derive(Clone, Debug)]
pub struct CurrentSession {
    pub session_id: String,
    pub user_id: String,
    pub full_name: String,
    pub email: String,
    /// When the session ends if nothing else happens (idle or absolute, whichever is first).
    pub expires_at: i64,
    /// Set while the account waits for its deletion: it may then only download its data, cancel
    /// the deletion and sign out (`context::require_session` refuses everything else).
    pub deletion_due_at: Option<i64>,
}

/// The cookie's name: `__Host-` prefixed (host-only, `Secure`, `Path=/`) over HTTPS.
pub fn cookie_name(state: &AppState) -> &'static str {
    if state.config.is_https() { "__Host-nexacrm_session" } else { "nexacrm_session" }
}

pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// 32 random bytes, URL-safe base64: session, invitation and reset tokens (stored only hashed).
pub fn new_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// `Set-Cookie` for a new session token.
pub fn session_cookie(state: &AppState, token: &str) -> String {
    let secure = if state.config.is_https() { "; Secure" } else { "" };
    format!(
        "{}={token}; HttpOnly; SameSite=Lax; Path=/; Max-Age={}{secure}",
        cookie_name(state),
        state.config.session_absolute.as_secs()
    )
}

/// `Set-Cookie` that removes the session cookie from the browser.
pub fn clearing_cookie(state: &AppState) -> String {
    let secure = if state.config.is_https() { "; Secure" } else { "" };
    format!("{}=; HttpOnly; SameSite=Lax; Path=/; Max-Age=0{secure}", cookie_name(state))
}

/// Reads the session token from a `Cookie` header.
pub fn token_from_cookie_header(state: &AppState, header: &str) -> Option<String> {
    let name = cookie_name(state);
    cookie::Cookie::split_parse(header)
        .filter_map(Result::ok)
        .find(|c| c.name() == name && !c.value().is_empty())
        .map(|c| c.value().to_owned())
}

fn idle_ms(state: &AppState) -> i64 {
    i64::try_from(state.config.session_idle.as_millis()).unwrap_or(i64::MAX)
}

fn absolute_ms(state: &AppState) -> i64 {
    i64::try_from(state.config.session_absolute.as_millis()).unwrap_or(i64::MAX)
}

fn expiry(state: &AppState, created_at: i64, now_ms: i64) -> i64 {
    now_ms.saturating_add(idle_ms(state)).min(created_at.saturating_add(absolute_ms(state)))
}

/// Starts a session for `user_id`; returns the token for the cookie (it is stored only hashed).
pub async fn start(state: &AppState, user_id: &str, user_agent: &str, ip: &str) -> Result<String, sqlx::Error> {
    let token = new_token();
    let now_ms = state.clock.now_ms();
    let user_agent: String = user_agent.chars().take(512).collect();
    rows::insert(
        &state.db.pool,
        &NewSessionRow {
            id: &new_id(),
            token_hash: &hash_token(&token),
            user_id,
            now_ms,
            expires_at: expiry(state, now_ms, now_ms),
            user_agent: &user_agent,
            ip,
        },
    )
    .await?;
    Ok(token)
}

/// The live session for `token`, extending its idle time when `touch` is set. An expired session
/// is deleted and answers `None`.
pub async fn resolve(state: &AppState, token: &str, touch: bool) -> Result<Option<CurrentSession>, sqlx::Error> {
    let Some(row) = rows::find_by_token_hash(&state.db.pool, &hash_token(token)).await? else {
        return Ok(None);
    };
    let now_ms = state.clock.now_ms();
    let SessionRow { id, user_id, created_at, last_seen_at, mut expires_at, full_name, email, deletion_due_at } = row;
    let idle_over = now_ms >= last_seen_at.saturating_add(idle_ms(state));
    let absolute_over = now_ms >= created_at.saturating_add(absolute_ms(state));
    if now_ms >= expires_at || idle_over || absolute_over {
        rows::delete(&state.db.pool, &id).await?;
        return Ok(None);
    }
    if touch && now_ms - last_seen_at >= TOUCH_EVERY_MS {
        expires_at = expiry(state, created_at, now_ms);
        rows::touch(&state.db.pool, &id, now_ms, expires_at).await?;
    }
    Ok(Some(CurrentSession { session_id: id, user_id, full_name, email, expires_at, deletion_due_at }))
}

/// Ends the session behind `token` on the server (a replayed cookie then finds nothing).
pub async fn end(state: &AppState, token: &str) -> Result<(), sqlx::Error> {
    rows::delete_by_token_hash(&state.db.pool, &hash_token(token)).await
}
