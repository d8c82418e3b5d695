//! Domain types that parse: constructing one proves the input is valid.
//! Shared by the browser (for early hints) and the server (which always checks again).

pub mod accounts;
pub mod activities;
pub mod companies;
pub mod consent;
pub mod contacts;
pub mod csv_cells;
pub mod dates;
pub mod deals;
pub mod emails;
pub mod imports;
pub mod leads;
pub mod list_sort;
pub mod person_privacy;
pub mod pipeline;
pub mod policy;
pub mod profile;
pub mod records;
pub mod search;
pub mod support;
pub mod tags;
pub mod tickets;
pub mod workspaces;
