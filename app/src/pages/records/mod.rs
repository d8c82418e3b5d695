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
    use_context::<crate::domain::dates::Zone>().unwrap_or_default().format(unix_ms)
}

/// "Next page" / "First page" links that keep the list's other query parameters.
#[component]
pub fn Pager(base: String, query: String, next: Option<String>, is_first: bool) -> impl IntoView {
    let join = if query.is_empty() { String::new() } else { format!("{query}&") };
    view! {
        <nav class="pager" aria-label="Pages">
            {(!is_first).then(|| view! { <a class="button secondary" href=format!("{base}?{query}")>"First page"</a> })}
            {next.map(|cursor| view! { <a class="button secondary" href=format!("{base}?{join}after={cursor}")>"Next page"</a> })}
        </nav>
    }
}

/// Shows a failed load: "not found" as the 404 page, anything else as an alert.
#[component]
pub fn ErrorNotice(error: crate::error::AppError) -> impl IntoView {
    match error {
        crate::error::AppError::NotFound => view! { <crate::pages::not_found::NotFoundMessage/> }.into_any(),
        other => view! { <p class="form-error" role="alert">{other.to_string()}</p> }.into_any(),
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
