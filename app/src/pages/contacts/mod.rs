//! Contact pages: the list, a new contact, and one contact with its timeline.

mod detail;
mod form;
mod list;

pub use detail::ContactPage;
pub use list::ContactsPage;

use crate::api::contacts::CreateContact;
use crate::components::field::FormAlert;
use crate::domain::contacts::ContactFields;
use crate::i18n_setup::{t, t_string, use_i18n, Locale};
use form::ContactFieldsInputs;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// A contact status as shown on screen (the domain label stays English for exports).
fn status_label(i18n: I18nContext<Locale>, status: &str) -> &'static str {
    match status {
        "lead" => t_string!(i18n, records.contacts.status_lead),
        "prospect" => t_string!(i18n, records.contacts.status_prospect),
        "customer" => t_string!(i18n, records.contacts.status_customer),
        "partner" => t_string!(i18n, records.contacts.status_partner),
        "inactive" => t_string!(i18n, records.contacts.status_inactive),
        _ => t_string!(i18n, records.unknown),
    }
}

#[component]
pub fn NewContactPage() -> impl IntoView {
    let i18n = use_i18n();
    let slug = super::records::use_slug();
    let query = use_query_map();
    let action = ServerAction::<CreateContact>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let values = ContactFields {
        status: "lead".into(),
        company_id: query.read_untracked().get("company").unwrap_or_default(),
        ..Default::default()
    };
    let values = StoredValue::new(values);
    let choices = super::records::choices_resource(slug, "companies");
    view! {
        <Title text=t_string!(i18n, records.contacts.new_title)/>
        <p><a href=move || format!("/w/{}/contacts", slug())>{t!(i18n, records.contacts.back)}</a></p>
        <h1>{t!(i18n, records.contacts.new_title)}</h1>
        <FormAlert error/>
        <super::records::WithChoices choices>
            <ActionForm action=action attr:class="stack record-form" attr:aria-label=t_string!(i18n, records.contacts.new_title)>
                <input type="hidden" name="slug" value=slug/>
                <ContactFieldsInputs values=values.get_value() error/>
                <button class="button primary" type="submit" disabled=move || action.pending().get()>{t!(i18n, records.contacts.create)}</button>
            </ActionForm>
        </super::records::WithChoices>
    }
}
