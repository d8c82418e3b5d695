//! The trash: deleted records stay restorable for 30 days, by a workspace admin or the record's
//! owner; then the purge job removes them for good.

use crate::domain::records::RecordKind;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TrashItem {
    pub kind: RecordKind,
    pub id: String,
    pub name: String,
    pub deleted_at: i64,
    pub deleted_by: Option<String>,
    /// When it will be removed for good.
    pub purge_at: i64,
}

/// Everything in this workspace's trash, most recently deleted first.
#[server(endpoint = "trash/list", input = server_fn::codec::GetUrl)]
pub async fn list_trash(slug: String) -> Result<Vec<TrashItem>, AppError> {
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    let mut tagged = Vec::new();
    for kind in RecordKind::ALL {
        let rows = db::trash::trashed(&state.db.pool, &member.workspace_id, kind, member.only_own()).await?;
        tagged.extend(rows.into_iter().map(|row| (kind, row)));
    }
    let mut items: Vec<TrashItem> = tagged
        .into_iter()
        .map(|(kind, (id, name, deleted_at, deleted_by))| TrashItem {
            kind,
            id,
            name,
            deleted_at,
            deleted_by,
            purge_at: deleted_at + db::trash::RETENTION_MS,
        })
        .collect();
    items.sort_by_key(|item| std::cmp::Reverse(item.deleted_at));
    Ok(items)
}

/// Moves a record of any kind to the trash (restorable for 30 days) and goes back to its list.
#[server(endpoint = "trash/delete")]
pub async fn delete_record(slug: String, kind: RecordKind, id: String) -> Result<(), AppError> {
    ssr::move_to_trash(&slug, kind, &id).await?;
    leptos_axum::redirect(&format!("/w/{slug}/{}", kind.path()));
    Ok(())
}

/// Brings a record back from the trash. Admins may restore anything; others only what they own.
#[server(endpoint = "trash/restore")]
pub async fn restore_record(slug: String, kind: RecordKind, id: String) -> Result<(), AppError> {
    use crate::domain::records::Changes;
    use crate::ssr::db::events::{self, Action, Subject};
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    member.require_writer()?;
    let mut tx = state.db.begin_write().await?;
    let holders = db::trash::ownership(&mut tx, &member.workspace_id, kind, &id).await?.ok_or(AppError::NotFound)?;
    if holders.deleted_at.is_none() {
        return Err(AppError::NotFound);
    }
    member.require_see(holders.owner(), holders.assignee())?;
    if !member.is_admin() && holders.owner() != Some(member.user_id.as_str()) {
        return Err(AppError::Forbidden);
    }
    db::trash::set_deleted(&mut tx, &member.workspace_id, kind, &id, None).await?;
    db::search::refresh(&mut tx, &member.workspace_id, kind, &id).await?;
    let now_ms = state.clock.now_ms();
    let subject = Subject { workspace_id: &member.workspace_id, kind, record_id: &id, actor_id: &member.user_id, at: now_ms };
    events::record(&mut tx, subject, Action::Restored, &Changes::new()).await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(feature = "ssr")]
pub mod ssr {
    //! Moving a record to the trash, shared by every kind's delete function.

    use crate::domain::records::{Changes, RecordKind};
    use crate::error::AppError;
    use crate::ssr::db::events::{self, Action, Subject};
    use crate::ssr::{access, db};

    /// Marks a live record of the caller's workspace deleted and records the event.
    pub async fn move_to_trash(slug: &str, kind: RecordKind, id: &str) -> Result<(), AppError> {
        let (state, member) = access::member(slug).await?;
        member.require_writer()?;
        let mut tx = state.db.begin_write().await?;
        let holders = db::trash::ownership(&mut tx, &member.workspace_id, kind, id).await?.ok_or(AppError::NotFound)?;
        if holders.deleted_at.is_some() {
            return Err(AppError::NotFound);
        }
        member.require_edit(holders.owner(), holders.assignee())?;
        let now_ms = state.clock.now_ms();
        db::trash::set_deleted(&mut tx, &member.workspace_id, kind, id, Some((now_ms, &member.user_id))).await?;
        db::search::refresh(&mut tx, &member.workspace_id, kind, id).await?;
        let subject = Subject { workspace_id: &member.workspace_id, kind, record_id: id, actor_id: &member.user_id, at: now_ms };
        events::record(&mut tx, subject, Action::Deleted, &Changes::new()).await?;
        tx.commit().await?;
        Ok(())
    }
}
