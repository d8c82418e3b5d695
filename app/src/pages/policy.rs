//! The operators' Privacy Policy page: publish a new version at least 14 days ahead (every
//! account is mailed, every page shows a notice until the date) and see the versions published.

use crate::api::policy::{operator_policy_versions, PublishPolicy, NOTICE_DAYS};
use crate::components::field::{FormAlert, TextField};
use crate::components::layout::PublicPage;
use crate::domain::policy::long_date;
use crate::pages::records::{format_time, ErrorNotice};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn OperatorPolicyPage() -> impl IntoView {
    let publish = ServerAction::<PublishPolicy>::new();
    let versions = Resource::new(move || publish.version().get(), |_| operator_policy_versions());
    let error = Signal::derive(move || publish.value().get().and_then(Result::err));
    let field_error = move |name: &'static str| move || error.get().and_then(|e| e.field_message(name)).map(|m| view! { <p class="field-error">{m}</p> });
    view! {
        <Title text="Privacy Policy versions"/>
        <PublicPage>
            <crate::components::layout::OperatorNav/>
            <h1>"Privacy Policy versions"</h1>
            <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match versions.await {
                        Ok(list) if list.is_empty() => view! {
                            <p class="muted">"Only the first version, which ships with NexaCRM, has been published."</p>
                        }.into_any(),
                        Ok(list) => view! {
                            <div class="table-scroll">
                                <table class="records">
                                    <thead><tr><th scope="col">"Takes effect"</th><th scope="col">"What changes"</th><th scope="col">"Published"</th></tr></thead>
                                    <tbody>
                                        {list.into_iter().map(|v| view! {
                                            <tr>
                                                <td>
                                                    <a href=format!("/privacy/versions/{}", v.version)>{long_date(&v.version)}</a>
                                                    {v.current.then(|| view! { " " <span class="badge">"In force"</span> })}
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
                <h2 id="publish-policy">"Publish a new version"</h2>
                <p class="muted">
                    "It takes effect on the date you give, at least " {NOTICE_DAYS} " days from today. Every account "
                    "is mailed the summary at once, and every page shows a notice until that date; then the "
                    "cookie banner asks everyone again and shows what changed."
                </p>
                <ActionForm action=publish attr:class="stack" attr:aria-label="Publish a new version">
                    <TextField name="effective" label="Takes effect on (YYYY-MM-DD)" required=true error/>
                    <div class="field">
                        <label for="policy-summary">"What changes (one change per line)"</label>
                        <textarea id="policy-summary" name="summary" rows="4" required></textarea>
                        {field_error("summary")}
                    </div>
                    <div class="field">
                        <label for="policy-body">"Full text (first line is the title; blank lines part paragraphs)"</label>
                        <textarea id="policy-body" name="body" rows="16" required></textarea>
                        {field_error("body")}
                    </div>
                    <FormAlert error/>
                    {move || publish.value().get().and_then(Result::ok).map(|version| view! {
                        <p class="notice" role="status">"Published: it takes effect on " {long_date(&version)} ". Everyone has been mailed."</p>
                    })}
                    <button class="button primary" type="submit" disabled=move || publish.pending().get()>"Publish and notify everyone"</button>
                </ActionForm>
            </section>
        </PublicPage>
    }
}
