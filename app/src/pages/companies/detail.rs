//! One company: its fields (edited in place), its contacts, its timeline and notes.

use super::form::CompanyFieldsInputs;
use crate::api::companies::{get_company, CompanyDetail, UpdateCompany};
use crate::api::trash::RestoreRecord;
use crate::components::field::FormAlert;
use crate::domain::records::RecordKind;
use crate::pages::records::{choices_resource, format_time, use_record_id, use_slug, ErrorNotice, MoveToTrash, RestoreNotice, TagEditor, TimelinePanel};
use crate::api::tags::SetRecordTag;
use crate::i18n_setup::{t, t_string, use_i18n};
use leptos::context::Provider;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn CompanyPage() -> impl IntoView {
    let i18n = use_i18n();
    let slug = use_slug();
    let id = use_record_id();
    let update = ServerAction::<UpdateCompany>::new();
    let restore = ServerAction::<RestoreRecord>::new();
    let notes_added = RwSignal::new(0u32);
    let tagging = ServerAction::<SetRecordTag>::new();
    let company = Resource::new(
        move || (slug(), id(), update.version().get(), restore.version().get(), notes_added.get(), tagging.version().get()),
        |(slug, id, ..)| get_company(slug, id),
    );
    let choices = choices_resource(slug, "tags");
    view! {
        <Suspense fallback=move || view! { <p class="muted">{t!(i18n, records.loading)}</p> }>
            {move || Suspend::new(async move {
                let choices = choices.await.unwrap_or_default();
                match company.await {
                    Ok(detail) => view! { <Provider value=choices><CompanyView detail slug=slug() update restore notes_added tagging/></Provider> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn CompanyView(
    detail: CompanyDetail,
    slug: String,
    update: ServerAction<UpdateCompany>,
    restore: ServerAction<RestoreRecord>,
    notes_added: RwSignal<u32>,
    tagging: ServerAction<SetRecordTag>,
) -> impl IntoView {
    let i18n = use_i18n();
    // Viewers, and members on records they neither own nor are assigned to, read only.
    let can_edit = detail.can_edit;
    let error = Signal::derive(move || update.value().get().and_then(Result::err));
    let saved = move || matches!(update.value().get(), Some(Ok(())));
    let base = format!("/w/{slug}");
    let name = detail.fields.name.clone();
    let delete_form = (!detail.in_trash && can_edit)
        .then(|| view! { <MoveToTrash slug=slug.clone() kind=RecordKind::Company id=detail.id.clone()/> });
    let restore_notice = (detail.in_trash && can_edit)
        .then(|| view! { <RestoreNotice slug=slug.clone() kind=RecordKind::Company id=detail.id.clone() restore/> });
    let edit_form = {
        let (slug, id, in_trash) = (slug.clone(), detail.id.clone(), detail.in_trash);
        let detail = detail.clone();
        view! {
            <ActionForm action=update attr:class="stack record-form" attr:aria-label=t_string!(i18n, records.companies.details_label)>
                <input type="hidden" name="slug" value=slug.clone()/>
                <input type="hidden" name="id" value=id/>
                <fieldset class="plain" disabled=!can_edit><CompanyFieldsInputs values=detail.fields.clone() error/></fieldset>
                {can_edit.then(|| view! { <button class="button primary" type="submit" disabled=in_trash>{t!(i18n, records.save_changes)}</button> })}
            </ActionForm>
        }
    };
    view! {
        <Title text=name.clone()/>
        <p><a href=format!("{base}/companies")>{t!(i18n, records.companies.back)}</a></p>
        <header class="page-header">
            <h1>{name}</h1>
            {delete_form}
        </header>
        <p class="muted">
            {t_string!(
                i18n,
                records.meta,
                owner = detail.owner_name.clone().unwrap_or_else(|| t_string!(i18n, records.former_member).into()),
                created = format_time(detail.created_at),
                updated = format_time(detail.updated_at)
            )}
        </p>
        {restore_notice}
        <div class="record-layout">
            <section class="panel" aria-labelledby="details-heading">
                <h2 id="details-heading">{t!(i18n, records.details_heading)}</h2>
                <FormAlert error/>
                {move || saved().then_some(view! { <p class="notice" role="status">{t!(i18n, records.saved)}</p> })}
                {edit_form}
            </section>
            <div class="record-side">
                <section class="panel" aria-labelledby="contacts-heading">
                    <header class="panel-header">
                        <h2 id="contacts-heading">{t!(i18n, records.companies.contacts_heading)}</h2>
                        <a href=format!("{base}/contacts/new?company={}", detail.id)>{t!(i18n, records.companies.add_contact)}</a>
                    </header>
                    {if detail.contacts.is_empty() {
                        view! { <p class="muted">{t!(i18n, records.companies.no_contacts)}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="related">
                                {detail.contacts.iter().map(|c| view! {
                                    <li>
                                        <span class="avatar" aria-hidden="true">{c.initials.clone()}</span>
                                        <a href=format!("{base}/contacts/{}", c.id)>{c.name.clone()}</a>
                                        <span class="muted">" " {c.job_title.clone()}</span>
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </section>
                <section class="panel" aria-labelledby="deals-heading">
                    <header class="panel-header">
                        <h2 id="deals-heading">{t!(i18n, records.deals_heading)}</h2>
                        <a href=format!("{base}/deals/new?company={}", detail.id)>{t!(i18n, records.add_deal)}</a>
                    </header>
                    {if detail.deals.is_empty() {
                        view! { <p class="muted">{t!(i18n, records.companies.no_deals)}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="related">
                                {detail.deals.iter().map(|d| view! {
                                    <li>
                                        <a href=format!("{base}/deals/{}", d.id)>{d.name.clone()}</a>
                                        <span class="muted">" " {d.amount.clone()}</span>
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </section>
                <TagEditor slug=slug.clone() kind=RecordKind::Company id=detail.id.clone() tags=detail.tags.clone() set=tagging in_trash=detail.in_trash || !can_edit/>
                <TimelinePanel slug=slug.clone() kind=RecordKind::Company id=detail.id.clone() in_trash=detail.in_trash items=detail.timeline.clone() notes_added/>
            </div>
        </div>
    }
}
