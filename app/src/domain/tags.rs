//! Tags: short coloured labels on contacts, companies and deals.

use super::records::text_in;
use crate::error::FieldErrors;
use crate::i18n_setup::{td_string, Locale};
use serde::{Deserialize, Serialize};

/// The colours a tag can have (a key the stylesheet knows, and its name).
pub const COLORS: [(&str, &str); 8] = [
    ("gray", "Gray"),
    ("red", "Red"),
    ("orange", "Orange"),
    ("green", "Green"),
    ("teal", "Teal"),
    ("blue", "Blue"),
    ("purple", "Purple"),
    ("pink", "Pink"),
];

/// A tag as lists and pages show it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tag {
    pub id: String,
    pub name: String,
    pub color: String,
}

#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TagFields {
    pub name: String,
    pub color: String,
}

impl TagFields {
    pub fn parse(self, locale: Locale) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let name = text_in(&self.name, 40, Some(td_string!(locale, errors.tags.name_required)), locale).unwrap_or_else(|m| {
            errors.insert("name".into(), m);
            String::new()
        });
        let color = self.color.trim().to_owned();
        if !COLORS.iter().any(|(key, _)| *key == color) {
            errors.insert("color".into(), td_string!(locale, errors.tags.choose_colour).into());
        }
        if errors.is_empty() { Ok(TagFields { name, color }) } else { Err(errors) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tag_needs_a_short_name_and_a_listed_colour() {
        assert!(TagFields { name: " VIP ".into(), color: "red".into() }.parse(Locale::en).is_ok_and(|t| t.name == "VIP"));
        let errors = TagFields { name: "x".repeat(41), color: "plaid".into() }.parse(Locale::en).unwrap_err();
        assert_eq!(errors["name"], "Use at most 40 characters.");
        assert_eq!(errors["color"], "Choose a colour from the list.");
    }
}
