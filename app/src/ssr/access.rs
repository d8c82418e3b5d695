//! Who may do what in a workspace: the membership of the signed-in person, found from the URL's
//! slug. The workspace id every query filters on comes from here, never from a form.

use super::context;
use super::db;
use super::state::AppState;
use crate::domain::workspaces::{Role, Visibility};
use crate::error::AppError;

/// The signed-in person as a member of one workspace.
#[derive(Clone, Debug)]
pub struct Member {
    pub workspace_id: String,
    pub user_id: String,
    pub role: Role,
    /// The workspace's setting for what members see.
    pub visibility: Visibility,
}

impl Member {
    /// The caller's user id when their reads are limited to records they own or are assigned to
    /// (a member of a workspace set to "own"); `None` when they see every record.
    pub fn only_own(&self) -> Option<&str> {
        (self.role == Role::Member && self.visibility == Visibility::Own).then_some(self.user_id.as_str())
    }

    /// Whether the caller sees a record with this owner and assignee.
    pub fn can_see(&self, owner_id: Option<&str>, assignee_id: Option<&str>) -> bool {
        match self.only_own() {
            None => true,
            Some(me) => owner_id == Some(me) || assignee_id == Some(me),
        }
    }

    /// Whether the caller may change a record with this owner and assignee: owners and admins
    /// any record, members those they own or are assigned to, viewers none.
    pub fn can_edit(&self, owner_id: Option<&str>, assignee_id: Option<&str>) -> bool {
        let me = Some(self.user_id.as_str());
        match self.role {
            Role::Owner | Role::Admin => true,
            Role::Member => owner_id == me || assignee_id == me,
            Role::Viewer => false,
        }
    }

    /// "Not found" for a record the caller does not see, "forbidden" for one they may not change.
    pub fn require_edit(&self, owner_id: Option<&str>, assignee_id: Option<&str>) -> Result<(), AppError> {
        if !self.can_see(owner_id, assignee_id) {
            Err(AppError::NotFound)
        } else if !self.can_edit(owner_id, assignee_id) {
            Err(AppError::Forbidden)
        } else {
            Ok(())
        }
    }

    /// "Not found" for a record the caller does not see.
    pub fn require_see(&self, owner_id: Option<&str>, assignee_id: Option<&str>) -> Result<(), AppError> {
        if self.can_see(owner_id, assignee_id) { Ok(()) } else { Err(AppError::NotFound) }
    }

    /// Only the owner of the workspace (deleting it, transferring it, any role change).
    pub fn require_owner(&self) -> Result<(), AppError> {
        if self.role == Role::Owner { Ok(()) } else { Err(AppError::Forbidden) }
    }

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
    let member = membership(&state, &session.user_id, slug).await?;
    Ok((state, member))
}

/// `user_id`'s membership of the workspace `slug` (for plain routes, which have no server-function
/// context): "not found" when they are not a member.
pub async fn membership(state: &AppState, user_id: &str, slug: &str) -> Result<Member, AppError> {
    let row = db::workspaces::membership_by_slug(&state.db.pool, user_id, slug).await?.ok_or(AppError::NotFound)?;
    let role = Role::parse(&row.role).ok_or_else(|| AppError::internal(format!("unknown role {}", row.role)))?;
    let visibility = Visibility::parse(&row.member_visibility).unwrap_or_default();
    Ok(Member { workspace_id: row.workspace_id, user_id: user_id.to_owned(), role, visibility })
}
