//! Lead pages: the list, a new lead, and one lead with its conversion.

mod detail;
mod form;
mod list;

pub use detail::LeadPage;
pub use list::LeadsPage;

use crate::api::leads::CreateLead;
use crate::components::field::FormAlert;
use crate::domain::leads::LeadFields;
use crate::i18n_setup::{t, t_string, use_i18n, Locale};
use form::LeadFieldsInputs;
use leptos::prelude::*;
use leptos_i18n::I18nContext;
use leptos_meta::Title;

/// Where a lead came from, as shown on screen (the domain label stays English for exports).
fn source_label(i18n: I18nContext<Locale>, source: &str) -> &'static str {
    match source {
        "web" => t_string!(i18n, records.leads.source_web),
        "referral" => t_string!(i18n, records.leads.source_referral),
        "event" => t_string!(i18n, records.leads.source_event),
        "import" => t_string!(i18n, records.leads.source_import),
        "other" => t_string!(i18n, records.leads.source_other),
        _ => t_string!(i18n, records.unknown),
    }
}

/// A lead status as shown on screen.
fn status_label(i18n: I18nContext<Locale>, status: &str) -> &'static str {
    match status {
        "new" => t_string!(i18n, records.leads.status_new),
        "contacted" => t_string!(i18n, records.leads.status_contacted),
        "qualified" => t_string!(i18n, records.leads.status_qualified),
        "disqualified" => t_string!(i18n, records.leads.status_disqualified),
        _ => t_string!(i18n, records.unknown),
    }
}

#[component]
pub fn NewLeadPage() -> impl IntoView {
    let i18n = use_i18n();
    let slug = super::records::use_slug();
    let action = ServerAction::<CreateLead>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let values = LeadFields { source: "web".into(), status: "new".into(), ..Default::default() };
    view! {
        <Title text=t_string!(i18n, records.leads.new_title)/>
        <p><a href=move || format!("/w/{}/leads", slug())>{t!(i18n, records.leads.back)}</a></p>
        <h1>{t!(i18n, records.leads.new_title)}</h1>
        <FormAlert error/>
        <ActionForm action=action attr:class="stack record-form" attr:aria-label=t_string!(i18n, records.leads.new_title)>
            <input type="hidden" name="slug" value=slug/>
            <LeadFieldsInputs values error/>
            <button class="button primary" type="submit" disabled=move || action.pending().get()>{t!(i18n, records.leads.create)}</button>
        </ActionForm>
    }
}
