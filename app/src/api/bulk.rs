//! Bulk actions on the rows ticked in a list: move to the trash, tag or untag, change the owner.
//! One transaction for the whole selection; each record's change is on its timeline. Contacts and
//! leads marked "do not process" are skipped by tagging and owner changes, and the answer says
//! how many were (moving them to the trash is allowed).

use crate::domain::records::RecordKind;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The most records one bulk action changes.
pub const BULK_LIMIT: usize = 500;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BulkAction {
    Trash,
    Tag,
    Untag,
    Owner,
}

/// What a bulk action did.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BulkOutcome {
    pub changed: usize,
    /// Records left alone because they are marked "do not process".
    pub skipped_restricted: usize,
}

/// Applies `action` to the live records `ids` of one kind and answers how many changed and how
/// many were skipped as "do not process".
/// `tag_id` names the tag for (un)tagging; `owner_id` the new owner (a member).
#[server(endpoint = "records/bulk")]
pub async fn bulk_update(
    slug: String,
    kind: RecordKind,
    #[server(default)] ids: Vec<String>,
    action: BulkAction,
    #[server(default)] tag_id: String,
    #[server(default)] owner_id: String,
) -> Result<BulkOutcome, AppError> {
    use crate::domain::records::Changes;
    use crate::ssr::db::events::{self, Action, Subject};
    use crate::i18n_setup::td_string;
    use crate::ssr::{access, db};
    let locale = crate::i18n_setup::request_locale();
    let (state, member) = access::member(&slug).await?;
    member.require_writer()?;
    if ids.is_empty() {
        return Err(AppError::field("ids", td_string!(locale, errors.bulk.none_ticked)));
    }
    if ids.len() > BULK_LIMIT {
        return Err(AppError::field("ids", td_string!(locale, errors.bulk.too_many, limit = BULK_LIMIT)));
    }
    let ws = member.workspace_id.as_str();
    let now_ms = state.clock.now_ms();
    let mut tx = state.db.begin_write().await?;
    let tag = match action {
        BulkAction::Tag | BulkAction::Untag => {
            if !super::tags::TAGGED_KINDS.contains(&kind) {
                return Err(AppError::field("tag_id", td_string!(locale, errors.bulk.not_taggable)));
            }
            Some(db::tags::find(&mut tx, ws, &tag_id).await?.ok_or_else(|| AppError::field("tag_id", td_string!(locale, errors.tags.choose_tag)))?)
        }
        _ => None,
    };
    let new_owner = if action == BulkAction::Owner {
        if owner_id.is_empty() || !db::workspaces::is_member(&mut tx, ws, &owner_id).await? {
            return Err(AppError::field("owner_id", td_string!(locale, errors.records.choose_member)));
        }
        let (name,): (String,) = sqlx::query_as("select full_name from users where id = $1").bind(&owner_id).fetch_one(&mut *tx).await?;
        Some(name)
    } else {
        None
    };
    let mut outcome = BulkOutcome::default();
    for id in &ids {
        // Another workspace's ids, records already in the trash, and records the caller may not
        // change are skipped.
        let Some(holders) = db::trash::ownership(&mut tx, ws, kind, id).await? else { continue };
        if holders.deleted_at.is_some() || !member.can_see(holders.owner(), holders.assignee()) || !member.can_edit(holders.owner(), holders.assignee()) {
            continue;
        }
        if action != BulkAction::Trash && db::person_privacy::flags(&mut tx, ws, kind, id).await?.is_some_and(|f| f.do_not_process) {
            outcome.skipped_restricted += 1;
            continue;
        }
        let current_owner = holders.owner_id;
        let subject = Subject { workspace_id: ws, kind, record_id: id, actor_id: &member.user_id, at: now_ms };
        match action {
            BulkAction::Trash => {
                db::trash::set_deleted(&mut tx, ws, kind, id, Some((now_ms, &member.user_id))).await?;
                db::search::refresh(&mut tx, ws, kind, id).await?;
                events::record(&mut tx, subject, Action::Deleted, &Changes::new()).await?;
            }
            BulkAction::Tag | BulkAction::Untag => {
                if let Some(tag) = &tag {
                    super::tags::ssr::set_tag(&mut tx, &member, now_ms, kind, id, tag, action == BulkAction::Tag).await?;
                }
            }
            BulkAction::Owner => {
                if current_owner.as_deref() == Some(owner_id.as_str()) {
                    continue;
                }
                let before: Option<(String,)> = match &current_owner {
                    Some(user) => sqlx::query_as("select full_name from users where id = $1").bind(user).fetch_optional(&mut *tx).await?,
                    None => None,
                };
                sqlx::query(sqlx::AssertSqlSafe(format!("update {} set owner_id = $3, updated_at = $4 where workspace_id = $1 and id = $2", kind.path())))
                    .bind(ws)
                    .bind(id)
                    .bind(&owner_id)
                    .bind(now_ms)
                    .execute(&mut *tx)
                    .await?;
                let mut owner = Changes::new();
                owner.insert("owner".into(), (before.map(|(n,)| n).unwrap_or_default(), new_owner.clone().unwrap_or_default()));
                events::record(&mut tx, subject, Action::Updated, &owner).await?;
            }
        }
        outcome.changed += 1;
    }
    tx.commit().await?;
    Ok(outcome)
}
