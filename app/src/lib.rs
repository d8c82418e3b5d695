//! NexaCRM's application: routes, pages and server functions, compiled for the server (`ssr`)
//! and for the browser (`hydrate`).

pub mod api;
pub mod components;
pub mod content;
pub mod domain;
pub mod error;
pub mod i18n_setup;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod ssr;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::{path, SsrMode};

/// The HTML document around the app, rendered on the server only.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    send_content_security_policy();
    view! {
        <!DOCTYPE html>
        <html lang=page_language() data-theme=page_theme().as_str()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="icon" href="/favicon.svg" type="image/svg+xml"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
                <meta name=domain::policy::POLICY_META content=policy_meta()/>
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

/// The theme the request's cookie asks for, rendered on `<html>` so the first paint is right.
fn page_theme() -> domain::consent::Theme {
    #[cfg(feature = "ssr")]
    return domain::consent::Theme::from_cookie_header(&ssr::context::cookie_header());
    #[cfg(not(feature = "ssr"))]
    domain::consent::Theme::System
}

/// The language the page is rendered in, on `<html lang>`: the browser starts from it.
fn page_language() -> &'static str {
    #[cfg(feature = "ssr")]
    return leptos_i18n::Locale::as_str(i18n_setup::request_locale());
    #[cfg(not(feature = "ssr"))]
    "en"
}

/// Which policy version is in force (and what changed), for the banner in the browser.
fn policy_meta() -> String {
    #[cfg(feature = "ssr")]
    {
        use_context::<ssr::AppState>()
            .map(|state| serde_json::to_string(&ssr::policy::status(&state)).unwrap_or_default())
            .unwrap_or_default()
    }
    #[cfg(not(feature = "ssr"))]
    String::new()
}

/// The page's CSP carries the nonce Leptos puts on its own inline scripts.
#[cfg(feature = "ssr")]
fn send_content_security_policy() {
    if let (Some(nonce), Some(response)) = (use_nonce(), use_context::<leptos_axum::ResponseOptions>()) {
        let policy = format!(
            "default-src 'self'; script-src 'self' 'nonce-{nonce}' 'wasm-unsafe-eval'; \
             style-src 'self' 'nonce-{nonce}'; img-src 'self' data:; connect-src 'self'; \
             object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
        );
        if let Ok(value) = http::HeaderValue::from_str(&policy) {
            response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
        }
    }
}

#[component]
pub fn App() -> impl IntoView {
    use pages::*;
    provide_meta_context();
    components::consent_banner::provide_consent_ui();
    view! {
        <Stylesheet id="leptos" href="/pkg/nexacrm.css"/>
        <Title formatter=|text: String| if text.is_empty() { "NexaCRM".to_owned() } else { format!("{text} · NexaCRM") }/>
        <i18n_setup::LanguageProvider>
        <Router>
            <components::consent_banner::ConsentBanner/>
            <components::consent_banner::PolicyNotice/>
            <Routes fallback=not_found::NotFound>
                <Route path=path!("") view=home::HomePage/>
                <Route path=path!("privacy") view=legal::PrivacyPage/>
                <Route path=path!("privacy/versions/:version") view=legal::PolicyVersionPage/>
                <Route path=path!("operator/policy") view=policy::OperatorPolicyPage ssr=SsrMode::Async/>
                <Route path=path!("terms") view=legal::TermsPage/>
                <Route path=path!("cookies") view=legal::CookiesPage/>
                <Route path=path!("operator/analytics") view=analytics::OperatorAnalyticsPage ssr=SsrMode::Async/>
                <Route path=path!("signup") view=auth::SignUpPage/>
                <Route path=path!("signin") view=auth::SignInPage/>
                <Route path=path!("invite/:token") view=auth::InvitePage/>
                <Route path=path!("forgot-password") view=auth::ForgotPasswordPage/>
                <Route path=path!("confirm-email/:token") view=auth::ConfirmEmailPage/>
                <Route path=path!("reset-password/:token") view=auth::ResetPasswordPage/>
                <Route path=path!("dev/mailbox") view=mail::DevMailboxPage ssr=SsrMode::Async/>
                <Route path=path!("dev/mailbox/:id") view=mail::DevMailPage ssr=SsrMode::Async/>
                <Route path=path!("account/deletion") view=privacy::PendingDeletionPage ssr=SsrMode::Async/>
                <Route path=path!("operator/accounts") view=privacy::OperatorAccountsPage ssr=SsrMode::Async/>
                <Route path=path!("operator/support") view=support::OperatorInboxPage ssr=SsrMode::Async/>
                <Route path=path!("operator/support/:id") view=support::OperatorMessagePage ssr=SsrMode::Async/>
                <Route path=path!("operator/privacy-requests") view=operator_privacy::OperatorPrivacyRequestsPage ssr=SsrMode::Async/>
                <Route path=path!("operator/news") view=operator_privacy::OperatorNewsPage ssr=SsrMode::Async/>
                <ParentRoute path=path!("w/:slug") view=workspace::WorkspaceLayout ssr=SsrMode::Async>
                    <Route path=path!("") view=workspace::WorkspaceHome/>
                    <Route path=path!("account") view=workspace::AccountPage/>
                    <Route path=path!("privacy") view=privacy::PrivacySettingsPage/>
                    <Route path=path!("help") view=support::HelpPage/>
                    <Route path=path!("companies") view=companies::CompaniesPage/>
                    <Route path=path!("companies/new") view=companies::NewCompanyPage/>
                    <Route path=path!("companies/:id") view=companies::CompanyPage/>
                    <Route path=path!("contacts") view=contacts::ContactsPage/>
                    <Route path=path!("contacts/new") view=contacts::NewContactPage/>
                    <Route path=path!("contacts/:id") view=contacts::ContactPage/>
                    <Route path=path!("deals") view=deals::DealsPage/>
                    <Route path=path!("deals/new") view=deals::NewDealPage/>
                    <Route path=path!("deals/list") view=deals::DealListPage/>
                    <Route path=path!("deals/:id") view=deals::DealPage/>
                    <Route path=path!("leads") view=leads::LeadsPage/>
                    <Route path=path!("leads/new") view=leads::NewLeadPage/>
                    <Route path=path!("leads/:id") view=leads::LeadPage/>
                    <Route path=path!("tickets") view=tickets::TicketsPage/>
                    <Route path=path!("tickets/new") view=tickets::NewTicketPage/>
                    <Route path=path!("tickets/:id") view=tickets::TicketPage/>
                    <Route path=path!("emails") view=emails::EmailsPage/>
                    <Route path=path!("emails/new") view=emails::NewDraftPage/>
                    <Route path=path!("emails/templates") view=emails::TemplatesPage/>
                    <Route path=path!("emails/:id") view=emails::DraftPage/>
                    <Route path=path!("work") view=activities::MyWorkPage/>
                    <Route path=path!("activities") view=activities::MyWorkPage/>
                    <Route path=path!("activities/new") view=activities::NewActivityPage/>
                    <Route path=path!("activities/:id") view=activities::ActivityPage/>
                    <Route path=path!("imports") view=imports::ImportsPage/>
                    <Route path=path!("imports/:id") view=imports::ImportPage/>
                    <Route path=path!("search") view=search::SearchPage/>
                    <Route path=path!("settings/members") view=settings::MembersSettingsPage/>
                    <Route path=path!("settings/pipeline") view=settings::PipelineSettingsPage/>
                    <Route path=path!("settings/tags") view=settings::TagSettingsPage/>
                    <Route path=path!("trash") view=trash::TrashPage/>
                </ParentRoute>
            </Routes>
        </Router>
        </i18n_setup::LanguageProvider>
    }
}
