//! One deal: fields edited in place, stage and probability, the timeline and notes.

use super::form::DealFieldsInputs;
use crate::api::deals::{SetDealContact, get_deal, DealDetail, UpdateDeal};
use crate::api::trash::RestoreRecord;
use crate::components::field::FormAlert;
use crate::domain::records::RecordKind;
use crate::i18n_setup::{t, t_string, use_i18n};
use crate::pages::records::{choices_resource, format_time, use_record_id, use_slug, ErrorNotice, MoveToTrash, RestoreNotice, TagEditor, TimelinePanel};
use crate::api::tags::SetRecordTag;
use leptos::context::Provider;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn DealPage() -> impl IntoView {
    let i18n = use_i18n();
    let slug = use_slug();
    let id = use_record_id();
    let update = ServerAction::<UpdateDeal>::new();
    let restore = ServerAction::<RestoreRecord>::new();
    let notes_added = RwSignal::new(0u32);
    let tagging = ServerAction::<SetRecordTag>::new();
    let involve = ServerAction::<SetDealContact>::new();
    let deal = Resource::new(
        move || (slug(), id(), update.version().get(), restore.version().get(), notes_added.get(), tagging.version().get(), involve.version().get()),
        |(slug, id, ..)| get_deal(slug, id),
    );
    let choices = choices_resource(slug, "stages,companies,contacts,tags");
    view! {
        <Suspense fallback=move || view! { <p class="muted">{t!(i18n, work.common.loading)}</p> }>
            {move || Suspend::new(async move {
                let choices = choices.await.unwrap_or_default();
                match deal.await {
                    Ok(detail) => view! { <Provider value=choices><DealView detail slug=slug() update restore notes_added tagging involve/></Provider> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn DealView(detail: DealDetail, slug: String, update: ServerAction<UpdateDeal>, restore: ServerAction<RestoreRecord>, notes_added: RwSignal<u32>, tagging: ServerAction<SetRecordTag>, involve: ServerAction<SetDealContact>) -> impl IntoView {
    let i18n = use_i18n();
    // Viewers, and members on records they neither own nor are assigned to, read only.
    let can_edit = detail.can_edit;
    let error = Signal::derive(move || update.value().get().and_then(Result::err));
    let saved = move || matches!(update.value().get(), Some(Ok(())));
    let base = format!("/w/{slug}");
    let name = detail.fields.name.clone();
    let delete_form = (!detail.in_trash && can_edit)
        .then(|| view! { <MoveToTrash slug=slug.clone() kind=RecordKind::Deal id=detail.id.clone()/> });
    let restore_notice = (detail.in_trash && can_edit)
        .then(|| view! { <RestoreNotice slug=slug.clone() kind=RecordKind::Deal id=detail.id.clone() restore/> });
    let edit_form = {
        let (slug, id, in_trash, values) = (slug.clone(), detail.id.clone(), detail.in_trash, detail.fields.clone());
        view! {
            <ActionForm action=update attr:class="stack record-form" attr:aria-label=t_string!(i18n, work.deals.detail.form_label)>
                <input type="hidden" name="slug" value=slug.clone()/>
                <input type="hidden" name="id" value=id/>
                <fieldset class="plain" disabled=!can_edit><DealFieldsInputs values error/></fieldset>
                {can_edit.then(|| view! { <button class="button primary" type="submit" disabled=in_trash>{t!(i18n, work.common.save_changes)}</button> })}
            </ActionForm>
        }
    };
    view! {
        <Title text=name.clone()/>
        <p><a href=format!("{base}/deals")>{t!(i18n, work.deals.back_to_pipeline)}</a></p>
        <header class="page-header">
            <h1>{name}</h1>
            {delete_form}
        </header>
        <p class="muted">
            <span class="badge">{detail.stage_name.clone()} " · " {detail.probability} " %"</span> " "
            {detail.company_name.clone().map(|company| view! {
                <a href=format!("{base}/companies/{}", detail.fields.company_id)>{company}</a>" · "
            })}
            {t_string!(
                i18n,
                work.deals.detail.owner_created,
                owner = detail.owner_name.clone().unwrap_or_else(|| t_string!(i18n, work.common.former_member).into()),
                created = format_time(detail.created_at)
            )}
        </p>
        {restore_notice}
        <div class="record-layout">
            <section class="panel" aria-labelledby="details-heading">
                <h2 id="details-heading">{t!(i18n, work.common.details)}</h2>
                <FormAlert error/>
                {move || saved().then(|| view! { <p class="notice" role="status">{t!(i18n, work.common.saved)}</p> })}
                {edit_form}
            </section>
            <div class="record-side">
                <DealContacts slug=slug.clone() id=detail.id.clone() contacts=detail.contacts.clone() set=involve in_trash=detail.in_trash/>
                <TagEditor slug=slug.clone() kind=RecordKind::Deal id=detail.id.clone() tags=detail.tags.clone() set=tagging in_trash=detail.in_trash || !can_edit/>
                <TimelinePanel slug=slug.clone() kind=RecordKind::Deal id=detail.id.clone() in_trash=detail.in_trash items=detail.timeline.clone() notes_added/>
            </div>
        </div>
    }
}

/// The contacts involved in the deal: each removable, and a picker to add one (from the page's
/// `Choices`).
#[component]
fn DealContacts(slug: String, id: String, contacts: Vec<(String, String)>, set: ServerAction<SetDealContact>, in_trash: bool) -> impl IntoView {
    let i18n = use_i18n();
    let error = Signal::derive(move || set.value().get().and_then(Result::err));
    let addable: Vec<(String, String)> = crate::pages::records::use_choices().contacts.into_iter().filter(|(c, _)| !contacts.iter().any(|(i, _)| i == c)).collect();
    let rows = if contacts.is_empty() {
        view! { <p class="muted">{t!(i18n, work.deals.detail.no_contacts)}</p> }.into_any()
    } else {
        let items = contacts.into_iter().map(|(contact_id, name)| {
            let remove = (!in_trash).then(|| {
                let (slug, id, contact_id, label) = (slug.clone(), id.clone(), contact_id.clone(), t_string!(i18n, work.deals.detail.remove_contact_label, name = name.clone()));
                view! {
                    <ActionForm action=set attr:class="inline-form">
                        <input type="hidden" name="slug" value=slug/>
                        <input type="hidden" name="id" value=id/>
                        <input type="hidden" name="contact_id" value=contact_id/>
                        <input type="hidden" name="on" value="false"/>
                        <button class="link" type="submit" aria-label=label>{t!(i18n, work.deals.detail.remove)}</button>
                    </ActionForm>
                }
            });
            view! { <li><a href=format!("/w/{slug}/contacts/{contact_id}")>{name.clone()}</a>" " {remove}</li> }
        }).collect_view();
        view! { <ul class="related">{items}</ul> }.into_any()
    };
    let add = (!in_trash && !addable.is_empty()).then(|| view! {
        <ActionForm action=set attr:class="tag-add" attr:aria-label=t_string!(i18n, work.deals.detail.add_contact_label)>
            <input type="hidden" name="slug" value=slug.clone()/>
            <input type="hidden" name="id" value=id.clone()/>
            <input type="hidden" name="on" value="true"/>
            <label class="visually-hidden" for="deal-contact">{t!(i18n, work.deals.detail.contact_to_add)}</label>
            <select id="deal-contact" name="contact_id">
                {addable.into_iter().map(|(contact_id, name)| view! { <option value=contact_id>{name}</option> }).collect_view()}
            </select>
            <button class="button secondary small" type="submit">{t!(i18n, work.deals.detail.add_contact)}</button>
        </ActionForm>
    });
    view! {
        <section class="panel" aria-labelledby="deal-contacts-heading">
            <h2 id="deal-contacts-heading">{t!(i18n, work.deals.detail.contacts)}</h2>
            <FormAlert error/>
            {rows}
            {add}
        </section>
    }
}
