//! One ticket: its fields (edited in place) and its timeline.

use super::form::TicketFieldsInputs;
use crate::api::tickets::{get_ticket, TicketDetail, UpdateTicket};
use crate::api::trash::RestoreRecord;
use crate::components::field::FormAlert;
use crate::domain::records::RecordKind;
use crate::i18n_setup::{t, t_string, use_i18n};
use crate::pages::records::{choices_resource, format_time, use_record_id, use_slug, ErrorNotice, RecordHeader, TimelinePanel};
use leptos::context::Provider;
use leptos::prelude::*;

#[component]
pub fn TicketPage() -> impl IntoView {
    let i18n = use_i18n();
    let slug = use_slug();
    let id = use_record_id();
    let update = ServerAction::<UpdateTicket>::new();
    let restore = ServerAction::<RestoreRecord>::new();
    let notes_added = RwSignal::new(0u32);
    let ticket = Resource::new(
        move || (slug(), id(), update.version().get(), restore.version().get(), notes_added.get()),
        |(slug, id, ..)| get_ticket(slug, id),
    );
    let choices = choices_resource(slug, "contacts,companies,members");
    view! {
        <Suspense fallback=move || view! { <p class="muted">{t!(i18n, work.common.loading)}</p> }>
            {move || Suspend::new(async move {
                let choices = choices.await.unwrap_or_default();
                match ticket.await {
                    Ok(detail) => view! { <Provider value=choices><TicketView detail slug=slug() update restore notes_added/></Provider> }.into_any(),
                    Err(error) => view! { <ErrorNotice error/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn TicketView(detail: TicketDetail, slug: String, update: ServerAction<UpdateTicket>, restore: ServerAction<RestoreRecord>, notes_added: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    // Viewers, and members on records they neither own nor are assigned to, read only.
    let can_edit = detail.can_edit;
    let error = Signal::derive(move || update.value().get().and_then(Result::err));
    let saved = move || matches!(update.value().get(), Some(Ok(())));
    let about = [
        detail.contact_name.clone().map(|name| (RecordKind::Contact, detail.fields.contact_id.clone(), name)),
        detail.company_name.clone().map(|name| (RecordKind::Company, detail.fields.company_id.clone(), name)),
    ];
    let meta = view! {
        {t_string!(i18n, work.tickets.detail.opened_updated, opened = format_time(detail.created_at), updated = format_time(detail.updated_at))}
        {about.into_iter().flatten().map(|(kind, id, name)| view! {
            " · " {crate::pages::records::kind_label(crate::i18n_setup::current_locale(), kind)} ": " <a href=format!("/w/{slug}/{}/{id}", kind.path())>{name}</a>
        }).collect_view()}
    };
    let edit_form = {
        let (slug, id, fields, in_trash) = (slug.clone(), detail.id.clone(), detail.fields.clone(), detail.in_trash);
        view! {
            <ActionForm action=update attr:class="stack record-form" attr:aria-label=t_string!(i18n, work.tickets.detail.form_label)>
                <input type="hidden" name="slug" value=slug.clone()/>
                <input type="hidden" name="id" value=id/>
                <fieldset class="plain" disabled=!can_edit><TicketFieldsInputs values=fields error/></fieldset>
                {can_edit.then(|| view! { <button class="button primary" type="submit" disabled=in_trash>{t!(i18n, work.common.save_changes)}</button> })}
            </ActionForm>
        }
    };
    view! {
        <RecordHeader slug=slug.clone() kind=RecordKind::Ticket id=detail.id.clone() title=detail.fields.subject.clone()
            back=(format!("/w/{slug}/tickets"), t_string!(i18n, work.tickets.title)) in_trash=detail.in_trash can_edit restore>
            {meta}
        </RecordHeader>
        <div class="record-layout">
            <section class="panel" aria-labelledby="details-heading">
                <h2 id="details-heading">{t!(i18n, work.common.details)}</h2>
                <FormAlert error/>
                {move || saved().then_some(view! { <p class="notice" role="status">{t!(i18n, work.common.saved)}</p> })}
                {edit_form}
            </section>
            <div class="record-side">
                <TimelinePanel slug=slug.clone() kind=RecordKind::Ticket id=detail.id.clone() in_trash=detail.in_trash items=detail.timeline.clone() notes_added/>
            </div>
        </div>
    }
}
