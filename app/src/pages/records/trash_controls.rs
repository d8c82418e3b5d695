//! The "Move to trash" button and the "in the trash, restore it" notice every record page shows.

use crate::api::trash::{DeleteRecord, RestoreRecord};
use crate::domain::records::RecordKind;
use crate::i18n_setup::{t, td_string, use_i18n, Locale};
use leptos::prelude::*;

#[component]
pub fn MoveToTrash(slug: String, kind: RecordKind, id: String) -> impl IntoView {
    let i18n = use_i18n();
    let delete = ServerAction::<DeleteRecord>::new();
    view! {
        <ActionForm action=delete attr:class="inline-form">
            <input type="hidden" name="slug" value=slug/>
            <input type="hidden" name="kind" value=kind.as_str()/>
            <input type="hidden" name="id" value=id/>
            <button class="button secondary" type="submit">{t!(i18n, common.records.move_to_trash)}</button>
        </ActionForm>
    }
}

/// "This contact is in the trash." (a sentence per kind: German articles follow the noun's gender).
fn in_trash_note(locale: Locale, kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Company => td_string!(locale, common.records.in_trash.company),
        RecordKind::Contact => td_string!(locale, common.records.in_trash.contact),
        RecordKind::Deal => td_string!(locale, common.records.in_trash.deal),
        RecordKind::Lead => td_string!(locale, common.records.in_trash.lead),
        RecordKind::Ticket => td_string!(locale, common.records.in_trash.ticket),
        RecordKind::Activity => td_string!(locale, common.records.in_trash.activity),
    }
}

/// Shown on a record that is in the trash; `restore` is the page's action, so the page reloads.
#[component]
pub fn RestoreNotice(slug: String, kind: RecordKind, id: String, restore: ServerAction<RestoreRecord>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="notice" role="status">
            {in_trash_note(i18n.get_locale_untracked(), kind)}
            <ActionForm action=restore attr:class="inline-form">
                <input type="hidden" name="slug" value=slug/>
                <input type="hidden" name="kind" value=kind.as_str()/>
                <input type="hidden" name="id" value=id/>
                <button class="link" type="submit">{t!(i18n, common.records.restore_it)}</button>
            </ActionForm>
        </div>
    }
}
