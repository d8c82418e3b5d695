//! Deal pages: the pipeline board, the deals list, a new deal, and one deal with its timeline.

mod board;
mod detail;
mod form;
mod list;

pub use board::DealsPage;
pub use list::DealListPage;
pub use detail::DealPage;

use crate::api::deals::CreateDeal;
use crate::components::field::FormAlert;
use crate::domain::deals::DealFields;
use crate::i18n_setup::{t, t_string, use_i18n};
use form::DealFieldsInputs;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

#[component]
pub fn NewDealPage() -> impl IntoView {
    let i18n = use_i18n();
    let slug = super::records::use_slug();
    let query = use_query_map();
    let action = ServerAction::<CreateDeal>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let values = DealFields {
        // The person's preferred currency (Account → Profile).
        currency: use_context::<crate::api::workspaces::WorkspaceShell>().map(|shell| shell.currency).unwrap_or_else(|| "EUR".into()),
        company_id: query.read_untracked().get("company").unwrap_or_default(),
        stage_id: query.read_untracked().get("stage").unwrap_or_default(),
        ..Default::default()
    };
    let values = StoredValue::new(values);
    let choices = super::records::choices_resource(slug, "stages,companies");
    view! {
        <Title text=t_string!(i18n, work.deals.new_deal)/>
        <p><a href=move || format!("/w/{}/deals", slug())>{t!(i18n, work.deals.back_to_pipeline)}</a></p>
        <h1>{t!(i18n, work.deals.new_deal)}</h1>
        <FormAlert error/>
        <super::records::WithChoices choices>
            <ActionForm action=action attr:class="stack record-form" attr:aria-label=t_string!(i18n, work.deals.new_deal)>
                <input type="hidden" name="slug" value=slug/>
                <DealFieldsInputs values=values.get_value() error/>
                <button class="button primary" type="submit" disabled=move || action.pending().get()>{t!(i18n, work.deals.new.create)}</button>
            </ActionForm>
        </super::records::WithChoices>
    }
}
