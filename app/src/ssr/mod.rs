//! Server-only code: database access, passwords, sessions, limiters and the request context that
//! server functions read. Nothing here is compiled into the browser bundle.

pub mod access;
pub mod analytics;
pub mod clock;
pub mod config;
pub mod context;
pub mod db;
pub mod devices;
pub mod exports;
pub mod imports;
pub mod list_export;
pub mod mail;
pub mod passwords;
pub mod person_export;
pub mod policy;
pub mod sessions;
pub mod state;
pub mod zones;

pub use state::AppState;
