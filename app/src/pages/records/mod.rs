//! Pieces every record page uses: dates, the header and timeline, the note form, pickers, list paging.

mod frame;
mod list_tools;
mod person_privacy;
mod pickers;
mod tag_editor;
mod timeline;
mod trash_controls;

pub use frame::{RecordHeader, TimelinePanel};
pub use list_tools::{use_list_params, BulkBar, EmptyList, ListFilters, ListParams, RowCheckbox, SortableHeadings, TagChips};
pub use person_privacy::{erasure_resource, ErasedNotice, ErasureState, PersonPrivacyPanel, PrivacyBadges, RestrictedNotice};
pub use pickers::{choices_resource, use_choices, MemberSelect, RecordSelect, WithChoices};
pub use tag_editor::TagEditor;
pub use timeline::{NoteForm, Timeline};
pub use trash_controls::{MoveToTrash, RestoreNotice};

use crate::domain::records::RecordKind;
use crate::i18n_setup::{t, t_string, td_string, use_i18n, Locale};
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// Whether the signed-in person may create and change records here (every role but viewer), from
/// the workspace layout's context.
pub fn can_write() -> bool {
    use_context::<crate::api::workspaces::WorkspaceShell>().is_some_and(|shell| shell.workspace.role != crate::domain::workspaces::Role::Viewer)
}

/// The current workspace's slug from the URL.
pub fn use_slug() -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let params = use_params_map();
    move || params.read().get("slug").unwrap_or_default()
}

/// The `:id` segment of the URL.
pub fn use_record_id() -> impl Fn() -> String + Copy + Send + Sync + 'static {
    let params = use_params_map();
    move || params.read().get("id").unwrap_or_default()
}

/// `2026-11-27 14:05 UTC`, or in the signed-in person's time zone (`2026-11-27 15:05 UTC+01:00`)
/// inside a workspace, whose layout provides the `Zone`: the same text on the server and in the
/// browser (so hydration matches), computed without a date crate to keep the bundle small.
pub fn format_time(unix_ms: i64) -> String {
    use_context::<crate::domain::dates::Zone>().unwrap_or_default().format_in(unix_ms, crate::i18n_setup::current_locale())
}

/// A kind of record as the interface names it ("Contact"; the domain's `label` stays English
/// for exports and the audit log).
pub fn kind_label(locale: Locale, kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Company => td_string!(locale, common.kinds.company),
        RecordKind::Contact => td_string!(locale, common.kinds.contact),
        RecordKind::Deal => td_string!(locale, common.kinds.deal),
        RecordKind::Lead => td_string!(locale, common.kinds.lead),
        RecordKind::Ticket => td_string!(locale, common.kinds.ticket),
        RecordKind::Activity => td_string!(locale, common.kinds.activity),
    }
}

/// The plural of `kind_label` ("Contacts").
pub fn kind_plural(locale: Locale, kind: RecordKind) -> &'static str {
    match kind {
        RecordKind::Company => td_string!(locale, common.kinds_plural.company),
        RecordKind::Contact => td_string!(locale, common.kinds_plural.contact),
        RecordKind::Deal => td_string!(locale, common.kinds_plural.deal),
        RecordKind::Lead => td_string!(locale, common.kinds_plural.lead),
        RecordKind::Ticket => td_string!(locale, common.kinds_plural.ticket),
        RecordKind::Activity => td_string!(locale, common.kinds_plural.activity),
    }
}

/// A label as it reads inside a sentence: English writes it in lower case there ("No contacts
/// yet"), German keeps its nouns capitalised ("Noch keine Kontakte").
pub fn in_sentence(label: &str, locale: Locale) -> String {
    match locale {
        Locale::en => label.to_lowercase(),
        Locale::de => label.to_owned(),
    }
}

/// "Next page" / "First page" links that keep the list's other query parameters.
#[component]
pub fn Pager(base: String, query: String, next: Option<String>, is_first: bool) -> impl IntoView {
    let i18n = use_i18n();
    let join = if query.is_empty() { String::new() } else { format!("{query}&") };
    view! {
        <nav class="pager" aria-label=t_string!(i18n, common.records.pages)>
            {(!is_first).then(|| view! { <a class="button secondary" href=format!("{base}?{query}")>{t!(i18n, common.records.first_page)}</a> })}
            {next.map(|cursor| view! { <a class="button secondary" href=format!("{base}?{join}after={cursor}")>{t!(i18n, common.records.next_page)}</a> })}
        </nav>
    }
}

/// Shows a failed load: "not found" as the 404 page, anything else as an alert.
#[component]
pub fn ErrorNotice(error: crate::error::AppError) -> impl IntoView {
    match error {
        crate::error::AppError::NotFound => view! { <crate::pages::not_found::NotFoundMessage/> }.into_any(),
        other => view! { <p class="form-error" role="alert">{other.message(crate::i18n_setup::current_locale())}</p> }.into_any(),
    }
}

/// Percent-encodes a query value.
pub fn encode_query(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => (b as char).to_string(),
            other => format!("%{other:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_formatted_in_utc() {
        assert_eq!(format_time(0), "1970-01-01 00:00 UTC");
        assert_eq!(format_time(1_795_737_600_000 + 14 * 3_600_000 + 5 * 60_000), "2026-11-27 14:05 UTC");
        assert_eq!(format_time(951_782_400_000), "2000-02-29 00:00 UTC");
    }
}
