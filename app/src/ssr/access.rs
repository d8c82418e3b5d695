//! Who may do what in a workspace: the membership of the signed-in person, found from the URL's
//! slug. The workspace id every query filters on comes from here, never from a form.

use super::context;
use super::db;
use super::state::AppState;
use crate::domain::workspaces::Role;
use crate::error::AppError;

/// The signed-in person as a member of one workspace.
#[derive(Clone, Debug)]
pub struct Member {
    pub workspace_id: String,
    pub user_id: String,
    pub role: Role,
}

impl Member {
    /// Viewers read; everyone else may create and change records.
    pub fn require_writer(&self) -> Result<(), AppError> {
        if self.role == Role::Viewer { Err(AppError::Forbidden) } else { Ok(()) }
    }

    /// Owners and admins manage the workspace (trash, settings).
    pub fn is_admin(&self) -> bool {
        matches!(self.role, Role::Owner | Role::Admin)
    }

    pub fn require_admin(&self) -> Result<(), AppError> {
        if self.is_admin() { Ok(()) } else { Err(AppError::Forbidden) }
    }
}

/// The shared state and the caller's membership of the workspace at `slug`: "unauthenticated"
/// when signed out, "not found" when not a member (as for a workspace that does not exist).
pub async fn member(slug: &str) -> Result<(AppState, Member), AppError> {
    let state = context::state()?;
    let session = context::require_session()?;
    let row = db::workspaces::membership_by_slug(&state.db.pool, &session.user_id, slug)
        .await?
        .ok_or(AppError::NotFound)?;
    let role = Role::parse(&row.role).ok_or_else(|| AppError::internal(format!("unknown role {}", row.role)))?;
    Ok((state, Member { workspace_id: row.workspace_id, user_id: session.user_id, role }))
}
