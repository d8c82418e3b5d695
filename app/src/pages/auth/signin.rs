//! Sign-in, with a return to the page that asked for it.

use crate::api::auth::SignIn;
use crate::components::field::{FormAlert, TextField};
use crate::components::layout::PublicPage;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn SignInPage() -> impl IntoView {
    let action = ServerAction::<SignIn>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_default();
    let notice = move || {
        let query = query.read();
        if query.get("expired").is_some() {
            Some("Your session has ended. Please sign in again.")
        } else if query.get("email_changed").is_some() {
            Some("Your email address was changed. Sign in with the new address.")
        } else if query.get("reset").is_some() {
            Some("Your password was changed and every session was signed out. Sign in with the new password.")
        } else if query.get("signed_out").is_some() {
            Some("You have signed out.")
        } else if query.get("next").is_some() {
            Some("Please sign in to continue.")
        } else {
            None
        }
    };
    view! {
        <Title text="Sign in"/>
        <PublicPage>
            <section class="narrow">
                <h1>"Sign in"</h1>
                <p class="muted">"New to NexaCRM? " <a href="/signup">"Create your workspace"</a></p>
                {move || notice().map(|text| view! { <p class="notice" role="status">{text}</p> })}
                <FormAlert error/>
                <ActionForm action=action attr:class="stack" attr:aria-label="Sign in">
                    <TextField name="email" label="Email" kind="email" autocomplete="username" required=true error/>
                    <TextField name="password" label="Password" kind="password" autocomplete="current-password" required=true error/>
                    <input type="hidden" name="next" value=next/>
                    <button class="button primary" type="submit" disabled=move || action.pending().get()>
                        {move || if action.pending().get() { "Signing in…" } else { "Sign in" }}
                    </button>
                </ActionForm>
                <p><a href="/forgot-password">"Forgot your password?"</a></p>
            </section>
        </PublicPage>
    }
}
