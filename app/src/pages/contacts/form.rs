//! The contact fields as form inputs: names, company, status, and rows of emails and phones.

use crate::components::field::{FormError, SelectField, TextField};
use crate::pages::records::RecordSelect;
use crate::domain::records::RecordKind;
use crate::domain::contacts::{Channel, ContactFields, CHANNEL_ROWS, LABELS, STATUSES};
use crate::i18n_setup::{t, t_string, use_i18n, Locale};
use leptos::prelude::*;
use leptos_i18n::I18nContext;

#[component]
pub fn ContactFieldsInputs(values: ContactFields, error: FormError) -> impl IntoView {
    let i18n = use_i18n();
    let statuses = STATUSES.iter().map(|(k, _)| ((*k).to_owned(), super::status_label(i18n, k).to_owned())).collect();
    view! {
        <div class="field-row">
            <TextField name="fields[first_name]" label=t_string!(i18n, records.contacts.first_name) autocomplete="off" value=values.first_name error/>
            <TextField name="fields[last_name]" label=t_string!(i18n, records.contacts.last_name) autocomplete="off" value=values.last_name error/>
        </div>
        <div class="field-row">
            <TextField name="fields[job_title]" label=t_string!(i18n, records.contacts.job_title) value=values.job_title error/>
            <SelectField name="fields[status]" label=t_string!(i18n, records.contacts.status) options=statuses selected=values.status error/>
        </div>
        <RecordSelect kind=RecordKind::Company name="fields[company_id]" label=t_string!(i18n, records.contacts.company) selected=values.company_id error/>
        <TextField name="fields[linkedin_url]" label=t_string!(i18n, records.contacts.linkedin) kind="url" value=values.linkedin_url error/>
        <div class="field">
            <label class="checkbox">
                <input type="checkbox" name="fields[do_not_contact]" value="true" checked=values.do_not_contact/>
                {t!(i18n, records.contacts.do_not_contact)}
            </label>
            <p class="hint">{t!(i18n, records.contacts.do_not_contact_hint)}</p>
        </div>
        <ChannelRows kind="emails" legend=t_string!(i18n, records.contacts.emails) input_type="email" rows=values.emails error/>
        <ChannelRows kind="phones" legend=t_string!(i18n, records.contacts.phones) input_type="tel" rows=values.phones error/>
    }
}

/// Three rows of value + label, with a radio for the primary one.
#[component]
fn ChannelRows(kind: &'static str, legend: &'static str, input_type: &'static str, rows: Vec<Channel>, error: FormError) -> impl IntoView {
    let i18n = use_i18n();
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
                        <label class="visually-hidden" for=format!("{kind}-{index}-label")>{t!(i18n, records.contacts.channel_label)}</label>
                        <select id=format!("{kind}-{index}-label") name=format!("fields[{kind}][{index}][label]")>
                            {LABELS.iter().map(|label| view! {
                                <option value=*label selected=row.label == *label>{channel_label(i18n, label)}</option>
                            }).collect_view()}
                        </select>
                        <label class="checkbox">
                            <input type="radio" name=primary_name value=index.to_string() checked=is_primary/>
                            {t!(i18n, records.contacts.primary)}
                        </label>
                        {move || message().map(|m| view! { <p class="field-error">{m}</p> })}
                    </div>
                }
            }).collect_view()}
        </fieldset>
    }
}

/// The label of an email or phone as shown on screen (the posted value stays English).
fn channel_label(i18n: I18nContext<Locale>, label: &str) -> &'static str {
    match label {
        "work" => t_string!(i18n, records.contacts.channel_work),
        "home" => t_string!(i18n, records.contacts.channel_home),
        "mobile" => t_string!(i18n, records.contacts.channel_mobile),
        _ => t_string!(i18n, records.contacts.channel_other),
    }
}
