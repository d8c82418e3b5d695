//! The Privacy Policy versions in force and announced: the first ships with the code
//! (`content::POLICY_HISTORY`), later ones are published by operators into `policy_versions`.
//! The published list is small and read on every page, so it is kept in memory: loaded at
//! start-up, after each publication, and by the hourly job (for other servers' publications).

use super::AppState;
use crate::content::POLICY_HISTORY;
use crate::domain::policy::{PolicyStatus, VersionSummary};
use std::sync::{Arc, RwLock};

/// The published versions (oldest first), shared by every request.
#[derive(Clone, Default)]
pub struct PublishedVersions(Arc<RwLock<Vec<VersionSummary>>>);

impl PublishedVersions {
    fn replace(&self, versions: Vec<VersionSummary>) {
        if let Ok(mut guard) = self.0.write() {
            *guard = versions;
        }
    }

    fn snapshot(&self) -> Vec<VersionSummary> {
        self.0.read().map(|guard| guard.clone()).unwrap_or_default()
    }
}

/// The lines of a summary, as the list of changes.
pub fn summary_lines(summary: &str) -> Vec<String> {
    summary.lines().map(str::trim).filter(|line| !line.is_empty()).map(str::to_owned).collect()
}

/// Reads the published versions again.
pub async fn reload(state: &AppState) -> Result<(), sqlx::Error> {
    let rows = super::db::policy_versions::all(&state.db.pool).await?;
    state.policy.replace(rows.into_iter().map(|row| VersionSummary { version: row.version, changes: summary_lines(&row.summary) }).collect());
    Ok(())
}

/// Which version is in force now, the history, and the next one announced.
pub fn status(state: &AppState) -> PolicyStatus {
    let today = super::analytics::day_of(state.clock.now_ms());
    let shipped = POLICY_HISTORY
        .iter()
        .map(|v| VersionSummary { version: v.version.to_owned(), changes: v.changes.iter().map(|c| (*c).to_owned()).collect() });
    let mut all: Vec<VersionSummary> = shipped.chain(state.policy.snapshot()).collect();
    all.sort_by(|a, b| a.version.cmp(&b.version));
    all.dedup_by(|a, b| a.version == b.version);
    let (history, later): (Vec<_>, Vec<_>) = all.into_iter().partition(|v| v.version <= today);
    let current = history.last().map(|v| v.version.clone()).unwrap_or_default();
    PolicyStatus { current, history, upcoming: later.into_iter().next() }
}

/// The version in force now (what consents and sign-ups are recorded under).
pub fn current_version(state: &AppState) -> String {
    status(state).current
}
