//! One contact: fields edited in place, the company, the timeline and notes.

use super::form::ContactFieldsInputs;
use crate::api::contacts::{get_contact, ContactDetail, UpdateContact};
use crate::api::trash::RestoreRecord;
use crate::components::field::FormAlert;
use crate::domain::contacts::initials;
use crate::domain::records::RecordKind;
use crate::pages::records::{choices_resource, format_time, use_record_id, use_slug, ErrorNotice, MoveToTrash, RestoreNotice, TagEditor, TimelinePanel};
use crate::api::person_privacy::SetPrivacyFlag;
use crate::pages::records::{erasure_resource, ErasureState, PersonPrivacyPanel, PrivacyBadges, RestrictedNotice};
use crate::api::tags::SetRecordTag;
use leptos::context::Provider;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn ContactPage() -> impl IntoView {
    let slug = use_slug();
    let id = use_record_id();
    let update = ServerAction::<UpdateContact>::new();
    let restore = ServerAction::<RestoreRecord>::new();
    let notes_added = RwSignal::new(0u32);
    let tagging = ServerAction::<SetRecordTag>::new();
    let flagging = ServerAction::<SetPrivacyFlag>::new();
    let contact = Resource::new(
        move || (slug(), id(), update.version().get(), restore.version().get(), notes_added.get(), (tagging.version().get(), flagging.version().get())),
        |(slug, id, ..)| get_contact(slug, id),
    );
    let choices = choices_resource(slug, "companies,tags");
    let erasure = erasure_resource(slug, RecordKind::Contact, id);
    view! {
        <Suspense fallback=|| view! { <p class="muted">"Loading…"</p> }>
            {move || Suspend::new(async move {
                let choices = choices.await.unwrap_or_default();
                let erasure = erasure.await;
                match contact.await {
                    Ok(detail) => view! { <Provider value=choices><ContactView detail slug=slug() update restore notes_added tagging flagging erasure/></Provider> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn ContactView(
    detail: ContactDetail,
    slug: String,
    update: ServerAction<UpdateContact>,
    restore: ServerAction<RestoreRecord>,
    notes_added: RwSignal<u32>,
    tagging: ServerAction<SetRecordTag>,
    flagging: ServerAction<SetPrivacyFlag>,
    erasure: ErasureState,
) -> impl IntoView {
    // Viewers, and members on records they neither own nor are assigned to, read only; so is a
    // record marked "do not process" (it can still go to the trash).
    let may_trash = detail.can_edit;
    let can_edit = detail.can_edit && !detail.flags.do_not_process;
    let flags = detail.flags;
    let privacy = view! {
        <PersonPrivacyPanel slug=slug.clone() kind=RecordKind::Contact id=detail.id.clone() name=detail.fields.full_name()
            flags can_edit=may_trash in_trash=detail.in_trash flag_action=flagging erasure/>
    };
    let error = Signal::derive(move || update.value().get().and_then(Result::err));
    let saved = move || matches!(update.value().get(), Some(Ok(())));
    let base = format!("/w/{slug}");
    let name = detail.fields.full_name();
    let delete_form = (!detail.in_trash && may_trash)
        .then(|| view! { <MoveToTrash slug=slug.clone() kind=RecordKind::Contact id=detail.id.clone()/> });
    let restore_notice = (detail.in_trash && may_trash)
        .then(|| view! { <RestoreNotice slug=slug.clone() kind=RecordKind::Contact id=detail.id.clone() restore/> });
    let edit_form = {
        let (slug, id, in_trash) = (slug.clone(), detail.id.clone(), detail.in_trash);
        let detail = detail.clone();
        view! {
            <ActionForm action=update attr:class="stack record-form" attr:aria-label="Contact details">
                <input type="hidden" name="slug" value=slug.clone()/>
                <input type="hidden" name="id" value=id/>
                <fieldset class="plain" disabled=!can_edit><ContactFieldsInputs values=detail.fields.clone() error/></fieldset>
                {can_edit.then(|| view! { <button class="button primary" type="submit" disabled=in_trash>"Save changes"</button> })}
            </ActionForm>
        }
    };
    view! {
        <Title text=name.clone()/>
        <p><a href=format!("{base}/contacts")>"← Contacts"</a></p>
        <header class="page-header">
            <h1>
                <span class="avatar large" aria-hidden="true">{initials(&detail.fields.first_name, &detail.fields.last_name)}</span>
                {name}
            </h1>
            <span class="header-actions">
                {(!detail.in_trash && !flags.do_not_contact && !flags.do_not_process).then(|| view! { <a class="button secondary" href=format!("{base}/emails/new?contact={}", detail.id)>"Write email"</a> })}
                {delete_form}
            </span>
        </header>
        <p class="muted">
            {detail.company_name.clone().map(|company| view! {
                <a href=format!("{base}/companies/{}", detail.fields.company_id)>{company}</a>" · "
            })}
            "Owner: " {detail.owner_name.clone().unwrap_or_else(|| "Former member".into())}
            " · Created " {format_time(detail.created_at)} " · Updated " {format_time(detail.updated_at)}
            {(flags.do_not_contact || flags.do_not_process).then_some(" ·")}
            <PrivacyBadges flags/>
        </p>
        {restore_notice}
        <div class="record-layout">
            <section class="panel" aria-labelledby="details-heading">
                <h2 id="details-heading">"Details"</h2>
                <FormAlert error/>
                <RestrictedNotice flags/>
                {move || saved().then_some(view! { <p class="notice" role="status">"Saved."</p> })}
                {edit_form}
            </section>
            <div class="record-side">
                {privacy}
                <section class="panel" aria-labelledby="deals-heading">
                    <header class="panel-header">
                        <h2 id="deals-heading">"Deals"</h2>
                        <a href=format!("{base}/deals/new?company={}", detail.fields.company_id)>"Add deal"</a>
                    </header>
                    {if detail.deals.is_empty() {
                        view! { <p class="muted">"No deals involve this contact yet."</p> }.into_any()
                    } else {
                        view! {
                            <ul class="related">
                                {detail.deals.iter().map(|d| view! {
                                    <li><a href=format!("{base}/deals/{}", d.id)>{d.name.clone()}</a><span class="muted">" " {d.amount.clone()}</span></li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </section>
                <section class="panel" aria-labelledby="tickets-heading">
                    <header class="panel-header">
                        <h2 id="tickets-heading">"Tickets"</h2>
                        <a href=format!("{base}/tickets/new?contact={}&company={}", detail.id, detail.fields.company_id)>"Open ticket"</a>
                    </header>
                    {if detail.tickets.is_empty() {
                        view! { <p class="muted">"No tickets from this contact."</p> }.into_any()
                    } else {
                        view! {
                            <ul class="related">
                                {detail.tickets.iter().map(|t| view! {
                                    <li>
                                        <a href=format!("{base}/tickets/{}", t.id)>{t.subject.clone()}</a>
                                        " " <span class="badge">{crate::domain::records::option_label(&crate::domain::tickets::STATUSES, &t.status)}</span>
                                    </li>
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </section>
                <TagEditor slug=slug.clone() kind=RecordKind::Contact id=detail.id.clone() tags=detail.tags.clone() set=tagging in_trash=detail.in_trash || !can_edit/>
                <TimelinePanel slug=slug.clone() kind=RecordKind::Contact id=detail.id.clone() in_trash=detail.in_trash items=detail.timeline.clone() notes_added/>
            </div>
        </div>
    }
}
