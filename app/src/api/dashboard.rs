//! The workspace home's dashboard: open pipeline by stage, won and lost deals per month, the
//! weighted forecast, the caller's due activities and the workspace's recent events.

use crate::domain::records::RecordKind;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A sum of money in one currency.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Amount {
    pub currency: String,
    /// Minor units (cents).
    pub minor: i64,
    /// "12,500.00 EUR".
    pub shown: String,
}

impl Amount {
    pub fn new(minor: i64, currency: &str) -> Self {
        Amount { shown: crate::domain::deals::format_amount_in(minor, currency, crate::i18n_setup::request_locale()), currency: currency.to_owned(), minor }
    }
}

/// The live deals of one open stage.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StageFigures {
    pub name: String,
    pub deals: i64,
    /// One per currency present, by currency code.
    pub amounts: Vec<Amount>,
}

/// Deals won and lost in one calendar month (UTC), by their `closed_at`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MonthFigures {
    /// "2026-11".
    pub month: String,
    /// "Nov 2026".
    pub label: String,
    /// Every currency counts.
    pub won: i64,
    pub lost: i64,
    /// Amounts in the workspace's default currency only.
    pub won_minor: i64,
    pub lost_minor: i64,
}

/// Open deals expected to close in a calendar quarter, weighted by their stage's probability.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuarterForecast {
    /// "Q4 2026".
    pub label: String,
    /// First and last day, `YYYY-MM-DD`.
    pub first_day: String,
    pub last_day: String,
    /// Σ amount × probability / 100, one per currency.
    pub amounts: Vec<Amount>,
}

/// An activity assigned to the caller that is not done.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueActivity {
    pub id: String,
    /// call, meeting, task or email.
    pub kind: String,
    pub subject: String,
    pub due_at: i64,
}

/// Activities in one list of the dashboard, and whether more did not fit.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueList {
    pub items: Vec<DueActivity>,
    pub more: bool,
}

/// Something that happened to a live record.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecentEvent {
    pub id: String,
    /// created, updated, moved, restored…
    pub action: String,
    pub kind: RecordKind,
    pub record_id: String,
    pub record_name: String,
    /// `None` for a former member.
    pub actor_name: Option<String>,
    pub at: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    /// No company, contact or deal yet: the page shows how to start.
    pub is_new: bool,
    /// The currency the charts are drawn in.
    pub currency: String,
    /// Open stages in board order.
    pub pipeline: Vec<StageFigures>,
    /// The last 12 calendar months, oldest first, this month last.
    pub months: Vec<MonthFigures>,
    /// This quarter, then the next.
    pub forecast: Vec<QuarterForecast>,
    /// The caller's activities due before now, oldest first.
    pub overdue: DueList,
    /// The caller's activities due from now to the end of today (UTC).
    pub due_today: DueList,
    /// The workspace's newest events.
    pub recent: Vec<RecentEvent>,
}

/// How many activities each list shows.
pub const DUE_LIMIT: usize = 20;
/// How many recent events the page shows.
pub const RECENT_LIMIT: i64 = 15;

/// The dashboard of the workspace at `slug`, as of the server's clock. "Not found" for a workspace
/// the caller is not a member of.
#[server(endpoint = "dashboard/load", input = server_fn::codec::GetUrl)]
pub async fn load_dashboard(slug: String) -> Result<Dashboard, AppError> {
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    let (pool, workspace_id) = (&state.db.pool, member.workspace_id.as_str());
    let now_ms = state.clock.now_ms();
    // A workspace that never opened its board gets its default stages here too.
    let mut conn = pool.acquire().await?;
    db::deals::stages(&mut conn, workspace_id).await?;
    drop(conn);
    let currency = db::dashboard::default_currency(pool, workspace_id).await?;

    let pipeline = figures::pipeline(db::dashboard::open_pipeline(pool, workspace_id, member.only_own()).await?);

    let months = calendar::last_months(now_ms, 12);
    // One counted and summed range for the twelve months.
    let month_starts: Vec<i64> = months.iter().map(|m| m.start_ms()).chain(months.last().map(|m| m.next().start_ms())).collect();
    let closed = db::dashboard::closed_in_periods(pool, workspace_id, member.only_own(), &month_starts).await?;
    let months = figures::months(&months, &closed, &currency);

    let quarters = [calendar::Quarter::containing(now_ms), calendar::Quarter::containing(now_ms).next()];
    let quarter_starts: Vec<String> = quarters.iter().map(|q| q.first_day()).chain([quarters[1].next().first_day()]).collect();
    let weighted = db::dashboard::weighted_in_periods(pool, workspace_id, member.only_own(), &quarter_starts).await?;
    let forecast = quarters
        .iter()
        .enumerate()
        .map(|(index, quarter)| {
            let amounts = weighted
                .iter()
                .filter(|(period, _, _)| *period == index)
                .map(|(_, currency, centi)| Amount::new(figures::hundredths_to_units(*centi), currency))
                .collect();
            QuarterForecast { label: quarter.label(), first_day: quarter.first_day(), last_day: quarter.last_day(), amounts }
        })
        .collect();

    // The end of the person's own day.
    let zone = crate::ssr::zones::of_user(pool, &member.user_id, now_ms).await?;
    let day_end = zone.from_local(calendar::day_bounds(zone.to_local(now_ms)).1);
    let due = |from: i64, to: i64| db::dashboard::due_for(pool, workspace_id, &member.user_id, from, to, i64::try_from(DUE_LIMIT).unwrap_or(20) + 1);
    let overdue = figures::due_list(due(i64::MIN, now_ms).await?);
    let due_today = figures::due_list(due(now_ms, day_end).await?);

    let recent = db::dashboard::recent_events(pool, workspace_id, member.only_own(), RECENT_LIMIT)
        .await?
        .into_iter()
        .filter_map(|e| {
            Some(RecentEvent {
                kind: RecordKind::parse(&e.record_kind)?,
                id: e.id,
                action: e.action,
                record_id: e.record_id,
                record_name: e.record_name,
                actor_name: e.actor_name,
                at: e.at,
            })
        })
        .collect();

    Ok(Dashboard {
        is_new: db::dashboard::is_new(pool, workspace_id).await?,
        currency,
        pipeline,
        months,
        forecast,
        overdue,
        due_today,
        recent,
    })
}

#[cfg(feature = "ssr")]
mod figures {
    //! Turning the dashboard's rows into its figures.

    use super::calendar::Month;
    use super::{Amount, DueActivity, DueList, MonthFigures, StageFigures, DUE_LIMIT};
    use crate::ssr::db::dashboard::{ClosedRow, DueRow, StageTotalRow};

    /// One entry per stage (rows come sorted by stage, then currency).
    pub fn pipeline(rows: Vec<StageTotalRow>) -> Vec<StageFigures> {
        let mut stages: Vec<(String, StageFigures)> = Vec::new();
        for row in rows {
            if stages.last().is_none_or(|(id, _)| *id != row.stage_id) {
                stages.push((row.stage_id.clone(), StageFigures { name: row.name.clone(), deals: 0, amounts: Vec::new() }));
            }
            if let (Some((_, stage)), Some(currency)) = (stages.last_mut(), row.currency) {
                stage.deals += row.deal_count;
                stage.amounts.push(Amount::new(row.total_minor, &currency));
            }
        }
        stages.into_iter().map(|(_, stage)| stage).collect()
    }

    /// Closed deals counted into their month; amounts only in `currency`.
    pub fn months(months: &[Month], closed: &[ClosedRow], currency: &str) -> Vec<MonthFigures> {
        let mut figures: Vec<MonthFigures> = months
            .iter()
            .map(|m| MonthFigures { month: m.key(), label: m.label(), won: 0, lost: 0, won_minor: 0, lost_minor: 0 })
            .collect();
        for deal in closed {
            let Some(index) = months.iter().position(|m| m.contains(deal.closed_at)) else { continue };
            let Some(month) = figures.get_mut(index) else { continue };
            let amount = if deal.currency == currency { deal.amount_minor } else { 0 };
            if deal.kind == "won" {
                month.won += deal.deals;
                month.won_minor += amount;
            } else {
                month.lost += deal.deals;
                month.lost_minor += amount;
            }
        }
        figures
    }

    /// Hundredths of a minor unit (amount × percent) → minor units, half up.
    pub fn hundredths_to_units(hundredths: i64) -> i64 {
        (hundredths + 50).div_euclid(100)
    }

    /// At most `DUE_LIMIT` activities (the query asks for one more, to know whether there are more).
    pub fn due_list(mut rows: Vec<DueRow>) -> DueList {
        let more = rows.len() > DUE_LIMIT;
        rows.truncate(DUE_LIMIT);
        DueList {
            items: rows.into_iter().map(|r| DueActivity { id: r.id, kind: r.kind, subject: r.subject, due_at: r.due_at }).collect(),
            more,
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn weighted_amounts_round_half_up() {
            assert_eq!(hundredths_to_units(1_000_000 * 50), 500_000);
            assert_eq!(hundredths_to_units(149), 1);
            assert_eq!(hundredths_to_units(150), 2);
            assert_eq!(hundredths_to_units(0), 0);
        }

        #[test]
        fn closed_deals_fall_into_their_month_and_only_the_default_currency_sums() {
            let october_november = super::super::calendar::last_months(1_795_737_600_000, 2);
            let row = |kind: &str, at: i64, minor: i64, currency: &str| ClosedRow { kind: kind.into(), closed_at: at, deals: 1, amount_minor: minor, currency: currency.into() };
            let closed = [
                row("won", 1_795_737_600_000, 100, "EUR"),
                row("won", 1_795_737_600_000, 700, "USD"),
                row("lost", 1_793_491_199_999, 50, "EUR"), // 2026-10-31T23:59:59.999Z
                row("won", 1_700_000_000_000, 9, "EUR"),   // long before: not in any month
            ];
            let figures = months(&october_november, &closed, "EUR");
            assert_eq!(figures.len(), 2);
            assert_eq!((figures[0].month.as_str(), figures[0].lost, figures[0].lost_minor, figures[0].won), ("2026-10", 1, 50, 0));
            assert_eq!((figures[1].label.as_str(), figures[1].won, figures[1].won_minor), ("Nov 2026", 2, 100));
        }

        #[test]
        fn stages_gather_their_currencies_and_empty_stages_stay() {
            let row = |id: &str, currency: Option<&str>, count: i64, total: i64| StageTotalRow {
                stage_id: id.into(),
                name: id.to_uppercase(),
                currency: currency.map(str::to_owned),
                deal_count: count,
                total_minor: total,
            };
            let stages = pipeline(vec![row("a", Some("EUR"), 2, 300), row("a", Some("USD"), 1, 5), row("b", None, 0, 0)]);
            assert_eq!(stages.len(), 2);
            assert_eq!((stages[0].name.as_str(), stages[0].deals), ("A", 3));
            assert_eq!(stages[0].amounts.iter().map(|a| a.shown.as_str()).collect::<Vec<_>>(), ["3.00 EUR", "0.05 USD"]);
            assert_eq!((stages[1].deals, stages[1].amounts.len()), (0, 0));
        }
    }
}

#[cfg(feature = "ssr")]
pub mod calendar {
    //! UTC calendar arithmetic on unix milliseconds, without a date crate.

    use crate::domain::dates::DAY_MS;
    const MONTH_NAMES: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    pub use crate::domain::dates::{civil_from_days, days_from_civil};

    /// The start and end (exclusive) of the UTC day holding `ms`.
    pub fn day_bounds(ms: i64) -> (i64, i64) {
        let start = ms.div_euclid(DAY_MS) * DAY_MS;
        (start, start + DAY_MS)
    }

    /// A calendar month.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub struct Month {
        pub year: i64,
        /// 1–12.
        pub month: u32,
    }

    impl Month {
        pub fn containing(ms: i64) -> Self {
            let (year, month, _) = civil_from_days(ms.div_euclid(DAY_MS));
            Month { year, month }
        }

        pub fn next(self) -> Self {
            if self.month == 12 { Month { year: self.year + 1, month: 1 } } else { Month { year: self.year, month: self.month + 1 } }
        }

        pub fn previous(self) -> Self {
            if self.month == 1 { Month { year: self.year - 1, month: 12 } } else { Month { year: self.year, month: self.month - 1 } }
        }

        /// Midnight UTC of its first day.
        pub fn start_ms(self) -> i64 {
            days_from_civil(self.year, self.month, 1) * DAY_MS
        }

        pub fn contains(self, ms: i64) -> bool {
            (self.start_ms()..self.next().start_ms()).contains(&ms)
        }

        /// "2026-11".
        pub fn key(self) -> String {
            format!("{:04}-{:02}", self.year, self.month)
        }

        /// "Nov 2026".
        pub fn label(self) -> String {
            let name = MONTH_NAMES.get(usize::try_from(self.month).unwrap_or(1).saturating_sub(1)).copied().unwrap_or_default();
            format!("{name} {}", self.year)
        }
    }

    /// The `count` months up to and including the one holding `now_ms`, oldest first.
    pub fn last_months(now_ms: i64, count: usize) -> Vec<Month> {
        let mut months: Vec<Month> = std::iter::successors(Some(Month::containing(now_ms)), |m| Some(m.previous())).take(count).collect();
        months.reverse();
        months
    }

    /// A calendar quarter.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub struct Quarter {
        pub year: i64,
        /// 1–4.
        pub quarter: u32,
    }

    impl Quarter {
        pub fn containing(ms: i64) -> Self {
            let Month { year, month } = Month::containing(ms);
            Quarter { year, quarter: (month - 1) / 3 + 1 }
        }

        pub fn next(self) -> Self {
            if self.quarter == 4 { Quarter { year: self.year + 1, quarter: 1 } } else { Quarter { year: self.year, quarter: self.quarter + 1 } }
        }

        /// "2026-10-01" for Q4 2026.
        pub fn first_day(self) -> String {
            format!("{:04}-{:02}-01", self.year, (self.quarter - 1) * 3 + 1)
        }

        /// "2026-12-31" for Q4 2026.
        pub fn last_day(self) -> String {
            let next = self.next();
            let (year, month, day) = civil_from_days(days_from_civil(next.year, (next.quarter - 1) * 3 + 1, 1) - 1);
            format!("{year:04}-{month:02}-{day:02}")
        }

        /// "Q4 2026".
        pub fn label(self) -> String {
            format!("Q{} {}", self.quarter, self.year)
        }
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        /// 2026-11-27T00:00Z, the test servers' start.
        const START_MS: i64 = 1_795_737_600_000;

        #[test]
        fn days_and_dates_convert_both_ways() {
            assert_eq!(civil_from_days(0), (1970, 1, 1));
            assert_eq!(days_from_civil(1970, 1, 1), 0);
            assert_eq!(civil_from_days(START_MS / DAY_MS), (2026, 11, 27));
            for days in [-1, 59, 11_016, 20_513, 20_819, 40_000] {
                let (y, m, d) = civil_from_days(days);
                assert_eq!(days_from_civil(y, m, d), days);
            }
        }

        #[test]
        fn quarters_have_their_first_and_last_days() {
            let this = Quarter::containing(START_MS);
            assert_eq!((this.label(), this.first_day(), this.last_day()), ("Q4 2026".into(), "2026-10-01".into(), "2026-12-31".into()));
            let next = this.next();
            assert_eq!((next.label(), next.first_day(), next.last_day()), ("Q1 2027".into(), "2027-01-01".into(), "2027-03-31".into()));
            assert_eq!(Quarter { year: 2028, quarter: 1 }.last_day(), "2028-03-31");
            assert_eq!(Quarter { year: 2026, quarter: 2 }.last_day(), "2026-06-30");
            assert_eq!(Quarter::containing(Month { year: 2026, month: 7 }.start_ms()).label(), "Q3 2026");
        }

        #[test]
        fn the_last_twelve_months_end_with_this_one() {
            let months = last_months(START_MS, 12);
            assert_eq!(months.len(), 12);
            assert_eq!(months[0].key(), "2025-12");
            assert_eq!(months[11].label(), "Nov 2026");
            assert!(months[11].contains(START_MS));
            assert!(!months[11].contains(Month { year: 2026, month: 12 }.start_ms()));
            assert!(months[11].contains(Month { year: 2026, month: 12 }.start_ms() - 1));
            assert_eq!(Month { year: 2026, month: 12 }.next(), Month { year: 2027, month: 1 });
        }

        #[test]
        fn a_day_runs_from_midnight_to_midnight_utc() {
            assert_eq!(day_bounds(START_MS + 5), (START_MS, START_MS + DAY_MS));
            assert_eq!(day_bounds(START_MS - 1), (START_MS - DAY_MS, START_MS));
        }
    }
}
