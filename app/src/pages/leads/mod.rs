//! Lead pages: the list, a new lead, and one lead with its conversion.

mod detail;
mod form;
mod list;

pub use detail::LeadPage;
pub use list::LeadsPage;

use crate::api::leads::CreateLead;
use crate::components::field::FormAlert;
use crate::domain::leads::LeadFields;
use form::LeadFieldsInputs;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NewLeadPage() -> impl IntoView {
    let slug = super::records::use_slug();
    let action = ServerAction::<CreateLead>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let values = LeadFields { source: "web".into(), status: "new".into(), ..Default::default() };
    view! {
        <Title text="New lead"/>
        <p><a href=move || format!("/w/{}/leads", slug())>"← Leads"</a></p>
        <h1>"New lead"</h1>
        <FormAlert error/>
        <ActionForm action=action attr:class="stack record-form" attr:aria-label="New lead">
            <input type="hidden" name="slug" value=slug/>
            <LeadFieldsInputs values error/>
            <button class="button primary" type="submit" disabled=move || action.pending().get()>"Create lead"</button>
        </ActionForm>
    }
}
