//! `AppState`: what every handler and server function shares (database, settings, clock, limiters).

use super::clock::{Clock, SystemClock};
use super::config::Config;
use super::db::Db;
use super::passwords::Hasher;
use governor::{DefaultKeyedRateLimiter, Quota, RateLimiter};
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::Arc;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub config: Arc<Config>,
    pub clock: Arc<dyn Clock>,
    pub hasher: Hasher,
    /// Sign-in and sign-up attempts per client IP.
    pub auth_ip_limiter: Arc<DefaultKeyedRateLimiter<IpAddr>>,
    pub leptos_options: leptos::config::LeptosOptions,
    /// Wakes the mail worker after a transaction that wrote to the outbox has committed.
    pub mail_wake: Arc<tokio::sync::Notify>,
    /// The Privacy Policy versions published after the first (see `ssr::policy`).
    pub policy: super::policy::PublishedVersions,
}

impl AppState {
    pub fn new(db: Db, config: Config, leptos_options: leptos::config::LeptosOptions) -> Self {
        Self::with_clock(db, config, leptos_options, Arc::new(SystemClock))
    }

    pub fn with_clock(
        db: Db,
        config: Config,
        leptos_options: leptos::config::LeptosOptions,
        clock: Arc<dyn Clock>,
    ) -> Self {
        let per_minute = NonZeroU32::new(config.auth_ip_limit_per_minute).unwrap_or(NonZeroU32::MIN);
        let hashing_slots = std::thread::available_parallelism().map(usize::from).unwrap_or(2);
        AppState {
            db,
            config: Arc::new(config),
            clock,
            hasher: Hasher::new(hashing_slots),
            auth_ip_limiter: Arc::new(RateLimiter::keyed(Quota::per_minute(per_minute))),
            leptos_options,
            mail_wake: Arc::new(tokio::sync::Notify::new()),
            policy: Default::default(),
        }
    }
}

impl axum::extract::FromRef<AppState> for leptos::config::LeptosOptions {
    fn from_ref(state: &AppState) -> Self {
        state.leptos_options.clone()
    }
}
