//! Settings → Security for the signed-in person: their sessions (browser, system, device, an
//! approximate address, when started and last used) with "end" for one or all others, and a
//! password change (the current password required; every other session ends; a notice is sent).

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeviceSession {
    pub id: String,
    pub browser: String,
    pub os: String,
    pub device: String,
    /// The network of the address (`/24` or `/48`), never the full address.
    pub approximate_ip: String,
    pub created_at: i64,
    pub last_seen_at: i64,
    /// The session of this browser.
    pub current: bool,
}

/// The person's live sessions, this one first.
#[server(endpoint = "account/sessions", input = server_fn::codec::GetUrl)]
pub async fn list_my_sessions() -> Result<Vec<DeviceSession>, AppError> {
    use crate::ssr::{context, db, devices};
    let state = context::state()?;
    let session = context::require_session()?;
    let mut sessions: Vec<DeviceSession> = db::sessions::of_user(&state.db.pool, &session.user_id, state.clock.now_ms())
        .await?
        .into_iter()
        .map(|row| {
            let (browser, os, device) = devices::describe(&row.user_agent);
            DeviceSession {
                current: row.id == session.session_id,
                approximate_ip: devices::approximate(&row.ip),
                id: row.id,
                browser,
                os,
                device,
                created_at: row.created_at,
                last_seen_at: row.last_seen_at,
            }
        })
        .collect();
    sessions.sort_by_key(|s| !s.current);
    Ok(sessions)
}

/// Ends one of the person's other sessions (to end this one, sign out). Ending a session that
/// has already ended, or is not the person's, changes nothing and is not an error.
#[server(endpoint = "account/session-end")]
pub async fn end_my_session(id: String) -> Result<(), AppError> {
    use crate::ssr::{context, db};
    let state = context::state()?;
    let session = context::require_session()?;
    if id == session.session_id {
        return Err(AppError::field("id", "This is the session you are using: sign out to end it."));
    }
    db::sessions::delete_of_user(&state.db.pool, &session.user_id, &id).await?;
    Ok(())
}

/// Ends every session of the person except this one.
#[server(endpoint = "account/sessions-end-others")]
pub async fn end_my_other_sessions() -> Result<u64, AppError> {
    use crate::ssr::{context, db};
    let state = context::state()?;
    let session = context::require_session()?;
    let mut conn = state.db.pool.acquire().await?;
    Ok(db::sessions::delete_others(&mut conn, &session.user_id, &session.session_id).await?)
}

/// Changes the password: the current one must be given; the new one follows the sign-up rules.
/// Every other session ends, older reset links stop working, and a notice goes to the account's
/// address.
#[server(endpoint = "account/password")]
pub async fn change_password(current: String, password: String) -> Result<(), AppError> {
    use crate::domain::accounts::check_password_length;
    use crate::ssr::mail::{self, templates, MailKind, MailMeta};
    use crate::ssr::{context, db, passwords};
    let state = context::state()?;
    let session = context::require_session()?;
    super::auth::check_ip_limit(&state)?;
    let credentials = db::accounts::credentials_by_email(&state.db.pool, &session.email).await?.ok_or(AppError::Unauthenticated)?;
    if !state.hasher.verify(current, Some(credentials.password_hash.clone())).await.map_err(AppError::internal)? {
        return Err(AppError::field("current", "That is not your current password."));
    }
    check_password_length(&password).map_err(|m| AppError::field("password", m))?;
    passwords::check_guessability(&password, &[session.full_name.as_str(), session.email.as_str()]).map_err(|m| AppError::field("password", m))?;
    let hash = state.hasher.hash(password).await.map_err(AppError::internal)?;
    let now_ms = state.clock.now_ms();
    let mut tx = state.db.pool.begin().await?;
    db::resets::set_password_hash(&mut tx, &session.user_id, &hash, now_ms).await?;
    db::resets::void_all(&mut tx, &session.user_id, now_ms).await?;
    db::sessions::delete_others(&mut tx, &session.user_id, &session.session_id).await?;
    if let Ok(to) = mail::mailbox(&session.full_name, &session.email) {
        let forgot = format!("{}/forgot-password", state.config.base_url.trim_end_matches('/'));
        let notice = templates::password_changed(to, &templates::PasswordChanged { changed_at_ms: now_ms, reset_url: &forgot });
        mail::enqueue(&mut tx, &notice, MailMeta { workspace_id: None, kind: MailKind::PasswordChanged, reference_id: None }, now_ms).await?;
    }
    tx.commit().await?;
    mail::wake(&state);
    Ok(())
}
