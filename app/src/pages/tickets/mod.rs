//! Ticket pages: the list by status, a new ticket, and one ticket with its timeline.

mod detail;
mod form;
mod list;

pub use detail::TicketPage;
pub use list::TicketsPage;

use crate::api::tickets::CreateTicket;
use crate::components::field::FormAlert;
use crate::domain::tickets::TicketFields;
use crate::i18n_setup::{t, t_string, use_i18n, Locale};
use form::TicketFieldsInputs;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// A ticket status (`open`, `pending`, …) as shown on screen.
fn status_label(i18n: leptos_i18n::I18nContext<Locale>, status: &str) -> &'static str {
    match status {
        "open" => t_string!(i18n, work.tickets.statuses.open),
        "pending" => t_string!(i18n, work.tickets.statuses.pending),
        "resolved" => t_string!(i18n, work.tickets.statuses.resolved),
        "closed" => t_string!(i18n, work.tickets.statuses.closed),
        _ => t_string!(i18n, work.tickets.statuses.unknown),
    }
}

/// A ticket priority (`low`, `normal`, …) as shown on screen.
fn priority_label(i18n: leptos_i18n::I18nContext<Locale>, priority: &str) -> &'static str {
    match priority {
        "low" => t_string!(i18n, work.tickets.priorities.low),
        "normal" => t_string!(i18n, work.tickets.priorities.normal),
        "high" => t_string!(i18n, work.tickets.priorities.high),
        "urgent" => t_string!(i18n, work.tickets.priorities.urgent),
        _ => t_string!(i18n, work.tickets.priorities.unknown),
    }
}

#[component]
pub fn NewTicketPage() -> impl IntoView {
    let i18n = use_i18n();
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
        <Title text=t_string!(i18n, work.tickets.new_ticket)/>
        <p><a href=move || format!("/w/{}/tickets", slug())>{t!(i18n, work.tickets.new.back)}</a></p>
        <h1>{t!(i18n, work.tickets.new_ticket)}</h1>
        <FormAlert error/>
        <super::records::WithChoices choices>
            <ActionForm action=action attr:class="stack record-form" attr:aria-label=t_string!(i18n, work.tickets.new_ticket)>
                <input type="hidden" name="slug" value=slug/>
                <TicketFieldsInputs values=values.get_value() error/>
                <button class="button primary" type="submit" disabled=move || action.pending().get()>{t!(i18n, work.tickets.new.submit)}</button>
            </ActionForm>
        </super::records::WithChoices>
    }
}
