//! "My work": the signed-in member's open activities (overdue, today, upcoming, undated) with a
//! one-click "Done", and what they finished lately.

use super::kind_label;
use crate::api::activities::{load_my_work, ActivitySummary, SetActivityDone};
use crate::components::field::FormAlert;
use crate::i18n_setup::{t, t_string, use_i18n};
use crate::pages::records::{format_time, use_slug, ErrorNotice};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn MyWorkPage() -> impl IntoView {
    let i18n = use_i18n();
    let slug = use_slug();
    let done = ServerAction::<SetActivityDone>::new();
    let error = Signal::derive(move || done.value().get().and_then(Result::err));
    let work = Resource::new(move || (slug(), done.version().get()), |(slug, _)| load_my_work(slug));
    view! {
        <Title text=t_string!(i18n, work.activities.my_work)/>
        <header class="page-header">
            <h1>{t!(i18n, work.activities.my_work)}</h1>
            {crate::pages::records::can_write().then(|| view! { <a class="button primary" href=move || format!("/w/{}/activities/new", slug())>{t!(i18n, work.activities.plan)}</a> })}
        </header>
        <FormAlert error/>
        <Suspense fallback=move || view! { <p class="muted">{t!(i18n, work.common.loading)}</p> }>
            {move || Suspend::new(async move {
                let work = match work.await {
                    Ok(work) => work,
                    Err(error) => return view! { <ErrorNotice error/> }.into_any(),
                };
                let nothing_open = work.overdue.is_empty() && work.today.is_empty() && work.upcoming.is_empty() && work.someday.is_empty();
                view! {
                    {nothing_open.then(|| view! {
                        <div class="empty-state panel">
                            <h2>{t!(i18n, work.activities.work.nothing_title)}</h2>
                            <p>{t!(i18n, work.activities.work.nothing_body)}</p>
                        </div>
                    })}
                    <WorkSection title=t_string!(i18n, work.activities.work.overdue) class="overdue" items=work.overdue slug=slug() done/>
                    <WorkSection title=t_string!(i18n, work.activities.work.today) class="today" items=work.today slug=slug() done/>
                    <WorkSection title=t_string!(i18n, work.activities.work.upcoming) class="upcoming" items=work.upcoming slug=slug() done/>
                    <WorkSection title=t_string!(i18n, work.activities.work.someday) class="someday" items=work.someday slug=slug() done/>
                    <WorkSection title=t_string!(i18n, work.activities.work.done_lately) class="done" items=work.done slug=slug() done/>
                }.into_any()
            })}
        </Suspense>
    }
}

#[component]
fn WorkSection(title: &'static str, class: &'static str, items: Vec<ActivitySummary>, slug: String, done: ServerAction<SetActivityDone>) -> impl IntoView {
    let i18n = use_i18n();
    (!items.is_empty()).then(|| {
        let heading = format!("work-{class}");
        view! {
            <section class=format!("panel work-section {class}") aria-labelledby=format!("work-{class}")>
                <h2 id=heading>{title} " " <span class="badge">{items.len()}</span></h2>
                <ul class="work-list">
                    {items.into_iter().map(|a| {
                        let is_done = a.done_at.is_some();
                        let label = if is_done {
                            t_string!(i18n, work.activities.work.reopen_label, subject = a.subject.clone())
                        } else {
                            t_string!(i18n, work.activities.work.mark_done_label, subject = a.subject.clone())
                        };
                        let (slug_for_form, id) = (slug.clone(), a.id.clone());
                        view! {
                            <li class:done=is_done>
                                <ActionForm action=done attr:class="inline-form">
                                    <input type="hidden" name="slug" value=slug_for_form/>
                                    <input type="hidden" name="id" value=id/>
                                    <input type="hidden" name="done" value=(!is_done).to_string()/>
                                    <button class="button secondary small" type="submit" aria-label=label>
                                        {if is_done { t_string!(i18n, work.activities.reopen) } else { t_string!(i18n, work.activities.work.done_button) }}
                                    </button>
                                </ActionForm>
                                <span class="badge">{kind_label(i18n, &a.kind)}</span>
                                <a href=format!("/w/{slug}/activities/{}", a.id)>{a.subject.clone()}</a>
                                <span class="muted">
                                    {a.due_at.map(|at| t_string!(i18n, work.activities.work.due, time = format_time(at)))}
                                    {a.done_at.map(|at| t_string!(i18n, work.activities.work.done, time = format_time(at)))}
                                </span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}
