//! Drop-downs that pick a record of the workspace or one of its members.

use crate::api::records::list_record_names;
use crate::api::workspaces::list_members;
use crate::components::field::{FormError, SelectField};
use crate::domain::records::RecordKind;
use leptos::prelude::*;

/// A drop-down of the workspace's live records of one kind, with "None" first.
#[component]
pub fn RecordSelect(slug: String, kind: RecordKind, name: &'static str, label: &'static str, #[prop(into)] selected: String, error: FormError) -> impl IntoView {
    let names = Resource::new(move || (slug.clone(), kind), |(slug, kind)| list_record_names(slug, kind));
    view! {
        <Suspense fallback=move || view! { <p class="muted">{format!("Loading {}…", kind.path())}</p> }>
            {move || {
                let selected = selected.clone();
                Suspend::new(async move {
                    let mut options = vec![(String::new(), "None".to_owned())];
                    options.extend(names.await.unwrap_or_default());
                    view! { <SelectField name label options selected error/> }
                })
            }}
        </Suspense>
    }
}

/// A drop-down of the workspace's members; the first option (`none`) leaves it empty.
#[component]
pub fn MemberSelect(slug: String, name: &'static str, label: &'static str, none: &'static str, #[prop(into)] selected: String, error: FormError) -> impl IntoView {
    let members = Resource::new(move || slug.clone(), list_members);
    view! {
        <Suspense fallback=|| view! { <p class="muted">"Loading members…"</p> }>
            {move || {
                let selected = selected.clone();
                Suspend::new(async move {
                    let mut options = vec![(String::new(), none.to_owned())];
                    options.extend(members.await.unwrap_or_default());
                    view! { <SelectField name label options selected error/> }
                })
            }}
        </Suspense>
    }
}
