//! The public site's frame: header, footer, and a page wrapper.

use leptos::prelude::*;

#[component]
pub fn SiteHeader() -> impl IntoView {
    view! {
        <a class="skip-link" href="#content">"Skip to content"</a>
        <header class="site-header">
            <a class="brand" href="/">"NexaCRM"</a>
            <nav class="site-nav" aria-label="Site">
                <a href="/signin">"Sign in"</a>
                <a class="button primary" href="/signup">"Get started"</a>
            </nav>
        </header>
    }
}

#[component]
pub fn SiteFooter() -> impl IntoView {
    view! {
        <footer class="site-footer">
            <p>"© 2026 NexaCRM."</p>
            <nav aria-label="Legal">
                <a href="/privacy">"Privacy Policy"</a>
                <a href="/terms">"Terms of Service"</a>
                <super::consent_banner::CookieSettingsLink/>
                <a href="/">"Home"</a>
            </nav>
            <SecurityContacts/>
        </footer>
    }
}

/// Where to write about privacy and security (policy sections 5 and 12).
#[component]
pub fn SecurityContacts() -> impl IntoView {
    view! {
        <p class="contacts muted">
            "Privacy: " <a href="mailto:privacy@nexacrm.io">"privacy@nexacrm.io"</a>
            " · Security: " <a href="mailto:security@nexacrm.io">"security@nexacrm.io"</a>
            " (" <a href="/.well-known/security.txt">"security.txt"</a> ")"
        </p>
    }
}

/// The operators' pages, linked from each of them. The pages themselves answer "not found" to
/// everyone who is not an operator.
#[component]
pub fn OperatorNav() -> impl IntoView {
    const PAGES: [(&str, &str); 6] = [
        ("/operator/support", "Support inbox"),
        ("/operator/privacy-requests", "Privacy requests"),
        ("/operator/accounts", "Accounts"),
        ("/operator/news", "Product news"),
        ("/operator/analytics", "Analytics"),
        ("/operator/policy", "Privacy Policy versions"),
    ];
    let here = leptos_router::hooks::use_location().pathname;
    view! {
        <nav class="filters operator-nav" aria-label="Operator pages">
            {PAGES.into_iter().map(|(href, label)| view! {
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
