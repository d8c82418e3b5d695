//! Company pages: the list, a new company, and one company with its contacts and timeline.

mod detail;
mod form;
mod list;

pub use detail::CompanyPage;
pub use list::CompaniesPage;

use crate::api::companies::CreateCompany;
use crate::components::field::FormAlert;
use crate::domain::companies::CompanyFields;
use form::CompanyFieldsInputs;
use leptos::prelude::*;
use leptos_meta::Title;

#[component]
pub fn NewCompanyPage() -> impl IntoView {
    let slug = super::records::use_slug();
    let action = ServerAction::<CreateCompany>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    view! {
        <Title text="New company"/>
        <p><a href=move || format!("/w/{}/companies", slug())>"← Companies"</a></p>
        <h1>"New company"</h1>
        <FormAlert error/>
        <ActionForm action=action attr:class="stack record-form" attr:aria-label="New company">
            <input type="hidden" name="slug" value=slug/>
            <CompanyFieldsInputs values=CompanyFields::default() error/>
            <button class="button primary" type="submit" disabled=move || action.pending().get()>"Create company"</button>
        </ActionForm>
    }
}
