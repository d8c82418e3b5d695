//! Pages, one module per area of the site.

pub mod auth;
pub mod companies;
pub mod contacts;
pub mod deals;
pub mod home;
pub mod legal;
pub mod not_found;
pub mod records;
pub mod trash;
pub mod workspace;
