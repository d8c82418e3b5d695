//! Activities: calls, meetings, tasks and emails, due at a time, done or not, assigned to a
//! member and linked to the records they concern.

use super::records::{long_text, one_of, text_in, FieldCheck};
use crate::error::FieldErrors;
use crate::i18n_setup::{td_string, Locale};
use serde::{Deserialize, Serialize};

pub const KINDS: [(&str, &str); 4] = [("call", "Call"), ("meeting", "Meeting"), ("task", "Task"), ("email", "Email")];

pub fn kind_label(kind: &str) -> &'static str {
    KINDS.iter().find(|(k, _)| *k == kind).map(|(_, l)| *l).unwrap_or("Activity")
}

/// The editable fields of an activity. `due` is `YYYY-MM-DDTHH:MM` (UTC), as a
/// `datetime-local` input posts it; the record ids are checked against the workspace by the server.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ActivityFields {
    pub kind: String,
    pub subject: String,
    pub description: String,
    pub due: String,
    pub assignee_id: String,
    pub contact_id: String,
    pub company_id: String,
    pub deal_id: String,
    pub ticket_id: String,
}

/// A validated activity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidActivity {
    pub fields: ActivityFields,
    pub due_at: Option<i64>,
}

use super::dates::{days_from_civil, days_in_month, DAY_MS};

/// `2026-11-27T14:05` (or with a space, or a date alone for midnight) → milliseconds since
/// 1970-01-01 00:00 of that wall-clock time (an instant in UTC; `Zone::from_local` makes it the
/// person's own time).
pub fn parse_due(raw: &str, locale: Locale) -> Result<Option<i64>, String> {
    let value = raw.trim();
    if value.is_empty() {
        return Ok(None);
    }
    let bad = || td_string!(locale, errors.activities.due).to_owned();
    let (date, time) = value.split_once(['T', ' ']).unwrap_or((value, "00:00"));
    let date: Vec<i64> = date.split('-').map(|p| p.parse::<i64>().map_err(|_| bad())).collect::<Result<_, _>>()?;
    let month_day = |value: i64| u32::try_from(value).unwrap_or(0);
    let time: Vec<i64> = time.split(':').take(2).map(|p| p.parse::<i64>().map_err(|_| bad())).collect::<Result<_, _>>()?;
    let ([year, month, day], [hour, minute]) = (date.as_slice(), time.as_slice()) else {
        return Err(bad());
    };
    let valid = (1900..=9999).contains(year)
        && (1..=12).contains(month)
        && (1..=days_in_month(*year, month_day(*month))).contains(day)
        && (0..24).contains(hour)
        && (0..60).contains(minute);
    if !valid {
        return Err(bad());
    }
    Ok(Some(days_from_civil(*year, month_day(*month), month_day(*day)) * DAY_MS + hour * 3_600_000 + minute * 60_000))
}

/// The `datetime-local` value for a wall-clock time: `2026-11-27T14:05`.
pub fn due_input(wall_ms: i64) -> String {
    super::dates::format_wall(wall_ms).replacen(' ', "T", 1)
}

/// The start of the UTC day that holds `unix_ms`.
pub fn day_start(unix_ms: i64) -> i64 {
    unix_ms.div_euclid(DAY_MS) * DAY_MS
}

/// When something due at `due_at` falls for someone looking at `now_ms`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Due {
    Overdue,
    Today,
    Upcoming,
    Someday,
}

pub fn due_bucket(due_at: Option<i64>, now_ms: i64) -> Due {
    match due_at {
        None => Due::Someday,
        Some(at) if at < now_ms => Due::Overdue,
        Some(at) if at < day_start(now_ms) + DAY_MS => Due::Today,
        Some(_) => Due::Upcoming,
    }
}

impl ActivityFields {
    pub fn parse(self, locale: Locale) -> Result<ValidActivity, FieldErrors> {
        let mut check = FieldCheck::new();
        let mut keep = |field: &str, result: Result<String, String>| check.keep(field, result);
        let id = |raw: &str| text_in(raw, 64, None, locale);
        let kind = keep("kind", one_of(&KINDS, &self.kind, locale));
        let fields = ActivityFields {
            kind,
            subject: keep("subject", text_in(&self.subject, 200, Some(td_string!(locale, errors.fields.subject_required)), locale)),
            description: keep("description", long_text(&self.description, 20_000, None, locale)),
            due: self.due.trim().to_owned(),
            assignee_id: keep("assignee_id", id(&self.assignee_id)),
            contact_id: keep("contact_id", id(&self.contact_id)),
            company_id: keep("company_id", id(&self.company_id)),
            deal_id: keep("deal_id", id(&self.deal_id)),
            ticket_id: keep("ticket_id", id(&self.ticket_id)),
        };
        let due_at = check.keep("due", parse_due(&self.due, locale));
        check.finish(ValidActivity { fields, due_at })
    }

    /// The linked records as (kind, id), the empty ones left out.
    pub fn links(&self) -> Vec<(super::records::RecordKind, String)> {
        use super::records::RecordKind;
        [(RecordKind::Contact, &self.contact_id), (RecordKind::Company, &self.company_id), (RecordKind::Deal, &self.deal_id), (RecordKind::Ticket, &self.ticket_id)]
            .into_iter()
            .filter(|(_, id)| !id.is_empty())
            .map(|(kind, id)| (kind, id.clone()))
            .collect()
    }
}

impl ValidActivity {
    /// Field names and shown values, for change tracking.
    pub fn named(&self) -> Vec<(&'static str, String)> {
        vec![
            ("kind", self.fields.kind.clone()),
            ("subject", self.fields.subject.clone()),
            ("description", self.fields.description.clone()),
            ("due", self.due_at.map(crate::pages::records::format_time).unwrap_or_default()),
            ("assignee_id", self.fields.assignee_id.clone()),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOV_27_2026: i64 = 1_795_737_600_000;

    #[test]
    fn due_times_are_read_as_utc() {
        assert_eq!(parse_due("2026-11-27T14:05", Locale::en), Ok(Some(NOV_27_2026 + 14 * 3_600_000 + 5 * 60_000)));
        assert_eq!(parse_due("2026-11-27", Locale::en), Ok(Some(NOV_27_2026)));
        assert_eq!(parse_due("", Locale::en), Ok(None));
        assert!(parse_due("2026-02-30T10:00", Locale::en).is_err());
        assert!(parse_due("2026-13-01T10:00", Locale::en).is_err());
        assert_eq!(parse_due("tomorrow", Locale::en).unwrap_err(), "Enter a date and time like 2026-12-31 14:30.");
        assert_eq!(parse_due("2024-02-29T00:00", Locale::en).map(|d| d.is_some()), Ok(true));
        assert_eq!(parse_due("2026-12-31T23:59", Locale::en).map(|d| d.is_some()), Ok(true));
    }

    #[test]
    fn the_input_value_round_trips() {
        let at = NOV_27_2026 + 9 * 3_600_000;
        assert_eq!(due_input(at), "2026-11-27T09:00");
        assert_eq!(parse_due(&due_input(at), Locale::en), Ok(Some(at)));
    }

    #[test]
    fn work_falls_into_overdue_today_and_upcoming() {
        let now = NOV_27_2026 + 12 * 3_600_000;
        assert_eq!(due_bucket(Some(now - 1), now), Due::Overdue);
        assert_eq!(due_bucket(Some(now + 3_600_000), now), Due::Today);
        assert_eq!(due_bucket(Some(NOV_27_2026 + DAY_MS), now), Due::Upcoming);
        assert_eq!(due_bucket(None, now), Due::Someday);
    }
}
