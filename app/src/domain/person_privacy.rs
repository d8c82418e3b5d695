//! The privacy of the people inside a workspace's CRM (the workspace is the controller, NexaCRM
//! processes for it): the two flags a contact or lead can carry, the messages the app answers
//! with, and how a kept text loses an erased person's name and addresses.
//!
//! - **Do not contact**: the person asked not to be written to. No email can be sent to them
//!   (sending a draft is refused); a lead converted into a contact passes the flag on.
//! - **Do not process** (a restriction of processing): the record is kept, but nothing more is
//!   done with it until an admin lifts the flag. It cannot be emailed (like "do not contact"),
//!   bulk actions (tag, untag, change owner) skip it and say how many they skipped, its fields
//!   cannot be changed (the form is read-only), a lead marked so cannot be converted, and only
//!   owners and admins can lift the flag. Reading, exporting and erasing it stay possible, and so
//!   does moving it to the trash (deletion is what a restriction leads to, not processing).

use crate::i18n_setup::{td_string, Locale};
use serde::{Deserialize, Serialize};

/// What the email field says when its address was erased from this workspace.
pub fn suppressed_message(locale: Locale) -> &'static str {
    td_string!(locale, errors.person_privacy.suppressed)
}

/// What converting a lead whose address was erased answers.
pub fn suppressed_conversion(locale: Locale) -> &'static str {
    td_string!(locale, errors.person_privacy.suppressed_conversion)
}

/// What replaces an erased person's name or address in a text that is kept (a note on several
/// records, a deal's name, another record's history).
pub const REDACTED: &str = "[erased]";

/// Names shorter than this are not looked for in kept texts (two letters would blank words).
pub const MIN_REDACTED_NAME: usize = 3;

/// One of the two flags.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PrivacyFlag {
    DoNotContact,
    DoNotProcess,
}

impl PrivacyFlag {
    /// The column that holds it, in `contacts` and `leads`.
    pub fn column(self) -> &'static str {
        match self {
            PrivacyFlag::DoNotContact => "do_not_contact",
            PrivacyFlag::DoNotProcess => "do_not_process",
        }
    }

    /// As the pages and badges name it.
    pub fn label(self) -> &'static str {
        match self {
            PrivacyFlag::DoNotContact => "Do not contact",
            PrivacyFlag::DoNotProcess => "Do not process",
        }
    }
}

/// The flags of one contact or lead.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonFlags {
    pub do_not_contact: bool,
    pub do_not_process: bool,
}

impl PersonFlags {
    pub fn get(self, flag: PrivacyFlag) -> bool {
        match flag {
            PrivacyFlag::DoNotContact => self.do_not_contact,
            PrivacyFlag::DoNotProcess => self.do_not_process,
        }
    }
}

/// The answer to a change of a record marked "do not process".
pub fn restricted_message(name: &str, locale: Locale) -> String {
    td_string!(locale, errors.person_privacy.restricted, name = name)
}

/// `text` with every whole-word occurrence of each of `needles` replaced by [`REDACTED`]. ASCII
/// letters match in any case; other characters exactly. "Whole word": the characters either
/// side do not continue it (letters, digits, and the dots and dashes inside an address), so "Ann"
/// is found in "Ann's call" but not in "Annual", and `x@a.example` not in `x@a.example.org`.
/// Empty needles are ignored. Returns `None` when nothing was found.
pub fn redact(text: &str, needles: &[String]) -> Option<String> {
    let mut out = text.to_owned();
    let mut changed = false;
    for needle in needles.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
        let mut result = String::with_capacity(out.len());
        let mut rest = out.as_str();
        while let Some(at) = find_word(rest, needle) {
            result.push_str(&rest[..at]);
            result.push_str(REDACTED);
            rest = &rest[at + needle.len()..];
            changed = true;
        }
        result.push_str(rest);
        out = result;
    }
    changed.then_some(out)
}

/// The byte offset of the first whole-word, ASCII-case-insensitive occurrence of `needle`.
fn find_word(haystack: &str, needle: &str) -> Option<usize> {
    let (hay, pin) = (haystack.as_bytes(), needle.as_bytes());
    if pin.len() > hay.len() {
        return None;
    }
    (0..=hay.len() - pin.len()).find(|&at| {
        // A match starting inside a multi-byte character is impossible: `needle` starts with a
        // character's first byte, which no continuation byte equals.
        hay[at..at + pin.len()].eq_ignore_ascii_case(pin)
            && haystack.is_char_boundary(at)
            && haystack.is_char_boundary(at + pin.len())
            && !haystack[..at].chars().next_back().is_some_and(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '%' | '+' | '-'))
            && !continues(&haystack[at + pin.len()..])
    })
}

/// Whether text right after a match continues the word: a letter or digit, or a `.`, `-`, `_` or
/// `@` followed by one (`x@a.example` is not the start of `x@a.example.org`; a full stop ending a
/// sentence is not part of the address before it).
fn continues(after: &str) -> bool {
    let mut chars = after.chars();
    match chars.next() {
        Some(c) if c.is_alphanumeric() => true,
        Some('.' | '-' | '_' | '@') => chars.next().is_some_and(char::is_alphanumeric),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn needles(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn names_and_addresses_are_replaced_in_any_ascii_case() {
        let text = "Called GRACE HOPPER (grace@Navy.example) about Grace Hopper's order.";
        let redacted = redact(text, &needles(&["Grace Hopper", "grace@navy.example"])).unwrap();
        assert_eq!(redacted, "Called [erased] ([erased]) about [erased]'s order.");
    }

    #[test]
    fn only_whole_words_are_replaced() {
        assert_eq!(redact("Annual review with Ann", &needles(&["Ann"])).unwrap(), "Annual review with [erased]");
        assert_eq!(redact("Annual review", &needles(&["Ann"])), None);
        assert_eq!(redact("x@a.example.org", &needles(&["x@a.example"])), None, "a longer address is another address");
        assert_eq!(redact("bx@a.example", &needles(&["x@a.example"])), None);
        assert_eq!(redact("Write to x@a.example.", &needles(&["x@a.example"])).unwrap(), "Write to [erased].");
    }

    #[test]
    fn other_scripts_match_exactly_and_nothing_found_is_none() {
        assert_eq!(redact("Zoë Ødegaard said hi", &needles(&["Zoë Ødegaard"])).unwrap(), "[erased] said hi");
        assert_eq!(redact("plain text", &needles(&["", "  "])), None);
        assert_eq!(redact("", &needles(&["Grace"])), None);
    }
}
