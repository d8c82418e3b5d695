//! Settings → Security for the signed-in person: their sessions (browser, system, device, an
//! approximate address, when started and last used) with "end" for one or all others, and a
//! password change (the current password required; every other session ends; a notice is sent).

use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::i18n_setup::td_string;
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
    let locale = crate::i18n_setup::request_locale();
    let state = context::state()?;
    let session = context::require_session()?;
    if id == session.session_id {
        return Err(AppError::field("id", td_string!(locale, errors.account.current_session)));
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
    let locale = crate::i18n_setup::request_locale();
    let state = context::state()?;
    let session = context::require_session()?;
    super::auth::check_ip_limit(&state)?;
    let credentials = db::accounts::credentials_by_email(&state.db.pool, &session.email).await?.ok_or(AppError::Unauthenticated)?;
    if !state.hasher.verify(current, Some(credentials.password_hash.clone())).await.map_err(AppError::internal)? {
        return Err(AppError::field("current", td_string!(locale, errors.account.wrong_current_password)));
    }
    check_password_length(&password, locale).map_err(|m| AppError::field("password", m))?;
    passwords::check_guessability(&password, &[session.full_name.as_str(), session.email.as_str()], locale)
        .map_err(|m| AppError::field("password", m))?;
    let hash = state.hasher.hash(password).await.map_err(AppError::internal)?;
    let now_ms = state.clock.now_ms();
    let mut tx = state.db.begin_write().await?;
    db::accounts::update_password_hash(&mut tx, &session.user_id, &hash, now_ms).await?;
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

/// How long a link confirming a new address works.
pub const EMAIL_CHANGE_VALID_HOURS: i64 = 24;

/// Starts changing the account's address: the password must be given again; a link goes to the
/// new address (the change happens only when it is followed) and a notice to the current one.
#[server(endpoint = "account/email")]
pub async fn request_email_change(password: String, new_email: String) -> Result<(), AppError> {
    use crate::domain::accounts::Email;
    use crate::ssr::mail::{self, templates, MailKind, MailMeta};
    use crate::ssr::{context, db, sessions};
    let locale = crate::i18n_setup::request_locale();
    let state = context::state()?;
    let session = context::require_session()?;
    super::auth::check_ip_limit(&state)?;
    let new_email = Email::parse(&new_email, locale).map_err(|m| AppError::field("new_email", m))?;
    let new_email = new_email.as_str().to_owned();
    if new_email.eq_ignore_ascii_case(&session.email) {
        return Err(AppError::field("new_email", td_string!(locale, errors.account.same_address)));
    }
    let credentials = db::accounts::credentials_by_email(&state.db.pool, &session.email).await?.ok_or(AppError::Unauthenticated)?;
    if !state.hasher.verify(password, Some(credentials.password_hash)).await.map_err(AppError::internal)? {
        return Err(AppError::field("password", td_string!(locale, errors.account.wrong_password)));
    }
    if db::accounts::email_taken(&state.db.pool, &new_email).await? {
        return Err(AppError::field("new_email", td_string!(locale, errors.account.address_taken)));
    }
    let now_ms = state.clock.now_ms();
    let token = sessions::new_token();
    let expires_at = now_ms + EMAIL_CHANGE_VALID_HOURS * 3_600_000;
    let base = state.config.base_url.trim_end_matches('/').to_owned();
    let mut tx = state.db.begin_write().await?;
    db::email_changes::insert(&mut tx, &db::new_id(), &session.user_id, &new_email, &sessions::hash_token(&token), now_ms, expires_at).await?;
    let to_new = mail::mailbox(&session.full_name, &new_email).map_err(|_| AppError::field("new_email", td_string!(locale, errors.fields.valid_email)))?;
    let confirm_url = format!("{base}/confirm-email/{token}");
    let confirmation = templates::email_change_confirmation(to_new, &templates::EmailChangeConfirmation { new_address: &new_email, confirm_url: &confirm_url, expires_at_ms: expires_at });
    let meta = |kind| MailMeta { workspace_id: None, kind, reference_id: None };
    mail::enqueue(&mut tx, &confirmation, meta(MailKind::EmailChangeConfirmation), now_ms).await?;
    if let Ok(to_old) = mail::mailbox(&session.full_name, &session.email) {
        let account_url = format!("{base}/signin");
        let notice = templates::email_change_notice(to_old, &templates::EmailChangeNotice { new_address: &new_email, requested_at_ms: now_ms, account_url: &account_url });
        mail::enqueue(&mut tx, &notice, meta(MailKind::EmailChangeNotice), now_ms).await?;
    }
    tx.commit().await?;
    mail::wake(&state);
    Ok(())
}

/// Confirms a new address with the link mailed to it (it works once, for 24 hours). Opens sign-in
/// with a notice; the person's sessions stay.
#[server(endpoint = "account/email-confirm")]
pub async fn confirm_email_change(token: String) -> Result<(), AppError> {
    use crate::ssr::{context, db, sessions};
    let locale = crate::i18n_setup::request_locale();
    let state = context::state()?;
    let invalid = || AppError::field("token", td_string!(locale, errors.account.email_link_invalid));
    let now_ms = state.clock.now_ms();
    let mut tx = state.db.begin_write().await?;
    let change = db::email_changes::by_token(&mut tx, &sessions::hash_token(token.trim())).await?.ok_or_else(invalid)?;
    if !db::email_changes::use_up(&mut tx, &change.id, now_ms).await? {
        return Err(invalid());
    }
    if let Err(error) = db::email_changes::set_email(&mut tx, &change.user_id, &change.new_email, now_ms).await {
        return Err(if db::is_unique_violation(&error, "users_email_key") { AppError::field("token", td_string!(locale, errors.account.address_taken_now)) } else { error.into() });
    }
    tx.commit().await?;
    leptos_axum::redirect("/signin?email_changed=1");
    Ok(())
}

/// Whether the person is mailed when their account is signed in to from a new device.
#[server(endpoint = "account/notifications", input = server_fn::codec::GetUrl)]
pub async fn load_sign_in_notice() -> Result<bool, AppError> {
    use crate::ssr::{context, db};
    let state = context::state()?;
    let session = context::require_session()?;
    Ok(db::accounts::notify_new_sign_in(&state.db.pool, &session.user_id).await?)
}

/// Turns the new-device sign-in mail on or off.
#[server(endpoint = "account/notifications-save")]
pub async fn save_sign_in_notice(#[server(default)] on: bool) -> Result<(), AppError> {
    use crate::ssr::{context, db};
    let state = context::state()?;
    let session = context::require_session()?;
    db::accounts::set_notify_new_sign_in(&state.db.pool, &session.user_id, on).await?;
    Ok(())
}
