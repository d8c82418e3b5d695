//! What every kind of CRM record shares: its kind's name, text field rules, and the changes an
//! update makes (for the audit log and the timeline).

use crate::i18n_setup::{td_string, Locale};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The kinds of record that notes, activities, events, search and the trash refer to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordKind {
    Company,
    Contact,
    Deal,
    Lead,
    Ticket,
    Activity,
}

impl RecordKind {
    /// Every kind, in the order lists and search groups show them.
    pub const ALL: [RecordKind; 6] =
        [RecordKind::Contact, RecordKind::Company, RecordKind::Deal, RecordKind::Lead, RecordKind::Ticket, RecordKind::Activity];

    pub fn as_str(self) -> &'static str {
        match self {
            RecordKind::Company => "company",
            RecordKind::Contact => "contact",
            RecordKind::Deal => "deal",
            RecordKind::Lead => "lead",
            RecordKind::Ticket => "ticket",
            RecordKind::Activity => "activity",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == raw)
    }

    pub fn label(self) -> &'static str {
        match self {
            RecordKind::Company => "Company",
            RecordKind::Contact => "Contact",
            RecordKind::Deal => "Deal",
            RecordKind::Lead => "Lead",
            RecordKind::Ticket => "Ticket",
            RecordKind::Activity => "Activity",
        }
    }

    pub fn plural_label(self) -> &'static str {
        match self {
            RecordKind::Company => "Companies",
            RecordKind::Contact => "Contacts",
            RecordKind::Deal => "Deals",
            RecordKind::Lead => "Leads",
            RecordKind::Ticket => "Tickets",
            RecordKind::Activity => "Activities",
        }
    }

    /// The path segment of the kind's pages under `/w/{slug}/` (also its table's name).
    pub fn path(self) -> &'static str {
        match self {
            RecordKind::Company => "companies",
            RecordKind::Contact => "contacts",
            RecordKind::Deal => "deals",
            RecordKind::Lead => "leads",
            RecordKind::Ticket => "tickets",
            RecordKind::Activity => "activities",
        }
    }
}

pub use super::list_sort::{ListSort, SortColumn};

/// Collects the problems of a form's fields while each is parsed, so that all are reported at once.
#[derive(Debug, Default)]
pub struct FieldCheck {
    errors: crate::error::FieldErrors,
}

impl FieldCheck {
    pub fn new() -> Self {
        Self::default()
    }

    /// The parsed value; on a problem, records `field`'s message and gives an empty value.
    pub fn keep<T: Default>(&mut self, field: &str, result: Result<T, String>) -> T {
        result.unwrap_or_else(|message| {
            self.error(field, message);
            T::default()
        })
    }

    pub fn error(&mut self, field: &str, message: impl Into<String>) {
        self.errors.insert(field.to_owned(), message.into());
    }

    /// Whether `field` already has a problem.
    pub fn has(&self, field: &str) -> bool {
        self.errors.contains_key(field)
    }

    /// For checks that report on rows of their own (a contact's emails and phones).
    pub fn errors_mut(&mut self) -> &mut crate::error::FieldErrors {
        &mut self.errors
    }

    /// `value` when every field was fine, else every problem.
    pub fn finish<T>(self, value: T) -> Result<T, crate::error::FieldErrors> {
        if self.errors.is_empty() { Ok(value) } else { Err(self.errors) }
    }
}

/// `raw` when it is one of the keys of `options`.
pub fn one_of(options: &[(&str, &str)], raw: &str, locale: Locale) -> Result<String, String> {
    let raw = raw.trim();
    if options.iter().any(|(key, _)| *key == raw) { Ok(raw.to_owned()) } else { Err(td_string!(locale, errors.fields.choose_from_list).into()) }
}

/// The label of a key in a list of (key, label) choices ("Unknown" for anything else).
pub fn option_label(options: &[(&'static str, &'static str)], key: &str) -> &'static str {
    options.iter().find(|(k, _)| *k == key).map(|(_, l)| *l).unwrap_or("Unknown")
}

/// A trimmed single-line text of at most `max` characters; `required` (the message when it is
/// empty) refuses empty.
pub fn text_in(raw: &str, max: usize, required: Option<&str>, locale: Locale) -> Result<String, String> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        return match required {
            Some(missing) => Err(missing.to_owned()),
            None => Ok(String::new()),
        };
    }
    if trimmed.chars().count() > max {
        return Err(td_string!(locale, errors.fields.too_long, max = max));
    }
    if trimmed.chars().any(char::is_control) {
        return Err(td_string!(locale, errors.fields.no_line_breaks).into());
    }
    Ok(trimmed.to_owned())
}

/// Multi-line text (notes, descriptions): line breaks kept, other control characters refused;
/// `required` (the message when it is empty) refuses empty.
pub fn long_text(raw: &str, max: usize, required: Option<&str>, locale: Locale) -> Result<String, String> {
    let normalised = raw.replace("\r\n", "\n");
    let trimmed = normalised.trim();
    if trimmed.is_empty() {
        return match required {
            Some(missing) => Err(missing.to_owned()),
            None => Ok(String::new()),
        };
    }
    if trimmed.chars().count() > max {
        return Err(td_string!(locale, errors.fields.too_long, max = max));
    }
    if trimmed.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err(td_string!(locale, errors.fields.no_control_characters).into());
    }
    Ok(trimmed.to_owned())
}

/// The key lists sort and search by: lower-case, single spaces.
pub fn sort_key(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// An http(s) URL, or nothing.
pub fn web_url(raw: &str, locale: Locale) -> Result<String, String> {
    let value = text_in(raw, 300, None, locale)?;
    if value.is_empty() {
        return Ok(value);
    }
    let with_scheme = if value.starts_with("http://") || value.starts_with("https://") {
        value
    } else {
        format!("https://{value}")
    };
    let host = with_scheme.split("://").nth(1).and_then(|rest| rest.split('/').next()).unwrap_or("");
    if host.contains('.') && !host.contains(' ') && !host.contains('@') {
        Ok(with_scheme)
    } else {
        Err(td_string!(locale, errors.fields.web_address).into())
    }
}

/// Field name → (before, after), only for fields whose value changed.
pub type Changes = BTreeMap<String, (String, String)>;

/// Compares two field lists (same names, same order) and keeps what changed.
pub fn changes(before: &[(&str, String)], after: &[(&str, String)]) -> Changes {
    before
        .iter()
        .zip(after)
        .filter(|((_, old), (_, new))| old != new)
        .map(|((name, old), (_, new))| ((*name).to_owned(), (old.clone(), new.clone())))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_trimmed_bounded_and_single_line() {
        assert_eq!(text_in("  Acme  ", 10, Some("Enter a name."), Locale::en).unwrap(), "Acme");
        assert_eq!(text_in("", 10, Some("Enter a name."), Locale::en).unwrap_err(), "Enter a name.");
        assert_eq!(text_in("", 10, None, Locale::en).unwrap(), "");
        assert_eq!(text_in("abcdefghijk", 10, None, Locale::en).unwrap_err(), "Use at most 10 characters.");
        assert_eq!(text_in("a\nb", 10, None, Locale::en).unwrap_err(), "Remove the line breaks and control characters.");
        assert_eq!(text_in("abcdefghijk", 10, None, Locale::de).unwrap_err(), "Verwenden Sie höchstens 10 Zeichen.");
    }

    #[test]
    fn long_text_keeps_line_breaks() {
        assert_eq!(long_text("one\r\ntwo\n", 100, None, Locale::en).unwrap(), "one\ntwo");
        assert_eq!(long_text("bell\u{7}", 100, None, Locale::en).unwrap_err(), "Remove the control characters.");
    }

    #[test]
    fn urls_get_a_scheme_and_need_a_host() {
        assert_eq!(web_url("linkedin.com/in/ada", Locale::en).unwrap(), "https://linkedin.com/in/ada");
        assert!(web_url("javascript:alert(1)", Locale::en).is_err());
        assert_eq!(web_url("not a url", Locale::en).unwrap_err(), "Enter a web address like https://example.com/page.");
        assert_eq!(web_url("", Locale::en).unwrap(), "");
    }

    #[test]
    fn changes_keep_only_what_differs() {
        let before = [("name", "Acme".to_owned()), ("city", "Paris".to_owned())];
        let after = [("name", "Acme".to_owned()), ("city", "Lyon".to_owned())];
        let changed = changes(&before, &after);
        assert_eq!(changed.len(), 1);
        assert_eq!(changed["city"], ("Paris".to_owned(), "Lyon".to_owned()));
    }
}
