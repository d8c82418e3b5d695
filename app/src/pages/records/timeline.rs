//! A record's timeline (changes and notes, newest first) and the form that adds a note.

use crate::api::notes::CreateNote;
use crate::api::records::{TimelineEntry, TimelineItem};
use crate::components::field::FormAlert;
use crate::domain::records::RecordKind;
use crate::i18n_setup::{t, t_string, td_string, use_i18n, Locale};
use leptos::prelude::*;

/// An activity's kind (`call`, …) as the timeline names it.
fn activity_kind_label(locale: Locale, kind: &str) -> &'static str {
    match kind {
        "call" => td_string!(locale, common.records.timeline_items.activity_kinds.call),
        "meeting" => td_string!(locale, common.records.timeline_items.activity_kinds.meeting),
        "task" => td_string!(locale, common.records.timeline_items.activity_kinds.task),
        "email" => td_string!(locale, common.records.timeline_items.activity_kinds.email),
        _ => td_string!(locale, common.kinds.activity),
    }
}

/// What an event did (`created`, …), after the name of who did it.
fn action_label(locale: Locale, action: &str) -> String {
    let label = match action {
        "created" => td_string!(locale, common.records.timeline_items.actions.created),
        "updated" => td_string!(locale, common.records.timeline_items.actions.updated),
        "deleted" => td_string!(locale, common.records.timeline_items.actions.deleted),
        "restored" => td_string!(locale, common.records.timeline_items.actions.restored),
        "moved" => td_string!(locale, common.records.timeline_items.actions.moved),
        "converted" => td_string!(locale, common.records.timeline_items.actions.converted),
        "completed" => td_string!(locale, common.records.timeline_items.actions.completed),
        "reopened" => td_string!(locale, common.records.timeline_items.actions.reopened),
        "emailed" => td_string!(locale, common.records.timeline_items.actions.emailed),
        other => other,
    };
    label.to_owned()
}

/// A changed field's name (`first_name` → "first name"); a field without a translation shows its
/// name with spaces.
fn field_label(locale: Locale, field: &str) -> String {
    let label = match field {
        "amount" => td_string!(locale, common.records.timeline_items.fields.amount),
        "assignee" => td_string!(locale, common.records.timeline_items.fields.assignee),
        "city" => td_string!(locale, common.records.timeline_items.fields.city),
        "company" => td_string!(locale, common.records.timeline_items.fields.company),
        "company_name" => td_string!(locale, common.records.timeline_items.fields.company_name),
        "contact" => td_string!(locale, common.records.timeline_items.fields.contact),
        "country" => td_string!(locale, common.records.timeline_items.fields.country),
        "currency" => td_string!(locale, common.records.timeline_items.fields.currency),
        "deal" => td_string!(locale, common.records.timeline_items.fields.deal),
        "description" => td_string!(locale, common.records.timeline_items.fields.description),
        "do_not_contact" => td_string!(locale, common.records.timeline_items.fields.do_not_contact),
        "do_not_process" => td_string!(locale, common.records.timeline_items.fields.do_not_process),
        "domain" => td_string!(locale, common.records.timeline_items.fields.domain),
        "due" => td_string!(locale, common.records.timeline_items.fields.due),
        "email" => td_string!(locale, common.records.timeline_items.fields.email),
        "emails" => td_string!(locale, common.records.timeline_items.fields.emails),
        "expected_close" => td_string!(locale, common.records.timeline_items.fields.expected_close),
        "first_name" => td_string!(locale, common.records.timeline_items.fields.first_name),
        "industry" => td_string!(locale, common.records.timeline_items.fields.industry),
        "job_title" => td_string!(locale, common.records.timeline_items.fields.job_title),
        "kind" => td_string!(locale, common.records.timeline_items.fields.kind),
        "last_name" => td_string!(locale, common.records.timeline_items.fields.last_name),
        "linkedin_url" => td_string!(locale, common.records.timeline_items.fields.linkedin_url),
        "lost_reason" => td_string!(locale, common.records.timeline_items.fields.lost_reason),
        "name" => td_string!(locale, common.records.timeline_items.fields.name),
        "owner" => td_string!(locale, common.records.timeline_items.fields.owner),
        "phone" => td_string!(locale, common.records.timeline_items.fields.phone),
        "phones" => td_string!(locale, common.records.timeline_items.fields.phones),
        "postal_code" => td_string!(locale, common.records.timeline_items.fields.postal_code),
        "priority" => td_string!(locale, common.records.timeline_items.fields.priority),
        "region" => td_string!(locale, common.records.timeline_items.fields.region),
        "size" => td_string!(locale, common.records.timeline_items.fields.size),
        "source" => td_string!(locale, common.records.timeline_items.fields.source),
        "stage" => td_string!(locale, common.records.timeline_items.fields.stage),
        "status" => td_string!(locale, common.records.timeline_items.fields.status),
        "street" => td_string!(locale, common.records.timeline_items.fields.street),
        "subject" => td_string!(locale, common.records.timeline_items.fields.subject),
        "tag" => td_string!(locale, common.records.timeline_items.fields.tag),
        "ticket" => td_string!(locale, common.records.timeline_items.fields.ticket),
        "to" => td_string!(locale, common.records.timeline_items.fields.to),
        other => return other.replace('_', " "),
    };
    label.to_owned()
}

#[component]
pub fn Timeline(items: Vec<TimelineItem>, slug: String) -> impl IntoView {
    let i18n = use_i18n();
    let locale = i18n.get_locale_untracked();
    if items.is_empty() {
        return view! { <p class="muted">{t!(i18n, common.records.timeline_items.empty)}</p> }.into_any();
    }
    view! {
        <ol class="timeline">
            {items.into_iter().map(|item| {
                let who = item.who.unwrap_or_else(|| t_string!(i18n, common.records.timeline_items.former_member).to_owned());
                let when = super::format_time(item.at);
                match item.entry {
                    TimelineEntry::Note { body } => view! {
                        <li class="timeline-note">
                            <p class="timeline-meta"><strong>{who}</strong>{t_string!(i18n, common.records.timeline_items.added_note)}<time>{when}</time></p>
                            <NoteBody body/>
                        </li>
                    }.into_any(),
                    TimelineEntry::Activity { activity_id, kind, subject, due_at, done } => view! {
                        <li class="timeline-activity" class:done=done>
                            <p class="timeline-meta">
                                <span class="badge">{activity_kind_label(locale, &kind)}</span>" "
                                {if done { t_string!(i18n, common.records.timeline_items.done) } else { t_string!(i18n, common.records.timeline_items.planned) }}
                                {t_string!(i18n, common.records.timeline_items.for_whom)} <strong>{who}</strong>
                                {due_at.map(|at| view! { {t_string!(i18n, common.records.timeline_items.due)} <time>{super::format_time(at)}</time> })}
                            </p>
                            <p><a href=format!("/w/{slug}/activities/{activity_id}")>{subject}</a></p>
                        </li>
                    }.into_any(),
                    TimelineEntry::Event { action, changes } => view! {
                        <li class="timeline-event">
                            <p class="timeline-meta"><strong>{who}</strong>" " {action_label(locale, &action)} " · " <time>{when}</time></p>
                            {(!changes.is_empty()).then(|| view! {
                                <ul class="changes">
                                    {changes.into_iter().map(|(field, before, after)| view! {
                                        <li>
                                            <span class="field-name">{field_label(locale, &field)}</span>": "
                                            {(!before.is_empty()).then(|| view! { <del>{before}</del>" → " })}
                                            <ins>{if after.is_empty() { t_string!(i18n, common.records.timeline_items.empty_value).to_owned() } else { after }}</ins>
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
    let i18n = use_i18n();
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
        <ActionForm action=action node_ref=form_ref attr:class="stack note-form" attr:aria-label=t_string!(i18n, common.records.timeline_items.new_note)>
            <input type="hidden" name="slug" value=slug/>
            <input type="hidden" name="record_kind" value=kind.as_str()/>
            <input type="hidden" name="record_id" value=record_id/>
            <div class="field">
                <label for="note-body">{t!(i18n, common.records.timeline_items.note_label)}</label>
                <textarea id="note-body" name="body" rows="3" required=true
                    aria-invalid=move || body_error().is_some().then_some("true")></textarea>
                {move || body_error().map(|m| view! { <p class="field-error">{m}</p> })}
            </div>
            <FormAlert error/>
            <button class="button secondary" type="submit" disabled=move || action.pending().get()>{t!(i18n, common.records.timeline_items.add_note)}</button>
        </ActionForm>
    }
}
