//! Settings → Privacy: objection to usage data ("Do not record my usage") and marketing email
//! (product news, off until the person opts in). Each is a checkbox in its own form, so each
//! choice is saved, and timed, on its own; both work without JavaScript.

use crate::api::privacy::{load_privacy_choices, PrivacyChoices, SaveMarketingChoice, SaveUsageObjection};
use crate::components::field::FormAlert;
use crate::pages::records::{format_time, ErrorNotice};
use leptos::prelude::*;

#[component]
pub fn PrivacyChoicesSection() -> impl IntoView {
    let usage = ServerAction::<SaveUsageObjection>::new();
    let marketing = ServerAction::<SaveMarketingChoice>::new();
    let choices = Resource::new(move || (usage.version().get(), marketing.version().get()), |_| load_privacy_choices());
    view! {
        <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match choices.await {
                    Ok(choices) => view! {
                        <UsageData choices=choices.clone() action=usage/>
                        <MarketingEmail choices action=marketing/>
                    }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// "Last changed …", or what applies when the person never chose.
fn last_choice(at: Option<i64>, default: &'static str) -> String {
    at.map_or_else(|| default.to_owned(), |at| format!("Your choice of {}.", format_time(at)))
}

#[component]
fn UsageData(choices: PrivacyChoices, action: ServerAction<SaveUsageObjection>) -> impl IntoView {
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let days = choices.usage_retention_days;
    view! {
        <section class="panel privacy-choice" aria-labelledby="usage-data">
            <h2 id="usage-data">"Usage data"</h2>
            <p>
                "While you are signed in, we record which pages you open and when — the kind of page (\"a contact\", "
                "\"the deal board\"), never what is on it — to find bugs and improve NexaCRM. These records are deleted after "
                {days} " days."
            </p>
            <ActionForm action attr:class="stack" attr:aria-label="Usage data">
                <label class="checkbox">
                    <input type="checkbox" name="on" value="true" checked=choices.usage_objection/>
                    " Do not record my usage"
                </label>
                <p class="hint">
                    "Objecting stops this recording and deletes the page visits recorded so far. What we need for security "
                    "and the audit log is still kept: your sign-ins and sessions, and the history of the records you change."
                </p>
                <p class="muted">{last_choice(choices.usage_objection_at, "You have not objected: your usage is recorded.")}</p>
                <FormAlert error/>
                {move || action.value().get().and_then(Result::ok).map(|()| view! { <p class="notice" role="status">"Usage choice saved."</p> })}
                <button class="button secondary" type="submit" disabled=move || action.pending().get()>"Save usage choice"</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn MarketingEmail(choices: PrivacyChoices, action: ServerAction<SaveMarketingChoice>) -> impl IntoView {
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    view! {
        <section class="panel privacy-choice" aria-labelledby="marketing-email">
            <h2 id="marketing-email">"Marketing email"</h2>
            <p>
                "We send product news by email only if you ask for it. Every such email has a link that unsubscribes you "
                "in one click. Mail about your account — password resets, invitations, sign-in alerts, answers to your "
                "messages and requests — is not marketing and always arrives."
            </p>
            <ActionForm action attr:class="stack" attr:aria-label="Marketing email">
                <label class="checkbox">
                    <input type="checkbox" name="on" value="true" checked=choices.marketing_opt_in/>
                    " Email me NexaCRM product news"
                </label>
                <p class="muted">{last_choice(choices.marketing_choice_at, "Off: you have not asked for product news.")}</p>
                <FormAlert error/>
                {move || action.value().get().and_then(Result::ok).map(|()| view! { <p class="notice" role="status">"Email choice saved."</p> })}
                <button class="button secondary" type="submit" disabled=move || action.pending().get()>"Save email choice"</button>
            </ActionForm>
        </section>
    }
}
