//! The activity fields as form inputs: kind, subject, due time, assignee and linked records.

use crate::components::field::{FormError, SelectField, TextField};
use crate::domain::activities::{ActivityFields, KINDS};
use crate::domain::records::RecordKind;
use crate::i18n_setup::{t, t_string, use_i18n};
use crate::pages::records::{MemberSelect, RecordSelect};
use leptos::prelude::*;

#[component]
pub fn ActivityFieldsInputs(values: ActivityFields, error: FormError) -> impl IntoView {
    let i18n = use_i18n();
    let kinds = KINDS.iter().map(|(k, _)| ((*k).to_owned(), super::kind_label(i18n, k).to_owned())).collect();
    let description_error = move || error.get().and_then(|e| e.field_message("description"));
    view! {
        <div class="field-row">
            <SelectField name="fields[kind]" label=t_string!(i18n, work.activities.form.kind) options=kinds selected=values.kind error/>
            <TextField name="fields[due]" label=t_string!(i18n, work.activities.form.due) kind="datetime-local" hint=t_string!(i18n, work.activities.form.due_hint) value=values.due error/>
        </div>
        <TextField name="fields[subject]" label=t_string!(i18n, work.common.subject) required=true autocomplete="off" value=values.subject error/>
        <div class="field">
            <label for="field-description">{t!(i18n, work.common.description)}</label>
            <textarea id="field-description" name="fields[description]" rows="4"
                aria-invalid=move || description_error().is_some().then_some("true")>{values.description}</textarea>
            {move || description_error().map(|m| view! { <p class="field-error">{m}</p> })}
        </div>
        <MemberSelect name="fields[assignee_id]" label=t_string!(i18n, work.common.assignee) none=t_string!(i18n, work.activities.form.assignee_me) selected=values.assignee_id error/>
        <fieldset class="links">
            <legend>{t!(i18n, work.activities.form.concerns)}</legend>
            <div class="field-row">
                <RecordSelect kind=RecordKind::Contact name="fields[contact_id]" label=t_string!(i18n, work.common.contact) selected=values.contact_id error/>
                <RecordSelect kind=RecordKind::Company name="fields[company_id]" label=t_string!(i18n, work.common.company) selected=values.company_id error/>
            </div>
            <div class="field-row">
                <RecordSelect kind=RecordKind::Deal name="fields[deal_id]" label=t_string!(i18n, work.activities.form.deal) selected=values.deal_id error/>
                <RecordSelect kind=RecordKind::Ticket name="fields[ticket_id]" label=t_string!(i18n, work.activities.form.ticket) selected=values.ticket_id error/>
            </div>
        </fieldset>
    }
}
