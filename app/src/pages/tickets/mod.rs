//! Ticket pages: the list by status, a new ticket, and one ticket with its timeline.

mod detail;
mod form;
mod list;

pub use detail::TicketPage;
pub use list::TicketsPage;

use crate::api::tickets::CreateTicket;
use crate::components::field::FormAlert;
use crate::domain::tickets::TicketFields;
use form::TicketFieldsInputs;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn NewTicketPage() -> impl IntoView {
    let slug = super::records::use_slug();
    let query = use_query_map();
    let action = ServerAction::<CreateTicket>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let values = TicketFields {
        status: "open".into(),
        priority: "normal".into(),
        contact_id: query.read_untracked().get("contact").unwrap_or_default(),
        company_id: query.read_untracked().get("company").unwrap_or_default(),
        ..Default::default()
    };
    let values = StoredValue::new(values);
    let choices = super::records::choices_resource(slug, "contacts,companies,members");
    view! {
        <Title text="New ticket"/>
        <p><a href=move || format!("/w/{}/tickets", slug())>"← Tickets"</a></p>
        <h1>"New ticket"</h1>
        <FormAlert error/>
        <super::records::WithChoices choices>
            <ActionForm action=action attr:class="stack record-form" attr:aria-label="New ticket">
                <input type="hidden" name="slug" value=slug/>
                <TicketFieldsInputs values=values.get_value() error/>
                <button class="button primary" type="submit" disabled=move || action.pending().get()>"Open ticket"</button>
            </ActionForm>
        </super::records::WithChoices>
    }
}
