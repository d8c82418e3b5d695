//! Company pages: the list, a new company, and one company with its contacts and timeline.

mod detail;
mod form;
mod list;

pub use detail::CompanyPage;
pub use list::CompaniesPage;

use crate::api::companies::CreateCompany;
use crate::components::field::FormAlert;
use crate::domain::companies::CompanyFields;
use crate::i18n_setup::{t, t_string, use_i18n};
use form::CompanyFieldsInputs;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NewCompanyPage() -> impl IntoView {
    let i18n = use_i18n();
    let slug = super::records::use_slug();
    let action = ServerAction::<CreateCompany>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    view! {
        <Title text=t_string!(i18n, records.companies.new_title)/>
        <p><a href=move || format!("/w/{}/companies", slug())>{t!(i18n, records.companies.back)}</a></p>
        <h1>{t!(i18n, records.companies.new_title)}</h1>
        <FormAlert error/>
        <ActionForm action=action attr:class="stack record-form" attr:aria-label=t_string!(i18n, records.companies.new_title)>
            <input type="hidden" name="slug" value=slug/>
            <CompanyFieldsInputs values=CompanyFields::default() error/>
            <button class="button primary" type="submit" disabled=move || action.pending().get()>{t!(i18n, records.companies.create)}</button>
        </ActionForm>
    }
}
