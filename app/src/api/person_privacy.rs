//! The people inside a workspace's CRM (the workspace is the controller; NexaCRM processes for
//! it): the "do not contact" and "do not process" flags of a contact or lead (their meaning is in
//! `domain::person_privacy`), and erasing a person at their request.
//!
//! Erasing is for owners and admins only (everyone else: "forbidden", and the page shows no
//! button). The confirmation first names what goes (`erasure_preview`); the erasure then removes
//! it at once, not via the trash (see `ssr::db::person_erasure`), keeps in the history that an
//! erasure happened, by whom and when, with no name or address in it, and puts a hash of each of
//! the person's addresses on the workspace's suppression list, so that they cannot be added again.
//! Erasing a lead that became a contact erases that contact too (the same person), and erasing a
//! contact erases the leads it came from. The export ("everything about this person") is a plain
//! download route, `GET /w/{slug}/contacts/{id}/export` (and `/leads/…`): see `ssr::person_export`.

use crate::domain::person_privacy::{PersonFlags, PrivacyFlag};
use crate::domain::records::RecordKind;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What erasing a person removes and what it keeps, as the confirmation names it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ErasureSummary {
    /// (kind, name) of each record of the person that goes: the contact, the leads it came from.
    pub records: Vec<(RecordKind, String)>,
    pub emails: Vec<String>,
    pub phones: usize,
    pub notes_removed: usize,
    pub notes_kept: usize,
    pub activities_removed: usize,
    pub activities_kept: usize,
    pub tickets_removed: usize,
    pub tickets_kept: usize,
    /// Names of the deals the person is involved in (they stay, without the person).
    pub deals: Vec<String>,
    pub tag_links: usize,
    pub drafts: usize,
    pub drafts_sent: usize,
}

/// The confirmation's list for the contact or lead `id`. Owners and admins only; "not found" for
/// anything but a contact or lead of this workspace.
#[server(endpoint = "person-privacy/erasure-preview", input = server_fn::codec::GetUrl)]
pub async fn erasure_preview(slug: String, kind: RecordKind, id: String) -> Result<ErasureSummary, AppError> {
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    member.require_admin()?;
    let mut conn = state.db.pool.acquire().await?;
    let person = db::person_privacy::person_of(&mut conn, &member.workspace_id, kind, id.trim()).await?.ok_or(AppError::NotFound)?;
    let plan = db::person_privacy::plan(&mut conn, &member.workspace_id, &person).await?;
    Ok(ErasureSummary {
        records: plan.named.iter().map(|(kind, _, name)| (*kind, name.clone())).collect(),
        emails: plan.emails.clone(),
        phones: plan.phones,
        notes_removed: plan.notes_removed.len(),
        notes_kept: plan.notes_kept.len(),
        activities_removed: plan.activities_removed.len(),
        activities_kept: plan.activities_kept.len(),
        tickets_removed: plan.tickets_removed.len(),
        tickets_kept: plan.tickets_kept.len(),
        deals: plan.deals.iter().map(|(_, name)| name.clone()).collect(),
        tag_links: plan.tag_links,
        drafts: plan.drafts.len(),
        drafts_sent: plan.drafts_sent,
    })
}

/// Erases the person of the contact or lead `id` for good (see the module's documentation) and
/// opens the list of that kind. Owners and admins only; `confirm` must be ticked (a message on
/// `confirm` otherwise, nothing changed); "not found" for anything but a contact or lead of this
/// workspace.
#[server(endpoint = "person-privacy/erase")]
pub async fn erase_person(slug: String, kind: RecordKind, id: String, #[server(default)] confirm: bool) -> Result<(), AppError> {
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    member.require_admin()?;
    let ws = member.workspace_id.as_str();
    let mut tx = state.db.begin_write().await?;
    let person = db::person_privacy::person_of(&mut tx, ws, kind, id.trim()).await?.ok_or(AppError::NotFound)?;
    if !confirm {
        return Err(AppError::field("confirm", crate::i18n_setup::td_string!(crate::i18n_setup::request_locale(), errors.person_privacy.confirm_erase)));
    }
    let plan = db::person_privacy::plan(&mut tx, ws, &person).await?;
    let erased = db::person_erasure::erase(&mut tx, ws, &plan, &member.user_id, state.clock.now_ms()).await?;
    tx.commit().await?;
    tracing::info!(workspace = %ws, records = erased.records, texts_cleaned = erased.texts_cleaned, "a person was erased from a workspace's CRM");
    leptos_axum::redirect(&format!("/w/{slug}/{}?erased=1", kind.path()));
    Ok(())
}

/// Sets the flag `flag` of the contact or lead `id` (`on`) and answers the record's flags. Anyone
/// who may change the record sets a flag and lifts "do not contact"; only owners and admins lift
/// "do not process". The change is on the record's history. "Not found" for a record that is not
/// live here or hidden from the caller.
#[server(endpoint = "person-privacy/flag")]
pub async fn set_privacy_flag(slug: String, kind: RecordKind, id: String, flag: PrivacyFlag, #[server(default)] on: bool) -> Result<PersonFlags, AppError> {
    use crate::domain::records::Changes;
    use crate::ssr::db::events::{self, Action, Subject};
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    member.require_writer()?;
    if !matches!(kind, RecordKind::Contact | RecordKind::Lead) {
        return Err(AppError::NotFound);
    }
    let ws = member.workspace_id.as_str();
    let id = id.trim();
    let mut tx = state.db.begin_write().await?;
    super::records::ssr::require_editable(&mut tx, &member, kind, id).await?;
    let mut flags = db::person_privacy::flags(&mut tx, ws, kind, id).await?.ok_or(AppError::NotFound)?;
    let before = flags.get(flag);
    if before == on {
        return Ok(flags);
    }
    if flag == PrivacyFlag::DoNotProcess && !on {
        member.require_admin()?;
    }
    let now_ms = state.clock.now_ms();
    db::person_privacy::set_flag(&mut tx, ws, kind, id, flag, on, now_ms).await?;
    let yes_no = |value: bool| if value { "yes".to_owned() } else { "no".to_owned() };
    let mut changes = Changes::new();
    changes.insert(flag.column().to_owned(), (yes_no(before), yes_no(on)));
    events::record(&mut tx, Subject { workspace_id: ws, kind, record_id: id, actor_id: &member.user_id, at: now_ms }, Action::Updated, &changes).await?;
    tx.commit().await?;
    match flag {
        PrivacyFlag::DoNotContact => flags.do_not_contact = on,
        PrivacyFlag::DoNotProcess => flags.do_not_process = on,
    }
    Ok(flags)
}

/// The address of a person's export download.
pub fn export_path(slug: &str, kind: RecordKind, id: &str) -> String {
    format!("/w/{slug}/{}/{id}/export", kind.path())
}

#[cfg(feature = "ssr")]
pub mod ssr {
    //! The checks other server functions make for the people of a CRM.

    use crate::domain::person_privacy::{restricted_message, suppressed_message};
    use crate::domain::records::RecordKind;
    use crate::error::{AppError, FieldErrors};
    use crate::i18n_setup::request_locale;
    use crate::ssr::db;
    use sqlx::AnyConnection;

    /// A conflict when the contact or lead `id` is marked "do not process" (`name` says which).
    pub async fn require_processable(conn: &mut AnyConnection, workspace_id: &str, kind: RecordKind, id: &str, name: &str) -> Result<(), AppError> {
        match db::person_privacy::flags(conn, workspace_id, kind, id).await? {
            Some(flags) if flags.do_not_process => Err(AppError::Conflict { message: restricted_message(name, request_locale()) }),
            _ => Ok(()),
        }
    }

    /// A message on `field` for each of `addresses` (field, address) that was erased from this
    /// workspace, unless it is one of `already` (a record keeps an address it had before).
    pub async fn suppressed_fields(conn: &mut AnyConnection, workspace_id: &str, addresses: &[(String, String)], already: &[String]) -> Result<FieldErrors, AppError> {
        let mut errors = FieldErrors::new();
        for (field, address) in addresses {
            let known = already.iter().any(|a| a.trim().eq_ignore_ascii_case(address.trim()));
            if !known && db::suppression::is_suppressed(conn, workspace_id, address).await? {
                errors.insert(field.clone(), suppressed_message(request_locale()).to_owned());
            }
        }
        Ok(errors)
    }
}
