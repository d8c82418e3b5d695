//! UTC calendar arithmetic on Unix milliseconds, without a date crate (the browser bundle stays
//! small, and the server and the browser format dates identically for hydration).

/// Milliseconds in a day.
pub const DAY_MS: i64 = 86_400_000;

/// (year, month 1–12, day 1–31) of a day counted from 1970-01-01 (H. Hinnant's algorithm).
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, u32::try_from(month).unwrap_or(1), u32::try_from(day).unwrap_or(1))
}

/// Days from 1970-01-01 to a date (the inverse of `civil_from_days`).
pub fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let (month, day) = (i64::from(month), i64::from(day));
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let yoe = year - era * 400;
    let mp = if month > 2 { month - 3 } else { month + 9 };
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// How many days the month has.
pub fn days_in_month(year: i64, month: u32) -> i64 {
    let next = if month == 12 { days_from_civil(year + 1, 1, 1) } else { days_from_civil(year, month + 1, 1) };
    next - days_from_civil(year, month, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_and_dates_convert_both_ways() {
        for days in [-1, 0, 59, 11_016, 20_419, 20_784] {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
        assert_eq!(civil_from_days(20_784), (2026, 11, 27));
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(days_in_month(2026, 12), 31);
    }

    #[test]
    fn dates_are_written_per_language() {
        use crate::i18n_setup::Locale;
        let wall = days_from_civil(2026, 11, 27) * DAY_MS + (14 * 60 + 5) * 60_000;
        assert_eq!(format_wall_in(wall, Locale::en), "2026-11-27 14:05");
        assert_eq!(format_wall_in(wall, Locale::de), "27.11.2026 14:05");
        assert_eq!(format_day_in("2026-11-27", Locale::de), "27.11.2026");
        assert_eq!(format_day_in("2026-11-27", Locale::en), "2026-11-27");
        assert_eq!(format_day_in("", Locale::de), "");
    }
}

/// `2026-11-27 14:05` for a wall-clock time given as milliseconds since 1970-01-01 00:00.
pub fn format_wall(wall_ms: i64) -> String {
    let secs = wall_ms.div_euclid(1000);
    let (year, month, day) = civil_from_days(secs.div_euclid(86_400));
    let of_day = secs.rem_euclid(86_400);
    format!("{year:04}-{month:02}-{day:02} {:02}:{:02}", of_day / 3600, of_day % 3600 / 60)
}

/// A wall-clock time as a language writes it: ISO order in English, `27.11.2026 14:05` in German.
pub fn format_wall_in(wall_ms: i64, locale: crate::i18n_setup::Locale) -> String {
    match locale {
        crate::i18n_setup::Locale::en => format_wall(wall_ms),
        crate::i18n_setup::Locale::de => {
            let secs = wall_ms.div_euclid(1000);
            let (year, month, day) = civil_from_days(secs.div_euclid(86_400));
            let of_day = secs.rem_euclid(86_400);
            format!("{day:02}.{month:02}.{year:04} {:02}:{:02}", of_day / 3600, of_day % 3600 / 60)
        }
    }
}

/// A calendar date `YYYY-MM-DD` as a language writes it (`27.11.2026` in German); anything else unchanged.
pub fn format_day_in(iso_day: &str, locale: crate::i18n_setup::Locale) -> String {
    match (locale, iso_day.split('-').collect::<Vec<_>>().as_slice()) {
        (crate::i18n_setup::Locale::de, [y, m, d]) if y.len() == 4 && m.len() == 2 && d.len() == 2 => format!("{d}.{m}.{y}"),
        _ => iso_day.to_owned(),
    }
}

/// A time zone as the UTC offsets it uses over a span of years (from the server's time zone
/// database), so the browser can show local times without a time zone library of its own.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Zone {
    /// The IANA name, e.g. `Europe/Berlin`.
    pub name: String,
    /// (from this instant on, offset in seconds east of UTC), sorted by instant; the first entry
    /// holds before it too.
    pub offsets: Vec<(i64, i32)>,
}

impl Default for Zone {
    fn default() -> Self {
        Zone { name: "UTC".into(), offsets: vec![(i64::MIN, 0)] }
    }
}

impl Zone {
    /// The offset in effect at an instant, in milliseconds.
    pub fn offset_ms(&self, utc_ms: i64) -> i64 {
        let index = self.offsets.partition_point(|(from, _)| *from <= utc_ms);
        let (_, seconds) = self.offsets.get(index.saturating_sub(1)).copied().unwrap_or((0, 0));
        i64::from(seconds) * 1000
    }

    /// The wall-clock time (as milliseconds since 1970-01-01 00:00) at an instant.
    pub fn to_local(&self, utc_ms: i64) -> i64 {
        utc_ms + self.offset_ms(utc_ms)
    }

    /// The instant a wall-clock time names (the earlier one when clocks go back; a time skipped
    /// when clocks go forward moves on by the gap).
    pub fn from_local(&self, wall_ms: i64) -> i64 {
        let guess = wall_ms - self.offset_ms(wall_ms);
        wall_ms - self.offset_ms(guess)
    }

    /// `UTC` or `UTC+01:00` for the offset at an instant.
    pub fn label(&self, utc_ms: i64) -> String {
        let minutes = self.offset_ms(utc_ms) / 60_000;
        if minutes == 0 {
            return "UTC".into();
        }
        let sign = if minutes < 0 { '-' } else { '+' };
        format!("UTC{sign}{:02}:{:02}", minutes.abs() / 60, minutes.abs() % 60)
    }

    /// `2026-11-27 15:05 UTC+01:00`: an instant as this zone's wall clock.
    pub fn format(&self, utc_ms: i64) -> String {
        format!("{} {}", format_wall(self.to_local(utc_ms)), self.label(utc_ms))
    }

    /// The same, written the way a language writes dates: `27.11.2026 15:05 UTC+01:00` in German.
    pub fn format_in(&self, utc_ms: i64, locale: crate::i18n_setup::Locale) -> String {
        format!("{} {}", format_wall_in(self.to_local(utc_ms), locale), self.label(utc_ms))
    }
}

#[cfg(test)]
mod zone_tests {
    use super::*;

    /// Central Europe in 2026: UTC+1, UTC+2 from 29 March 01:00 UTC to 25 October 01:00 UTC.
    fn berlin() -> Zone {
        let march = days_from_civil(2026, 3, 29) * DAY_MS + 3_600_000;
        let october = days_from_civil(2026, 10, 25) * DAY_MS + 3_600_000;
        Zone { name: "Europe/Berlin".into(), offsets: vec![(i64::MIN, 3600), (march, 7200), (october, 3600)] }
    }

    #[test]
    fn instants_show_as_the_zones_wall_clock() {
        let noon_utc = days_from_civil(2026, 7, 1) * DAY_MS + 12 * 3_600_000;
        assert_eq!(berlin().format(noon_utc), "2026-07-01 14:00 UTC+02:00");
        assert_eq!(Zone::default().format(noon_utc), "2026-07-01 12:00 UTC");
        let winter = days_from_civil(2026, 11, 27) * DAY_MS;
        assert_eq!(berlin().format(winter), "2026-11-27 01:00 UTC+01:00");
    }

    #[test]
    fn wall_clock_times_read_back_to_the_same_instant() {
        let zone = berlin();
        for instant in [days_from_civil(2026, 1, 15) * DAY_MS, days_from_civil(2026, 7, 1) * DAY_MS + 5 * 60_000] {
            assert_eq!(zone.from_local(zone.to_local(instant)), instant);
        }
    }
}
