//! The page for addresses that lead nowhere, answered with a real 404 status.

use crate::components::layout::PublicPage;
use leptos::prelude::*;
use leptos_meta::Title;

/// Sets the response status to 404 during server rendering.
pub fn set_not_found_status() {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::NOT_FOUND);
    }
}

/// The "not found" message itself, for use inside any frame.
#[component]
pub fn NotFoundMessage() -> impl IntoView {
    set_not_found_status();
    view! {
        <Title text="Page not found"/>
        <section class="not-found">
            <h1>"Page not found"</h1>
            <p>"There is nothing at this address, or you do not have access to it."</p>
            <p><a class="button primary" href="/">"Go to the home page"</a></p>
        </section>
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    view! { <PublicPage><NotFoundMessage/></PublicPage> }
}
