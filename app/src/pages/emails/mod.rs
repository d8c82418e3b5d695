//! Email pages: the drafts list, one draft (new or saved) with a preview that fills merge fields
//! in as you type, and the templates.

mod draft;
mod list;
mod templates;

pub use draft::{DraftPage, NewDraftPage};
pub use list::EmailsPage;
pub use templates::TemplatesPage;

use crate::components::field::FormError;
use crate::domain::emails::MERGE_FIELDS;
use crate::i18n_setup::{t, t_string, use_i18n, Locale};
use leptos::prelude::*;

/// The example merge field the hints name.
const EXAMPLE_FIELD: &str = "{{contact.first_name}}";

/// What a merge field is filled with, as shown on screen (the domain's text for any other).
fn merge_field_meaning(i18n: leptos_i18n::I18nContext<Locale>, name: &str, meaning: &'static str) -> &'static str {
    match name {
        "contact.first_name" => t_string!(i18n, work.emails.merge_fields.contact_first_name),
        "contact.last_name" => t_string!(i18n, work.emails.merge_fields.contact_last_name),
        "contact.full_name" => t_string!(i18n, work.emails.merge_fields.contact_full_name),
        "contact.email" => t_string!(i18n, work.emails.merge_fields.contact_email),
        "contact.job_title" => t_string!(i18n, work.emails.merge_fields.contact_job_title),
        "company.name" => t_string!(i18n, work.emails.merge_fields.company_name),
        "company.domain" => t_string!(i18n, work.emails.merge_fields.company_domain),
        "deal.name" => t_string!(i18n, work.emails.merge_fields.deal_name),
        "deal.amount" => t_string!(i18n, work.emails.merge_fields.deal_amount),
        "me.name" => t_string!(i18n, work.emails.merge_fields.me_name),
        "me.email" => t_string!(i18n, work.emails.merge_fields.me_email),
        "workspace.name" => t_string!(i18n, work.emails.merge_fields.workspace_name),
        _ => meaning,
    }
}

/// The merge fields and what each is filled with.
#[component]
fn MergeFieldLegend() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="panel" aria-labelledby="merge-fields-heading">
            <h2 id="merge-fields-heading">{t!(i18n, work.emails.merge_fields.title)}</h2>
            <p class="muted">{t!(i18n, work.emails.merge_fields.intro)}</p>
            <dl class="merge-fields">
                {MERGE_FIELDS.iter().map(|(name, meaning)| view! {
                    <div>
                        <dt><code>{format!("{{{{{name}}}}}")}</code></dt>
                        <dd>{merge_field_meaning(i18n, name, meaning)}</dd>
                    </div>
                }).collect_view()}
            </dl>
        </section>
    }
}

/// `fields[subject]` → `subject`: the key of a field's message in a validation error.
fn error_key(name: &str) -> &str {
    name.trim_start_matches("fields[").trim_end_matches(']')
}

/// A text input (or, `multiline`, a text area) bound to `value`, so the preview follows what is
/// typed; the markup and messages are those of `TextField`.
#[component]
fn BoundField(
    name: &'static str,
    label: &'static str,
    value: RwSignal<String>,
    error: FormError,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] multiline: bool,
    #[prop(optional)] required: bool,
    #[prop(optional, into)] hint: Option<String>,
) -> impl IntoView {
    let key = error_key(name);
    let id = format!("field-{key}");
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let message = move || error.get().and_then(|e| e.field_message(key));
    let has_hint = hint.is_some();
    let described_by = {
        let (error_id, hint_id) = (error_id.clone(), hint_id.clone());
        move || {
            let ids: Vec<&str> = [has_hint.then_some(hint_id.as_str()), message().is_some().then_some(error_id.as_str())].into_iter().flatten().collect();
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let invalid = move || message().is_some().then_some("true");
    let on_input = move |ev| value.set(event_target_value(&ev));
    let input = if multiline {
        view! {
            <textarea id=id.clone() name=name rows="14" required=required aria-invalid=invalid aria-describedby=described_by
                prop:value=move || value.get() on:input=on_input>{value.get_untracked()}</textarea>
        }
        .into_any()
    } else {
        view! {
            <input id=id.clone() name=name type=kind autocomplete="off" required=required aria-invalid=invalid aria-describedby=described_by
                value=value.get_untracked() prop:value=move || value.get() on:input=on_input/>
        }
        .into_any()
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            {input}
            {hint.map(|text| view! { <p class="hint" id=hint_id.clone()>{text}</p> })}
            {move || message().map(|text| view! { <p class="field-error" id=error_id.clone()>{text}</p> })}
        </div>
    }
}

/// "{{a}}, {{b}}" for a warning.
fn braces(names: &[String]) -> String {
    names.iter().map(|name| format!("{{{{{name}}}}}")).collect::<Vec<_>>().join(", ")
}

/// `first` followed by the names of `second` it does not hold yet.
fn union(mut first: Vec<String>, second: Vec<String>) -> Vec<String> {
    for name in second {
        if !first.contains(&name) {
            first.push(name);
        }
    }
    first
}
