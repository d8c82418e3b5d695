//! Sign-up: creates the account and the organisation's workspace, or, from an invitation link
//! (`?invite=TOKEN&email=…`), the account that joins the inviting workspace.

use super::strength_meter::strength_meter;
use crate::api::auth::SignUp;
use crate::components::field::{CheckboxField, FormAlert, TextField};
use crate::components::layout::PublicPage;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SignUpPage() -> impl IntoView {
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
        <Title text="Create your workspace"/>
        <PublicPage>
            <section class="narrow">
                <h1>{if invited { "Create your account" } else { "Create your workspace" }}</h1>
                {invited.then(|| view! { <p>"You were invited to a workspace on NexaCRM. Create your account to join it."</p> })}
                <p class="muted">"Already have an account? " <a href="/signin">"Sign in"</a></p>
                <FormAlert error/>
                <ActionForm action=action attr:class="stack" attr:aria-label="Sign up">
                    {invited.then(|| view! { <input type="hidden" name="invite" value=invite.clone()/> })}
                    {move || error.get().and_then(|e| e.field_message("invite")).map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
                    <TextField name="full_name" label="Full name" autocomplete="name" required=true error
                        on_input=Callback::new(move |v| full_name.set(v))/>
                    <TextField name="email" label="Work email" kind="email" autocomplete="email" required=true error value=invited_email
                        on_input=Callback::new(move |v| email.set(v))/>
                    <TextField name="password" label="Password" kind="password" autocomplete="new-password" required=true error
                        hint="12 to 128 characters. A few unrelated words make a strong password."
                        on_input=on_password/>
                    {meter}
                    {(!invited).then(|| view! {
                        <TextField name="organisation" label="Organisation name" autocomplete="organization" required=true error
                            hint="Your workspace is named after it."/>
                    })}
                    <TextField name="job_title" label="Job title (optional)" autocomplete="organization-title" error/>
                    <CheckboxField name="age_confirmed" error>"I am 16 years of age or older."</CheckboxField>
                    <CheckboxField name="accept_terms" error>
                        "I agree to the " <a href="/terms" target="_blank">"Terms of Service"</a> " and the "
                        <a href="/privacy" target="_blank">"Privacy Policy"</a> "."
                    </CheckboxField>
                    <button class="button primary" type="submit" disabled=move || action.pending().get()>
                        {move || match (action.pending().get(), invited) {
                            (true, true) => "Creating your account…",
                            (true, false) => "Creating your workspace…",
                            (false, true) => "Create account and join",
                            (false, false) => "Create workspace",
                        }}
                    </button>
                </ActionForm>
            </section>
        </PublicPage>
    }
}
