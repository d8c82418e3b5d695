//! The cookie and preferences banner's choices, the theme and the consent log.
//!
//! A choice sets the first-party consent cookie (182 days) and adds a row to the consent log
//! (consent id, who was signed in, categories granted and refused, policy version, time). Both
//! functions answer plain form posts, so the banner and the theme switch work without JavaScript
//! (the browser comes back to the page it posted from).

use crate::domain::consent::{Categories, Theme};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What the browser now has.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConsentSaved {
    pub granted: Categories,
    pub theme: Theme,
    /// The language chosen with the preferences, when it changed (the page reloads in it).
    pub language: Option<String>,
}

/// Records a banner choice: `choice` is `accept_all`, `reject_all` or `choose` (then the
/// `preferences` and `analytics` boxes say what is granted). `theme` comes with the preferences.
#[server(endpoint = "consent/save")]
pub async fn save_consent(
    choice: String,
    preferences: Option<String>,
    analytics: Option<String>,
    theme: Option<String>,
    language: Option<String>,
) -> Result<ConsentSaved, AppError> {
    let granted = match choice.as_str() {
        "accept_all" => Categories::ALL,
        "reject_all" => Categories::ESSENTIAL_ONLY,
        "choose" => Categories { preferences: ssr::ticked(&preferences), analytics: ssr::ticked(&analytics) },
        _ => return Err(AppError::field("choice", "Choose accept all, reject non-essential, or save your choices.")),
    };
    let chosen_theme = match theme.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
        Some(raw) => Some(Theme::parse(raw).ok_or_else(|| AppError::field("theme", "Choose light, dark or same as my system."))?),
        None => None,
    };
    // Rejecting takes nothing from the preferences part of the form; without the preferences
    // consent, "same as my system" needs no cookie at all.
    let chosen_theme = chosen_theme.filter(|theme| granted.preferences || (choice == "choose" && *theme != Theme::System));
    let chosen_language = match language.as_deref().map(str::trim).filter(|l| !l.is_empty()) {
        Some(raw) => Some(crate::i18n_setup::parse_language(raw).ok_or_else(|| {
            AppError::field("language", crate::i18n_setup::td_string!(crate::i18n_setup::request_locale(), consent.language.invalid))
        })?),
        None => None,
    };
    let chosen_language = chosen_language.filter(|_| choice == "choose");
    ssr::save(&choice, granted, chosen_theme, chosen_language).await
}

/// Switches the theme (the banner's preferences and the user menu). Kept in a preference cookie
/// when preferences are granted, for this browser session otherwise, and on the account.
#[server(endpoint = "consent/theme")]
pub async fn set_theme(theme: String) -> Result<Theme, AppError> {
    let theme = Theme::parse(&theme).ok_or_else(|| AppError::field("theme", "Choose light, dark or same as my system."))?;
    ssr::apply_theme(theme).await?;
    Ok(theme)
}

/// Switches the interface language (the banner's preferences, the user menu, the cookie page).
/// Kept like the theme: a preference cookie with the consent, for the browser session without it,
/// and on the account.
#[server(endpoint = "consent/language")]
pub async fn set_language(language: String) -> Result<String, AppError> {
    let locale = crate::i18n_setup::parse_language(&language).ok_or_else(|| {
        let locale = crate::i18n_setup::request_locale();
        AppError::field("language", crate::i18n_setup::td_string!(locale, consent.language.invalid))
    })?;
    ssr::apply_language(locale).await?;
    Ok(leptos_i18n::Locale::as_str(locale).to_owned())
}

#[cfg(feature = "ssr")]
pub mod ssr {
    //! Cookies, the log row and the account's theme.

    use super::ConsentSaved;
    use crate::domain::consent::{Categories, ConsentCookie, Theme, CONSENT_COOKIE, COOKIE_MAX_AGE_SECS, LANGUAGE_COOKIE, THEME_COOKIE};
    use crate::error::AppError;
    use crate::ssr::db::consents::{self, NewConsent};
    use crate::ssr::{context, AppState};
    use rand::RngCore as _;

    /// A checkbox's value in a form post: present (any value but "false") means ticked.
    pub fn ticked(value: &Option<String>) -> bool {
        value.as_deref().is_some_and(|v| v != "false" && v != "off")
    }

    /// The consent cookie this request came with, if any.
    pub fn current_consent() -> Option<ConsentCookie> {
        ConsentCookie::from_cookie_header(&context::cookie_header())
    }

    fn new_consent_id() -> String {
        let mut bytes = [0u8; 16];
        rand::rng().fill_bytes(&mut bytes);
        hex::encode(bytes)
    }

    fn secure(state: &AppState) -> &'static str {
        if state.config.is_https() { "; Secure" } else { "" }
    }

    /// `Set-Cookie` for the theme: six months with the preferences consent, the browser session without.
    pub fn theme_cookie(state: &AppState, theme: Theme, lasting: bool) -> String {
        let max_age = if lasting { format!("; Max-Age={COOKIE_MAX_AGE_SECS}") } else { String::new() };
        format!("{THEME_COOKIE}={}; Path=/; SameSite=Lax{max_age}{}", theme.as_str(), secure(state))
    }

    pub async fn save(
        action: &str,
        granted: Categories,
        chosen_theme: Option<Theme>,
        chosen_language: Option<crate::i18n_setup::Locale>,
    ) -> Result<ConsentSaved, AppError> {
        let state = context::state()?;
        let session = context::session();
        let now_ms = state.clock.now_ms();
        let policy_version = crate::ssr::policy::current_version(&state);
        let cookies = context::cookie_header();
        let consent_id = ConsentCookie::from_cookie_header(&cookies).map(|c| c.id).unwrap_or_else(new_consent_id);
        consents::insert(
            &state.db.pool,
            &NewConsent {
                consent_id: &consent_id,
                user_id: session.as_ref().map(|s| s.user_id.as_str()),
                preferences: granted.preferences,
                analytics: granted.analytics,
                action,
                policy_version: &policy_version,
                now_ms,
            },
        )
        .await?;
        let cookie = ConsentCookie { id: consent_id, policy_version, granted };
        context::set_cookie(&format!(
            "{CONSENT_COOKIE}={}; Path=/; Max-Age={COOKIE_MAX_AGE_SECS}; SameSite=Lax{}",
            cookie.value(),
            secure(&state)
        ))?;
        if let (Some(theme), Some(session)) = (chosen_theme, session.as_ref()) {
            consents::save_theme(&state.db.pool, &session.user_id, theme.as_str(), now_ms).await?;
        }
        // With the preferences consent the theme cookie lasts; a theme chosen without it lasts
        // for this browser session; refusing preferences removes the cookie at once.
        let theme = match chosen_theme {
            Some(theme) => {
                context::set_cookie(&theme_cookie(&state, theme, granted.preferences))?;
                theme
            }
            None if granted.preferences => {
                let theme = Theme::from_cookie_header(&cookies);
                context::set_cookie(&theme_cookie(&state, theme, true))?;
                theme
            }
            None => {
                context::set_cookie(&format!("{THEME_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax{}", secure(&state)))?;
                Theme::System
            }
        };
        // The language works the same way; it changes only when the person picked another one.
        let current_language = crate::domain::consent::cookie_value(&cookies, LANGUAGE_COOKIE).and_then(crate::i18n_setup::parse_language);
        let language = chosen_language.filter(|chosen| Some(*chosen) != current_language.or(Some(crate::i18n_setup::request_locale())));
        if let Some(session) = session.as_ref() {
            if let Some(locale) = chosen_language {
                consents::save_language(&state.db.pool, &session.user_id, leptos_i18n::Locale::as_str(locale), now_ms).await?;
            }
        }
        match chosen_language.or(current_language) {
            Some(locale) if granted.preferences || chosen_language.is_some() => {
                context::set_cookie(&language_cookie(&state, locale, granted.preferences))?;
            }
            _ => context::set_cookie(&format!("{LANGUAGE_COOKIE}=; Path=/; Max-Age=0; SameSite=Lax{}", secure(&state)))?,
        }
        Ok(ConsentSaved { granted, theme, language: language.map(|l| leptos_i18n::Locale::as_str(l).to_owned()) })
    }

    pub async fn apply_theme(theme: Theme) -> Result<(), AppError> {
        let state = context::state()?;
        if let Some(session) = context::session() {
            consents::save_theme(&state.db.pool, &session.user_id, theme.as_str(), state.clock.now_ms()).await?;
        }
        let lasting = current_consent().is_some_and(|c| c.granted.preferences);
        context::set_cookie(&theme_cookie(&state, theme, lasting))
    }

    /// `Set-Cookie` for the language, lasting like the theme's.
    pub fn language_cookie(state: &AppState, locale: crate::i18n_setup::Locale, lasting: bool) -> String {
        let max_age = if lasting { format!("; Max-Age={COOKIE_MAX_AGE_SECS}") } else { String::new() };
        format!("{LANGUAGE_COOKIE}={}; Path=/; SameSite=Lax{max_age}{}", leptos_i18n::Locale::as_str(locale), secure(state))
    }

    pub async fn apply_language(locale: crate::i18n_setup::Locale) -> Result<(), AppError> {
        let state = context::state()?;
        if let Some(session) = context::session() {
            consents::save_language(&state.db.pool, &session.user_id, leptos_i18n::Locale::as_str(locale), state.clock.now_ms()).await?;
        }
        let lasting = current_consent().is_some_and(|c| c.granted.preferences);
        context::set_cookie(&language_cookie(&state, locale, lasting))
    }

    /// After sign-in: the account's language follows the person to this browser (no cookie when
    /// the browser already gets that language).
    pub async fn language_after_sign_in(state: &AppState, user_id: &str) -> Result<(), AppError> {
        let Some(locale) = consents::language_of(&state.db.pool, user_id).await?.as_deref().and_then(crate::i18n_setup::parse_language) else {
            return Ok(());
        };
        if locale == crate::i18n_setup::request_locale() {
            return Ok(());
        }
        let lasting = current_consent().is_some_and(|c| c.granted.preferences);
        context::set_cookie(&language_cookie(state, locale, lasting))
    }

    /// After sign-in: the account's theme follows the person to this browser.
    pub async fn theme_after_sign_in(state: &AppState, user_id: &str) -> Result<(), AppError> {
        let theme = consents::theme_of(&state.db.pool, user_id).await?.as_deref().and_then(Theme::parse).unwrap_or_default();
        let lasting = current_consent().is_some_and(|c| c.granted.preferences);
        if theme == Theme::System && !lasting {
            return Ok(());
        }
        context::set_cookie(&theme_cookie(state, theme, lasting))
    }
}
