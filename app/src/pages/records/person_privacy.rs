//! The "Privacy" panel of a contact's or lead's page: the person's flags ("do not contact", "do
//! not process") with buttons to set and lift them, "Export everything about this person" (a ZIP
//! download), and for owners and admins "Erase this person…", whose confirmation (`?erase=1`)
//! names what goes and what stays before anything is removed. Every control is a plain form or
//! link, so the panel works without JavaScript.

use crate::api::person_privacy::{erasure_preview, export_path, ErasePerson, ErasureSummary, SetPrivacyFlag};
use crate::components::field::FormAlert;
use crate::domain::person_privacy::{PersonFlags, PrivacyFlag};
use crate::domain::records::RecordKind;
use crate::error::AppError;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// What the erasure confirmation needs, when the URL asks for it (`?erase=1`).
pub type ErasureState = Result<Option<ErasureSummary>, AppError>;

/// The erasure confirmation's list, loaded by the record page next to the record (a resource made
/// inside the page's `Suspense` would nest suspense, which Leptos cannot hydrate). Without
/// `?erase=1` it asks the server nothing.
pub fn erasure_resource(
    slug: impl Fn() -> String + Send + Sync + 'static,
    kind: RecordKind,
    id: impl Fn() -> String + Send + Sync + 'static,
) -> Resource<ErasureState> {
    let query = use_query_map();
    Resource::new(
        move || (slug(), id(), query.read().get("erase").is_some_and(|v| v == "1")),
        move |(slug, id, asked)| async move {
            if asked {
                erasure_preview(slug, kind, id).await.map(Some)
            } else {
                Ok(None)
            }
        },
    )
}

/// Whether the signed-in person is an owner or admin of this workspace.
fn is_admin() -> bool {
    use crate::domain::workspaces::Role;
    use_context::<crate::api::workspaces::WorkspaceShell>().is_some_and(|shell| matches!(shell.workspace.role, Role::Owner | Role::Admin))
}

/// The flags as badges (nothing when neither is set).
#[component]
pub fn PrivacyBadges(flags: PersonFlags) -> impl IntoView {
    view! {
        {flags.do_not_contact.then(|| view! { " " <span class="badge">{PrivacyFlag::DoNotContact.label()}</span> })}
        {flags.do_not_process.then(|| view! { " " <span class="badge danger">{PrivacyFlag::DoNotProcess.label()}</span> })}
    }
}

/// The notice a record's details show while it is marked "do not process".
#[component]
pub fn RestrictedNotice(flags: PersonFlags) -> impl IntoView {
    flags.do_not_process.then(|| {
        view! {
            <p class="notice" role="status">
                "Marked “do not process”: these details cannot be changed, no email can be sent and bulk actions skip this record until an owner or admin lifts the flag."
            </p>
        }
    })
}

/// "The person was erased" on a list the erasure returned to (`?erased=1`).
#[component]
pub fn ErasedNotice() -> impl IntoView {
    let query = use_query_map();
    move || {
        query.read().get("erased").is_some_and(|v| v == "1").then(|| {
            view! {
                <p class="notice" role="status">
                    "The person was erased. Their email addresses are on this workspace's suppression list and cannot be added again."
                </p>
            }
        })
    }
}

/// The panel. `flag_action` is the page's, so the page reloads the record after a change;
/// `can_edit` whether the caller may change the record.
#[component]
pub fn PersonPrivacyPanel(
    slug: String,
    kind: RecordKind,
    id: String,
    name: String,
    flags: PersonFlags,
    can_edit: bool,
    in_trash: bool,
    flag_action: ServerAction<SetPrivacyFlag>,
    erasure: ErasureState,
) -> impl IntoView {
    let admin = is_admin();
    let flag_error = Signal::derive(move || flag_action.value().get().and_then(Result::err));
    let page = format!("/w/{slug}/{}/{id}", kind.path());
    let flag_forms = (can_edit && !in_trash).then(|| {
        let button = |flag: PrivacyFlag, on: bool, label: &'static str| {
            view! { <FlagButton slug=slug.clone() kind id=id.clone() flag on label action=flag_action/> }.into_any()
        };
        let contact = if flags.do_not_contact {
            button(PrivacyFlag::DoNotContact, false, "Lift “do not contact”")
        } else {
            button(PrivacyFlag::DoNotContact, true, "Mark “do not contact”")
        };
        let process = match (flags.do_not_process, admin) {
            (false, _) => button(PrivacyFlag::DoNotProcess, true, "Mark “do not process”"),
            (true, true) => button(PrivacyFlag::DoNotProcess, false, "Lift “do not process”"),
            (true, false) => view! { <p class="hint">"Only an owner or admin can lift “do not process”."</p> }.into_any(),
        };
        view! {
            <div class="privacy-flags">{contact}{process}</div>
            <FormAlert error=flag_error/>
        }
    });
    let erase = admin.then(|| match erasure {
        Ok(Some(summary)) => view! { <EraseConfirmation slug=slug.clone() kind id=id.clone() name=name.clone() summary back=page.clone()/> }.into_any(),
        Ok(None) => view! { <p><a class="button secondary" href=format!("{page}?erase=1#erase-heading")>"Erase this person…"</a></p> }.into_any(),
        Err(error) => view! { <p class="form-error" role="alert">{error.to_string()}</p> }.into_any(),
    });
    view! {
        <section class="panel person-privacy" aria-labelledby="privacy-heading">
            <h2 id="privacy-heading">"Privacy"</h2>
            <p class="muted">
                {if flags.do_not_contact || flags.do_not_process { "Marked:" } else { "No privacy flags." }}
                <PrivacyBadges flags/>
            </p>
            <p class="hint">"“Do not contact”: no email can be sent to them. “Do not process”: kept, but not changed, emailed or included in bulk actions."</p>
            {flag_forms}
            <p>
                <a class="button secondary" href=export_path(&slug, kind, &id) download rel="external">"Export everything about this person"</a>
            </p>
            {erase}
        </section>
    }
}

/// A one-button form that sets (`on`) or lifts a flag.
#[component]
fn FlagButton(slug: String, kind: RecordKind, id: String, flag: PrivacyFlag, on: bool, label: &'static str, action: ServerAction<SetPrivacyFlag>) -> impl IntoView {
    view! {
        <ActionForm action attr:class="inline-form">
            <input type="hidden" name="slug" value=slug/>
            <input type="hidden" name="kind" value=kind.as_str()/>
            <input type="hidden" name="id" value=id/>
            <input type="hidden" name="flag" value=flag.column()/>
            <input type="hidden" name="on" value=on.to_string()/>
            <button class="button secondary small" type="submit" disabled=move || action.pending().get()>{label}</button>
        </ActionForm>
    }
}

/// The confirmation step: what goes, what stays, a box to tick and the button.
#[component]
fn EraseConfirmation(slug: String, kind: RecordKind, id: String, name: String, summary: ErasureSummary, back: String) -> impl IntoView {
    let erase = ServerAction::<ErasePerson>::new();
    let error = Signal::derive(move || erase.value().get().and_then(Result::err));
    let confirm_message = move || error.get().and_then(|e| e.field_message("confirm"));
    let count = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut goes: Vec<String> = summary.records.iter().map(|(kind, name)| format!("The {} “{}”", kind.label().to_lowercase(), name)).collect();
    if !summary.emails.is_empty() || summary.phones > 0 {
        goes.push(format!("{} ({}) and {}", count(summary.emails.len(), "email address", "email addresses"), summary.emails.join(", "), count(summary.phones, "phone number", "phone numbers")));
    }
    goes.push(format!("{} on them", count(summary.notes_removed, "note", "notes")));
    goes.push(format!("{} and {} that concern only them", count(summary.activities_removed, "activity", "activities"), count(summary.tickets_removed, "ticket", "tickets")));
    goes.push(format!("{} and {} to deals", count(summary.tag_links, "tag link", "tag links"), count(summary.deals.len(), "link", "links")));
    goes.push(format!("{} to them ({} sent), with the delivery records", count(summary.drafts, "email draft", "email drafts"), summary.drafts_sent));
    let mut stays: Vec<String> = Vec::new();
    if !summary.deals.is_empty() {
        stays.push(format!("The deals ({}), without the person", summary.deals.join(", ")));
    }
    if summary.notes_kept + summary.activities_kept + summary.tickets_kept > 0 {
        stays.push(format!(
            "{}, {} and {} that also concern other records or a company: without the link to the person",
            count(summary.notes_kept, "note", "notes"),
            count(summary.activities_kept, "activity", "activities"),
            count(summary.tickets_kept, "ticket", "tickets")
        ));
    }
    stays.push("In kept texts and in the history of other records, the person's name and addresses are replaced by “[erased]”".into());
    stays.push("The history keeps that an erasure happened, by whom and when, with no name or address".into());
    stays.push("Each email address as a one-way hash on the suppression list, so it cannot be added to this workspace again".into());
    view! {
        <div class="erase-confirm" role="region" aria-labelledby="erase-heading">
            <h3 id="erase-heading">{format!("Erase {name} for good?")}</h3>
            <p>"This removes the person at once. It does not go to the trash and cannot be undone."</p>
            <h4>"What goes"</h4>
            <ul>{goes.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
            <h4>"What stays"</h4>
            <ul>{stays.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
            <ActionForm action=erase attr:class="stack" attr:aria-label="Erase this person">
                <input type="hidden" name="slug" value=slug/>
                <input type="hidden" name="kind" value=kind.as_str()/>
                <input type="hidden" name="id" value=id/>
                <div class="field">
                    <label class="checkbox">
                        <input type="checkbox" name="confirm" value="true" required=true aria-invalid=move || confirm_message().is_some().then_some("true")/>
                        " I understand that this person is erased for good"
                    </label>
                    {move || confirm_message().map(|m| view! { <p class="field-error">{m}</p> })}
                </div>
                <FormAlert error/>
                <p class="header-actions">
                    <button class="button danger" type="submit" disabled=move || erase.pending().get()>"Erase permanently"</button>
                    <a class="button secondary" href=back>"Cancel"</a>
                </p>
            </ActionForm>
        </div>
    }
}
