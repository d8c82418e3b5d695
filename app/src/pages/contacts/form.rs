//! The contact fields as form inputs: names, company, status, and rows of emails and phones.

use crate::components::field::{FormError, SelectField, TextField};
use crate::pages::records::RecordSelect;
use crate::domain::records::RecordKind;
use crate::domain::contacts::{Channel, ContactFields, CHANNEL_ROWS, LABELS, STATUSES};
use leptos::prelude::*;

#[component]
pub fn ContactFieldsInputs(values: ContactFields, error: FormError) -> impl IntoView {
    let statuses = STATUSES.iter().map(|(k, l)| ((*k).to_owned(), (*l).to_owned())).collect();
    view! {
        <div class="field-row">
            <TextField name="fields[first_name]" label="First name" autocomplete="off" value=values.first_name error/>
            <TextField name="fields[last_name]" label="Last name" autocomplete="off" value=values.last_name error/>
        </div>
        <div class="field-row">
            <TextField name="fields[job_title]" label="Job title" value=values.job_title error/>
            <SelectField name="fields[status]" label="Status" options=statuses selected=values.status error/>
        </div>
        <RecordSelect kind=RecordKind::Company name="fields[company_id]" label="Company" selected=values.company_id error/>
        <TextField name="fields[linkedin_url]" label="LinkedIn" kind="url" value=values.linkedin_url error/>
        <div class="field">
            <label class="checkbox">
                <input type="checkbox" name="fields[do_not_contact]" value="true" checked=values.do_not_contact/>
                " Do not contact"
            </label>
            <p class="hint">"This person asked not to be written to: no email can be sent to them."</p>
        </div>
        <ChannelRows kind="emails" legend="Emails" input_type="email" rows=values.emails error/>
        <ChannelRows kind="phones" legend="Phones" input_type="tel" rows=values.phones error/>
    }
}

/// Three rows of value + label, with a radio for the primary one.
#[component]
fn ChannelRows(kind: &'static str, legend: &'static str, input_type: &'static str, rows: Vec<Channel>, error: FormError) -> impl IntoView {
    let primary_name = if kind == "emails" { "primary_email" } else { "primary_phone" };
    let count = rows.len().max(CHANNEL_ROWS);
    view! {
        <fieldset class="channels">
            <legend>{legend}</legend>
            {(0..count).map(|index| {
                let row = rows.get(index).cloned().unwrap_or_default();
                let is_primary = row.primary || (rows.is_empty() && index == 0);
                let message = move || error.get().and_then(|e| e.field_message(&format!("{kind}.{index}")));
                let value_id = format!("{kind}-{index}-value");
                view! {
                    <div class="channel-row">
                        <label class="visually-hidden" for=value_id.clone()>{format!("{legend} {}", index + 1)}</label>
                        <input id=value_id type=input_type name=format!("fields[{kind}][{index}][value]") value=row.value
                            aria-invalid=move || message().is_some().then_some("true")/>
                        <label class="visually-hidden" for=format!("{kind}-{index}-label")>"Label"</label>
                        <select id=format!("{kind}-{index}-label") name=format!("fields[{kind}][{index}][label]")>
                            {LABELS.iter().map(|label| view! {
                                <option value=*label selected=row.label == *label>{*label}</option>
                            }).collect_view()}
                        </select>
                        <label class="checkbox">
                            <input type="radio" name=primary_name value=index.to_string() checked=is_primary/>
                            " Primary"
                        </label>
                        {move || message().map(|m| view! { <p class="field-error">{m}</p> })}
                    </div>
                }
            }).collect_view()}
        </fieldset>
    }
}
