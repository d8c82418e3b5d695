//! The workspace shell: which workspace this is, the person's role in it, and where else they belong.

use crate::domain::workspaces::Role;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkspaceSummary {
    pub name: String,
    pub slug: String,
    pub role: Role,
}

/// Everything the signed-in layout needs to draw itself.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct WorkspaceShell {
    pub workspace: WorkspaceSummary,
    pub me_name: String,
    pub me_email: String,
    /// Every workspace the person belongs to, for the switcher (this one included).
    pub workspaces: Vec<WorkspaceSummary>,
    /// Milliseconds until the session ends if the person does nothing.
    pub session_remaining_ms: i64,
    /// The person's time zone (times on every page are shown in it).
    pub zone: crate::domain::dates::Zone,
    /// The person's preferred currency (new deals start in it).
    pub currency: String,
    /// An archive of the person's own data is ready and not downloaded yet (a notice says so).
    pub export_ready: bool,
    /// When the workspace will be deleted, if its owner asked for that (a notice on every page says so).
    pub deletion_due_at: Option<i64>,
}

/// The workspace at `slug` as the signed-in person sees it. "Not found" when they are not a member,
/// exactly as when no such workspace exists.
#[server(endpoint = "workspaces/shell", input = server_fn::codec::GetUrl)]
pub async fn load_workspace_shell(slug: String) -> Result<WorkspaceShell, AppError> {
    use crate::ssr::{context, db};
    let state = context::state()?;
    let session = context::require_session()?;
    let summary = |row: db::workspaces::MembershipRow| -> Result<WorkspaceSummary, AppError> {
        let role = Role::parse(&row.role).ok_or_else(|| AppError::internal(format!("unknown role {}", row.role)))?;
        Ok(WorkspaceSummary { name: row.name, slug: row.slug, role })
    };
    let current = db::workspaces::membership_by_slug(&state.db.pool, &session.user_id, &slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let workspaces = db::workspaces::memberships_of(&state.db.pool, &session.user_id)
        .await?
        .into_iter()
        .map(summary)
        .collect::<Result<Vec<_>, _>>()?;
    let (profile, _) = db::profiles::load(&state.db.pool, &session.user_id).await?;
    Ok(WorkspaceShell {
        workspace: summary(current)?,
        me_name: session.full_name,
        me_email: session.email,
        workspaces,
        session_remaining_ms: (session.expires_at - state.clock.now_ms()).max(0),
        zone: crate::ssr::zones::named(&profile.timezone, state.clock.now_ms()),
        currency: profile.currency,
        export_ready: db::exports::personal_ready_waiting(&state.db.pool, &session.user_id, state.clock.now_ms()).await?,
        deletion_due_at: db::workspace_deletion::due_at_of_slug(&state.db.pool, &slug).await?,
    })
}

/// The workspace's members as (user id, name), for assignee pickers.
#[server(endpoint = "workspaces/members", input = server_fn::codec::GetUrl)]
pub async fn list_members(slug: String) -> Result<Vec<(String, String)>, AppError> {
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    Ok(db::workspaces::members(&state.db.pool, &member.workspace_id).await?)
}
