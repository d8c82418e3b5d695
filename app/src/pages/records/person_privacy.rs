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
use crate::i18n_setup::{t, t_string, use_i18n, Locale};
use leptos::prelude::*;
use leptos_i18n::I18nContext;
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

/// A flag as the pages and badges name it.
fn flag_label(i18n: I18nContext<Locale>, flag: PrivacyFlag) -> &'static str {
    match flag {
        PrivacyFlag::DoNotContact => t_string!(i18n, privacy.person.do_not_contact),
        PrivacyFlag::DoNotProcess => t_string!(i18n, privacy.person.do_not_process),
    }
}

/// The flags as badges (nothing when neither is set).
#[component]
pub fn PrivacyBadges(flags: PersonFlags) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        {flags.do_not_contact.then(|| view! { " " <span class="badge">{flag_label(i18n, PrivacyFlag::DoNotContact)}</span> })}
        {flags.do_not_process.then(|| view! { " " <span class="badge danger">{flag_label(i18n, PrivacyFlag::DoNotProcess)}</span> })}
    }
}

/// The notice a record's details show while it is marked "do not process".
#[component]
pub fn RestrictedNotice(flags: PersonFlags) -> impl IntoView {
    let i18n = use_i18n();
    flags.do_not_process.then(|| {
        view! {
            <p class="notice" role="status">{t!(i18n, privacy.person.restricted)}</p>
        }
    })
}

/// "The person was erased" on a list the erasure returned to (`?erased=1`).
#[component]
pub fn ErasedNotice() -> impl IntoView {
    let query = use_query_map();
    let i18n = use_i18n();
    move || {
        query.read().get("erased").is_some_and(|v| v == "1").then(|| {
            view! {
                <p class="notice" role="status">{t!(i18n, privacy.person.erased)}</p>
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
    let i18n = use_i18n();
    let flag_error = Signal::derive(move || flag_action.value().get().and_then(Result::err));
    let page = format!("/w/{slug}/{}/{id}", kind.path());
    let flag_forms = (can_edit && !in_trash).then(|| {
        let button = |flag: PrivacyFlag, on: bool, label: &'static str| {
            view! { <FlagButton slug=slug.clone() kind id=id.clone() flag on label action=flag_action/> }.into_any()
        };
        let contact = if flags.do_not_contact {
            button(PrivacyFlag::DoNotContact, false, t_string!(i18n, privacy.person.lift_contact))
        } else {
            button(PrivacyFlag::DoNotContact, true, t_string!(i18n, privacy.person.mark_contact))
        };
        let process = match (flags.do_not_process, admin) {
            (false, _) => button(PrivacyFlag::DoNotProcess, true, t_string!(i18n, privacy.person.mark_process)),
            (true, true) => button(PrivacyFlag::DoNotProcess, false, t_string!(i18n, privacy.person.lift_process)),
            (true, false) => view! { <p class="hint">{t!(i18n, privacy.person.only_admin_lifts)}</p> }.into_any(),
        };
        view! {
            <div class="privacy-flags">{contact}{process}</div>
            <FormAlert error=flag_error/>
        }
    });
    let erase = admin.then(|| match erasure {
        Ok(Some(summary)) => view! { <EraseConfirmation slug=slug.clone() kind id=id.clone() name=name.clone() summary back=page.clone()/> }.into_any(),
        Ok(None) => view! { <p><a class="button secondary" href=format!("{page}?erase=1#erase-heading")>{t!(i18n, privacy.person.erase_link)}</a></p> }.into_any(),
        Err(error) => view! { <p class="form-error" role="alert">{error.message(crate::i18n_setup::current_locale())}</p> }.into_any(),
    });
    view! {
        <section class="panel person-privacy" aria-labelledby="privacy-heading">
            <h2 id="privacy-heading">{t!(i18n, privacy.person.heading)}</h2>
            <p class="muted">
                {if flags.do_not_contact || flags.do_not_process {
                    t_string!(i18n, privacy.person.marked)
                } else {
                    t_string!(i18n, privacy.person.no_flags)
                }}
                <PrivacyBadges flags/>
            </p>
            <p class="hint">{t!(i18n, privacy.person.flags_hint)}</p>
            {flag_forms}
            <p>
                <a class="button secondary" href=export_path(&slug, kind, &id) download rel="external">{t!(i18n, privacy.person.export)}</a>
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
    let i18n = use_i18n();
    let count = |n: usize, one: &str, many: &str| t_string!(i18n, privacy.person.erase.count, n = n, what = if n == 1 { one } else { many }).to_string();
    let notes = |n| count(n, t_string!(i18n, privacy.person.erase.note), t_string!(i18n, privacy.person.erase.notes));
    let activities = |n| count(n, t_string!(i18n, privacy.person.erase.activity), t_string!(i18n, privacy.person.erase.activities));
    let tickets = |n| count(n, t_string!(i18n, privacy.person.erase.ticket), t_string!(i18n, privacy.person.erase.tickets));
    let mut goes: Vec<String> = summary
        .records
        .iter()
        .map(|(kind, name)| match kind {
            RecordKind::Lead => t_string!(i18n, privacy.person.erase.the_lead, name = name).to_string(),
            _ => t_string!(i18n, privacy.person.erase.the_contact, name = name).to_string(),
        })
        .collect();
    if !summary.emails.is_empty() || summary.phones > 0 {
        goes.push(
            t_string!(
                i18n,
                privacy.person.erase.emails_and_phones,
                emails = count(summary.emails.len(), t_string!(i18n, privacy.person.erase.email_address), t_string!(i18n, privacy.person.erase.email_addresses)),
                list = summary.emails.join(", "),
                phones = count(summary.phones, t_string!(i18n, privacy.person.erase.phone_number), t_string!(i18n, privacy.person.erase.phone_numbers))
            )
            .to_string(),
        );
    }
    goes.push(t_string!(i18n, privacy.person.erase.notes_on_them, notes = notes(summary.notes_removed)).to_string());
    goes.push(
        t_string!(i18n, privacy.person.erase.only_them, activities = activities(summary.activities_removed), tickets = tickets(summary.tickets_removed))
            .to_string(),
    );
    goes.push(
        t_string!(
            i18n,
            privacy.person.erase.links,
            tag_links = count(summary.tag_links, t_string!(i18n, privacy.person.erase.tag_link), t_string!(i18n, privacy.person.erase.tag_links)),
            links = count(summary.deals.len(), t_string!(i18n, privacy.person.erase.link), t_string!(i18n, privacy.person.erase.link_many))
        )
        .to_string(),
    );
    goes.push(
        t_string!(
            i18n,
            privacy.person.erase.drafts,
            drafts = count(summary.drafts, t_string!(i18n, privacy.person.erase.draft), t_string!(i18n, privacy.person.erase.draft_many)),
            sent = summary.drafts_sent
        )
        .to_string(),
    );
    let mut stays: Vec<String> = Vec::new();
    if !summary.deals.is_empty() {
        stays.push(t_string!(i18n, privacy.person.erase.deals_stay, list = summary.deals.join(", ")).to_string());
    }
    if summary.notes_kept + summary.activities_kept + summary.tickets_kept > 0 {
        stays.push(
            t_string!(
                i18n,
                privacy.person.erase.others_stay,
                notes = notes(summary.notes_kept),
                activities = activities(summary.activities_kept),
                tickets = tickets(summary.tickets_kept)
            )
            .to_string(),
        );
    }
    stays.push(t_string!(i18n, privacy.person.erase.texts_stay).into());
    stays.push(t_string!(i18n, privacy.person.erase.history_stays).into());
    stays.push(t_string!(i18n, privacy.person.erase.hash_stays).into());
    view! {
        <div class="erase-confirm" role="region" aria-labelledby="erase-heading">
            <h3 id="erase-heading">{t_string!(i18n, privacy.person.erase.heading, name = name)}</h3>
            <p>{t!(i18n, privacy.person.erase.intro)}</p>
            <h4>{t!(i18n, privacy.person.erase.goes)}</h4>
            <ul>{goes.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
            <h4>{t!(i18n, privacy.person.erase.stays)}</h4>
            <ul>{stays.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
            <ActionForm action=erase attr:class="stack" attr:aria-label=t_string!(i18n, privacy.person.erase.form_label)>
                <input type="hidden" name="slug" value=slug/>
                <input type="hidden" name="kind" value=kind.as_str()/>
                <input type="hidden" name="id" value=id/>
                <div class="field">
                    <label class="checkbox">
                        <input type="checkbox" name="confirm" value="true" required=true aria-invalid=move || confirm_message().is_some().then_some("true")/>
                        {t!(i18n, privacy.person.erase.confirm)}
                    </label>
                    {move || confirm_message().map(|m| view! { <p class="field-error">{m}</p> })}
                </div>
                <FormAlert error/>
                <p class="header-actions">
                    <button class="button danger" type="submit" disabled=move || erase.pending().get()>{t!(i18n, privacy.person.erase.submit)}</button>
                    <a class="button secondary" href=back>{t!(i18n, privacy.person.erase.cancel)}</a>
                </p>
            </ActionForm>
        </div>
    }
}
