//! The signed-in app under `/w/{slug}`: the shell (navigation, workspace switcher, user menu,
//! session clock) and its pages.

mod account;
mod home;
mod layout;

pub use account::AccountPage;
pub use home::WorkspaceHome;
pub use layout::WorkspaceLayout;

use crate::domain::workspaces::Role;
use crate::i18n_setup::{t_string, Locale};

/// A member's role as the badges show it.
pub fn role_label(i18n: leptos_i18n::I18nContext<Locale>, role: Role) -> &'static str {
    match role {
        Role::Owner => t_string!(i18n, workspace.roles.owner),
        Role::Admin => t_string!(i18n, workspace.roles.admin),
        Role::Member => t_string!(i18n, workspace.roles.member),
        Role::Viewer => t_string!(i18n, workspace.roles.viewer),
    }
}
