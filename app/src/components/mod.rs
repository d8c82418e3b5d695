//! Widgets that know no domain and call no server function.

pub mod charts;
pub mod consent_banner;
pub mod field;
pub mod layout;
