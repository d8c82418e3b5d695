//! The deal fields as form inputs (stages and companies from the page's `Choices`).

use crate::components::field::{FormError, SelectField, TextField};
use crate::domain::deals::{DealFields, CURRENCIES};
use crate::domain::records::RecordKind;
use crate::i18n_setup::{t_string, use_i18n};
use crate::pages::records::{use_choices, RecordSelect};
use leptos::prelude::*;

#[component]
pub fn DealFieldsInputs(values: DealFields, error: FormError) -> impl IntoView {
    let i18n = use_i18n();
    let currencies = CURRENCIES.iter().map(|(code, _)| ((*code).to_owned(), (*code).to_owned())).collect();
    let stages = use_choices().stages;
    let stage = if values.stage_id.is_empty() { stages.first().map(|s| s.id.clone()).unwrap_or_default() } else { values.stage_id.clone() };
    let stage_options = stages.into_iter().map(|s| (s.id, format!("{} ({} %)", s.name, s.probability))).collect();
    view! {
        <TextField name="fields[name]" label=t_string!(i18n, work.deals.form.name) required=true value=values.name error/>
        <div class="field-row">
            <TextField name="fields[amount]" label=t_string!(i18n, work.deals.form.amount) hint=t_string!(i18n, work.deals.form.amount_hint) value=values.amount error/>
            <SelectField name="fields[currency]" label=t_string!(i18n, work.deals.form.currency) options=currencies selected=values.currency error/>
        </div>
        <div class="field-row">
            <SelectField name="fields[stage_id]" label=t_string!(i18n, work.deals.stage) options=stage_options selected=stage error/>
            <RecordSelect kind=RecordKind::Company name="fields[company_id]" label=t_string!(i18n, work.common.company) selected=values.company_id error/>
        </div>
        <div class="field-row">
            <TextField name="fields[expected_close]" label=t_string!(i18n, work.deals.form.expected_close) kind="date" value=values.expected_close error/>
            <TextField name="fields[lost_reason]" label=t_string!(i18n, work.deals.form.lost_reason) value=values.lost_reason error/>
        </div>
    }
}
