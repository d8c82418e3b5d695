//! The "Move to trash" button and the "in the trash, restore it" notice every record page shows.

use crate::api::trash::{DeleteRecord, RestoreRecord};
use crate::domain::records::RecordKind;
use leptos::prelude::*;

#[component]
pub fn MoveToTrash(slug: String, kind: RecordKind, id: String) -> impl IntoView {
    let delete = ServerAction::<DeleteRecord>::new();
    view! {
        <ActionForm action=delete attr:class="inline-form">
            <input type="hidden" name="slug" value=slug/>
            <input type="hidden" name="kind" value=kind.as_str()/>
            <input type="hidden" name="id" value=id/>
            <button class="button secondary" type="submit">"Move to trash"</button>
        </ActionForm>
    }
}

/// Shown on a record that is in the trash; `restore` is the page's action, so the page reloads.
#[component]
pub fn RestoreNotice(slug: String, kind: RecordKind, id: String, restore: ServerAction<RestoreRecord>) -> impl IntoView {
    view! {
        <div class="notice" role="status">
            {format!("This {} is in the trash. ", kind.label().to_lowercase())}
            <ActionForm action=restore attr:class="inline-form">
                <input type="hidden" name="slug" value=slug/>
                <input type="hidden" name="kind" value=kind.as_str()/>
                <input type="hidden" name="id" value=id/>
                <button class="link" type="submit">"Restore it"</button>
            </ActionForm>
        </div>
    }
}
