//! The public home page that presents NexaCRM.

use crate::components::layout::PublicPage;
use crate::i18n_setup::{t, t_string, use_i18n};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn HomePage() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Title text=""/>
        <PublicPage>
            <section class="hero">
                <h1>{t!(i18n, common.home.title)}</h1>
                <p class="lead">{t!(i18n, common.home.lead)}</p>
                <div class="cta">
                    <a class="button primary" href="/signup">{t!(i18n, common.home.create_workspace)}</a>
                    <a class="button secondary" href="/signin">{t!(i18n, common.layout.sign_in)}</a>
                </div>
            </section>
            <section class="features" aria-label=t_string!(i18n, common.home.features_label)>
                <article class="feature">
                    <h3>{t!(i18n, common.home.workspace_title)}</h3>
                    <p>{t!(i18n, common.home.workspace_body)}</p>
                </article>
                <article class="feature">
                    <h3>{t!(i18n, common.home.security_title)}</h3>
                    <p>{t!(i18n, common.home.security_body)}</p>
                </article>
                <article class="feature">
                    <h3>{t!(i18n, common.home.data_title)}</h3>
                    <p>{t!(i18n, common.home.data_body)}</p>
                    <p><a href="/privacy">{t!(i18n, common.home.data_link)}</a></p>
                </article>
                <article class="feature">
                    <h3>{t!(i18n, common.home.anywhere_title)}</h3>
                    <p>{t!(i18n, common.home.anywhere_body)}</p>
                </article>
            </section>
        </PublicPage>
    }
}
