//! Which Privacy Policy version is in force, what each version changed, and the one announced
//! for later. A version is named by the date it takes effect (`YYYY-MM-DD`), which is also its
//! "Last updated" date. The server works this out from the published versions; the page carries
//! it to the browser in a `<meta name="nexacrm-policy">` tag so both render the same banner.

use serde::{Deserialize, Serialize};

/// The name of the meta tag that carries a `PolicyStatus` as JSON.
pub const POLICY_META: &str = "nexacrm-policy";

/// A version and what it changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionSummary {
    pub version: String,
    pub changes: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PolicyStatus {
    /// The version in force today.
    pub current: String,
    /// Every version in force so far, oldest first (the last is `current`).
    pub history: Vec<VersionSummary>,
    /// A version published ahead of its date, if any (the earliest one).
    pub upcoming: Option<VersionSummary>,
}

impl PolicyStatus {
    /// What changed in the versions after `version`, up to the current one.
    pub fn changes_since(&self, version: &str) -> Vec<String> {
        self.history.iter().filter(|v| v.version.as_str() > version).flat_map(|v| v.changes.iter().cloned()).collect()
    }

    /// The versions before the current one, newest first.
    pub fn earlier(&self) -> impl Iterator<Item = &VersionSummary> {
        self.history.iter().rev().skip(1)
    }
}

/// "2026-06-10" → "June 10, 2026" (the policy's own way of writing its date).
pub fn long_date(version: &str) -> String {
    const MONTHS: [&str; 12] =
        ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
    let mut parts = version.splitn(3, '-');
    let (Some(year), Some(month), Some(day)) = (parts.next(), parts.next(), parts.next()) else { return version.to_owned() };
    match (month.parse::<usize>(), day.parse::<u32>()) {
        (Ok(m @ 1..=12), Ok(d)) => format!("{} {d}, {year}", MONTHS[m - 1]),
        _ => version.to_owned(),
    }
}

/// The same date as a language writes it: "June 10, 2026" in English, "10. Juni 2026" in German.
pub fn long_date_in(version: &str, locale: crate::i18n_setup::Locale) -> String {
    const MONATE: [&str; 12] =
        ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober", "November", "Dezember"];
    match locale {
        crate::i18n_setup::Locale::en => long_date(version),
        crate::i18n_setup::Locale::de => {
            let mut parts = version.splitn(3, '-');
            let (Some(year), Some(month), Some(day)) = (parts.next(), parts.next(), parts.next()) else { return version.to_owned() };
            match (month.parse::<usize>(), day.parse::<u32>()) {
                (Ok(m @ 1..=12), Ok(d)) => format!("{d}. {} {year}", MONATE[m - 1]),
                _ => version.to_owned(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status() -> PolicyStatus {
        PolicyStatus {
            current: "2027-01-01".into(),
            history: vec![
                VersionSummary { version: "2026-06-10".into(), changes: vec!["First.".into()] },
                VersionSummary { version: "2027-01-01".into(), changes: vec!["Longer retention.".into(), "New processor.".into()] },
            ],
            upcoming: None,
        }
    }

    #[test]
    fn changes_since_an_older_choice_list_every_later_version() {
        assert_eq!(status().changes_since("2026-06-10"), ["Longer retention.", "New processor."]);
        assert_eq!(status().changes_since("2025-01-01").len(), 3);
        assert!(status().changes_since("2027-01-01").is_empty());
        assert_eq!(status().earlier().map(|v| v.version.as_str()).collect::<Vec<_>>(), ["2026-06-10"]);
    }

    #[test]
    fn dates_read_as_the_policy_writes_them() {
        assert_eq!(long_date("2026-06-10"), "June 10, 2026");
        assert_eq!(long_date("2027-12-01"), "December 1, 2027");
        assert_eq!(long_date_in("2027-03-01", crate::i18n_setup::Locale::de), "1. März 2027");
        assert_eq!(long_date("nonsense"), "nonsense");
    }
}
