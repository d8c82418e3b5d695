//! The person's time zone as a `Zone` (its UTC offsets from three years back to two ahead), made
//! from the IANA database in `chrono-tz`, for showing and reading times in their own clock.

use crate::domain::dates::{Zone, DAY_MS};
use chrono::{Offset, TimeZone};
use chrono_tz::Tz;
use sqlx::AnyPool;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

const YEARS_BACK: i64 = 3;
const YEARS_AHEAD: i64 = 2;

fn offset_seconds(tz: Tz, utc_ms: i64) -> i32 {
    match chrono::DateTime::from_timestamp_millis(utc_ms) {
        Some(at) => tz.offset_from_utc_datetime(&at.naive_utc()).fix().local_minus_utc(),
        None => 0,
    }
}

/// Zones already worked out, by name, with the day they were worked out for: pages ask for the
/// person's zone on every load, and the walk below need only run once a day per zone.
static WORKED_OUT: OnceLock<Mutex<HashMap<String, (i64, Zone)>>> = OnceLock::new();

/// The zone named `name` (UTC for an unknown name) around `now_ms`.
pub fn named(name: &str, now_ms: i64) -> Zone {
    let day = now_ms.div_euclid(DAY_MS);
    let cache = WORKED_OUT.get_or_init(|| Mutex::new(HashMap::new()));
    if let Some((_, zone)) = cache.lock().ok().and_then(|known| known.get(name).filter(|(made, _)| *made == day).cloned()) {
        return zone;
    }
    let zone = walk(name, now_ms);
    if let Ok(mut known) = cache.lock() {
        known.insert(name.to_owned(), (day, zone.clone()));
    }
    zone
}

/// A day-by-day walk finds each change of offset, and halving the day finds its exact instant.
fn walk(name: &str, now_ms: i64) -> Zone {
    let Ok(tz) = name.parse::<Tz>() else { return Zone::default() };
    let start = now_ms - YEARS_BACK * 365 * DAY_MS;
    let end = now_ms + YEARS_AHEAD * 365 * DAY_MS;
    let mut offsets = vec![(i64::MIN, offset_seconds(tz, start))];
    let mut day = start;
    while day < end {
        let next = day + DAY_MS;
        let (before, after) = (offset_seconds(tz, day), offset_seconds(tz, next));
        if before != after {
            let (mut low, mut high) = (day, next);
            while high - low > 1 {
                let middle = low + (high - low) / 2;
                if offset_seconds(tz, middle) == before { low = middle } else { high = middle }
            }
            offsets.push((high, after));
        }
        day = next;
    }
    Zone { name: tz.name().to_owned(), offsets }
}

/// The signed-in person's zone, from their profile.
pub async fn of_user(pool: &AnyPool, user_id: &str, now_ms: i64) -> Result<Zone, sqlx::Error> {
    let row: Option<(String,)> = sqlx::query_as("select timezone from users where id = $1").bind(user_id).fetch_optional(pool).await?;
    Ok(named(row.map(|(tz,)| tz).as_deref().unwrap_or("UTC"), now_ms))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::dates::days_from_civil;

    #[test]
    fn a_zone_knows_its_daylight_saving_changes_to_the_minute() {
        let now = days_from_civil(2026, 11, 27) * DAY_MS;
        let berlin = named("Europe/Berlin", now);
        let summer_2026 = days_from_civil(2026, 3, 29) * DAY_MS + 3_600_000;
        assert!(berlin.offsets.contains(&(summer_2026, 7200)), "{:?}", berlin.offsets);
        assert_eq!(berlin.format(days_from_civil(2026, 7, 1) * DAY_MS), "2026-07-01 02:00 UTC+02:00");
        assert_eq!(named("Asia/Kolkata", now).label(now), "UTC+05:30");
        assert_eq!(named("Nowhere/Special", now), Zone::default());
    }
}
