//! A record's timeline (changes and notes, newest first) and the form that adds a note.

use crate::api::notes::CreateNote;
use crate::api::records::{TimelineEntry, TimelineItem};
use crate::components::field::FormAlert;
use crate::domain::records::RecordKind;
use leptos::prelude::*;

#[component]
pub fn Timeline(items: Vec<TimelineItem>, slug: String) -> impl IntoView {
    if items.is_empty() {
        return view! { <p class="muted">"Nothing has happened here yet."</p> }.into_any();
    }
    view! {
        <ol class="timeline">
            {items.into_iter().map(|item| {
                let who = item.who.unwrap_or_else(|| "Former member".into());
                let when = super::format_time(item.at);
                match item.entry {
                    TimelineEntry::Note { body } => view! {
                        <li class="timeline-note">
                            <p class="timeline-meta"><strong>{who}</strong>" added a note · "<time>{when}</time></p>
                            <NoteBody body/>
                        </li>
                    }.into_any(),
                    TimelineEntry::Activity { activity_id, kind, subject, due_at, done } => view! {
                        <li class="timeline-activity" class:done=done>
                            <p class="timeline-meta">
                                <span class="badge">{crate::domain::activities::kind_label(&kind)}</span>" "
                                {if done { "Done" } else { "Planned" }} " · for " <strong>{who}</strong>
                                {due_at.map(|at| view! { " · due " <time>{super::format_time(at)}</time> })}
                            </p>
                            <p><a href=format!("/w/{slug}/activities/{activity_id}")>{subject}</a></p>
                        </li>
                    }.into_any(),
                    TimelineEntry::Event { action, changes } => view! {
                        <li class="timeline-event">
                            <p class="timeline-meta"><strong>{who}</strong>" " {action} " · " <time>{when}</time></p>
                            {(!changes.is_empty()).then(|| view! {
                                <ul class="changes">
                                    {changes.into_iter().map(|(field, before, after)| view! {
                                        <li>
                                            <span class="field-name">{field.replace('_', " ")}</span>": "
                                            {(!before.is_empty()).then(|| view! { <del>{before}</del>" → " })}
                                            <ins>{if after.is_empty() { "(empty)".to_owned() } else { after }}</ins>
                                        </li>
                                    }).collect_view()}
                                </ul>
                            })}
                        </li>
                    }.into_any(),
                }
            }).collect_view()}
        </ol>
    }
    .into_any()
}

/// Note text: escaped by Leptos, line breaks kept, http(s) links made clickable.
#[component]
fn NoteBody(body: String) -> impl IntoView {
    view! {
        <div class="note-body">
            {body.lines().map(|line| view! {
                <p>
                    {line.split_inclusive(' ').map(|word| {
                        let bare = word.trim_end();
                        if bare.starts_with("https://") || bare.starts_with("http://") {
                            let trailing = word[bare.len()..].to_owned();
                            view! { <a href=bare.to_owned() rel="noopener nofollow ugc" target="_blank">{bare.to_owned()}</a>{trailing} }.into_any()
                        } else {
                            word.to_owned().into_any()
                        }
                    }).collect_view()}
                </p>
            }).collect_view()}
        </div>
    }
}

/// Adds a note to the record; `saved` runs after the server accepted it.
#[component]
pub fn NoteForm(slug: String, kind: RecordKind, record_id: String, #[prop(into)] saved: Callback<()>) -> impl IntoView {
    let action = ServerAction::<CreateNote>::new();
    let error = Signal::derive(move || action.value().get().and_then(Result::err));
    let form_ref = NodeRef::<leptos::html::Form>::new();
    Effect::new(move |_| {
        if let Some(Ok(())) = action.value().get() {
            if let Some(form) = form_ref.get() {
                form.reset();
            }
            saved.run(());
        }
    });
    let body_error = move || error.get().and_then(|e| e.field_message("body"));
    view! {
        <ActionForm action=action node_ref=form_ref attr:class="stack note-form" attr:aria-label="New note">
            <input type="hidden" name="slug" value=slug/>
            <input type="hidden" name="record_kind" value=kind.as_str()/>
            <input type="hidden" name="record_id" value=record_id/>
            <div class="field">
                <label for="note-body">"Add a note"</label>
                <textarea id="note-body" name="body" rows="3" required=true
                    aria-invalid=move || body_error().is_some().then_some("true")></textarea>
                {move || body_error().map(|m| view! { <p class="field-error">{m}</p> })}
            </div>
            <FormAlert error/>
            <button class="button secondary" type="submit" disabled=move || action.pending().get()>"Add note"</button>
        </ActionForm>
    }
}
