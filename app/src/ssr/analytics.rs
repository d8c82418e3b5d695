//! Anonymised analytics (policy section 8, "anonymized data only"), counted on the server and
//! only while the visitor's consent cookie grants analytics under the current policy version.
//!
//! Page views are counted per route pattern (never the full URL), feature use per name, and
//! visitors per day through a hash of (the day's random salt, IP, browser). The salt rotates every
//! day and is deleted 48 hours after it was made, with the hashes; what is kept is counts per day.

use super::AppState;
use crate::domain::consent::ConsentCookie;
use rand::RngCore as _;
use sha2::{Digest, Sha256};
use std::net::IpAddr;

/// How long a day's salt (and so its visitor hashes) is kept.
pub const SALT_LIFETIME_MS: i64 = 48 * 60 * 60 * 1000;

/// Whether a `Cookie` header grants analytics under the policy version in force.
pub fn consented(state: &AppState, cookie_header: Option<&str>) -> bool {
    cookie_header
        .and_then(ConsentCookie::from_cookie_header)
        .is_some_and(|c| c.granted.analytics && c.policy_version == super::policy::current_version(state))
}

/// The UTC day of a time, as `YYYY-MM-DD`.
pub fn day_of(ms: i64) -> String {
    chrono::DateTime::from_timestamp_millis(ms).map(|t| t.format("%Y-%m-%d").to_string()).unwrap_or_default()
}

/// Counts a page view of a route pattern and, once a day, its visitor. The caller has checked consent.
pub async fn count_page_view(state: &AppState, route: &str, ip: IpAddr, user_agent: &str) -> Result<(), sqlx::Error> {
    let pool = &state.db.pool;
    let now_ms = state.clock.now_ms();
    let day = day_of(now_ms);
    super::db::analytics::count(pool, &day, "page", route).await?;
    let salt = super::db::analytics::salt_for(pool, &day, &fresh_salt(), now_ms).await?;
    let visitor = hex::encode(Sha256::new().chain_update(&salt).chain_update(ip.to_string()).chain_update(user_agent).finalize());
    if super::db::analytics::first_visit_today(pool, &day, &visitor).await? {
        super::db::analytics::count(pool, &day, "visitors", "").await?;
    }
    Ok(())
}

/// Counts the use of a feature ("deal moved", "export requested") when the request that used it
/// carries analytics consent. A failure is logged; it never fails the request.
pub async fn feature_used(name: &str) {
    let Some(state) = leptos::prelude::use_context::<AppState>() else { return };
    if !consented(&state, Some(&super::context::cookie_header())) {
        return;
    }
    let day = day_of(state.clock.now_ms());
    if let Err(error) = super::db::analytics::count(&state.db.pool, &day, "feature", name).await {
        tracing::warn!("counting feature use failed: {error}");
    }
}

/// Deletes salts (and their visitor hashes) older than 48 hours.
pub async fn forget_old_salts(state: &AppState) -> Result<u64, sqlx::Error> {
    super::db::analytics::forget_old_salts(&state.db.pool, state.clock.now_ms() - SALT_LIFETIME_MS).await
}

fn fresh_salt() -> String {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}
