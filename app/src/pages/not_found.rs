//! The page for addresses that lead nowhere, answered with a real 404 status.

use crate::components::layout::PublicPage;
use crate::i18n_setup::{t, t_string, use_i18n};
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
    let i18n = use_i18n();
    view! {
        <Title text=t_string!(i18n, common.not_found.title)/>
        <section class="not-found">
            <h1>{t!(i18n, common.not_found.title)}</h1>
            <p>{t!(i18n, common.not_found.body)}</p>
            <p><a class="button primary" href="/">{t!(i18n, common.not_found.home_link)}</a></p>
        </section>
    }
}

#[component]
pub fn NotFound() -> impl IntoView {
    view! { <PublicPage><NotFoundMessage/></PublicPage> }
}
