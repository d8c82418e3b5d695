//! The lead fields as form inputs.

use crate::components::field::{FormError, SelectField, TextField};
use super::{source_label, status_label};
use crate::domain::leads::{LeadFields, SOURCES, STATUSES};
use crate::i18n_setup::{t_string, use_i18n, Locale};
use leptos::prelude::*;
use leptos_i18n::I18nContext;

fn options(i18n: I18nContext<Locale>, list: &[(&str, &str)], label: fn(I18nContext<Locale>, &str) -> &'static str) -> Vec<(String, String)> {
    list.iter().map(|(k, _)| ((*k).to_owned(), label(i18n, k).to_owned())).collect()
}

#[component]
pub fn LeadFieldsInputs(values: LeadFields, error: FormError) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <TextField name="fields[name]" label=t_string!(i18n, records.leads.name) hint=t_string!(i18n, records.leads.name_hint) required=true autocomplete="off" value=values.name error/>
        <TextField name="fields[company_name]" label=t_string!(i18n, records.leads.company) value=values.company_name error/>
        <div class="field-row">
            <TextField name="fields[email]" label=t_string!(i18n, records.leads.email) kind="email" value=values.email error/>
            <TextField name="fields[phone]" label=t_string!(i18n, records.leads.phone) kind="tel" value=values.phone error/>
        </div>
        <div class="field-row">
            <SelectField name="fields[source]" label=t_string!(i18n, records.leads.source) options=options(i18n, &SOURCES, source_label) selected=values.source error/>
            <SelectField name="fields[status]" label=t_string!(i18n, records.leads.status) options=options(i18n, &STATUSES, status_label) selected=values.status error/>
        </div>
    }
}
