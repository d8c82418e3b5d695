//! Activity pages: "My work" (overdue, today, upcoming), planning an activity, and one activity.

mod detail;
mod form;
mod work;

pub use detail::ActivityPage;
pub use work::MyWorkPage;

use crate::api::activities::CreateActivity;
use crate::components::field::FormAlert;
use crate::domain::activities::ActivityFields;
use crate::i18n_setup::{t, t_string, use_i18n, Locale};
use form::ActivityFieldsInputs;
use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

/// An activity kind (`call`, `meeting`, …) as shown on screen.
pub(crate) fn kind_label(i18n: leptos_i18n::I18nContext<Locale>, kind: &str) -> &'static str {
    match kind {
        "call" => t_string!(i18n, work.activities.kinds.call),
        "meeting" => t_string!(i18n, work.activities.kinds.meeting),
        "task" => t_string!(i18n, work.activities.kinds.task),
        "email" => t_string!(i18n, work.activities.kinds.email),
        _ => t_string!(i18n, work.activities.kinds.other),
    }
}

/// Plans an activity; `?contact=…`, `?company=…`, `?deal=…` or `?ticket=…` links it from the start.
#[component]
pub fn NewActivityPage() -> impl IntoView {
    let i18n = use_i18n();
    let slug = super::records::use_slug();
    let query = use_query_map();
    let action = ServerAction::<CreateActivity>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let linked = |name: &str| query.read_untracked().get(name).unwrap_or_default();
    let values = ActivityFields {
        kind: "call".into(),
        contact_id: linked("contact"),
        company_id: linked("company"),
        deal_id: linked("deal"),
        ticket_id: linked("ticket"),
        ..Default::default()
    };
    let values = StoredValue::new(values);
    let choices = super::records::choices_resource(slug, "contacts,companies,deals,tickets,members");
    view! {
        <Title text=t_string!(i18n, work.activities.plan)/>
        <p><a href=move || format!("/w/{}/work", slug())>{t!(i18n, work.activities.new.back)}</a></p>
        <h1>{t!(i18n, work.activities.plan)}</h1>
        <FormAlert error/>
        <super::records::WithChoices choices>
            <ActionForm action=action attr:class="stack record-form" attr:aria-label=t_string!(i18n, work.activities.new.form_label)>
                <input type="hidden" name="slug" value=slug/>
                <ActivityFieldsInputs values=values.get_value() error/>
                <button class="button primary" type="submit" disabled=move || action.pending().get()>{t!(i18n, work.activities.new.save)}</button>
            </ActionForm>
        </super::records::WithChoices>
    }
}
