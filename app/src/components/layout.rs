//! The public site's frame: header, footer, and a page wrapper.

use crate::i18n_setup::{t, t_string, use_i18n};
use leptos::prelude::*;

#[component]
pub fn SiteHeader() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <a class="skip-link" href="#content">{t!(i18n, common.layout.skip_link)}</a>
        <header class="site-header">
            <a class="brand" href="/">"NexaCRM"</a>
            <nav class="site-nav" aria-label=t_string!(i18n, common.layout.site_nav)>
                <a href="/signin">{t!(i18n, common.layout.sign_in)}</a>
                <a class="button primary" href="/signup">{t!(i18n, common.layout.get_started)}</a>
            </nav>
        </header>
    }
}

#[component]
pub fn SiteFooter() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <footer class="site-footer">
            <p>"© 2026 NexaCRM."</p>
            <nav aria-label=t_string!(i18n, common.layout.legal_nav)>
                <a href="/privacy">{t!(i18n, common.layout.privacy_policy)}</a>
                <a href="/terms">{t!(i18n, common.layout.terms)}</a>
                <super::consent_banner::CookieSettingsLink/>
                <a href="/">{t!(i18n, common.layout.home)}</a>
            </nav>
            <SecurityContacts/>
        </footer>
    }
}

/// Where to write about privacy and security (policy sections 5 and 12).
#[component]
pub fn SecurityContacts() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="contacts muted">
            {t_string!(i18n, common.layout.privacy_contact)} <a href="mailto:privacy@nexacrm.io">"privacy@nexacrm.io"</a>
            {t_string!(i18n, common.layout.security_contact)} <a href="mailto:security@nexacrm.io">"security@nexacrm.io"</a>
            " (" <a href="/.well-known/security.txt">"security.txt"</a> ")"
        </p>
    }
}

/// The operators' pages, linked from each of them. The pages themselves answer "not found" to
/// everyone who is not an operator.
#[component]
pub fn OperatorNav() -> impl IntoView {
    let i18n = use_i18n();
    let pages = [
        ("/operator/support", t_string!(i18n, common.layout.operator.support)),
        ("/operator/privacy-requests", t_string!(i18n, common.layout.operator.privacy_requests)),
        ("/operator/accounts", t_string!(i18n, common.layout.operator.accounts)),
        ("/operator/news", t_string!(i18n, common.layout.operator.news)),
        ("/operator/analytics", t_string!(i18n, common.layout.operator.analytics)),
        ("/operator/policy", t_string!(i18n, common.layout.operator.policy)),
    ];
    let here = leptos_router::hooks::use_location().pathname;
    view! {
        <nav class="filters operator-nav" aria-label=t_string!(i18n, common.layout.operator_nav)>
            {pages.into_iter().map(|(href, label)| view! {
                <a href=href aria-current=move || here.get().starts_with(href).then_some("page")>{label}</a>
            }).collect_view()}
        </nav>
    }
}

/// A public page: header, the content in `main`, footer.
#[component]
pub fn PublicPage(children: Children) -> impl IntoView {
    view! {
        <SiteHeader/>
        <main class="page" id="content">{children()}</main>
        <SiteFooter/>
    }
}
