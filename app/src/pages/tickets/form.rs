//! The ticket fields as form inputs.

use crate::components::field::{FormError, SelectField, TextField};
use crate::domain::records::RecordKind;
use crate::domain::tickets::{TicketFields, PRIORITIES, STATUSES};
use crate::pages::records::{MemberSelect, RecordSelect};
use leptos::prelude::*;

fn options(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(k, l)| ((*k).to_owned(), (*l).to_owned())).collect()
}

#[component]
pub fn TicketFieldsInputs(values: TicketFields, error: FormError) -> impl IntoView {
    let description_error = move || error.get().and_then(|e| e.field_message("description"));
    view! {
        <TextField name="fields[subject]" label="Subject" required=true autocomplete="off" value=values.subject error/>
        <div class="field">
            <label for="field-description">"Description"</label>
            <textarea id="field-description" name="fields[description]" rows="5"
                aria-invalid=move || description_error().is_some().then_some("true")>{values.description}</textarea>
            {move || description_error().map(|m| view! { <p class="field-error">{m}</p> })}
        </div>
        <div class="field-row">
            <SelectField name="fields[status]" label="Status" options=options(&STATUSES) selected=values.status error/>
            <SelectField name="fields[priority]" label="Priority" options=options(&PRIORITIES) selected=values.priority error/>
        </div>
        <div class="field-row">
            <RecordSelect kind=RecordKind::Contact name="fields[contact_id]" label="Contact" selected=values.contact_id error/>
            <RecordSelect kind=RecordKind::Company name="fields[company_id]" label="Company" selected=values.company_id error/>
        </div>
        <MemberSelect name="fields[assignee_id]" label="Assignee" none="Unassigned" selected=values.assignee_id error/>
    }
}
