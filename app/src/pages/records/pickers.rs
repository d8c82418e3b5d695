//! Drop-downs that pick a record of the workspace or one of its members, from the `Choices` the
//! page loaded and provided (see `use_choices`).

use crate::api::records::Choices;
use crate::components::field::{FormError, SelectField};
use crate::domain::records::RecordKind;
use crate::i18n_setup::{t, t_string, use_i18n};
use leptos::prelude::*;

/// The choices the page provided with `<Provider value=choices>` (empty lists when none).
pub fn use_choices() -> Choices {
    use_context::<Choices>().unwrap_or_default()
}

/// A drop-down of the workspace's live records of one kind, with "None" first.
#[component]
pub fn RecordSelect(kind: RecordKind, name: &'static str, label: &'static str, #[prop(into)] selected: String, error: FormError) -> impl IntoView {
    let i18n = use_i18n();
    let mut options = vec![(String::new(), t_string!(i18n, common.records.none).to_owned())];
    options.extend(use_choices().names(kind).iter().cloned());
    view! { <SelectField name label options selected error/> }
}

/// A drop-down of the workspace's members; the first option (`none`) leaves it empty.
#[component]
pub fn MemberSelect(name: &'static str, label: &'static str, none: &'static str, #[prop(into)] selected: String, error: FormError) -> impl IntoView {
    let mut options = vec![(String::new(), none.to_owned())];
    options.extend(use_choices().members);
    view! { <SelectField name label options selected error/> }
}

/// The page-level resource of the choices a page's forms need (see `load_choices` for `needs`).
pub fn choices_resource(slug: impl Fn() -> String + Send + Sync + 'static, needs: &'static str) -> Resource<Result<Choices, crate::error::AppError>> {
    Resource::new(slug, move |slug| crate::api::records::load_choices(slug, needs.to_owned()))
}

/// Shows `children` once the page's choices have loaded, with them in context (for pages whose
/// forms are not already inside a `Suspense` of the page).
#[component]
pub fn WithChoices(choices: Resource<Result<Choices, crate::error::AppError>>, children: ChildrenFn) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <Suspense fallback=move || view! { <p class="muted">{t!(i18n, common.loading)}</p> }>
            {move || {
                let children = children.clone();
                Suspend::new(async move {
                    let choices = choices.await.unwrap_or_default();
                    view! { <leptos::context::Provider value=choices>{children()}</leptos::context::Provider> }
                })
            }}
        </Suspense>
    }
}
