//! Forgotten passwords: `/forgot-password` asks for the address and always answers the same;
//! `/reset-password/:token` (the mailed link) sets a new password while the link is valid.

use super::strength_meter::strength_meter;
use crate::api::reset::{look_up_reset, RequestPasswordReset, ResetPassword, ResetState};
use crate::components::field::{FormAlert, TextField};
use crate::components::layout::PublicPage;
use crate::i18n_setup::{t, t_string, use_i18n};
use crate::pages::records::ErrorNotice;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_params_map;

#[component]
pub fn ForgotPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<RequestPasswordReset>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let sent = move || matches!(action.value().get(), Some(Ok(())));
    view! {
        <Title text=t_string!(i18n, auth.forgot_password.title)/>
        <PublicPage>
            <section class="narrow">
                <h1>{t!(i18n, auth.forgot_password.title)}</h1>
                <p>{t!(i18n, auth.forgot_password.intro)}</p>
                {move || sent().then(|| view! {
                    <p class="notice" role="status">{t!(i18n, auth.forgot_password.sent)}</p>
                })}
                <FormAlert error/>
                <ActionForm action attr:class="stack" attr:aria-label=t_string!(i18n, auth.forgot_password.form_label)>
                    <TextField name="email" label=t_string!(i18n, auth.email) kind="email" autocomplete="username" required=true error/>
                    <button class="button primary" type="submit" disabled=move || action.pending().get()>{t!(i18n, auth.forgot_password.submit)}</button>
                </ActionForm>
                <p><a href="/signin">{t!(i18n, auth.forgot_password.back)}</a></p>
            </section>
        </PublicPage>
    }
}

#[component]
pub fn ResetPasswordPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let token = move || params.read().get("token").unwrap_or_default();
    let link = Resource::new(token, look_up_reset);
    view! {
        <Title text=t_string!(i18n, auth.reset_password.title)/>
        <PublicPage>
            <section class="narrow">
                <h1>{t!(i18n, auth.reset_password.title)}</h1>
                <Suspense fallback=move || view! { <p class="muted">{t!(i18n, auth.loading)}</p> }>
                    {move || Suspend::new(async move {
                        match link.await {
                            Ok(ResetState::Open) => view! { <NewPasswordForm token=token()/> }.into_any(),
                            Ok(_) => view! {
                                <p class="notice" role="status">{t!(i18n, auth.reset_password.expired)}</p>
                                <a class="button primary" href="/forgot-password">{t!(i18n, auth.reset_password.ask_again)}</a>
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
    let i18n = use_i18n();
    let action = ServerAction::<ResetPassword>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let (on_password, meter) = strength_meter(Signal::derive(String::new), Signal::derive(String::new));
    view! {
        <FormAlert error/>
        {move || error.get().and_then(|e| e.field_message("token")).map(|m| view! { <p class="field-error" role="alert">{m}</p> })}
        <ActionForm action attr:class="stack" attr:aria-label=t_string!(i18n, auth.reset_password.form_label)>
            <input type="hidden" name="token" value=token/>
            <TextField name="password" label=t_string!(i18n, auth.reset_password.new_password) kind="password" autocomplete="new-password" required=true error
                hint=t_string!(i18n, auth.password_hint)
                on_input=on_password/>
            {meter}
            <button class="button primary" type="submit" disabled=move || action.pending().get()>{t!(i18n, auth.reset_password.submit)}</button>
        </ActionForm>
    }
}
