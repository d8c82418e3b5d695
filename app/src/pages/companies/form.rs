//! The company fields as form inputs, for the new-company form and the detail page.

use crate::components::field::{FormError, SelectField, TextField};
use crate::domain::companies::{CompanyFields, SIZES};
use crate::i18n_setup::{t, t_string, use_i18n};
use leptos::prelude::*;

#[component]
pub fn CompanyFieldsInputs(values: CompanyFields, error: FormError) -> impl IntoView {
    let i18n = use_i18n();
    let sizes = SIZES
        .iter()
        .map(|s| {
            let label = if s.is_empty() { t_string!(i18n, records.companies.size_not_set).to_owned() } else { t_string!(i18n, records.companies.size_employees, size = s) };
            ((*s).to_owned(), label)
        })
        .collect();
    view! {
        <TextField name="fields[name]" label=t_string!(i18n, records.companies.name) required=true value=values.name error/>
        <div class="field-row">
            <TextField name="fields[domain]" label=t_string!(i18n, records.companies.domain) hint="example.com" value=values.domain error/>
            <TextField name="fields[phone]" label=t_string!(i18n, records.companies.phone) kind="tel" value=values.phone error/>
        </div>
        <div class="field-row">
            <TextField name="fields[industry]" label=t_string!(i18n, records.companies.industry) value=values.industry error/>
            <SelectField name="fields[size]" label=t_string!(i18n, records.companies.size) options=sizes selected=values.size error/>
        </div>
        <fieldset class="address">
            <legend>{t!(i18n, records.companies.address)}</legend>
            <TextField name="fields[street]" label=t_string!(i18n, records.companies.street) value=values.street error/>
            <div class="field-row">
                <TextField name="fields[postal_code]" label=t_string!(i18n, records.companies.postal_code) value=values.postal_code error/>
                <TextField name="fields[city]" label=t_string!(i18n, records.companies.city) value=values.city error/>
            </div>
            <div class="field-row">
                <TextField name="fields[region]" label=t_string!(i18n, records.companies.region) value=values.region error/>
                <TextField name="fields[country]" label=t_string!(i18n, records.companies.country) value=values.country error/>
            </div>
        </fieldset>
    }
}
