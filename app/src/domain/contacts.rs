//! Contacts: people, with several labelled emails and phones (one of each marked primary).

use super::accounts::Email;
use super::companies::phone;
use super::records::{one_of, text_in, web_url, FieldCheck};
use crate::error::FieldErrors;
use crate::i18n_setup::{td_string, Locale};
use serde::{Deserialize, Serialize};

/// Lifecycle statuses, in the order the form offers them.
pub const STATUSES: [(&str, &str); 5] = [
    ("lead", "Lead"),
    ("prospect", "Prospect"),
    ("customer", "Customer"),
    ("partner", "Partner"),
    ("inactive", "Inactive"),
];

/// Labels of an email or phone.
pub const LABELS: [&str; 4] = ["work", "home", "mobile", "other"];

/// How many email and phone rows the form offers.
pub const CHANNEL_ROWS: usize = 3;

pub fn status_label(status: &str) -> &'static str {
    STATUSES.iter().find(|(key, _)| *key == status).map(|(_, label)| *label).unwrap_or("Unknown")
}

/// One email address or phone number with its label.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Channel {
    pub value: String,
    pub label: String,
    #[serde(default)]
    pub primary: bool,
}

/// The editable fields of a contact. The form posts `emails[0][value]`, `emails[0][label]`… and
/// `primary_email` / `primary_phone` as the index of the primary row.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ContactFields {
    pub first_name: String,
    pub last_name: String,
    pub job_title: String,
    /// Empty for none; otherwise a company id of the same workspace (checked by the server).
    pub company_id: String,
    pub status: String,
    pub linkedin_url: String,
    #[serde(default)]
    pub emails: Vec<Channel>,
    #[serde(default)]
    pub phones: Vec<Channel>,
    /// The person asked not to be written to: no email is sent to them.
    #[serde(default)]
    pub do_not_contact: bool,
}

/// The two letters shown in a contact's avatar.
pub fn initials(first_name: &str, last_name: &str) -> String {
    [first_name, last_name]
        .iter()
        .filter_map(|part| part.chars().next())
        .flat_map(char::to_uppercase)
        .collect()
}

fn parse_channels(
    rows: &[Channel],
    primary: Option<usize>,
    field: &str,
    parse_value: impl Fn(&str) -> Result<String, String>,
    errors: &mut FieldErrors,
) -> Vec<Channel> {
    let mut kept = Vec::new();
    for (index, row) in rows.iter().enumerate().take(CHANNEL_ROWS * 4) {
        if row.value.trim().is_empty() {
            continue;
        }
        let value = match parse_value(&row.value) {
            Ok(value) => value,
            Err(message) => {
                errors.insert(format!("{field}.{index}"), message);
                continue;
            }
        };
        let label = if LABELS.contains(&row.label.as_str()) { row.label.clone() } else { "work".into() };
        kept.push(Channel { value, label, primary: primary == Some(index) || row.primary });
    }
    // Exactly one primary when there is anything at all: the chosen one, else the first.
    let first_primary = kept.iter().position(|c| c.primary).unwrap_or(0);
    for (index, channel) in kept.iter_mut().enumerate() {
        channel.primary = index == first_primary;
    }
    kept
}

impl ContactFields {
    /// Checks and cleans every field, reporting every problem at once. Errors on an email or phone
    /// row are named `emails.N` / `phones.N`.
    pub fn parse(self, primary_email: Option<usize>, primary_phone: Option<usize>, locale: Locale) -> Result<Self, FieldErrors> {
        let mut check = FieldCheck::new();
        let mut keep = |field: &str, result: Result<String, String>| check.keep(field, result);
        let text = |raw: &str, max: usize| text_in(raw, max, None, locale);
        let first_name = keep("first_name", text(&self.first_name, 100));
        let last_name = keep("last_name", text(&self.last_name, 100));
        let job_title = keep("job_title", text(&self.job_title, 100));
        let company_id = keep("company_id", text(&self.company_id, 64));
        let status = keep("status", one_of(&STATUSES, &self.status, locale));
        let linkedin_url = keep("linkedin_url", web_url(&self.linkedin_url, locale));
        if first_name.is_empty() && last_name.is_empty() && !check.has("first_name") && !check.has("last_name") {
            check.error("first_name", td_string!(locale, errors.contacts.name_required));
        }
        let emails =
            parse_channels(&self.emails, primary_email, "emails", |v| Email::parse(v, locale).map(|e| e.as_str().to_owned()), check.errors_mut());
        let phones = parse_channels(&self.phones, primary_phone, "phones", |v| phone(v, locale), check.errors_mut());
        let do_not_contact = self.do_not_contact;
        check.finish(ContactFields { first_name, last_name, job_title, company_id, status, linkedin_url, emails, phones, do_not_contact })
    }

    pub fn full_name(&self) -> String {
        format!("{} {}", self.first_name, self.last_name).trim().to_owned()
    }

    /// Field names and values in form order (for change tracking); channels as one line each.
    pub fn named(&self) -> Vec<(&'static str, String)> {
        let channels = |list: &[Channel]| {
            list.iter()
                .map(|c| format!("{} ({}{})", c.value, c.label, if c.primary { ", primary" } else { "" }))
                .collect::<Vec<_>>()
                .join("; ")
        };
        vec![
            ("first_name", self.first_name.clone()),
            ("last_name", self.last_name.clone()),
            ("job_title", self.job_title.clone()),
            ("company_id", self.company_id.clone()),
            ("status", self.status.clone()),
            ("linkedin_url", self.linkedin_url.clone()),
            ("emails", channels(&self.emails)),
            ("phones", channels(&self.phones)),
            ("do_not_contact", if self.do_not_contact { "yes".into() } else { "no".into() }),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn channel(value: &str, label: &str) -> Channel {
        Channel { value: value.into(), label: label.into(), primary: false }
    }

    #[test]
    fn a_contact_needs_some_name_and_a_known_status() {
        let errors = ContactFields { status: "vip".into(), ..Default::default() }.parse(None, None, Locale::en).unwrap_err();
        assert_eq!(errors["first_name"], "Enter a first or last name.");
        assert_eq!(errors["status"], "Choose one from the list.");
    }

    #[test]
    fn empty_channel_rows_are_dropped_and_one_primary_is_kept() {
        let fields = ContactFields {
            last_name: "Lovelace".into(),
            status: "lead".into(),
            emails: vec![channel("", "work"), channel("ada@example.com", "home"), channel("a@b.co", "work")],
            ..Default::default()
        }
        .parse(Some(2), None, Locale::en)
        .unwrap();
        assert_eq!(fields.emails.len(), 2);
        assert!(fields.emails[1].primary && !fields.emails[0].primary);
    }

    #[test]
    fn a_bad_email_row_is_named_by_its_index() {
        let errors = ContactFields {
            first_name: "Ada".into(),
            status: "lead".into(),
            emails: vec![channel("ada@example.com", "work"), channel("nope", "work")],
            ..Default::default()
        }
        .parse(None, None, Locale::en)
        .unwrap_err();
        assert_eq!(errors["emails.1"], "Enter an email address like name@company.com.");
    }

    #[test]
    fn initials_take_the_first_letters() {
        assert_eq!(initials("ada", "Lovelace"), "AL");
        assert_eq!(initials("", "Lovelace"), "L");
    }
}
