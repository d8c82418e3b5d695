//! The deal fields as form inputs.

use crate::api::companies::list_company_names;
use crate::api::deals::list_stages;
use crate::components::field::{FormError, SelectField, TextField};
use crate::domain::deals::{DealFields, CURRENCIES};
use leptos::prelude::*;

#[component]
pub fn DealFieldsInputs(slug: String, values: DealFields, error: FormError) -> impl IntoView {
    let choices = Resource::new(move || slug.clone(), |slug| async move {
        let stages = list_stages(slug.clone()).await.unwrap_or_default();
        let companies = list_company_names(slug).await.unwrap_or_default();
        (stages, companies)
    });
    let currencies = CURRENCIES.iter().map(|(code, _)| ((*code).to_owned(), (*code).to_owned())).collect();
    let (selected_stage, selected_company) = (values.stage_id.clone(), values.company_id.clone());
    view! {
        <TextField name="fields[name]" label="Deal name" required=true value=values.name error/>
        <div class="field-row">
            <TextField name="fields[amount]" label="Amount" hint="For example 12,500.00" value=values.amount error/>
            <SelectField name="fields[currency]" label="Currency" options=currencies selected=values.currency error/>
        </div>
        <Suspense fallback=|| view! { <p class="muted">"Loading stages and companies…"</p> }>
            {move || {
                let (stage, company) = (selected_stage.clone(), selected_company.clone());
                Suspend::new(async move {
                    let (stages, companies) = choices.await;
                    let stage = if stage.is_empty() { stages.first().map(|s| s.id.clone()).unwrap_or_default() } else { stage };
                    let stage_options = stages.into_iter().map(|s| (s.id, format!("{} ({} %)", s.name, s.probability))).collect();
                    let mut company_options = vec![(String::new(), "No company".to_owned())];
                    company_options.extend(companies);
                    view! {
                        <div class="field-row">
                            <SelectField name="fields[stage_id]" label="Stage" options=stage_options selected=stage error/>
                            <SelectField name="fields[company_id]" label="Company" options=company_options selected=company error/>
                        </div>
                    }
                })
            }}
        </Suspense>
        <div class="field-row">
            <TextField name="fields[expected_close]" label="Expected close" kind="date" value=values.expected_close error/>
            <TextField name="fields[lost_reason]" label="Lost reason" value=values.lost_reason error/>
        </div>
    }
}
