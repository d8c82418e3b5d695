//! Sign-up, sign-in, sign-out, the password strength meter and the session clock.

// Sign-up takes eight form fields; the server-function macro does not pass an `allow` on the
// function through to the client function it generates.
#![allow(clippy::too_many_arguments)]

use crate::error::AppError;
use serde::{Deserialize, Serialize};
use leptos::prelude::*;
#[cfg(feature = "ssr")]
use crate::i18n_setup::td_string;
#[cfg(feature = "ssr")]
use crate::ssr::{context, db, passwords, sessions, AppState};

/// What the strength meter shows while a password is typed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StrengthReport {
    /// 0 to 4.
    pub score: u8,
    /// Whether sign-up would take this password.
    pub acceptable: bool,
    /// Why not, or how to make it stronger.
    pub hints: Vec<String>,
}

/// Whether the browser still has a live session, and until when (read without extending it).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionStatus {
    pub signed_in: bool,
    /// Milliseconds until the session ends if nothing happens.
    pub remaining_ms: i64,
}

/// The per-IP limiter of sign-in, sign-up and password resets: 429 with `Retry-After` beyond it.
#[cfg(feature = "ssr")]
pub(crate) fn check_ip_limit(state: &AppState) -> Result<(), AppError> {
    use governor::clock::{Clock as _, DefaultClock};
    let ip = context::client_ip()?;
    state.auth_ip_limiter.check_key(&ip).map_err(|not_until| {
        let wait = not_until.wait_time_from(DefaultClock::default().now());
        AppError::TooManyRequests { retry_after_secs: wait.as_secs().max(1) }
    })
}

/// Mails the person that their account was signed in to from a device it had no session on.
#[cfg(feature = "ssr")]
async fn new_device_notice(state: &AppState, user_id: &str, user_agent: &str, now_ms: i64) -> Result<(), AppError> {
    use crate::ssr::devices;
    use crate::ssr::mail::{self, templates, MailKind, MailMeta};
    let (full_name, email): (String, String) = sqlx::query_as("select full_name, email from users where id = $1").bind(user_id).fetch_one(&state.db.pool).await?;
    let Ok(to) = mail::mailbox(&full_name, &email) else { return Ok(()) };
    let (browser, os, _) = devices::describe(user_agent);
    let ip = devices::approximate(&context::client_ip()?.to_string());
    let sessions_url = format!("{}/signin", state.config.base_url.trim_end_matches('/'));
    let notice = templates::new_sign_in(to, &templates::NewSignIn { browser: &browser, os: &os, approximate_ip: &ip, at_ms: now_ms, sessions_url: &sessions_url });
    let mut tx = state.db.begin_write().await?;
    mail::enqueue(&mut tx, &notice, MailMeta { workspace_id: None, kind: MailKind::NewSignIn, reference_id: None }, now_ms).await?;
    tx.commit().await?;
    mail::wake(state);
    Ok(())
}

/// Starts a session for `user_id`, ending the one the browser had before (a new token at login).
#[cfg(feature = "ssr")]
async fn begin_session(state: &AppState, user_id: &str) -> Result<(), AppError> {
    if let Some(old_token) = context::session_token(state) {
        sessions::end(state, &old_token).await?;
    }
    let ip = context::client_ip()?.to_string();
    let token = sessions::start(state, user_id, &context::user_agent(), &ip).await?;
    context::set_cookie(&sessions::session_cookie(state, &token))
}

/// Creates the account, its organisation's workspace and the owner membership in one transaction,
/// signs the person in and sends them to the new workspace. With an invitation's token (`invite`)
/// for the same address, the person joins that workspace instead and no organisation is needed.
#[server(endpoint = "auth/sign-up")]
pub async fn sign_up(
    full_name: String,
    email: String,
    password: String,
    #[server(default)] organisation: String,
    job_title: String,
    age_confirmed: Option<String>,
    accept_terms: Option<String>,
    #[server(default)] invite: String,
) -> Result<(), AppError> {
    use crate::domain::accounts::{NewAccount, SignupForm};
    use crate::domain::workspaces::{slug_for, Role};
    let locale = crate::i18n_setup::request_locale();
    let state = context::state()?;
    check_ip_limit(&state)?;
    let invitation = if invite.trim().is_empty() {
        None
    } else {
        let mut conn = state.db.pool.acquire().await?;
        let found = db::invitations::by_token(&mut conn, &sessions::hash_token(invite.trim())).await?;
        Some(found.ok_or_else(|| AppError::field("invite", td_string!(locale, errors.auth.invitation_link_invalid)))?)
    };
    // Joining a workspace needs no organisation of one's own.
    let organisation = match &invitation {
        Some(row) if organisation.trim().is_empty() => row.workspace_name.clone(),
        _ => organisation,
    };
    let form = SignupForm { full_name, email, password, organisation, job_title, age_confirmed, accept_terms };
    let account = NewAccount::parse(form, locale).map_err(|fields| AppError::Validation { fields })?;
    let user_inputs = [account.full_name.as_str(), account.email.as_str(), account.organisation.as_str()];
    passwords::check_guessability(&account.password, &user_inputs, locale).map_err(|m| AppError::field("password", m))?;
    let email_taken_message = td_string!(locale, errors.auth.email_taken);
    if db::accounts::email_taken(&state.db.pool, account.email.as_str()).await? {
        return Err(AppError::field("email", email_taken_message));
    }
    let password_hash = state.hasher.hash(account.password.clone()).await.map_err(AppError::internal)?;
    let now_ms = state.clock.now_ms();
    let user_id = db::new_id();
    let workspace_id = db::new_id();

    let mut tx = state.db.begin_write().await?;
    let new_user = db::accounts::NewUserRow {
        id: &user_id,
        email: account.email.as_str(),
        full_name: &account.full_name,
        job_title: &account.job_title,
        password_hash: &password_hash,
        now_ms,
    };
    if let Err(error) = db::accounts::insert_user(&mut tx, &new_user).await {
        return Err(if db::is_unique_violation(&error, "users_email_key") {
            AppError::field("email", email_taken_message)
        } else {
            error.into()
        });
    }
    db::accounts::record_policy_acceptance(
        &mut tx,
        &user_id,
        &crate::ssr::policy::current_version(&state),
        crate::content::TERMS_VERSION,
        now_ms,
    )
    .await?;
    // The account starts in the language the person signed up in.
    crate::ssr::db::consents::save_language_in(&mut tx, &user_id, leptos_i18n::Locale::as_str(locale), now_ms).await?;
    if let Some(row) = &invitation {
        super::invitations::ssr::join(&mut tx, row, &user_id, account.email.as_str(), now_ms).await?;
        tx.commit().await?;
        begin_session(&state, &user_id).await?;
        leptos_axum::redirect(&format!("/w/{}", row.workspace_slug));
        return Ok(());
    }
    let base = slug_for(&account.organisation);
    let taken = db::workspaces::slugs_like(&mut tx, &base).await?;
    let slug = std::iter::once(base.clone())
        .chain((2..).map(|n| format!("{base}-{n}")))
        .find(|candidate| !taken.contains(candidate))
        .unwrap_or(base);
    db::workspaces::insert_workspace(&mut tx, &workspace_id, &account.organisation, &slug, now_ms).await?;
    db::workspaces::insert_membership(&mut tx, &workspace_id, &user_id, Role::Owner.as_str(), now_ms).await?;
    db::deals::stages(&mut tx, &workspace_id).await?;
    tx.commit().await?;

    begin_session(&state, &user_id).await?;
    leptos_axum::redirect(&format!("/w/{slug}"));
    Ok(())
}

/// Signs in. An unknown email and a wrong password get the same answer, after the same work.
#[server(endpoint = "auth/sign-in")]
pub async fn sign_in(email: String, password: String, next: Option<String>) -> Result<(), AppError> {
    use crate::domain::accounts::{safe_next_path, Email};
    let locale = crate::i18n_setup::request_locale();
    let state = context::state()?;
    check_ip_limit(&state)?;
    if email.trim().is_empty() {
        return Err(AppError::field("email", td_string!(locale, errors.auth.email_required)));
    }
    if password.is_empty() {
        return Err(AppError::field("password", td_string!(locale, errors.fields.password_required)));
    }
    // A malformed address cannot match an account; it is counted and answered like any other miss.
    // Control characters (NUL among them, which PostgreSQL text cannot hold) are dropped from the key.
    let account_key = Email::parse(&email, locale)
        .map(|e| e.as_str().to_lowercase())
        .unwrap_or_else(|_| email.trim().chars().filter(|c| !c.is_control()).collect::<String>().to_lowercase());
    let now_ms = state.clock.now_ms();
    let hour_ms = 60 * 60 * 1000;
    let (failures, oldest) = db::accounts::login_failures_since(&state.db.pool, &account_key, now_ms - hour_ms).await?;
    if failures >= i64::from(state.config.account_failures_per_hour) {
        let free_at = oldest.unwrap_or(now_ms) + hour_ms;
        let retry_after_secs = u64::try_from((free_at - now_ms) / 1000).unwrap_or(1).max(1);
        return Err(AppError::TooManyRequests { retry_after_secs });
    }
    let found = db::accounts::credentials_by_email(&state.db.pool, &account_key).await?;
    let stored_hash = found.as_ref().map(|c| c.password_hash.clone());
    let verified = state.hasher.verify(password.clone(), stored_hash).await.map_err(AppError::internal)?;
    let user = match found {
        Some(user) if verified => user,
        _ => {
            db::accounts::record_login_failure(&state.db.pool, &account_key, now_ms).await?;
            db::accounts::prune_login_failures(&state.db.pool, now_ms - hour_ms).await?;
            return Err(AppError::InvalidCredentials);
        }
    };
    // A suspended account is refused; one waiting for its deletion goes to its pending page.
    let deletion_page = super::deletion::ssr::sign_in_gate(&state, &user.id).await?;
    if passwords::needs_rehash(&user.password_hash) {
        let upgraded = state.hasher.hash(password).await.map_err(AppError::internal)?;
        let mut conn = state.db.pool.acquire().await?;
        db::accounts::update_password_hash(&mut conn, &user.id, &upgraded, now_ms).await?;
    }
    let user_agent = context::user_agent();
    let tell = db::accounts::notify_new_sign_in(&state.db.pool, &user.id).await?
        && !db::sessions::known_device(&state.db.pool, &user.id, &user_agent).await?;
    begin_session(&state, &user.id).await?;
    crate::api::consent::ssr::theme_after_sign_in(&state, &user.id).await?;
    crate::api::consent::ssr::language_after_sign_in(&state, &user.id).await?;
    if tell {
        new_device_notice(&state, &user.id, &user_agent, now_ms).await?;
    }
    let destination = match deletion_page.map(str::to_owned).or_else(|| safe_next_path(next.as_deref())) {
        Some(path) => path,
        None => db::workspaces::memberships_of(&state.db.pool, &user.id)
            .await?
            .first()
            .map(|m| format!("/w/{}", m.slug))
            .unwrap_or_else(|| "/".into()),
    };
    leptos_axum::redirect(&destination);
    Ok(())
}

/// Ends the session on the server and removes the cookie.
#[server(endpoint = "auth/sign-out")]
pub async fn sign_out() -> Result<(), AppError> {
    let state = context::state()?;
    if let Some(token) = context::session_token(&state) {
        sessions::end(&state, &token).await?;
    }
    context::set_cookie(&sessions::clearing_cookie(&state))?;
    leptos_axum::redirect("/signin?signed_out=1");
    Ok(())
}

/// Rates a password as it is typed (sent by POST so it never lands in a URL or a log).
#[server(endpoint = "auth/password-strength")]
pub async fn password_strength(password: String, full_name: String, email: String) -> Result<StrengthReport, AppError> {
    use crate::domain::accounts::{check_password_length, PASSWORD_MAX_CHARS};
    let locale = crate::i18n_setup::request_locale();
    if password.chars().count() > PASSWORD_MAX_CHARS {
        return Ok(StrengthReport { score: 0, acceptable: false, hints: vec![td_string!(locale, errors.fields.too_long, max = PASSWORD_MAX_CHARS)] });
    }
    let rated = passwords::strength(&password, &[full_name.as_str(), email.as_str()], locale);
    let length = check_password_length(&password, locale);
    let guessable = passwords::check_guessability(&password, &[full_name.as_str(), email.as_str()], locale);
    let mut hints: Vec<String> = [length.clone().err(), guessable.clone().err()].into_iter().flatten().collect();
    hints.extend(rated.feedback);
    Ok(StrengthReport { score: rated.score, acceptable: length.is_ok() && guessable.is_ok(), hints })
}

/// How long the current session has left, without counting this question as activity.
#[server(endpoint = "auth/session-status", input = server_fn::codec::GetUrl)]
pub async fn get_session_status() -> Result<SessionStatus, AppError> {
    let state = context::state()?;
    Ok(match context::session() {
        Some(session) => SessionStatus { signed_in: true, remaining_ms: (session.expires_at - state.clock.now_ms()).max(0) },
        None => SessionStatus { signed_in: false, remaining_ms: 0 },
    })
}
