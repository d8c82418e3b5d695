//! The cookie and preferences banner, the theme and language switches, and the "Cookie settings" link.
//!
//! The banner shows on a visit without a choice, and again when the Privacy Policy's version
//! changed since the choice (saying what changed). It sits at the top of the page in the normal
//! flow, so it never covers what is being read, and its forms are plain posts to the consent
//! server functions: without JavaScript the browser comes back to the page; with it the banner
//! closes in place and the theme changes at once.
//!
//! What the page starts from is read from the consent cookie, on the server from the request and
//! in the browser from `document.cookie`, so both render the same banner.

use crate::api::consent::{SaveConsent, SetLanguage, SetTheme};
use crate::domain::consent::{Categories, ConsentCookie, Theme};
use crate::domain::policy::{long_date_in, PolicyStatus};
use crate::i18n_setup::{current_locale, t, t_string, use_i18n, Locale, LANGUAGES};
use leptos::prelude::*;

/// What the banner knows, shared with the footer link that reopens it.
#[derive(Clone, Copy)]
pub struct ConsentUi {
    /// The choice the browser holds (any policy version), if any.
    pub saved: RwSignal<Option<ConsentCookie>>,
    /// Opened again from "Cookie settings".
    pub reopened: RwSignal<bool>,
    pub theme: RwSignal<Theme>,
    /// The policy version in force, its history and the next one announced.
    pub policy: StoredValue<PolicyStatus>,
}

impl ConsentUi {
    /// Shown when there is no choice, or it was made under an older policy, or it was reopened.
    fn shown(&self) -> bool {
        let current = self.policy.with_value(|p| p.current.clone());
        self.reopened.get() || self.saved.get().is_none_or(|c| c.policy_version != current)
    }
}

/// The policy status: on the server from the published versions, in the browser from the meta
/// tag the server wrote into the page.
fn policy_status() -> PolicyStatus {
    #[cfg(feature = "ssr")]
    let status = use_context::<crate::ssr::AppState>().map(|state| crate::ssr::policy::status(&state));
    #[cfg(not(feature = "ssr"))]
    let status = document()
        .query_selector(&format!("meta[name={}]", crate::domain::policy::POLICY_META))
        .ok()
        .flatten()
        .and_then(|meta| meta.get_attribute("content"))
        .and_then(|json| serde_json::from_str(&json).ok());
    status.unwrap_or_else(|| {
        let shipped = crate::content::POLICY_HISTORY.last();
        let version = shipped.map(|v| v.version.to_owned()).unwrap_or_default();
        PolicyStatus { current: version, history: Vec::new(), upcoming: None }
    })
}

/// The `Cookie` header of the request being rendered, or the page's cookies in the browser.
fn cookie_string() -> String {
    #[cfg(feature = "ssr")]
    return crate::ssr::context::cookie_header();
    #[cfg(not(feature = "ssr"))]
    {
        use leptos::wasm_bindgen::JsCast as _;
        document().dyn_into::<web_sys::HtmlDocument>().ok().and_then(|d| d.cookie().ok()).unwrap_or_default()
    }
}

/// Puts the consent state into context; call once, high in the tree.
pub fn provide_consent_ui() -> ConsentUi {
    let cookies = cookie_string();
    let ui = ConsentUi {
        saved: RwSignal::new(ConsentCookie::from_cookie_header(&cookies)),
        reopened: RwSignal::new(false),
        theme: RwSignal::new(Theme::from_cookie_header(&cookies)),
        policy: StoredValue::new(policy_status()),
    };
    provide_context(ui);
    ui
}

/// A theme's name in the interface language.
fn theme_label(i18n: leptos_i18n::I18nContext<Locale>, theme: Theme) -> &'static str {
    match theme {
        Theme::Light => t_string!(i18n, consent.theme.light),
        Theme::Dark => t_string!(i18n, consent.theme.dark),
        Theme::System => t_string!(i18n, consent.theme.system),
    }
}

/// Loads the page again, now in the language just chosen (every text, date and number follows).
fn reload_in_new_language() {
    #[cfg(not(feature = "ssr"))]
    let _ = window().location().reload();
}

/// Shows a theme on the page at once (the server renders it on the next load).
fn show_theme(theme: Theme) {
    #[cfg(not(feature = "ssr"))]
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("data-theme", theme.as_str());
    }
    #[cfg(feature = "ssr")]
    let _ = theme;
}

#[component]
pub fn ConsentBanner() -> impl IntoView {
    let ui = expect_context::<ConsentUi>();
    let i18n = use_i18n();
    let on_cookie_page = leptos_router::hooks::use_location().pathname;
    move || {
        (ui.shown() && on_cookie_page.get() != "/cookies").then(|| {
            let policy = ui.policy.get_value();
            let changes = ui
                .saved
                .get_untracked()
                .filter(|c| c.policy_version != policy.current)
                .map(|c| policy.changes_since(&c.policy_version));
            let changed_on = long_date_in(&policy.current, current_locale());
            view! {
                <section class="consent-banner" aria-labelledby="consent-title">
                    <h2 id="consent-title">{t_string!(i18n, consent.banner.title)}</h2>
                    {changes.map(|changes| view! {
                        <div class="notice" role="status">
                            <p><strong>{t_string!(i18n, consent.banner.policy_changed, date = changed_on.clone())}</strong> {t_string!(i18n, consent.banner.what_changed)}</p>
                            <ul>{changes.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}</ul>
                            <p>{t_string!(i18n, consent.banner.look_again)}</p>
                        </div>
                    })}
                    <p>
                        {t_string!(i18n, consent.banner.intro)}
                        <a href="/privacy#section-8">{t_string!(i18n, consent.banner.how_we_use)}</a>
                    </p>
                    <CookieChoices open=ui.reopened.get_untracked()/>
                </section>
            }
        })
    }
}

/// The choices themselves: accept all, reject non-essential, or per category (with the theme).
#[component]
pub fn CookieChoices(
    /// Whether the per-category part starts open.
    open: bool,
) -> impl IntoView {
    let ui = expect_context::<ConsentUi>();
    let i18n = use_i18n();
    let save = ServerAction::<SaveConsent>::new();
    Effect::new(move |_| {
        if let Some(Ok(saved)) = save.value().get() {
            if saved.language.is_some() {
                reload_in_new_language();
            }
            ui.saved.update(|current| {
                let id = current.as_ref().map(|c| c.id.clone()).unwrap_or_default();
                *current = Some(ConsentCookie { id, policy_version: ui.policy.with_value(|p| p.current.clone()), granted: saved.granted });
            });
            ui.theme.set(saved.theme);
            show_theme(saved.theme);
            ui.reopened.set(false);
        }
    });
    let error = Signal::derive(move || save.value().get().and_then(Result::err));
    let granted = ui.saved.get_untracked().map(|c| c.granted).unwrap_or(Categories::ESSENTIAL_ONLY);
    let theme = ui.theme.get_untracked();
    let language = current_locale();
    view! {
        <ActionForm action=save attr:class="consent-form" attr:aria-label=t_string!(i18n, consent.choices.label)>
            <div class="consent-actions">
                <button class="button primary" type="submit" name="choice" value="accept_all">{t_string!(i18n, consent.choices.accept_all)}</button>
                <button class="button" type="submit" name="choice" value="reject_all">{t_string!(i18n, consent.choices.reject)}</button>
            </div>
            <details class="consent-choose" open=open>
                <summary>{t_string!(i18n, consent.choices.choose)}</summary>
                <fieldset>
                    <legend class="visually-hidden">{t_string!(i18n, consent.choices.categories)}</legend>
                    <label class="check">
                        <input type="checkbox" checked disabled/>
                        <span><strong>{t_string!(i18n, consent.choices.essential)}</strong>{t_string!(i18n, consent.choices.essential_text)}</span>
                    </label>
                    <label class="check">
                        <input type="checkbox" name="preferences" value="on" checked=granted.preferences/>
                        <span><strong>{t_string!(i18n, consent.choices.preferences)}</strong>{t_string!(i18n, consent.choices.preferences_text)}</span>
                    </label>
                    <fieldset class="theme-choice">
                        <legend>{t_string!(i18n, consent.theme.label)}</legend>
                        {Theme::ALL.into_iter().map(|option| view! {
                            <label class="check">
                                <input type="radio" name="theme" value=option.as_str() checked=option == theme/>
                                <span>{theme_label(i18n, option)}</span>
                            </label>
                        }).collect_view()}
                    </fieldset>
                    <fieldset class="theme-choice">
                        <legend>{t_string!(i18n, consent.language.label)}</legend>
                        {LANGUAGES.into_iter().map(|(option, name)| view! {
                            <label class="check">
                                <input type="radio" name="language" value=leptos_i18n::Locale::as_str(option) checked=option == language/>
                                <span lang=leptos_i18n::Locale::as_str(option)>{name}</span>
                            </label>
                        }).collect_view()}
                    </fieldset>
                    <label class="check">
                        <input type="checkbox" name="analytics" value="on" checked=granted.analytics/>
                        <span><strong>{t_string!(i18n, consent.choices.analytics)}</strong>{t_string!(i18n, consent.choices.analytics_text)}</span>
                    </label>
                </fieldset>
                <button class="button" type="submit" name="choice" value="choose">{t_string!(i18n, consent.choices.save)}</button>
            </details>
            <crate::components::field::FormAlert error/>
            {move || save.value().get().and_then(Result::ok).map(|_| view! { <p class="notice" role="status">{t!(i18n, consent.choices.saved)}</p> })}
        </ActionForm>
    }
}

/// A new policy version announced ahead of its date: what changes and a link to read it, on
/// every page until it takes effect.
#[component]
pub fn PolicyNotice() -> impl IntoView {
    let ui = expect_context::<ConsentUi>();
    let i18n = use_i18n();
    ui.policy.get_value().upcoming.map(|next| {
        let href = format!("/privacy/versions/{}", next.version);
        view! {
            <aside class="policy-notice notice" aria-label=t_string!(i18n, consent.notice.label)>
                <p>
                    <strong>{t_string!(i18n, consent.notice.changes_on, date = long_date_in(&next.version, current_locale()))}</strong> " "
                    {next.changes.join(" ")} " "
                    <a href=href>{t_string!(i18n, consent.notice.read)}</a>
                </p>
            </aside>
        }
    })
}

/// "Cookie settings": reopens the banner in place; without JavaScript, the cookie page.
#[component]
pub fn CookieSettingsLink() -> impl IntoView {
    let ui = use_context::<ConsentUi>();
    let i18n = use_i18n();
    view! {
        <a href="/cookies" on:click=move |ev| {
            if let Some(ui) = ui {
                ev.prevent_default();
                ui.reopened.set(true);
                #[cfg(not(feature = "ssr"))]
                request_animation_frame(|| {
                    if let Some(heading) = document().get_element_by_id("consent-title") {
                        heading.scroll_into_view();
                    }
                });
            }
        }>{t_string!(i18n, consent.settings_link)}</a>
    }
}

/// Light, dark or system: three buttons that post the choice (the user menu).
#[component]
pub fn ThemeSwitch() -> impl IntoView {
    let ui = expect_context::<ConsentUi>();
    let i18n = use_i18n();
    let set = ServerAction::<SetTheme>::new();
    Effect::new(move |_| {
        if let Some(Ok(theme)) = set.value().get() {
            ui.theme.set(theme);
            show_theme(theme);
        }
    });
    view! {
        <ActionForm action=set attr:class="theme-switch" attr:aria-label=t_string!(i18n, consent.theme.label)>
            <span class="muted">{t_string!(i18n, consent.theme.label)}</span>
            {Theme::ALL.into_iter().map(|option| view! {
                <button class="link" type="submit" name="theme" value=option.as_str()
                    aria-pressed=move || (ui.theme.get() == option).to_string()>
                    {match option { Theme::System => t_string!(i18n, consent.theme.system_short), other => theme_label(i18n, other) }}
                </button>
            }).collect_view()}
        </ActionForm>
    }
}

/// English or Deutsch: buttons that post the choice and reload the page in it (the user menu).
/// Each language is named in itself, so it can be found whatever the page is in.
#[component]
pub fn LanguageSwitch() -> impl IntoView {
    let i18n = use_i18n();
    let set = ServerAction::<SetLanguage>::new();
    Effect::new(move |_| {
        if let Some(Ok(_)) = set.value().get() {
            reload_in_new_language();
        }
    });
    let current = current_locale();
    view! {
        <ActionForm action=set attr:class="theme-switch language-switch" attr:aria-label=t_string!(i18n, consent.language.label)>
            <span class="muted">{t_string!(i18n, consent.language.label)}</span>
            {LANGUAGES.into_iter().map(|(option, name)| view! {
                <button class="link" type="submit" name="language" value=leptos_i18n::Locale::as_str(option)
                    lang=leptos_i18n::Locale::as_str(option) aria-pressed=(option == current).to_string()>
                    {name}
                </button>
            }).collect_view()}
        </ActionForm>
    }
}
