//! Members of a workspace and its settings: the members list, role changes, removing a member
//! (their records handed to someone or left unowned), transferring ownership, leaving, and the
//! workspace's name and visibility setting.
//!
//! Who may do what: owners everything; admins manage members who are not owners and the
//! settings; members and viewers see the list and may leave.

use crate::domain::workspaces::{Role, Visibility};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::i18n_setup::{request_locale, td_string};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberSummary {
    pub user_id: String,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub joined_at: i64,
    pub last_active_at: Option<i64>,
    pub is_me: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MembersPage {
    pub workspace_name: String,
    pub visibility: Visibility,
    pub my_role: Role,
    pub members: Vec<MemberSummary>,
    /// When the workspace will be deleted, if its owner asked for that.
    pub deletion_due_at: Option<i64>,
}

/// The workspace's members with their roles and when they were last active.
#[server(endpoint = "members/list", input = server_fn::codec::GetUrl)]
pub async fn list_workspace_members(slug: String) -> Result<MembersPage, AppError> {
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    let (workspace_name, visibility) = db::members::settings(&state.db.pool, &member.workspace_id).await?;
    let members = db::members::list(&state.db.pool, &member.workspace_id)
        .await?
        .into_iter()
        .map(|m| MemberSummary {
            is_me: m.user_id == member.user_id,
            role: Role::parse(&m.role).unwrap_or(Role::Viewer),
            user_id: m.user_id,
            name: m.full_name,
            email: m.email,
            joined_at: m.joined_at,
            last_active_at: m.last_active_at,
        })
        .collect();
    let deletion_due_at = db::workspace_deletion::due_at_of_slug(&state.db.pool, &slug).await?;
    Ok(MembersPage {
        workspace_name,
        visibility: Visibility::parse(&visibility).unwrap_or_default(),
        my_role: member.role,
        members,
        deletion_due_at,
    })
}

/// Gives a member another role (not owner: ownership is transferred). Admins change anyone but
/// the owner; nobody changes the owner's role here.
#[server(endpoint = "members/role")]
pub async fn change_member_role(slug: String, user_id: String, role: String) -> Result<(), AppError> {
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    member.require_admin()?;
    let locale = request_locale();
    let role = Role::parse(&role).filter(|r| *r != Role::Owner).ok_or_else(|| AppError::field("role", td_string!(locale, members.errors.choose_role)))?;
    let mut tx = state.db.begin_write().await?;
    let current = db::members::role_of(&mut tx, &member.workspace_id, &user_id).await?.ok_or(AppError::NotFound)?;
    if current == Role::Owner.as_str() {
        return Err(AppError::Forbidden);
    }
    db::members::set_role(&mut tx, &member.workspace_id, &user_id, role.as_str()).await?;
    tx.commit().await?;
    Ok(())
}

/// Removes a member who is not the owner. What they owned or were assigned goes to `hand_to` (a
/// member's id) or, when empty, is left unowned.
#[server(endpoint = "members/remove")]
pub async fn remove_member(slug: String, user_id: String, hand_to: String) -> Result<(), AppError> {
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    member.require_admin()?;
    let mut tx = state.db.begin_write().await?;
    let current = db::members::role_of(&mut tx, &member.workspace_id, &user_id).await?.ok_or(AppError::NotFound)?;
    if current == Role::Owner.as_str() {
        return Err(AppError::Forbidden);
    }
    if user_id == member.user_id {
        return Err(AppError::field("user_id", td_string!(request_locale(), members.errors.leave_yourself)));
    }
    let to = Some(hand_to.as_str()).filter(|id| !id.is_empty());
    if let Some(to) = to {
        if to == user_id || db::members::role_of(&mut tx, &member.workspace_id, to).await?.is_none() {
            return Err(AppError::field("hand_to", td_string!(request_locale(), members.errors.hand_to)));
        }
    }
    db::members::hand_over(&mut tx, &member.workspace_id, &user_id, to, state.clock.now_ms()).await?;
    db::members::remove(&mut tx, &member.workspace_id, &user_id).await?;
    tx.commit().await?;
    Ok(())
}

/// Makes another member the owner; the former owner becomes an admin.
#[server(endpoint = "members/transfer")]
pub async fn transfer_ownership(slug: String, user_id: String) -> Result<(), AppError> {
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    member.require_owner()?;
    let mut tx = state.db.begin_write().await?;
    db::members::role_of(&mut tx, &member.workspace_id, &user_id).await?.ok_or(AppError::NotFound)?;
    if user_id == member.user_id {
        return Err(AppError::field("user_id", td_string!(request_locale(), members.errors.another_member)));
    }
    db::members::set_role(&mut tx, &member.workspace_id, &user_id, Role::Owner.as_str()).await?;
    db::members::set_role(&mut tx, &member.workspace_id, &member.user_id, Role::Admin.as_str()).await?;
    tx.commit().await?;
    Ok(())
}

/// Leaves the workspace; the owner must transfer ownership first. What the person held stays with
/// the workspace, unowned.
#[server(endpoint = "members/leave")]
pub async fn leave_workspace(slug: String) -> Result<(), AppError> {
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    if member.role == Role::Owner {
        return Err(AppError::field("leave", td_string!(request_locale(), members.errors.transfer_first)));
    }
    let mut tx = state.db.begin_write().await?;
    db::members::hand_over(&mut tx, &member.workspace_id, &member.user_id, None, state.clock.now_ms()).await?;
    db::members::remove(&mut tx, &member.workspace_id, &member.user_id).await?;
    tx.commit().await?;
    leptos_axum::redirect("/");
    Ok(())
}

/// Renames the workspace and sets what members see (admins).
#[server(endpoint = "workspace/settings")]
pub async fn save_workspace_settings(slug: String, name: String, visibility: String) -> Result<(), AppError> {
    use crate::domain::records::text_in;
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    member.require_admin()?;
    let mut fields = crate::error::FieldErrors::new();
    let locale = request_locale();
    let name = text_in(&name, 100, Some(td_string!(locale, members.errors.name_missing)), locale).map_err(|m| fields.insert("name".into(), m)).ok();
    let visibility = Visibility::parse(&visibility).or_else(|| {
        fields.insert("visibility".into(), td_string!(locale, members.errors.choose_visibility).into());
        None
    });
    let (Some(name), Some(visibility)) = (name, visibility) else { return Err(AppError::Validation { fields }) };
    let mut tx = state.db.begin_write().await?;
    db::members::save_settings(&mut tx, &member.workspace_id, &name, visibility.as_str()).await?;
    tx.commit().await?;
    Ok(())
}
