//! The lead fields as form inputs.

use crate::components::field::{FormError, SelectField, TextField};
use crate::domain::leads::{LeadFields, SOURCES, STATUSES};
use leptos::prelude::*;

fn options(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter().map(|(k, l)| ((*k).to_owned(), (*l).to_owned())).collect()
}

#[component]
pub fn LeadFieldsInputs(values: LeadFields, error: FormError) -> impl IntoView {
    view! {
        <TextField name="fields[name]" label="Name" hint="The person, or the company if you have no name yet" required=true autocomplete="off" value=values.name error/>
        <TextField name="fields[company_name]" label="Company" value=values.company_name error/>
        <div class="field-row">
            <TextField name="fields[email]" label="Email" kind="email" value=values.email error/>
            <TextField name="fields[phone]" label="Phone" kind="tel" value=values.phone error/>
        </div>
        <div class="field-row">
            <SelectField name="fields[source]" label="Source" options=options(&SOURCES) selected=values.source error/>
            <SelectField name="fields[status]" label="Status" options=options(&STATUSES) selected=values.status error/>
        </div>
    }
}
