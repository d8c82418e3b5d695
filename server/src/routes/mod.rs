//! Plain HTTP routes, for what a server function does not fit.

pub mod avatars;
pub mod exports;
pub mod health;
pub mod imports;
pub mod list_exports;
pub mod person_export;
pub mod security_txt;
pub mod unsubscribe;
