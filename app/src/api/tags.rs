//! Tags: admins create, rename, recolour and delete them; anyone who may write puts them on
//! contacts, companies and deals, or takes them off (each change on the record's timeline).

use crate::domain::records::RecordKind;
use crate::domain::tags::{Tag, TagFields};
use crate::error::AppError;
use leptos::prelude::*;

/// The kinds of record that carry tags.
pub const TAGGED_KINDS: [RecordKind; 3] = [RecordKind::Contact, RecordKind::Company, RecordKind::Deal];

/// Every tag of the workspace, by name.
#[server(endpoint = "tags/list", input = server_fn::codec::GetUrl)]
pub async fn list_tags(slug: String) -> Result<Vec<Tag>, AppError> {
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    Ok(db::tags::all(&state.db.pool, &member.workspace_id).await?)
}

/// Creates a tag (empty `id`) or renames / recolours one. Admins only.
#[server(endpoint = "tags/save")]
pub async fn save_tag(slug: String, id: String, fields: TagFields) -> Result<(), AppError> {
    use crate::ssr::{access, db};
    let locale = crate::i18n_setup::request_locale();
    let (state, member) = access::member(&slug).await?;
    member.require_admin()?;
    let fields = fields.parse(locale).map_err(|fields| AppError::Validation { fields })?;
    let mut tx = state.db.begin_write().await?;
    if !id.is_empty() && db::tags::find(&mut tx, &member.workspace_id, &id).await?.is_none() {
        return Err(AppError::NotFound);
    }
    if db::tags::name_taken(&mut tx, &member.workspace_id, &fields.name, &id).await? {
        return Err(AppError::field("name", crate::i18n_setup::td_string!(locale, errors.tags.name_taken)));
    }
    if id.is_empty() {
        db::tags::insert(&mut tx, &member.workspace_id, &db::new_id(), &fields, state.clock.now_ms()).await?;
    } else {
        db::tags::update(&mut tx, &member.workspace_id, &id, &fields).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Deletes a tag and takes it off every record. Admins only.
#[server(endpoint = "tags/delete")]
pub async fn delete_tag(slug: String, id: String) -> Result<(), AppError> {
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    member.require_admin()?;
    let mut tx = state.db.begin_write().await?;
    db::tags::find(&mut tx, &member.workspace_id, &id).await?.ok_or(AppError::NotFound)?;
    db::tags::delete(&mut tx, &member.workspace_id, &id).await?;
    tx.commit().await?;
    Ok(())
}

/// The tags on one record.
#[server(endpoint = "tags/on-record", input = server_fn::codec::GetUrl)]
pub async fn record_tags(slug: String, kind: RecordKind, id: String) -> Result<Vec<Tag>, AppError> {
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    if !TAGGED_KINDS.contains(&kind) {
        return Err(AppError::NotFound);
    }
    let mut conn = state.db.pool.acquire().await?;
    let holders = db::trash::ownership(&mut conn, &member.workspace_id, kind, &id).await?.ok_or(AppError::NotFound)?;
    member.require_see(holders.owner(), holders.assignee())?;
    drop(conn);
    let mut tags = db::tags::on_records(&state.db.pool, &member.workspace_id, kind, std::slice::from_ref(&id)).await?;
    Ok(tags.remove(&id).unwrap_or_default())
}

/// Puts a tag on a live record (`on` true) or takes it off.
#[server(endpoint = "tags/set")]
pub async fn set_record_tag(slug: String, kind: RecordKind, id: String, tag_id: String, on: bool) -> Result<(), AppError> {
    use crate::ssr::{access, db};
    use crate::i18n_setup::td_string;
    let locale = crate::i18n_setup::request_locale();
    let (state, member) = access::member(&slug).await?;
    member.require_writer()?;
    if !TAGGED_KINDS.contains(&kind) {
        return Err(AppError::NotFound);
    }
    let mut tx = state.db.begin_write().await?;
    super::records::ssr::require_editable(&mut tx, &member, kind, &id).await?;
    let this_person = td_string!(locale, errors.person_privacy.this_person);
    super::person_privacy::ssr::require_processable(&mut tx, &member.workspace_id, kind, &id, this_person).await?;
    let tag = db::tags::find(&mut tx, &member.workspace_id, &tag_id).await?.ok_or_else(|| AppError::field("tag_id", td_string!(locale, errors.tags.choose_tag)))?;
    ssr::set_tag(&mut tx, &member, state.clock.now_ms(), kind, &id, &tag, on).await?;
    tx.commit().await?;
    Ok(())
}

#[cfg(feature = "ssr")]
pub mod ssr {
    //! Tagging one record, shared by the record pages and bulk actions.

    use crate::domain::records::{Changes, RecordKind};
    use crate::domain::tags::Tag;
    use crate::ssr::access::Member;
    use crate::ssr::db::events::{self, Action, Subject};
    use crate::ssr::db;
    use sqlx::AnyConnection;

    /// Puts `tag` on the record or takes it off, recording the change when there is one.
    pub async fn set_tag(conn: &mut AnyConnection, member: &Member, now_ms: i64, kind: RecordKind, id: &str, tag: &Tag, on: bool) -> Result<(), sqlx::Error> {
        let has: Option<(String,)> = sqlx::query_as("select tag_id from record_tags where workspace_id = $1 and tag_id = $2 and record_kind = $3 and record_id = $4")
            .bind(&member.workspace_id)
            .bind(&tag.id)
            .bind(kind.as_str())
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
        if has.is_some() == on {
            return Ok(());
        }
        if on {
            db::tags::attach(conn, &member.workspace_id, &tag.id, kind, id).await?;
        } else {
            db::tags::detach(conn, &member.workspace_id, &tag.id, kind, id).await?;
        }
        let mut changed = Changes::new();
        let (before, after) = if on { (String::new(), tag.name.clone()) } else { (tag.name.clone(), String::new()) };
        changed.insert("tag".into(), (before, after));
        let subject = Subject { workspace_id: &member.workspace_id, kind, record_id: id, actor_id: &member.user_id, at: now_ms };
        events::record(conn, subject, Action::Updated, &changed).await
    }
}
