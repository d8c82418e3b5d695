//! The parts every record page shares: the header (back link, name, trash controls) and the
//! timeline panel with its note form.

use super::{MoveToTrash, NoteForm, RestoreNotice, Timeline};
use crate::api::records::TimelineItem;
use crate::api::trash::RestoreRecord;
use crate::domain::records::RecordKind;
use crate::i18n_setup::{t, use_i18n};
use leptos::prelude::*;
use leptos_meta::Title;

/// Back link, title with "Move to trash", the meta line (children) and, for a record in the trash,
/// the notice that restores it.
#[component]
pub fn RecordHeader(
    slug: String,
    kind: RecordKind,
    id: String,
    title: String,
    /// Where "back" goes and what it says.
    back: (String, &'static str),
    in_trash: bool,
    /// Whether the caller may change the record (trash and restore it).
    can_edit: bool,
    restore: ServerAction<RestoreRecord>,
    children: Children,
) -> impl IntoView {
    let delete_form = (!in_trash && can_edit).then(|| view! { <MoveToTrash slug=slug.clone() kind id=id.clone()/> });
    let restore_notice = (in_trash && can_edit).then(|| view! { <RestoreNotice slug=slug.clone() kind id=id.clone() restore/> });
    view! {
        <Title text=title.clone()/>
        <p><a href=back.0>{format!("← {}", back.1)}</a></p>
        <header class="page-header">
            <h1>{title}</h1>
            {delete_form}
        </header>
        <p class="muted">{children()}</p>
        {restore_notice}
    }
}

/// The record's timeline, with the note form while the record is live (not for viewers, who
/// write nothing).
#[component]
pub fn TimelinePanel(slug: String, kind: RecordKind, id: String, in_trash: bool, items: Vec<TimelineItem>, notes_added: RwSignal<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let in_trash = in_trash || !super::can_write();
    let note_form = (!in_trash).then(|| {
        view! { <NoteForm slug=slug.clone() kind record_id=id.clone() saved=move |()| notes_added.update(|n| *n += 1)/> }
    });
    let plan = (!in_trash && kind != RecordKind::Activity)
        .then(|| view! { <a href=format!("/w/{slug}/activities/new?{}={id}", kind.as_str())>{t!(i18n, common.records.plan_activity)}</a> });
    view! {
        <section class="panel" aria-labelledby="timeline-heading">
            <header class="panel-header">
                <h2 id="timeline-heading">{t!(i18n, common.records.timeline)}</h2>
                {plan}
            </header>
            {note_form}
            <Timeline items slug=slug.clone()/>
        </section>
    }
}
