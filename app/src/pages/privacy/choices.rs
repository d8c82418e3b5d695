//! Settings → Privacy: objection to usage data ("Do not record my usage") and marketing email
//! (product news, off until the person opts in). Each is a checkbox in its own form, so each
//! choice is saved, and timed, on its own; both work without JavaScript.

use crate::api::privacy::{load_privacy_choices, PrivacyChoices, SaveMarketingChoice, SaveUsageObjection};
use crate::components::field::FormAlert;
use crate::i18n_setup::{t, t_string, use_i18n, Locale};
use crate::pages::records::{format_time, ErrorNotice};
use leptos::prelude::*;
use leptos_i18n::I18nContext;

#[component]
pub fn PrivacyChoicesSection() -> impl IntoView {
    let usage = ServerAction::<SaveUsageObjection>::new();
    let marketing = ServerAction::<SaveMarketingChoice>::new();
    let choices = Resource::new(move || (usage.version().get(), marketing.version().get()), |_| load_privacy_choices());
    let i18n = use_i18n();
    view! {
        <Suspense fallback=move || view! { <p class="muted">{t!(i18n, privacy.loading)}</p> }>
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
fn last_choice(i18n: I18nContext<Locale>, at: Option<i64>, default: &'static str) -> String {
    at.map_or_else(|| default.to_owned(), |at| t_string!(i18n, privacy.choices.your_choice_of, time = format_time(at)).to_string())
}

#[component]
fn UsageData(choices: PrivacyChoices, action: ServerAction<SaveUsageObjection>) -> impl IntoView {
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let days = choices.usage_retention_days;
    let i18n = use_i18n();
    view! {
        <section class="panel privacy-choice" aria-labelledby="usage-data">
            <h2 id="usage-data">{t!(i18n, privacy.choices.usage_heading)}</h2>
            <p>{t_string!(i18n, privacy.choices.usage_text, days = days)}</p>
            <ActionForm action attr:class="stack" attr:aria-label=t_string!(i18n, privacy.choices.usage_heading)>
                <label class="checkbox">
                    <input type="checkbox" name="on" value="true" checked=choices.usage_objection/>
                    {t!(i18n, privacy.choices.usage_checkbox)}
                </label>
                <p class="hint">{t!(i18n, privacy.choices.usage_hint)}</p>
                <p class="muted">{last_choice(i18n, choices.usage_objection_at, t_string!(i18n, privacy.choices.usage_default))}</p>
                <FormAlert error/>
                {move || action.value().get().and_then(Result::ok).map(|()| view! { <p class="notice" role="status">{t!(i18n, privacy.choices.usage_saved)}</p> })}
                <button class="button secondary" type="submit" disabled=move || action.pending().get()>{t!(i18n, privacy.choices.usage_save)}</button>
            </ActionForm>
        </section>
    }
}

#[component]
fn MarketingEmail(choices: PrivacyChoices, action: ServerAction<SaveMarketingChoice>) -> impl IntoView {
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let i18n = use_i18n();
    view! {
        <section class="panel privacy-choice" aria-labelledby="marketing-email">
            <h2 id="marketing-email">{t!(i18n, privacy.choices.marketing_heading)}</h2>
            <p>{t!(i18n, privacy.choices.marketing_text)}</p>
            <ActionForm action attr:class="stack" attr:aria-label=t_string!(i18n, privacy.choices.marketing_heading)>
                <label class="checkbox">
                    <input type="checkbox" name="on" value="true" checked=choices.marketing_opt_in/>
                    {t!(i18n, privacy.choices.marketing_checkbox)}
                </label>
                <p class="muted">{last_choice(i18n, choices.marketing_choice_at, t_string!(i18n, privacy.choices.marketing_default))}</p>
                <FormAlert error/>
                {move || action.value().get().and_then(Result::ok).map(|()| view! { <p class="notice" role="status">{t!(i18n, privacy.choices.marketing_saved)}</p> })}
                <button class="button secondary" type="submit" disabled=move || action.pending().get()>{t!(i18n, privacy.choices.marketing_save)}</button>
            </ActionForm>
        </section>
    }
}
