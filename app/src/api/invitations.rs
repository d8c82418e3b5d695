//! Invitations: an admin invites someone by email with a role no higher than their own; the mail
//! carries a link with a single-use token (7 days, stored hashed, bound to the workspace, the
//! address and the role). The link's page lets a signed-in person with that address join, and a
//! person without an account sign up straight into the workspace (see `auth::sign_up`).

use crate::domain::workspaces::Role;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// How long an invitation link works.
pub const VALID_DAYS: i64 = 7;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingInvitation {
    pub id: String,
    pub email: String,
    pub role: Role,
    pub invited_by: Option<String>,
    pub created_at: i64,
    pub expires_at: i64,
    pub expired: bool,
}

/// Where an invitation link stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum InvitationState {
    Open,
    Expired,
    Used,
    Revoked,
}

/// What the invitation page shows to whoever holds the link.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct InvitationView {
    pub workspace_name: String,
    pub inviter_name: Option<String>,
    pub email: String,
    pub role: Role,
    pub state: InvitationState,
    /// The address of the person signed in on this browser, if anyone is.
    pub signed_in_as: Option<String>,
}

/// The workspace's open invitations (admins), newest first; expired ones are marked.
#[server(endpoint = "invitations/list", input = server_fn::codec::GetUrl)]
pub async fn list_invitations(slug: String) -> Result<Vec<PendingInvitation>, AppError> {
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    member.require_admin()?;
    let now_ms = state.clock.now_ms();
    Ok(db::invitations::open(&state.db.pool, &member.workspace_id)
        .await?
        .into_iter()
        .map(|i| PendingInvitation {
            expired: i.expires_at <= now_ms,
            role: Role::parse(&i.role).unwrap_or(Role::Viewer),
            id: i.id,
            email: i.email,
            invited_by: i.invited_by_name,
            created_at: i.created_at,
            expires_at: i.expires_at,
        })
        .collect())
}

/// Invites `email` with `role` (admin, member or viewer, and no higher than the inviter's own);
/// an earlier open invitation of the same address is replaced.
#[server(endpoint = "invitations/create")]
pub async fn invite_member(slug: String, email: String, role: String) -> Result<(), AppError> {
    use crate::domain::accounts::Email;
    use crate::i18n_setup::td_string;
    use crate::ssr::{access, db};
    let locale = crate::i18n_setup::request_locale();
    let (state, member) = access::member(&slug).await?;
    member.require_admin()?;
    let mut fields = crate::error::FieldErrors::new();
    let email = Email::parse(&email, locale).map_err(|m| fields.insert("email".into(), m)).ok();
    let role = Role::parse(&role)
        .filter(|r| *r != Role::Owner && r.rank() <= member.role.rank())
        .or_else(|| {
            fields.insert("role".into(), td_string!(locale, errors.invitations.choose_role).into());
            None
        });
    let (Some(email), Some(role)) = (email, role) else { return Err(AppError::Validation { fields }) };
    let email = email.as_str().to_lowercase();
    let mut tx = state.db.begin_write().await?;
    if db::workspaces::is_member_email(&mut tx, &member.workspace_id, &email).await? {
        return Err(AppError::field("email", td_string!(locale, errors.invitations.already_member)));
    }
    let now_ms = state.clock.now_ms();
    db::invitations::revoke_for_email(&mut tx, &member.workspace_id, &email, now_ms).await?;
    let id = db::new_id();
    let token = crate::ssr::sessions::new_token();
    let expires_at = now_ms + VALID_DAYS * 86_400_000;
    let new = db::invitations::NewInvitation {
        workspace_id: &member.workspace_id,
        id: &id,
        email: &email,
        role: role.as_str(),
        token_hash: &crate::ssr::sessions::hash_token(&token),
        invited_by: &member.user_id,
        now_ms,
        expires_at,
    };
    db::invitations::insert(&mut tx, &new).await?;
    ssr::send(&mut tx, &state, &member, &id, &token).await?;
    tx.commit().await?;
    crate::ssr::mail::wake(&state);
    Ok(())
}

/// Sends an open invitation again with a new link (the old link stops working) and 7 more days.
#[server(endpoint = "invitations/resend")]
pub async fn resend_invitation(slug: String, id: String) -> Result<(), AppError> {
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    member.require_admin()?;
    let mut tx = state.db.begin_write().await?;
    let token = crate::ssr::sessions::new_token();
    let expires_at = state.clock.now_ms() + VALID_DAYS * 86_400_000;
    if !db::invitations::renew(&mut tx, &member.workspace_id, &id, &crate::ssr::sessions::hash_token(&token), expires_at).await? {
        return Err(AppError::NotFound);
    }
    ssr::send(&mut tx, &state, &member, &id, &token).await?;
    tx.commit().await?;
    crate::ssr::mail::wake(&state);
    Ok(())
}

/// Revokes an open invitation: its link stops working.
#[server(endpoint = "invitations/revoke")]
pub async fn revoke_invitation(slug: String, id: String) -> Result<(), AppError> {
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    member.require_admin()?;
    let mut tx = state.db.begin_write().await?;
    if !db::invitations::revoke(&mut tx, &member.workspace_id, &id, state.clock.now_ms()).await? {
        return Err(AppError::NotFound);
    }
    tx.commit().await?;
    Ok(())
}

/// What an invitation link leads to, for whoever holds it (signed in or not). "Not found" for a
/// token that matches nothing.
#[server(endpoint = "invitations/lookup", input = server_fn::codec::GetUrl)]
pub async fn look_up_invitation(token: String) -> Result<InvitationView, AppError> {
    use crate::ssr::{context, db};
    let state = context::state()?;
    let mut conn = state.db.pool.acquire().await?;
    let row = db::invitations::by_token(&mut conn, &crate::ssr::sessions::hash_token(token.trim())).await?.ok_or(AppError::NotFound)?;
    Ok(InvitationView {
        state: ssr::state_of(&row, state.clock.now_ms()),
        workspace_name: row.workspace_name,
        inviter_name: row.invited_by_name,
        email: row.email,
        role: Role::parse(&row.role).unwrap_or(Role::Viewer),
        signed_in_as: context::session().map(|s| s.email),
    })
}

/// Joins the invitation's workspace as the signed-in person, whose address must be the one
/// invited; the token works once. Opens the workspace.
#[server(endpoint = "invitations/accept")]
pub async fn accept_invitation(token: String) -> Result<(), AppError> {
    use crate::ssr::{context, db};
    let state = context::state()?;
    let session = context::require_session()?;
    let mut tx = state.db.begin_write().await?;
    let row = db::invitations::by_token(&mut tx, &crate::ssr::sessions::hash_token(token.trim())).await?.ok_or(AppError::NotFound)?;
    ssr::join(&mut tx, &row, &session.user_id, &session.email, state.clock.now_ms()).await?;
    tx.commit().await?;
    leptos_axum::redirect(&format!("/w/{}", row.workspace_slug));
    Ok(())
}

#[cfg(feature = "ssr")]
pub mod ssr {
    //! Sending an invitation's mail and joining through one, shared with sign-up.

    use super::InvitationState;
    use crate::domain::workspaces::Role;
    use crate::error::AppError;
    use crate::i18n_setup::{request_locale, td_string};
    use crate::ssr::access::Member;
    use crate::ssr::db::invitations::InvitationRow;
    use crate::ssr::mail::{self, templates, MailKind, MailMeta};
    use crate::ssr::{db, AppState};
    use sqlx::AnyConnection;

    pub fn state_of(row: &InvitationRow, now_ms: i64) -> InvitationState {
        if row.accepted_at.is_some() {
            InvitationState::Used
        } else if row.revoked_at.is_some() {
            InvitationState::Revoked
        } else if row.expires_at <= now_ms {
            InvitationState::Expired
        } else {
            InvitationState::Open
        }
    }

    /// Puts the invitation mail with the link for `token` in the outbox (in the caller's
    /// transaction). The link is built from the configured base URL, never from the request.
    pub async fn send(conn: &mut AnyConnection, state: &AppState, member: &Member, id: &str, token: &str) -> Result<(), AppError> {
        let row = db::invitations::find(conn, &member.workspace_id, id).await?.ok_or(AppError::NotFound)?;
        let inviter: (String,) = sqlx::query_as("select full_name from users where id = $1").bind(&member.user_id).fetch_one(&mut *conn).await?;
        let to = mail::mailbox("", &row.email).map_err(|_| AppError::field("email", td_string!(request_locale(), errors.fields.valid_email)))?;
        let accept_url = format!("{}/invite/{token}", state.config.base_url.trim_end_matches('/'));
        let role = Role::parse(&row.role).unwrap_or(Role::Viewer);
        let message = templates::invitation(to, &templates::Invitation {
            inviter_name: &inviter.0,
            workspace_name: &row.workspace_name,
            role_label: role.label(),
            accept_url: &accept_url,
            expires_at_ms: row.expires_at,
        });
        let meta = MailMeta { workspace_id: Some(&member.workspace_id), kind: MailKind::Invitation, reference_id: Some(id) };
        mail::enqueue(conn, &message, meta, state.clock.now_ms()).await?;
        Ok(())
    }

    /// Adds `user_id` (whose address is `email`) to the invitation's workspace with its role and
    /// uses the invitation up. Refused when it is not open or was sent to another address; a
    /// person already in the workspace keeps their role.
    pub async fn join(conn: &mut AnyConnection, row: &InvitationRow, user_id: &str, email: &str, now_ms: i64) -> Result<(), AppError> {
        let locale = request_locale();
        match state_of(row, now_ms) {
            InvitationState::Open => {}
            InvitationState::Expired => return Err(AppError::field("invite", td_string!(locale, errors.invitations.expired))),
            InvitationState::Used => return Err(AppError::field("invite", td_string!(locale, errors.invitations.used))),
            InvitationState::Revoked => return Err(AppError::field("invite", td_string!(locale, errors.invitations.withdrawn))),
        }
        if !row.email.eq_ignore_ascii_case(email.trim()) {
            return Err(AppError::field("invite", td_string!(locale, errors.invitations.other_address, email = &row.email)));
        }
        if !db::invitations::mark_accepted(conn, &row.workspace_id, &row.id, now_ms).await? {
            return Err(AppError::field("invite", td_string!(locale, errors.invitations.used)));
        }
        if !db::workspaces::is_member(conn, &row.workspace_id, user_id).await? {
            db::workspaces::insert_membership(conn, &row.workspace_id, user_id, &row.role, now_ms).await?;
        }
        Ok(())
    }
}
