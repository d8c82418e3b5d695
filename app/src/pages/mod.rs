//! Pages, one module per area of the site.

pub mod auth;
pub mod home;
pub mod legal;
pub mod not_found;
pub mod workspace;
