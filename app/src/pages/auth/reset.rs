//! Forgotten passwords: `/forgot-password` asks for the address and always answers the same;
//! `/reset-password/:token` (the mailed link) sets a new password while the link is valid.

use super::strength_meter::strength_meter;
use crate::api::reset::{look_up_reset, RequestPasswordReset, ResetPassword, ResetState};
use crate::components::field::{FormAlert, TextField};
use crate::components::layout::PublicPage;
use crate::pages::records::ErrorNotice;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let action = ServerAction::<RequestPasswordReset>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let sent = move || matches!(action.value().get(), Some(Ok(())));
    view! {
        <Title text="Reset your password"/>
        <PublicPage>
            <section class="narrow">
                <h1>"Reset your password"</h1>
                <p>"Enter the address of your account. We will email you a link to choose a new password; it works for 60 minutes."</p>
                {move || sent().then(|| view! {
                    <p class="notice" role="status">"If an account uses that address, a reset link is on its way. Check your inbox."</p>
                })}
                <FormAlert error/>
                <ActionForm action attr:class="stack" attr:aria-label="Ask for a reset link">
                    <TextField name="email" label="Email" kind="email" autocomplete="username" required=true error/>
                    <button class="button primary" type="submit" disabled=move || action.pending().get()>"Email me a link"</button>
                </ActionForm>
                <p><a href="/signin">"Back to sign in"</a></p>
            </section>
        </PublicPage>
    }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let link = Resource::new(token, look_up_reset);
    view! {
        <Title text="Choose a new password"/>
        <PublicPage>
            <section class="narrow">
                <h1>"Choose a new password"</h1>
                <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
                    {move || Suspend::new(async move {
                        match link.await {
                            Ok(ResetState::Open) => view! { <NewPasswordForm token=token()/> }.into_any(),
                            Ok(_) => view! {
                                <p class="notice" role="status">"This reset link has expired or was already used."</p>
                                <a class="button primary" href="/forgot-password">"Ask for a new link"</a>
                            }.into_any(),
                            Err(error) => view! { <ErrorNotice error/> }.into_any(),
                        }
                    })}
                </Suspense>
            </section>
        </PublicPage>
    }
}

#[component]
fn NewPasswordForm(token: String) -> impl IntoView {
    let action = ServerAction::<ResetPassword>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let (on_password, meter) = strength_meter(Signal::derive(String::new), Signal::derive(String::new));
    view! {
        <FormAlert error/>
        {move || error.get().and_then(|e| e.field_message("token")).map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
        <ActionForm action attr:class="stack" attr:aria-label="Set the new password">
            <input type="hidden" name="token" value=token/>
            <TextField name="password" label="New password" kind="password" autocomplete="new-password" required=true error
                hint="12 to 128 characters. A few unrelated words make a strong password."
                on_input=on_password/>
            {meter}
            <button class="button primary" type="submit" disabled=move || action.pending().get()>"Save the new password"</button>
        </ActionForm>
    }
}
