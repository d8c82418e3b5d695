//! Sign-up: creates the account and the organisation's workspace.

use super::strength_meter::strength_meter;
use crate::api::auth::SignUp;
use crate::components::field::{CheckboxField, FormAlert, TextField};
use crate::components::layout::PublicPage;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn SignUpPage() -> impl IntoView {
    let action = ServerAction::<SignUp>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let full_name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let (on_password, meter) = strength_meter(full_name.into(), email.into());
    view! {
        <Title text="Create your workspace"/>
        <PublicPage>
            <section class="narrow">
                <h1>"Create your workspace"</h1>
                <p class="muted">"Already have an account? " <a href="/signin">"Sign in"</a></p>
                <FormAlert error/>
                <ActionForm action=action attr:class="stack" attr:aria-label="Sign up">
                    <TextField name="full_name" label="Full name" autocomplete="name" required=true error
                        on_input=Callback::new(move |v| full_name.set(v))/>
                    <TextField name="email" label="Work email" kind="email" autocomplete="email" required=true error
                        on_input=Callback::new(move |v| email.set(v))/>
                    <TextField name="password" label="Password" kind="password" autocomplete="new-password" required=true error
                        hint="12 to 128 characters. A few unrelated words make a strong password."
                        on_input=on_password/>
                    {meter}
                    <TextField name="organisation" label="Organisation name" autocomplete="organization" required=true error
                        hint="Your workspace is named after it."/>
                    <TextField name="job_title" label="Job title (optional)" autocomplete="organization-title" error/>
                    <CheckboxField name="age_confirmed" error>"I am 16 years of age or older."</CheckboxField>
                    <CheckboxField name="accept_terms" error>
                        "I agree to the " <a href="/terms" target="_blank">"Terms of Service"</a> " and the "
                        <a href="/privacy" target="_blank">"Privacy Policy"</a> "."
                    </CheckboxField>
                    <button class="button primary" type="submit" disabled=move || action.pending().get()>
                        {move || if action.pending().get() { "Creating your workspace…" } else { "Create workspace" }}
                    </button>
                </ActionForm>
            </section>
        </PublicPage>
    }
}
