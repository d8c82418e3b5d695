//! Widgets that know no domain and call no server function.

pub mod charts;
pub mod field;
pub mod layout;
