//! The page the link to a new address opens (`/confirm-email/:token`): one button confirms the
//! change (a link preview or a mail scanner opening the page changes nothing).

use crate::api::account::ConfirmEmailChange;
use crate::components::field::FormAlert;
use crate::components::layout::PublicPage;
use crate::i18n_setup::{t, t_string, use_i18n};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ConfirmEmailPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let token = params.read_untracked().get("token").unwrap_or_default();
    let action = ServerAction::<ConfirmEmailChange>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    view! {
        <Title text=t_string!(i18n, auth.confirm_email.title)/>
        <PublicPage>
            <section class="narrow">
                <h1>{t!(i18n, auth.confirm_email.title)}</h1>
                <p>{t!(i18n, auth.confirm_email.body)}</p>
                {move || error.get().and_then(|e| e.field_message("token")).map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                <FormAlert error/>
                <ActionForm action attr:aria-label=t_string!(i18n, auth.confirm_email.form_label)>
                    <input type="hidden" name="token" value=token/>
                    <button class="button primary" type="submit" disabled=move || action.pending().get()>{t!(i18n, auth.confirm_email.submit)}</button>
                </ActionForm>
            </section>
        </PublicPage>
    }
}
