//! The Privacy Policy versions in force and announced: the first ships with the code
//! (`content::POLICY_HISTORY`), later ones are published by operators into `policy_versions`.
//! The published list is small and read on every page, so it is kept in memory: loaded at
//! start-up, after each publication, and by the hourly job (for other servers' publications).

use super::AppState;
use crate::content::POLICY_HISTORY;
use crate::domain::policy::{PolicyStatus, VersionSummary};
use std::sync::{Arc, RwLock};

/// Every version, shipped and published, oldest first: merged and sorted once, when loaded.
#[derive(Clone)]
pub struct PublishedVersions(Arc<RwLock<Vec<VersionSummary>>>);

impl Default for PublishedVersions {
    /// The shipped versions only, until the first `reload`.
    fn default() -> Self {
        PublishedVersions(Arc::new(RwLock::new(with_shipped(Vec::new()))))
    }
}

impl PublishedVersions {
    fn replace(&self, versions: Vec<VersionSummary>) {
        if let Ok(mut guard) = self.0.write() {
            *guard = versions;
        }
    }
}

/// The shipped versions with `published` ones, sorted by date, one per date.
fn with_shipped(published: Vec<VersionSummary>) -> Vec<VersionSummary> {
    let shipped = POLICY_HISTORY
        .iter()
        .map(|v| VersionSummary { version: v.version.to_owned(), changes: v.changes.iter().map(|c| (*c).to_owned()).collect() });
    let mut all: Vec<VersionSummary> = shipped.chain(published).collect();
    all.sort_by(|a, b| a.version.cmp(&b.version));
    all.dedup_by(|a, b| a.version == b.version);
    all
}

/// The lines of a summary, as the list of changes.
pub fn summary_lines(summary: &str) -> Vec<String> {
    summary.lines().map(str::trim).filter(|line| !line.is_empty()).map(str::to_owned).collect()
}

/// Reads the published versions again.
pub async fn reload(state: &AppState) -> Result<(), sqlx::Error> {
    let rows = super::db::policy_versions::all(&state.db.pool).await?;
    let published = rows.into_iter().map(|row| VersionSummary { version: row.version, changes: summary_lines(&row.summary) }).collect();
    state.policy.replace(with_shipped(published));
    Ok(())
}

/// Which version is in force now, the history, and the next one announced.
pub fn status(state: &AppState) -> PolicyStatus {
    let today = super::analytics::day_of(state.clock.now_ms());
    let all = state.policy.0.read().map(|guard| guard.clone()).unwrap_or_default();
    let (history, later): (Vec<_>, Vec<_>) = all.into_iter().partition(|v| v.version <= today);
    let current = history.last().map(|v| v.version.clone()).unwrap_or_default();
    PolicyStatus { current, history, upcoming: later.into_iter().next() }
}

/// The version in force now (what consents and sign-ups are recorded under), without copying
/// the list: asked on every page view that counts analytics.
pub fn current_version(state: &AppState) -> String {
    let today = super::analytics::day_of(state.clock.now_ms());
    let Ok(all) = state.policy.0.read() else { return String::new() };
    all.iter().rev().find(|v| v.version <= today).map(|v| v.version.clone()).unwrap_or_default()
}
