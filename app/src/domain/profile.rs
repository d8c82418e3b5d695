//! A person's profile: name, job title, phone, a short bio, time zone and preferred currency.
//! The time zone is checked against the IANA list on the server.

use super::deals::CURRENCIES;
use super::records::{long_text, text_in, FieldCheck};
use crate::i18n_setup::{td_string, Locale};
use serde::{Deserialize, Serialize};

/// Missing fields read as empty (and are then reported), so a partial form gets field messages.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProfileFields {
    pub full_name: String,
    pub job_title: String,
    pub phone: String,
    pub bio: String,
    pub timezone: String,
    pub currency: String,
}

/// A phone number as typed: digits with an optional leading `+`, spaces, dots, dashes, brackets.
fn phone(raw: &str, locale: Locale) -> Result<String, String> {
    let trimmed = raw.trim();
    let allowed = |c: char| c.is_ascii_digit() || " .-()/".contains(c);
    let body = trimmed.strip_prefix('+').unwrap_or(trimmed);
    if trimmed.chars().count() > 40 || !body.chars().all(allowed) {
        return Err(td_string!(locale, errors.profile.phone).into());
    }
    Ok(trimmed.to_owned())
}

impl ProfileFields {
    /// Checks every field (`is_timezone` tells whether a name is an IANA time zone).
    pub fn parse(&self, is_timezone: impl Fn(&str) -> bool, locale: Locale) -> Result<ProfileFields, crate::error::FieldErrors> {
        let mut check = FieldCheck::default();
        let full_name = check.keep("full_name", text_in(&self.full_name, 100, Some(td_string!(locale, errors.profile.name_required)), locale));
        let job_title = check.keep("job_title", text_in(&self.job_title, 100, None, locale));
        let phone = check.keep("phone", phone(&self.phone, locale));
        let bio = check.keep("bio", long_text(&self.bio, 1000, None, locale));
        let timezone = check.keep(
            "timezone",
            if is_timezone(self.timezone.trim()) {
                Ok(self.timezone.trim().to_owned())
            } else {
                Err(td_string!(locale, errors.profile.choose_timezone).into())
            },
        );
        let currency = check.keep(
            "currency",
            CURRENCIES
                .iter()
                .find(|(code, _)| *code == self.currency.trim())
                .map(|(code, _)| (*code).to_owned())
                .ok_or_else(|| td_string!(locale, errors.deals.choose_currency).to_owned()),
        );
        check.finish(ProfileFields { full_name, job_title, phone, bio, timezone, currency })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields() -> ProfileFields {
        ProfileFields { full_name: "Ada".into(), job_title: "".into(), phone: "+44 (20) 7946-0018".into(), bio: "".into(), timezone: "Europe/London".into(), currency: "GBP".into() }
    }

    #[test]
    fn a_valid_profile_parses_and_bad_fields_are_named() {
        assert!(fields().parse(|tz| tz == "Europe/London", Locale::en).is_ok());
        let bad = ProfileFields { full_name: " ".into(), phone: "call me".into(), timezone: "Mars/Olympus".into(), currency: "XYZ".into(), ..fields() };
        let errors = bad.parse(|tz| tz == "Europe/London", Locale::en).unwrap_err();
        assert_eq!(errors.keys().map(String::as_str).collect::<Vec<_>>(), ["currency", "full_name", "phone", "timezone"]);
        assert_eq!(errors["full_name"], "Enter your name.");
        assert_eq!(errors["phone"], "Use digits, spaces and + - ( ) only, at most 40 characters.");
        assert_eq!(errors["timezone"], "Choose a time zone from the list.");
    }
}
