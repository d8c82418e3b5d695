//! Notes on records: plain text with line breaks, shown on the record's timeline.

use crate::domain::records::RecordKind;
use crate::error::AppError;
use leptos::prelude::*;

/// The longest note accepted, in characters.
pub const NOTE_MAX_CHARS: usize = 20_000;

/// Adds a note to a live record of the caller's workspace.
#[server(endpoint = "notes/create")]
pub async fn create_note(slug: String, record_kind: RecordKind, record_id: String, body: String) -> Result<(), AppError> {
    use crate::domain::records::long_text;
    use crate::i18n_setup::td_string;
    use crate::ssr::{access, db};
    let locale = crate::i18n_setup::request_locale();
    let (state, member) = access::member(&slug).await?;
    member.require_writer()?;
    let body = long_text(&body, NOTE_MAX_CHARS, Some(td_string!(locale, errors.notes.body_required)), locale).map_err(|m| AppError::field("body", m))?;
    let mut tx = state.db.begin_write().await?;
    let holders = db::trash::ownership(&mut tx, &member.workspace_id, record_kind, &record_id).await?.ok_or(AppError::NotFound)?;
    if holders.deleted_at.is_some() {
        return Err(AppError::NotFound);
    }
    // Anyone who may write adds notes to the records they see.
    member.require_see(holders.owner(), holders.assignee())?;
    super::person_privacy::ssr::require_processable(&mut tx, &member.workspace_id, record_kind, &record_id, td_string!(locale, errors.person_privacy.this_person)).await?;
    let id = db::new_id();
    db::notes::insert(&mut tx, &member.workspace_id, &id, &body, &member.user_id, state.clock.now_ms()).await?;
    db::notes::link(&mut tx, &member.workspace_id, &id, record_kind, &record_id).await?;
    tx.commit().await?;
    Ok(())
}
