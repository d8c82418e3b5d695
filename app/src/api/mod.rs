//! Server functions: the UI's API. Each one: who and where (session, membership) → parse the input
//! → one transaction through `ssr::db` → a plain data type. Endpoints live under `/api/`.

pub mod account;
pub mod activities;
pub mod analytics;
pub mod auth;
pub mod bulk;
pub mod companies;
pub mod consent;
pub mod contacts;
pub mod dashboard;
pub mod deals;
pub mod deletion;
pub mod emails;
pub mod exports;
pub mod imports;
pub mod invitations;
pub mod leads;
pub mod mail;
pub mod members;
pub mod notes;
pub mod person_privacy;
pub mod pipeline;
pub mod policy;
pub mod privacy;
pub mod profile;
pub mod records;
pub mod reset;
pub mod search;
pub mod support;
pub mod tags;
pub mod tickets;
pub mod trash;
pub mod workspace_deletion;
pub mod workspaces;
