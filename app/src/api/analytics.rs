//! The operators' view of the anonymised analytics: visitors and page views per day, the most
//! viewed pages (by route pattern) and feature use, for the last 30 days. Counts only: nothing
//! here can name a person.

use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// How many days the report covers, today included.
pub const REPORT_DAYS: i64 = 30;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayTotals {
    /// `YYYY-MM-DD`, UTC.
    pub day: String,
    pub visitors: i64,
    pub page_views: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NamedCount {
    pub name: String,
    pub count: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnalyticsReport {
    /// Every day of the period, oldest first, zeros included.
    pub days: Vec<DayTotals>,
    /// Page views per route pattern over the period, most viewed first.
    pub pages: Vec<NamedCount>,
    /// Uses per feature over the period, most used first.
    pub features: Vec<NamedCount>,
}

/// The last 30 days of counts (operators only; everyone else gets "not found").
#[server(endpoint = "operator/analytics", input = server_fn::codec::GetUrl)]
pub async fn operator_analytics() -> Result<AnalyticsReport, AppError> {
    use crate::ssr::analytics::day_of;
    use crate::ssr::db;
    let (state, _) = crate::api::support::ssr::operator()?;
    let now_ms = state.clock.now_ms();
    let day_ms = 24 * 60 * 60 * 1000;
    let days: Vec<String> = (0..REPORT_DAYS).rev().map(|back| day_of(now_ms - back * day_ms)).collect();
    let counts = db::analytics::since(&state.db.pool, &days[0]).await?;
    Ok(report(days, counts.into_iter().map(|c| (c.day, c.kind, c.name, c.count))))
}

/// Turns `(day, kind, name, count)` rows into the report.
#[cfg(feature = "ssr")]
fn report(days: Vec<String>, rows: impl Iterator<Item = (String, String, String, i64)>) -> AnalyticsReport {
    use std::collections::BTreeMap;
    let mut totals: BTreeMap<String, DayTotals> =
        days.into_iter().map(|day| (day.clone(), DayTotals { day, visitors: 0, page_views: 0 })).collect();
    let (mut pages, mut features) = (BTreeMap::<String, i64>::new(), BTreeMap::<String, i64>::new());
    for (day, kind, name, count) in rows {
        let Some(totals) = totals.get_mut(&day) else { continue };
        match kind.as_str() {
            "visitors" => totals.visitors += count,
            "page" => {
                totals.page_views += count;
                *pages.entry(name).or_default() += count;
            }
            _ => *features.entry(name).or_default() += count,
        }
    }
    let ranked = |counts: BTreeMap<String, i64>| {
        let mut list: Vec<NamedCount> = counts.into_iter().map(|(name, count)| NamedCount { name, count }).collect();
        list.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
        list
    };
    AnalyticsReport { days: totals.into_values().collect(), pages: ranked(pages), features: ranked(features) }
}
