//! One activity: its fields and links (edited in place), done / reopen, and its timeline.

use super::form::ActivityFieldsInputs;
use super::kind_label;
use crate::api::activities::{get_activity, ActivityDetail, SetActivityDone, UpdateActivity};
use crate::api::trash::RestoreRecord;
use crate::components::field::FormAlert;
use crate::domain::records::RecordKind;
use crate::i18n_setup::{t, t_string, use_i18n};
use crate::pages::records::{choices_resource, format_time, use_record_id, use_slug, ErrorNotice, RecordHeader, TimelinePanel};
use leptos::context::Provider;
use leptos::prelude::*;

#[component]
pub fn ActivityPage() -> impl IntoView {
    let i18n = use_i18n();
    let slug = use_slug();
    let id = use_record_id();
    let update = ServerAction::<UpdateActivity>::new();
    let done = ServerAction::<SetActivityDone>::new();
    let restore = ServerAction::<RestoreRecord>::new();
    let notes_added = RwSignal::new(0u32);
    let activity = Resource::new(
        move || (slug(), id(), update.version().get(), done.version().get(), restore.version().get(), notes_added.get()),
        |(slug, id, ..)| get_activity(slug, id),
    );
    let choices = choices_resource(slug, "contacts,companies,deals,tickets,members");
    view! {
        <Suspense fallback=move || view! { <p class="muted">{t!(i18n, work.common.loading)}</p> }>
            {move || Suspend::new(async move {
                let choices = choices.await.unwrap_or_default();
                match activity.await {
                    Ok(detail) => view! { <Provider value=choices><ActivityView detail slug=slug() update done restore notes_added/></Provider> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ActivityView(
    detail: ActivityDetail,
    slug: String,
    update: ServerAction<UpdateActivity>,
    done: ServerAction<SetActivityDone>,
    restore: ServerAction<RestoreRecord>,
    notes_added: RwSignal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    // Viewers, and members on records they neither own nor are assigned to, read only.
    let can_edit = detail.can_edit;
    let error = Signal::derive(move || update.value().get().and_then(Result::err));
    let saved = move || matches!(update.value().get(), Some(Ok(())));
    let is_done = detail.done_at.is_some();
    let meta = view! {
        <span class="badge">{kind_label(i18n, &detail.fields.kind)}</span>
        {t_string!(i18n, work.activities.detail.for_assignee, name = detail.assignee_name.clone().unwrap_or_else(|| t_string!(i18n, work.activities.detail.former_assignee).into()))}
        {detail.due_at.map(|at| t_string!(i18n, work.activities.detail.due, time = format_time(at)))}
        {detail.done_at.map(|at| t_string!(i18n, work.activities.detail.done, time = format_time(at)))}
        {detail.links.iter().map(|link| view! {
            " · " {crate::pages::records::kind_label(crate::i18n_setup::current_locale(), link.kind)} ": " <a href=format!("/w/{slug}/{}/{}", link.kind.path(), link.id)>{link.name.clone()}</a>
        }).collect_view()}
    };
    let edit_form = {
        let (slug, id, fields, in_trash) = (slug.clone(), detail.id.clone(), detail.fields.clone(), detail.in_trash);
        view! {
            <ActionForm action=update attr:class="stack record-form" attr:aria-label=t_string!(i18n, work.activities.detail.form_label)>
                <input type="hidden" name="slug" value=slug.clone()/>
                <input type="hidden" name="id" value=id/>
                <fieldset class="plain" disabled=!can_edit><ActivityFieldsInputs values=fields error/></fieldset>
                {can_edit.then(|| view! { <button class="button primary" type="submit" disabled=in_trash>{t!(i18n, work.common.save_changes)}</button> })}
            </ActionForm>
        }
    };
    view! {
        <RecordHeader slug=slug.clone() kind=RecordKind::Activity id=detail.id.clone() title=detail.fields.subject.clone()
            back=(format!("/w/{slug}/work"), t_string!(i18n, work.activities.my_work)) in_trash=detail.in_trash can_edit restore>
            {meta}
        </RecordHeader>
        {(!detail.in_trash).then(|| {
            let (slug, id) = (slug.clone(), detail.id.clone());
            view! {
            <ActionForm action=done attr:class="inline-form">
                <input type="hidden" name="slug" value=slug/>
                <input type="hidden" name="id" value=id/>
                <input type="hidden" name="done" value=(!is_done).to_string()/>
                <button class="button primary" type="submit">{if is_done { t_string!(i18n, work.activities.reopen) } else { t_string!(i18n, work.activities.mark_done) }}</button>
            </ActionForm>
            }
        })}
        <div class="record-layout">
            <section class="panel" aria-labelledby="details-heading">
                <h2 id="details-heading">{t!(i18n, work.common.details)}</h2>
                <FormAlert error/>
                {move || saved().then_some(view! { <p class="notice" role="status">{t!(i18n, work.common.saved)}</p> })}
                {edit_form}
            </section>
            <div class="record-side">
                <TimelinePanel slug=slug.clone() kind=RecordKind::Activity id=detail.id.clone() in_trash=detail.in_trash items=detail.timeline.clone() notes_added/>
            </div>
        </div>
    }
}
