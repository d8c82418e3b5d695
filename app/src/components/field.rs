//! Form fields that show their own validation message next to the input.

use crate::error::AppError;
use leptos::prelude::*;

/// The last error of a form's action, as a signal the fields read.
pub type FormError = Signal<Option<AppError>>;

/// The key of a field's error message: `fields[city]` (or `conversion[deal_name]`) reports as
/// `city` (`deal_name`).
fn error_key(name: &str) -> &str {
    name.split_once('[').and_then(|(_, rest)| rest.strip_suffix(']')).filter(|inner| !inner.contains('[')).unwrap_or(name)
}

/// The element id for a form name (`fields[city]` → `field-city`).
fn field_id(name: &str) -> String {
    format!("field-{}", error_key(name))
}

/// A labelled text input with its error message underneath.
#[component]
pub fn TextField(
    /// The name the server function takes (`email`, or `fields[city]` for a nested struct).
    name: &'static str,
    label: &'static str,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] autocomplete: &'static str,
    #[prop(optional)] required: bool,
    #[prop(optional)] hint: Option<&'static str>,
    error: FormError,
    /// Extra input handler (for the strength meter).
    #[prop(optional, into)] on_input: Option<Callback<String>>,
    /// The value the field starts with.
    #[prop(optional, into)] value: String,
) -> impl IntoView {
    let id = field_id(name);
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-hint");
    let message = move || error.get().and_then(|e| e.field_message(error_key(name)));
    let described_by = {
        let error_id = error_id.clone();
        let hint_id = hint_id.clone();
        move || {
            let mut ids = Vec::new();
            if hint.is_some() {
                ids.push(hint_id.clone());
            }
            if message().is_some() {
                ids.push(error_id.clone());
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <input
                id=id.clone()
                name=name
                type=kind
                value=value
                autocomplete=(!autocomplete.is_empty()).then_some(autocomplete)
                required=required
                aria-invalid=move || message().is_some().then_some("true")
                aria-describedby=described_by
                on:input=move |ev| {
                    if let Some(callback) = on_input {
                        callback.run(event_target_value(&ev));
                    }
                }
            />
            {hint.map(|text| view! { <p class="hint" id=hint_id.clone()>{text}</p> })}
            {move || message().map(|text| view! { <p class="field-error" id=error_id.clone()>{text}</p> })}
        </div>
    }
}

/// A labelled drop-down with its error message; `options` are (value, label) pairs.
#[component]
pub fn SelectField(
    name: &'static str,
    label: &'static str,
    options: Vec<(String, String)>,
    #[prop(optional, into)] selected: String,
    error: FormError,
) -> impl IntoView {
    let id = field_id(name);
    let error_id = format!("{id}-error");
    let message = move || error.get().and_then(|e| e.field_message(error_key(name)));
    view! {
        <div class="field">
            <label for=id.clone()>{label}</label>
            <select id=id.clone() name=name aria-invalid=move || message().is_some().then_some("true")>
                {options.into_iter().map(|(value, text)| {
                    let is_selected = value == selected;
                    view! { <option value=value selected=is_selected>{text}</option> }
                }).collect_view()}
            </select>
            {move || message().map(|text| view! { <p class="field-error" id=error_id.clone()>{text}</p> })}
        </div>
    }
}

/// A required checkbox with its label text and error message.
#[component]
pub fn CheckboxField(name: &'static str, error: FormError, children: Children) -> impl IntoView {
    let id = format!("field-{name}");
    let error_id = format!("{id}-error");
    let message = move || error.get().and_then(|e| e.field_message(name));
    view! {
        <div class="field">
            <label class="checkbox" for=id.clone()>
                <input
                    type="checkbox"
                    id=id.clone()
                    name=name
                    value="on"
                    required=true
                    aria-invalid=move || message().is_some().then_some("true")
                    aria-describedby={
                        let error_id = error_id.clone();
                        move || message().is_some().then(|| error_id.clone())
                    }
                />
                <span>{children()}</span>
            </label>
            {move || message().map(|text| view! { <p class="field-error" id=error_id.clone()>{text}</p> })}
        </div>
    }
}

/// The error that belongs to no field (wrong credentials, a limit, an internal failure).
#[component]
pub fn FormAlert(error: FormError) -> impl IntoView {
    let locale = crate::i18n_setup::current_locale();
    move || {
        error.get().map(|e| match e {
            AppError::Validation { .. } => crate::i18n_setup::td_string!(locale, errors.generic.correct_fields_below).to_owned(),
            other => other.message(locale),
        })
        .map(|text| view! { <p class="form-error" role="alert">{upper_first(&text)}</p> })
    }
}

fn upper_first(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}
