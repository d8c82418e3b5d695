//! Workspaces: roles and URL slugs.

use serde::{Deserialize, Serialize};

/// A member's role in one workspace, from most to least powerful.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Owner,
    Admin,
    Member,
    Viewer,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Owner => "owner",
            Role::Admin => "admin",
            Role::Member => "member",
            Role::Viewer => "viewer",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "owner" => Some(Role::Owner),
            "admin" => Some(Role::Admin),
            "member" => Some(Role::Member),
            "viewer" => Some(Role::Viewer),
            _ => None,
        }
    }

    /// Owners and admins manage the workspace (pipeline, tags, trash).
    pub fn is_admin(self) -> bool {
        matches!(self, Role::Owner | Role::Admin)
    }

    pub fn label(self) -> &'static str {
        match self {
            Role::Owner => "Owner",
            Role::Admin => "Admin",
            Role::Member => "Member",
            Role::Viewer => "Viewer",
        }
    }
}

impl Role {
    /// Every role, highest first.
    pub const ALL: [Role; 4] = [Role::Owner, Role::Admin, Role::Member, Role::Viewer];

    /// Higher roles may do more: owner 3, admin 2, member 1, viewer 0.
    pub fn rank(self) -> u8 {
        match self {
            Role::Owner => 3,
            Role::Admin => 2,
            Role::Member => 1,
            Role::Viewer => 0,
        }
    }
}

/// What members (the member role) see of the workspace's records.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Visibility {
    /// Every record.
    #[default]
    All,
    /// Only records they own or are assigned to.
    Own,
}

impl Visibility {
    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::All => "all",
            Visibility::Own => "own",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "all" => Some(Visibility::All),
            "own" => Some(Visibility::Own),
            _ => None,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Visibility::All => "All records",
            Visibility::Own => "Only records they own or are assigned to",
        }
    }
}

const SLUG_MAX_CHARS: usize = 40;

/// The URL slug for an organisation name: lower-case ASCII letters and digits joined by single
/// hyphens, at most 40 characters; "workspace" when nothing usable is left.
pub fn slug_for(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
        if slug.len() >= SLUG_MAX_CHARS {
            break;
        }
    }
    let slug = slug.trim_end_matches('-').to_owned();
    if slug.is_empty() { "workspace".into() } else { slug }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_lower_case_and_hyphenated() {
        assert_eq!(slug_for("Acme Sales & Support, Ltd."), "acme-sales-support-ltd");
        assert_eq!(slug_for("  --Über Café--  "), "ber-caf");
        assert_eq!(slug_for("日本"), "workspace");
        assert!(slug_for(&"a".repeat(100)).len() <= 40);
    }

    #[test]
    fn roles_round_trip() {
        for role in [Role::Owner, Role::Admin, Role::Member, Role::Viewer] {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("root"), None);
    }
}
