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
                <a href="/">"Home"</a>
            </nav>
        </footer>
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
