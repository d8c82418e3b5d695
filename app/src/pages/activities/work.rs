//! "My work": the signed-in member's open activities (overdue, today, upcoming, undated) with a
//! one-click "Done", and what they finished lately.

use crate::api::activities::{load_my_work, ActivitySummary, SetActivityDone};
use crate::components::field::FormAlert;
use crate::domain::activities::kind_label;
use crate::pages::records::{format_time, use_slug, ErrorNotice};
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn MyWorkPage() -> impl IntoView {
    let slug = use_slug();
    let done = ServerAction::<SetActivityDone>::new();
    let error = Signal::derive(move || done.value().get().and_then(Result::err));
    let work = Resource::new(move || (slug(), done.version().get()), |(slug, _)| load_my_work(slug));
    view! {
        <Title text="My work"/>
        <header class="page-header">
            <h1>"My work"</h1>
            {crate::pages::records::can_write().then(|| view! { <a class="button primary" href=move || format!("/w/{}/activities/new", slug())>"Plan an activity"</a> })}
        </header>
        <FormAlert error/>
        <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                let work = match work.await {
                    Ok(work) => work,
                    Err(error) => return view! { <ErrorNotice error/> }.into_any(),
                };
                let nothing_open = work.overdue.is_empty() && work.today.is_empty() && work.upcoming.is_empty() && work.someday.is_empty();
                view! {
                    {nothing_open.then(|| view! {
                        <div class="empty-state panel">
                            <h2>"Nothing to do"</h2>
                            <p>"Calls, meetings, tasks and emails assigned to you show up here by when they are due. Plan one from here or from any contact, company, deal or ticket."</p>
                        </div>
                    })}
                    <WorkSection title="Overdue" class="overdue" items=work.overdue slug=slug() done/>
                    <WorkSection title="Today" class="today" items=work.today slug=slug() done/>
                    <WorkSection title="Upcoming" class="upcoming" items=work.upcoming slug=slug() done/>
                    <WorkSection title="No due date" class="someday" items=work.someday slug=slug() done/>
                    <WorkSection title="Done lately" class="done" items=work.done slug=slug() done/>
                }.into_any()
            })}
        </Suspense>
    }
}

#[component]
fn WorkSection(title: &'static str, class: &'static str, items: Vec<ActivitySummary>, slug: String, done: ServerAction<SetActivityDone>) -> impl IntoView {
    (!items.is_empty()).then(|| {
        let heading = format!("work-{class}");
        view! {
            <section class=format!("panel work-section {class}") aria-labelledby=format!("work-{class}")>
                <h2 id=heading>{title} " " <span class="badge">{items.len()}</span></h2>
                <ul class="work-list">
                    {items.into_iter().map(|a| {
                        let is_done = a.done_at.is_some();
                        let (slug_for_form, id, label) = (slug.clone(), a.id.clone(), format!("{} “{}”", if is_done { "Reopen" } else { "Mark done" }, a.subject));
                        view! {
                            <li class:done=is_done>
                                <ActionForm action=done attr:class="inline-form">
                                    <input type="hidden" name="slug" value=slug_for_form/>
                                    <input type="hidden" name="id" value=id/>
                                    <input type="hidden" name="done" value=(!is_done).to_string()/>
                                    <button class="button secondary small" type="submit" aria-label=label>
                                        {if is_done { "Reopen" } else { "Done" }}
                                    </button>
                                </ActionForm>
                                <span class="badge">{kind_label(&a.kind)}</span>
                                <a href=format!("/w/{slug}/activities/{}", a.id)>{a.subject.clone()}</a>
                                <span class="muted">
                                    {a.due_at.map(|at| format!(" due {}", format_time(at)))}
                                    {a.done_at.map(|at| format!(" done {}", format_time(at)))}
                                </span>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            </section>
        }
    })
}
