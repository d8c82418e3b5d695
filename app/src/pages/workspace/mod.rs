//! The signed-in app under `/w/{slug}`: the shell (navigation, workspace switcher, user menu,
//! session clock) and its pages.

mod account;
mod home;
mod layout;

pub use account::AccountPage;
pub use home::WorkspaceHome;
pub use layout::WorkspaceLayout;
