//! Server functions: the UI's API. Each one: who and where (session, membership) → parse the input
//! → one transaction through `ssr::db` → a plain data type. Endpoints live under `/api/`.

pub mod auth;
pub mod workspaces;
