//! Contact pages: the list, a new contact, and one contact with its timeline.

mod detail;
mod form;
mod list;

pub use detail::ContactPage;
pub use list::ContactsPage;

use crate::api::contacts::CreateContact;
use crate::components::field::FormAlert;
use crate::domain::contacts::ContactFields;
use form::ContactFieldsInputs;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn NewContactPage() -> impl IntoView {
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
        <Title text="New contact"/>
        <p><a href=move || format!("/w/{}/contacts", slug())>"← Contacts"</a></p>
        <h1>"New contact"</h1>
        <FormAlert error/>
        <super::records::WithChoices choices>
            <ActionForm action=action attr:class="stack record-form" attr:aria-label="New contact">
                <input type="hidden" name="slug" value=slug/>
                <ContactFieldsInputs values=values.get_value() error/>
                <button class="button primary" type="submit" disabled=move || action.pending().get()>"Create contact"</button>
            </ActionForm>
        </super::records::WithChoices>
    }
}
