//! Sign-in, with a return to the page that asked for it.

use crate::api::auth::SignIn;
use crate::components::field::{FormAlert, TextField};
use crate::components::layout::PublicPage;
use crate::i18n_setup::{t, t_string, use_i18n};
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SignInPage() -> impl IntoView {
    let i18n = use_i18n();
    let action = ServerAction::<SignIn>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_default();
    let notice = move || {
        let query = query.read();
        if query.get("expired").is_some() {
            Some(t_string!(i18n, auth.sign_in.notice_expired))
        } else if query.get("email_changed").is_some() {
            Some(t_string!(i18n, auth.sign_in.notice_email_changed))
        } else if query.get("reset").is_some() {
            Some(t_string!(i18n, auth.sign_in.notice_reset))
        } else if query.get("signed_out").is_some() {
            Some(t_string!(i18n, auth.sign_in.notice_signed_out))
        } else if query.get("next").is_some() {
            Some(t_string!(i18n, auth.sign_in.notice_next))
        } else {
            None
        }
    };
    view! {
        <Title text=t_string!(i18n, auth.sign_in.title)/>
        <PublicPage>
            <section class="narrow">
                <h1>{t!(i18n, auth.sign_in.title)}</h1>
                <p class="muted">{t!(i18n, auth.sign_in.new_here)} <a href="/signup">{t!(i18n, auth.sign_in.create_workspace_link)}</a></p>
                {move || notice().map(|text| view! { <p class="notice" role="status">{text}</p> })}
                <FormAlert error/>
                <ActionForm action=action attr:class="stack" attr:aria-label=t_string!(i18n, auth.sign_in.form_label)>
                    <TextField name="email" label=t_string!(i18n, auth.email) kind="email" autocomplete="username" required=true error/>
                    <TextField name="password" label=t_string!(i18n, auth.password) kind="password" autocomplete="current-password" required=true error/>
                    <input type="hidden" name="next" value=next/>
                    <button class="button primary" type="submit" disabled=move || action.pending().get()>
                        {move || if action.pending().get() { t_string!(i18n, auth.sign_in.pending) } else { t_string!(i18n, auth.sign_in.submit) }}
                    </button>
                </ActionForm>
                <p><a href="/forgot-password">{t!(i18n, auth.sign_in.forgot)}</a></p>
            </section>
        </PublicPage>
    }
}
