//! Messages to NexaCRM: support requests, feedback and the satisfaction survey — their kinds,
//! categories and limits, and the parsing of what the help page's forms post.

use super::records::{long_text, one_of, FieldCheck};
use crate::error::FieldErrors;
use crate::i18n_setup::{td_string, Locale};
use serde::{Deserialize, Serialize};

/// The longest message or reply, in characters.
pub const MESSAGE_MAX: usize = 5_000;
/// The longest page path kept as a message's context.
pub const CONTEXT_MAX: usize = 300;

pub const SUPPORT_CATEGORIES: [(&str, &str); 5] = [
    ("account", "My account and signing in"),
    ("question", "A question about using NexaCRM"),
    ("bug", "Something is not working"),
    ("privacy", "Data and privacy"),
    ("other", "Something else"),
];

pub const FEEDBACK_CATEGORIES: [(&str, &str); 4] =
    [("idea", "An idea"), ("praise", "Praise"), ("problem", "A problem"), ("other", "Something else")];

/// The survey's one question; its answers are stored with this category.
pub const SURVEY_QUESTION: &str = "How likely are you to recommend NexaCRM to a colleague?";
pub const SURVEY_CATEGORY: &str = "recommend";

/// The statuses of a communication in the operators' inbox.
pub const STATUSES: [(&str, &str); 3] = [("open", "Open"), ("answered", "Answered"), ("closed", "Closed")];

/// What a communication is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    Support,
    Feedback,
    Survey,
}

impl Kind {
    pub fn parse(raw: &str) -> Option<Self> {
        match raw.trim() {
            "support" => Some(Kind::Support),
            "feedback" => Some(Kind::Feedback),
            "survey" => Some(Kind::Survey),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Support => "support",
            Kind::Feedback => "feedback",
            Kind::Survey => "survey",
        }
    }

    /// "support message", for a sentence.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Support => "support message",
            Kind::Feedback => "feedback",
            Kind::Survey => "survey answer",
        }
    }

    pub fn categories(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Kind::Support => &SUPPORT_CATEGORIES,
            Kind::Feedback => &FEEDBACK_CATEGORIES,
            Kind::Survey => &[(SURVEY_CATEGORY, "Recommendation")],
        }
    }

    /// The label of one of this kind's categories ("Unknown" for anything else).
    pub fn category_label(self, category: &str) -> &'static str {
        self.categories().iter().find(|(key, _)| *key == category).map_or("Unknown", |(_, label)| *label)
    }
}

/// A support or feedback message, as the help page's forms post it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewMessage {
    pub kind: Kind,
    pub category: String,
    pub message: String,
    /// The page the person came from: a path on this site, or empty.
    pub context: String,
}

impl NewMessage {
    /// Checks every field at once. `kind` must be support or feedback (surveys have their own
    /// form); a context that is not a plain path of this site is dropped, not refused (the person
    /// never typed it).
    pub fn parse(kind: &str, category: &str, message: &str, context: &str, locale: Locale) -> Result<Self, FieldErrors> {
        let mut check = FieldCheck::new();
        let kind = Kind::parse(kind).filter(|k| *k != Kind::Survey);
        if kind.is_none() {
            check.error("kind", td_string!(locale, errors.support.choose_kind));
        }
        let kind = kind.unwrap_or(Kind::Support);
        let category = check.keep("category", one_of(kind.categories(), category, locale));
        let message = check.keep("message", long_text(message, MESSAGE_MAX, Some(td_string!(locale, errors.support.message_required)), locale));
        let parsed = NewMessage { kind, category, message, context: page_path(context) };
        check.finish(parsed)
    }
}

/// `raw` when it is a path on this site (`/w/acme/deals`), at most `CONTEXT_MAX` characters and
/// one line; otherwise empty.
pub fn page_path(raw: &str) -> String {
    let raw = raw.trim();
    let plain = raw.starts_with('/') && !raw.starts_with("//") && !raw.chars().any(char::is_control);
    if plain && raw.chars().count() <= CONTEXT_MAX { raw.to_owned() } else { String::new() }
}

/// A survey answer: a score of 0 to 10 and an optional comment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SurveyAnswer {
    pub score: i64,
    pub comment: String,
}

impl SurveyAnswer {
    pub fn parse(score: &str, comment: &str, locale: Locale) -> Result<Self, FieldErrors> {
        let mut check = FieldCheck::new();
        let score = match score.trim().parse::<i64>() {
            Ok(n) if (0..=10).contains(&n) => n,
            _ => {
                check.error("score", td_string!(locale, errors.support.choose_score));
                0
            }
        };
        let comment = check.keep("comment", long_text(comment, MESSAGE_MAX, None, locale));
        check.finish(SurveyAnswer { score, comment })
    }
}

/// An operator's reply: required, at most `MESSAGE_MAX` characters.
pub fn parse_reply(message: &str, locale: Locale) -> Result<String, FieldErrors> {
    let mut check = FieldCheck::new();
    let message = check.keep("message", long_text(message, MESSAGE_MAX, Some(td_string!(locale, errors.support.reply_required)), locale));
    check.finish(message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_message_needs_a_listed_category_and_text_within_the_limit() {
        let errors = NewMessage::parse("support", "praise", "  ", "", Locale::en).unwrap_err();
        assert_eq!(errors["category"], "Choose one from the list.");
        assert_eq!(errors["message"], "Enter your message.");
        let long = "x".repeat(MESSAGE_MAX + 1);
        assert!(NewMessage::parse("feedback", "idea", &long, "", Locale::en).unwrap_err().contains_key("message"));
        assert_eq!(NewMessage::parse("survey", "recommend", "Hi", "", Locale::en).unwrap_err()["kind"], "Choose support or feedback.");
        let ok = NewMessage::parse("feedback", "praise", "Lovely <b>app</b>", "/w/acme/deals", Locale::en).unwrap();
        assert_eq!((ok.kind, ok.message.as_str(), ok.context.as_str()), (Kind::Feedback, "Lovely <b>app</b>", "/w/acme/deals"));
    }

    #[test]
    fn a_context_that_is_not_a_path_of_this_site_is_dropped() {
        for bad in ["https://evil.example/", "//evil.example", "/a\nb", "javascript:alert(1)"] {
            assert_eq!(page_path(bad), "", "{bad:?}");
        }
        assert_eq!(page_path(&format!("/{}", "a".repeat(CONTEXT_MAX))), "");
    }

    #[test]
    fn a_survey_score_is_zero_to_ten() {
        for bad in ["", "-1", "11", "ten"] {
            assert_eq!(SurveyAnswer::parse(bad, "", Locale::en).unwrap_err()["score"], "Choose a number from 0 to 10.", "{bad:?}");
        }
        assert_eq!(SurveyAnswer::parse("10", " Great ", Locale::en).unwrap(), SurveyAnswer { score: 10, comment: "Great".into() });
    }
}
