//! Forgotten passwords: ask for a link (the same answer whether or not the address has an
//! account), then choose a new password with it. The link's token is 32 random bytes stored only
//! hashed, works once and for 60 minutes, and a newer link voids it. A reset ends every session
//! of the account and sends a notice.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Where a reset link stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ResetState {
    Open,
    Expired,
    /// Used, or voided by a newer link or a password change.
    Used,
    /// No such link.
    Invalid,
}

/// Sends a reset link to the address when it has an account. The answer is the same either way.
#[server(endpoint = "auth/forgot-password")]
pub async fn request_password_reset(email: String) -> Result<(), AppError> {
    use crate::domain::accounts::Email;
    use crate::ssr::mail::{self, templates, MailKind, MailMeta};
    use crate::ssr::{context, db, sessions};
    let state = context::state()?;
    super::auth::check_ip_limit(&state)?;
    let email = Email::parse(&email, crate::i18n_setup::request_locale()).map_err(|m| AppError::field("email", m))?;
    let now_ms = state.clock.now_ms();
    let mut tx = state.db.begin_write().await?;
    if let Some((user_id, full_name, address)) = db::accounts::account_by_email(&mut tx, email.as_str()).await? {
        let token = sessions::new_token();
        let expires_at = now_ms + templates::PASSWORD_RESET_VALID_MINUTES * 60_000;
        db::resets::issue(&mut tx, &db::new_id(), &user_id, &sessions::hash_token(&token), now_ms, expires_at).await?;
        let url = format!("{}/reset-password/{token}", state.config.base_url.trim_end_matches('/'));
        if let Ok(to) = mail::mailbox(&full_name, &address) {
            let meta = MailMeta { workspace_id: None, kind: MailKind::PasswordReset, reference_id: None };
            mail::enqueue(&mut tx, &templates::password_reset(to, &url), meta, now_ms).await?;
        }
    }
    tx.commit().await?;
    mail::wake(&state);
    Ok(())
}

/// Whether a reset link can still be used (for its page).
#[server(endpoint = "auth/reset-lookup", input = server_fn::codec::GetUrl)]
pub async fn look_up_reset(token: String) -> Result<ResetState, AppError> {
    use crate::ssr::{context, db, sessions};
    let state = context::state()?;
    let mut conn = state.db.pool.acquire().await?;
    let row = db::resets::by_token(&mut conn, &sessions::hash_token(token.trim())).await?;
    Ok(match row {
        None => ResetState::Invalid,
        Some(r) if r.used_at.is_some() => ResetState::Used,
        Some(r) if r.expires_at <= state.clock.now_ms() => ResetState::Expired,
        Some(_) => ResetState::Open,
    })
}

/// Sets a new password with a reset link, ends every session of the account, sends a notice,
/// and opens sign-in. A refused password leaves the link usable.
#[server(endpoint = "auth/reset-password")]
pub async fn reset_password(token: String, password: String) -> Result<(), AppError> {
    use crate::domain::accounts::check_password_length;
    use crate::ssr::mail::{self, templates, MailKind, MailMeta};
    use crate::ssr::{context, db, passwords, sessions};
    let locale = crate::i18n_setup::request_locale();
    let state = context::state()?;
    super::auth::check_ip_limit(&state)?;
    let invalid = || AppError::field("token", crate::i18n_setup::td_string!(locale, errors.reset.link_invalid));
    let mut conn = state.db.pool.acquire().await?;
    let row = db::resets::by_token(&mut conn, &sessions::hash_token(token.trim())).await?.ok_or_else(invalid)?;
    drop(conn);
    let now_ms = state.clock.now_ms();
    if row.used_at.is_some() || row.expires_at <= now_ms {
        return Err(invalid());
    }
    check_password_length(&password, locale).map_err(|m| AppError::field("password", m))?;
    passwords::check_guessability(&password, &[row.full_name.as_str(), row.email.as_str()], locale).map_err(|m| AppError::field("password", m))?;
    let hash = state.hasher.hash(password).await.map_err(AppError::internal)?;
    let mut tx = state.db.begin_write().await?;
    if !db::resets::use_up(&mut tx, &row.id, now_ms).await? {
        return Err(invalid());
    }
    db::accounts::update_password_hash(&mut tx, &row.user_id, &hash, now_ms).await?;
    db::resets::void_all(&mut tx, &row.user_id, now_ms).await?;
    db::sessions::delete_all_of_user(&mut tx, &row.user_id).await?;
    if let Ok(to) = mail::mailbox(&row.full_name, &row.email) {
        let forgot = format!("{}/forgot-password", state.config.base_url.trim_end_matches('/'));
        let notice = templates::password_changed(to, &templates::PasswordChanged { changed_at_ms: now_ms, reset_url: &forgot });
        mail::enqueue(&mut tx, &notice, MailMeta { workspace_id: None, kind: MailKind::PasswordChanged, reference_id: None }, now_ms).await?;
    }
    tx.commit().await?;
    mail::wake(&state);
    // Whatever session this browser had is gone with the others.
    context::set_cookie(&sessions::clearing_cookie(&state))?;
    leptos_axum::redirect("/signin?reset=1");
    Ok(())
}
