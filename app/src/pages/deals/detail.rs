//! One deal: fields edited in place, stage and probability, the timeline and notes.

use super::form::DealFieldsInputs;
use crate::api::deals::{get_deal, DealDetail, UpdateDeal};
use crate::api::trash::RestoreRecord;
use crate::components::field::FormAlert;
use crate::domain::records::RecordKind;
use crate::pages::records::{choices_resource, format_time, use_record_id, use_slug, ErrorNotice, MoveToTrash, RestoreNotice, TagEditor, TimelinePanel};
use crate::api::tags::SetRecordTag;
use leptos::context::Provider;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn DealPage() -> impl IntoView {
    let slug = use_slug();
    let id = use_record_id();
    let update = ServerAction::<UpdateDeal>::new();
    let restore = ServerAction::<RestoreRecord>::new();
    let notes_added = RwSignal::new(0u32);
    let tagging = ServerAction::<SetRecordTag>::new();
    let deal = Resource::new(
        move || (slug(), id(), update.version().get(), restore.version().get(), notes_added.get(), tagging.version().get()),
        |(slug, id, ..)| get_deal(slug, id),
    );
    let choices = choices_resource(slug, "stages,companies,tags");
    view! {
        <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                let choices = choices.await.unwrap_or_default();
                match deal.await {
                    Ok(detail) => view! { <Provider value=choices><DealView detail slug=slug() update restore notes_added tagging/></Provider> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn DealView(detail: DealDetail, slug: String, update: ServerAction<UpdateDeal>, restore: ServerAction<RestoreRecord>, notes_added: RwSignal<u32>, tagging: ServerAction<SetRecordTag>) -> impl IntoView {
    let error = Signal::derive(move || update.value().get().and_then(Result::err));
    let saved = move || matches!(update.value().get(), Some(Ok(())));
    let base = format!("/w/{slug}");
    let name = detail.fields.name.clone();
    let delete_form = (!detail.in_trash)
        .then(|| view! { <MoveToTrash slug=slug.clone() kind=RecordKind::Deal id=detail.id.clone()/> });
    let restore_notice = detail
        .in_trash
        .then(|| view! { <RestoreNotice slug=slug.clone() kind=RecordKind::Deal id=detail.id.clone() restore/> });
    let edit_form = {
        let (slug, id, in_trash, values) = (slug.clone(), detail.id.clone(), detail.in_trash, detail.fields.clone());
        view! {
            <ActionForm action=update attr:class="stack record-form" attr:aria-label="Deal details">
                <input type="hidden" name="slug" value=slug.clone()/>
                <input type="hidden" name="id" value=id/>
                <DealFieldsInputs values error/>
                <button class="button primary" type="submit" disabled=in_trash>"Save changes"</button>
            </ActionForm>
        }
    };
    view! {
        <Title text=name.clone()/>
        <p><a href=format!("{base}/deals")>"← Pipeline"</a></p>
        <header class="page-header">
            <h1>{name}</h1>
            {delete_form}
        </header>
        <p class="muted">
            <span class="badge">{detail.stage_name.clone()} " · " {detail.probability} " %"</span> " "
            {detail.company_name.clone().map(|company| view! {
                <a href=format!("{base}/companies/{}", detail.fields.company_id)>{company}</a>" · "
            })}
            "Owner: " {detail.owner_name.clone().unwrap_or_else(|| "Former member".into())}
            " · Created " {format_time(detail.created_at)}
        </p>
        {restore_notice}
        <div class="record-layout">
            <section class="panel" aria-labelledby="details-heading">
                <h2 id="details-heading">"Details"</h2>
                <FormAlert error/>
                {move || saved().then(|| view! { <p class="notice" role="status">"Saved."</p> })}
                {edit_form}
            </section>
            <div class="record-side">
                <TagEditor slug=slug.clone() kind=RecordKind::Deal id=detail.id.clone() tags=detail.tags.clone() set=tagging in_trash=detail.in_trash/>
                <TimelinePanel slug=slug.clone() kind=RecordKind::Deal id=detail.id.clone() in_trash=detail.in_trash items=detail.timeline.clone() notes_added/>
            </div>
        </div>
    }
}
