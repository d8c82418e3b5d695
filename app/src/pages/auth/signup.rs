//! Sign-up: creates the account and the organisation's workspace, or, from an invitation link
//! (`?invite=TOKEN&email=…`), the account that joins the inviting workspace.

use super::strength_meter::strength_meter;
use crate::api::auth::SignUp;
use crate::components::field::{CheckboxField, FormAlert, TextField};
use crate::components::layout::PublicPage;
use crate::i18n_setup::{t, t_string, use_i18n};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SignUpPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SignUp>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let query = use_query_map();
    let invite = query.read_untracked().get("invite").unwrap_or_default();
    let invited_email = query.read_untracked().get("email").unwrap_or_default();
    let invited = !invite.is_empty();
    let full_name = RwSignal::new(String::new());
    let email = RwSignal::new(invited_email.clone());
    let (on_password, meter) = strength_meter(full_name.into(), email.into());
    view! {
        <Title text=t_string!(i18n, auth.sign_up.title)/>
        <PublicPage>
            <section class="narrow">
                <h1>{if invited { t_string!(i18n, auth.sign_up.heading_invited) } else { t_string!(i18n, auth.sign_up.heading) }}</h1>
                {invited.then(|| view! { <p>{t!(i18n, auth.sign_up.invited_intro)}</p> })}
                <p class="muted">{t!(i18n, auth.sign_up.have_account)} <a href="/signin">{t!(i18n, auth.sign_in_link)}</a></p>
                <FormAlert error/>
                <ActionForm action=action attr:class="stack" attr:aria-label=t_string!(i18n, auth.sign_up.form_label)>
                    {invited.then(|| view! { <input type="hidden" name="invite" value=invite.clone()/> })}
                    {move || error.get().and_then(|e| e.field_message("invite")).map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                    <TextField name="full_name" label=t_string!(i18n, auth.sign_up.full_name) autocomplete="name" required=true error
                        on_input=Callback::new(move |v| full_name.set(v))/>
                    <TextField name="email" label=t_string!(i18n, auth.sign_up.work_email) kind="email" autocomplete="email" required=true error value=invited_email
                        on_input=Callback::new(move |v| email.set(v))/>
                    <TextField name="password" label=t_string!(i18n, auth.password) kind="password" autocomplete="new-password" required=true error
                        hint=t_string!(i18n, auth.password_hint)
                        on_input=on_password/>
                    {meter}
                    {(!invited).then(|| view! {
                        <TextField name="organisation" label=t_string!(i18n, auth.sign_up.organisation) autocomplete="organization" required=true error
                            hint=t_string!(i18n, auth.sign_up.organisation_hint)/>
                    })}
                    <TextField name="job_title" label=t_string!(i18n, auth.sign_up.job_title) autocomplete="organization-title" error/>
                    <CheckboxField name="age_confirmed" error>{t!(i18n, auth.sign_up.age_confirmed)}</CheckboxField>
                    <CheckboxField name="accept_terms" error>
                        {t!(i18n, auth.sign_up.terms_before)} <a href="/terms" target="_blank">{t!(i18n, auth.sign_up.terms_link)}</a> {t!(i18n, auth.sign_up.terms_between)}
                        <a href="/privacy" target="_blank">{t!(i18n, auth.sign_up.privacy_link)}</a> {t!(i18n, auth.sign_up.terms_after)}
                    </CheckboxField>
                    <button class="button primary" type="submit" disabled=move || action.pending().get()>
                        {move || match (action.pending().get(), invited) {
                            (true, true) => t_string!(i18n, auth.sign_up.creating_account),
                            (true, false) => t_string!(i18n, auth.sign_up.creating_workspace),
                            (false, true) => t_string!(i18n, auth.sign_up.create_and_join),
                            (false, false) => t_string!(i18n, auth.sign_up.create_workspace),
                        }}
                    </button>
                </ActionForm>
            </section>
        </PublicPage>
    }
}
