//! The ticket fields as form inputs.

use crate::components::field::{FormError, SelectField, TextField};
use crate::domain::records::RecordKind;
use crate::domain::tickets::{TicketFields, PRIORITIES, STATUSES};
use crate::i18n_setup::{t, t_string, use_i18n};
use crate::pages::records::{MemberSelect, RecordSelect};
use leptos::prelude::*;

/// The values of `list` with their labels on screen, for a drop-down.
fn options(list: &[(&str, &str)], label: impl Fn(&str) -> &'static str) -> Vec<(String, String)> {
    list.iter().map(|(k, _)| ((*k).to_owned(), label(k).to_owned())).collect()
}

#[component]
pub fn TicketFieldsInputs(values: TicketFields, error: FormError) -> impl IntoView {
    let i18n = use_i18n();
    let description_error = move || error.get().and_then(|e| e.field_message("description"));
    view! {
        <TextField name="fields[subject]" label=t_string!(i18n, work.common.subject) required=true autocomplete="off" value=values.subject error/>
        <div class="field">
            <label for="field-description">{t!(i18n, work.common.description)}</label>
            <textarea id="field-description" name="fields[description]" rows="5"
                aria-invalid=move || description_error().is_some().then_some("true")>{values.description}</textarea>
            {move || description_error().map(|m| view! { <p class="field-error">{m}</p> })}
        </div>
        <div class="field-row">
            <SelectField name="fields[status]" label=t_string!(i18n, work.tickets.form.status) options=options(&STATUSES, |s| super::status_label(i18n, s)) selected=values.status error/>
            <SelectField name="fields[priority]" label=t_string!(i18n, work.tickets.form.priority) options=options(&PRIORITIES, |p| super::priority_label(i18n, p)) selected=values.priority error/>
        </div>
        <div class="field-row">
            <RecordSelect kind=RecordKind::Contact name="fields[contact_id]" label=t_string!(i18n, work.common.contact) selected=values.contact_id error/>
            <RecordSelect kind=RecordKind::Company name="fields[company_id]" label=t_string!(i18n, work.common.company) selected=values.company_id error/>
        </div>
        <MemberSelect name="fields[assignee_id]" label=t_string!(i18n, work.common.assignee) none=t_string!(i18n, work.tickets.unassigned) selected=values.assignee_id error/>
    }
}
