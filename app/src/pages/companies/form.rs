//! The company fields as form inputs, for the new-company form and the detail page.

use crate::components::field::{FormError, SelectField, TextField};
use crate::domain::companies::{CompanyFields, SIZES};
use leptos::prelude::*;

#[component]
pub fn CompanyFieldsInputs(values: CompanyFields, error: FormError) -> impl IntoView {
    let sizes = SIZES
        .iter()
        .map(|s| ((*s).to_owned(), if s.is_empty() { "Not set".to_owned() } else { format!("{s} employees") }))
        .collect();
    view! {
        <TextField name="fields[name]" label="Name" required=true value=values.name error/>
        <div class="field-row">
            <TextField name="fields[domain]" label="Domain" hint="example.com" value=values.domain error/>
            <TextField name="fields[phone]" label="Phone" kind="tel" value=values.phone error/>
        </div>
        <div class="field-row">
            <TextField name="fields[industry]" label="Industry" value=values.industry error/>
            <SelectField name="fields[size]" label="Size" options=sizes selected=values.size error/>
        </div>
        <fieldset class="address">
            <legend>"Address"</legend>
            <TextField name="fields[street]" label="Street" value=values.street error/>
            <div class="field-row">
                <TextField name="fields[postal_code]" label="Postal code" value=values.postal_code error/>
                <TextField name="fields[city]" label="City" value=values.city error/>
            </div>
            <div class="field-row">
                <TextField name="fields[region]" label="Region" value=values.region error/>
                <TextField name="fields[country]" label="Country" value=values.country error/>
            </div>
        </fieldset>
    }
}
