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
use crate::i18n_setup::{t, t_string, use_i18n, Locale};
use leptos::context::Provider;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_meta::Title;

#[component]
pub fn ContactPage() -> impl IntoView {
    let i18n = use_i18n();
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
        <Suspense fallback=move || view! { <p class="muted">{t!(i18n, records.loading)}</p> }>
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
    let i18n = use_i18n();
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
            <ActionForm action=update attr:class="stack record-form" attr:aria-label=t_string!(i18n, records.contacts.details_label)>
                <input type="hidden" name="slug" value=slug.clone()/>
                <input type="hidden" name="id" value=id/>
                <fieldset class="plain" disabled=!can_edit><ContactFieldsInputs values=detail.fields.clone() error/></fieldset>
                {can_edit.then(|| view! { <button class="button primary" type="submit" disabled=in_trash>{t!(i18n, records.save_changes)}</button> })}
            </ActionForm>
        }
    };
    view! {
        <Title text=name.clone()/>
        <p><a href=format!("{base}/contacts")>{t!(i18n, records.contacts.back)}</a></p>
        <header class="page-header">
            <h1>
                <span class="avatar large" aria-hidden="true">{initials(&detail.fields.first_name, &detail.fields.last_name)}</span>
                {name}
            </h1>
            <span class="header-actions">
                {(!detail.in_trash && !flags.do_not_contact && !flags.do_not_process).then(|| view! { <a class="button secondary" href=format!("{base}/emails/new?contact={}", detail.id)>{t!(i18n, records.contacts.write_email)}</a> })}
                {delete_form}
            </span>
        </header>
        <p class="muted">
            {detail.company_name.clone().map(|company| view! {
                <a href=format!("{base}/companies/{}", detail.fields.company_id)>{company}</a>" · "
            })}
            {t_string!(
                i18n,
                records.meta,
                owner = detail.owner_name.clone().unwrap_or_else(|| t_string!(i18n, records.former_member).into()),
                created = format_time(detail.created_at),
                updated = format_time(detail.updated_at)
            )}
            {(flags.do_not_contact || flags.do_not_process).then_some(" ·")}
            <PrivacyBadges flags/>
        </p>
        {restore_notice}
        <div class="record-layout">
            <section class="panel" aria-labelledby="details-heading">
                <h2 id="details-heading">{t!(i18n, records.details_heading)}</h2>
                <FormAlert error/>
                <RestrictedNotice flags/>
                {move || saved().then_some(view! { <p class="notice" role="status">{t!(i18n, records.saved)}</p> })}
                {edit_form}
            </section>
            <div class="record-side">
                {privacy}
                <section class="panel" aria-labelledby="deals-heading">
                    <header class="panel-header">
                        <h2 id="deals-heading">{t!(i18n, records.deals_heading)}</h2>
                        <a href=format!("{base}/deals/new?company={}", detail.fields.company_id)>{t!(i18n, records.add_deal)}</a>
                    </header>
                    {if detail.deals.is_empty() {
                        view! { <p class="muted">{t!(i18n, records.contacts.no_deals)}</p> }.into_any()
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
                        <h2 id="tickets-heading">{t!(i18n, records.contacts.tickets_heading)}</h2>
                        <a href=format!("{base}/tickets/new?contact={}&company={}", detail.id, detail.fields.company_id)>{t!(i18n, records.contacts.open_ticket)}</a>
                    </header>
                    {if detail.tickets.is_empty() {
                        view! { <p class="muted">{t!(i18n, records.contacts.no_tickets)}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="related">
                                {detail.tickets.iter().map(|t| view! {
                                    <li>
                                        <a href=format!("{base}/tickets/{}", t.id)>{t.subject.clone()}</a>
                                        " " <span class="badge">{ticket_status_label(i18n, &t.status)}</span>
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

/// A ticket status as shown on screen.
fn ticket_status_label(i18n: I18nContext<Locale>, status: &str) -> &'static str {
    match status {
        "open" => t_string!(i18n, records.contacts.ticket_open),
        "pending" => t_string!(i18n, records.contacts.ticket_pending),
        "resolved" => t_string!(i18n, records.contacts.ticket_resolved),
        "closed" => t_string!(i18n, records.contacts.ticket_closed),
        _ => t_string!(i18n, records.unknown),
    }
}
