//! The NexaCRM server: builds the axum router around the Leptos app (middleware, plain routes,
//! server functions) and serves it. `main.rs` only reads the configuration and calls `serve`.

pub mod demo;
pub mod jobs;
pub mod middleware;
pub mod routes;
pub mod startup;

pub use startup::{build_router, serve};
