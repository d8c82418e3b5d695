//! The operators' Privacy Policy page: publish a new version at least 14 days ahead (every
//! account is mailed, every page shows a notice until the date) and see the versions published.

use crate::api::policy::{operator_policy_versions, PublishPolicy, NOTICE_DAYS};
use crate::components::field::{FormAlert, TextField};
use crate::components::layout::PublicPage;
use crate::domain::policy::long_date_in;
use crate::i18n_setup::{current_locale, t, t_string, use_i18n};
use crate::pages::records::{format_time, ErrorNotice};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn OperatorPolicyPage() -> impl IntoView {
    let publish = ServerAction::<PublishPolicy>::new();
    let versions = Resource::new(move || publish.version().get(), |_| operator_policy_versions());
    let error = Signal::derive(move || publish.value().get().and_then(Result::err));
    let field_error = move |name: &'static str| move || error.get().and_then(|e| e.field_message(name)).map(|m| view! { <p class="field-error">{m}</p> });
    let i18n = use_i18n();
    view! {
        <Title text=t_string!(i18n, privacy.policy.title)/>
        <PublicPage>
            <crate::components::layout::OperatorNav/>
            <h1>{t!(i18n, privacy.policy.title)}</h1>
            <Suspense fallback=move || view! { <p class="muted">{t!(i18n, privacy.loading)}</p> }>
                {move || Suspend::new(async move {
                    match versions.await {
                        Ok(list) if list.is_empty() => view! {
                            <p class="muted">{t!(i18n, privacy.policy.only_first)}</p>
                        }.into_any(),
                        Ok(list) => view! {
                            <div class="table-scroll">
                                <table class="records">
                                    <thead>
                                        <tr>
                                            <th scope="col">{t!(i18n, privacy.policy.takes_effect)}</th>
                                            <th scope="col">{t!(i18n, privacy.policy.what_changes)}</th>
                                            <th scope="col">{t!(i18n, privacy.policy.published)}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {list.into_iter().map(|v| view! {
                                            <tr>
                                                <td>
                                                    <a href=format!("/privacy/versions/{}", v.version)>{long_date_in(&v.version, current_locale())}</a>
                                                    {v.current.then(|| view! { " " <span class="badge">{t!(i18n, privacy.policy.in_force)}</span> })}
                                                </td>
                                                <td><ul>{v.changes.into_iter().map(|c| view! { <li>{c}</li> }).collect_view()}</ul></td>
                                                <td>{format_time(v.published_at)}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }.into_any(),
                        Err(error) => view! { <ErrorNotice error/> }.into_any(),
                    }
                })}
            </Suspense>
            <section class="panel" aria-labelledby="publish-policy">
                <h2 id="publish-policy">{t!(i18n, privacy.policy.publish_heading)}</h2>
                <p class="muted">{t_string!(i18n, privacy.policy.publish_text, days = NOTICE_DAYS)}</p>
                <ActionForm action=publish attr:class="stack" attr:aria-label=t_string!(i18n, privacy.policy.publish_heading)>
                    <TextField name="effective" label=t_string!(i18n, privacy.policy.effective) required=true error/>
                    <div class="field">
                        <label for="policy-summary">{t!(i18n, privacy.policy.summary)}</label>
                        <textarea id="policy-summary" name="summary" rows="4" required></textarea>
                        {field_error("summary")}
                    </div>
                    <div class="field">
                        <label for="policy-body">{t!(i18n, privacy.policy.body)}</label>
                        <textarea id="policy-body" name="body" rows="16" required></textarea>
                        {field_error("body")}
                    </div>
                    <FormAlert error/>
                    {move || publish.value().get().and_then(Result::ok).map(|version| view! {
                        <p class="notice" role="status">
                            {t_string!(i18n, privacy.policy.published_notice, date = long_date_in(&version, current_locale()))}
                        </p>
                    })}
                    <button class="button primary" type="submit" disabled=move || publish.pending().get()>{t!(i18n, privacy.policy.publish)}</button>
                </ActionForm>
            </section>
        </PublicPage>
    }
}
