//! The activity fields as form inputs: kind, subject, due time, assignee and linked records.

use crate::components::field::{FormError, SelectField, TextField};
use crate::domain::activities::{ActivityFields, KINDS};
use crate::domain::records::RecordKind;
use crate::pages::records::{MemberSelect, RecordSelect};
use leptos::prelude::*;

#[component]
pub fn ActivityFieldsInputs(values: ActivityFields, error: FormError) -> impl IntoView {
    let kinds = KINDS.iter().map(|(k, l)| ((*k).to_owned(), (*l).to_owned())).collect();
    let description_error = move || error.get().and_then(|e| e.field_message("description"));
    view! {
        <div class="field-row">
            <SelectField name="fields[kind]" label="Kind" options=kinds selected=values.kind error/>
            <TextField name="fields[due]" label="Due" kind="datetime-local" hint="In your time zone (Account → Profile)." value=values.due error/>
        </div>
        <TextField name="fields[subject]" label="Subject" required=true autocomplete="off" value=values.subject error/>
        <div class="field">
            <label for="field-description">"Description"</label>
            <textarea id="field-description" name="fields[description]" rows="4"
                aria-invalid=move || description_error().is_some().then_some("true")>{values.description}</textarea>
            {move || description_error().map(|m| view! { <p class="field-error">{m}</p> })}
        </div>
        <MemberSelect name="fields[assignee_id]" label="Assignee" none="Me" selected=values.assignee_id error/>
        <fieldset class="links">
            <legend>"Concerns"</legend>
            <div class="field-row">
                <RecordSelect kind=RecordKind::Contact name="fields[contact_id]" label="Contact" selected=values.contact_id error/>
                <RecordSelect kind=RecordKind::Company name="fields[company_id]" label="Company" selected=values.company_id error/>
            </div>
            <div class="field-row">
                <RecordSelect kind=RecordKind::Deal name="fields[deal_id]" label="Deal" selected=values.deal_id error/>
                <RecordSelect kind=RecordKind::Ticket name="fields[ticket_id]" label="Ticket" selected=values.ticket_id error/>
            </div>
        </fieldset>
    }
}
