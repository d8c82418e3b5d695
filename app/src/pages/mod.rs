//! Pages, one module per area of the site.

pub mod activities;
pub mod analytics;
pub mod auth;
pub mod companies;
pub mod contacts;
pub mod deals;
pub mod emails;
pub mod home;
pub mod imports;
pub mod leads;
pub mod legal;
pub mod mail;
pub mod not_found;
pub mod operator_privacy;
pub mod policy;
pub mod privacy;
pub mod records;
pub mod search;
pub mod settings;
pub mod support;
pub mod tickets;
pub mod trash;
pub mod workspace;
