//! Email drafts and templates: their fields, and the merge fields (`{{contact.first_name}}`…) a
//! template or draft may contain, filled in from the contact, their company, a deal, the writer
//! and the workspace. Rendering is plain text in, plain text out: the UI shows it escaped.

use super::accounts::Email;
use super::records::{long_text, text_in};
use crate::error::FieldErrors;
use crate::i18n_setup::{td_string, Locale};
use serde::{Deserialize, Serialize};

/// At most this many characters in a subject (one line).
pub const SUBJECT_MAX_CHARS: usize = 200;
/// At most this many characters in a body.
pub const BODY_MAX_CHARS: usize = 50_000;

/// Every merge field, with what it is filled with (for the legend).
pub const MERGE_FIELDS: [(&str, &str); 12] = [
    ("contact.first_name", "The contact's first name"),
    ("contact.last_name", "The contact's last name"),
    ("contact.full_name", "First and last name"),
    ("contact.email", "The contact's primary email"),
    ("contact.job_title", "The contact's job title"),
    ("company.name", "The contact's company"),
    ("company.domain", "The company's web domain"),
    ("deal.name", "The linked deal"),
    ("deal.amount", "The deal's amount and currency"),
    ("me.name", "Your name"),
    ("me.email", "Your email"),
    ("workspace.name", "This workspace's name"),
];

/// The editable fields of a template, as posted and as stored.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct TemplateFields {
    pub name: String,
    pub subject: String,
    pub body: String,
}

impl TemplateFields {
    /// Checks and cleans every field, reporting every problem at once. A template needs a name and
    /// a body; merge fields are kept as typed.
    pub fn parse(self, locale: Locale) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut keep = |field: &str, result: Result<String, String>| {
            result.unwrap_or_else(|message| {
                errors.insert(field.to_owned(), message);
                String::new()
            })
        };
        let parsed = TemplateFields {
            name: keep("name", text_in(&self.name, 100, Some(td_string!(locale, errors.emails.template_name_required)), locale)),
            subject: keep("subject", text_in(&self.subject, SUBJECT_MAX_CHARS, None, locale)),
            body: keep("body", long_text(&self.body, BODY_MAX_CHARS, Some(td_string!(locale, errors.emails.template_body_required)), locale)),
        };
        if errors.is_empty() { Ok(parsed) } else { Err(errors) }
    }
}

/// The editable fields of a draft, as posted and as stored. `template_id` and `deal_id` may be
/// empty; the server checks that the ids it is given belong to live records of the workspace.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DraftFields {
    pub contact_id: String,
    pub to_address: String,
    pub subject: String,
    pub body: String,
    pub template_id: String,
    pub deal_id: String,
}

impl DraftFields {
    /// Checks and cleans every field, reporting every problem at once. A draft is written to a
    /// contact at a valid address; its subject and body may still be empty.
    pub fn parse(self, locale: Locale) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut keep = |field: &str, result: Result<String, String>| {
            result.unwrap_or_else(|message| {
                errors.insert(field.to_owned(), message);
                String::new()
            })
        };
        let contact_id = self.contact_id.trim();
        let to = if self.to_address.trim().is_empty() {
            Err(td_string!(locale, errors.emails.to_required).to_owned())
        } else {
            Email::parse(&self.to_address, locale).map(|email| email.as_str().to_owned())
        };
        let contact_id = if contact_id.is_empty() { Err(td_string!(locale, errors.emails.contact_required).into()) } else { Ok(contact_id.to_owned()) };
        let parsed = DraftFields {
            contact_id: keep("contact_id", contact_id),
            to_address: keep("to_address", to),
            subject: keep("subject", text_in(&self.subject, SUBJECT_MAX_CHARS, None, locale)),
            body: keep("body", long_text(&self.body, BODY_MAX_CHARS, None, locale)),
            template_id: self.template_id.trim().to_owned(),
            deal_id: self.deal_id.trim().to_owned(),
        };
        if errors.is_empty() { Ok(parsed) } else { Err(errors) }
    }
}

/// What the merge fields are filled with; empty when unknown (no company, no deal linked…).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct MergeValues {
    pub contact_first_name: String,
    pub contact_last_name: String,
    pub contact_email: String,
    pub contact_job_title: String,
    pub company_name: String,
    pub company_domain: String,
    pub deal_name: String,
    pub deal_amount: String,
    pub me_name: String,
    pub me_email: String,
    pub workspace_name: String,
}

impl MergeValues {
    /// The value of a merge field (`contact.first_name`), or `None` for a name we do not know.
    pub fn get(&self, field: &str) -> Option<String> {
        let value = match field {
            "contact.first_name" => &self.contact_first_name,
            "contact.last_name" => &self.contact_last_name,
            "contact.full_name" => return Some(format!("{} {}", self.contact_first_name, self.contact_last_name).trim().to_owned()),
            "contact.email" => &self.contact_email,
            "contact.job_title" => &self.contact_job_title,
            "company.name" => &self.company_name,
            "company.domain" => &self.company_domain,
            "deal.name" => &self.deal_name,
            "deal.amount" => &self.deal_amount,
            "me.name" => &self.me_name,
            "me.email" => &self.me_email,
            "workspace.name" => &self.workspace_name,
            _ => return None,
        };
        Some(value.clone())
    }
}

/// A text with its merge fields filled in.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rendered {
    pub text: String,
    /// Merge fields we do not know, as typed inside the braces (each once, in order): they stay
    /// in the text unchanged.
    pub unknown: Vec<String>,
    /// Known merge fields that had no value (a contact without a company…): they became empty.
    pub empty: Vec<String>,
}

/// The longest text between `{{` and `}}` that is read as a merge field.
const FIELD_MAX_CHARS: usize = 64;

/// Fills the merge fields of `template` (`{{contact.first_name}}`, spaces inside the braces
/// allowed, names in any case) from `values`. Unknown fields are left as typed and reported. The
/// values are inserted as they are: never read again for merge fields, never escaped (the result
/// is plain text).
pub fn render(template: &str, values: &MergeValues) -> Rendered {
    let mut out = Rendered { text: String::with_capacity(template.len()), ..Default::default() };
    let mut rest = template;
    while let Some(start) = rest.find("{{") {
        out.text.push_str(&rest[..start]);
        let after_open = &rest[start + 2..];
        let field = after_open.find("}}").map(|end| (&after_open[..end], end)).filter(|(inner, _)| {
            !inner.is_empty() && inner.chars().count() <= FIELD_MAX_CHARS && !inner.contains(['{', '}', '\n'])
        });
        match field {
            Some((inner, end)) => {
                let name = inner.trim();
                match values.get(&name.to_ascii_lowercase()) {
                    Some(value) => {
                        if value.is_empty() && !out.empty.iter().any(|e| e == name) {
                            out.empty.push(name.to_owned());
                        }
                        out.text.push_str(&value);
                    }
                    None => {
                        if !name.is_empty() && !out.unknown.iter().any(|u| u == name) {
                            out.unknown.push(name.to_owned());
                        }
                        out.text.push_str(&rest[start..start + 2 + end + 2]);
                    }
                }
                rest = &after_open[end + 2..];
            }
            // Not a merge field (`{{{`, an unclosed `{{`): keep one brace and look again after it.
            None => {
                out.text.push('{');
                rest = &rest[start + 1..];
            }
        }
    }
    out.text.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> MergeValues {
        MergeValues {
            contact_first_name: "Grace".into(),
            contact_last_name: "Hopper".into(),
            contact_email: "grace@navy.example".into(),
            company_name: "Navy Labs".into(),
            me_name: "Ada Lovelace".into(),
            me_email: "ada@engines.example".into(),
            workspace_name: "Engines".into(),
            ..Default::default()
        }
    }

    #[test]
    fn a_template_needs_a_name_and_a_body() {
        let errors = TemplateFields { name: " ".into(), subject: "a\nb".into(), body: "".into() }.parse(Locale::en).unwrap_err();
        for field in ["name", "subject", "body"] {
            assert!(errors.contains_key(field), "{field}");
        }
        assert_eq!(errors["name"], "Enter a name for the template.");
        assert_eq!(errors["body"], "Enter the template's text.");
        let ok = TemplateFields { name: " Intro ".into(), subject: "Hi {{contact.first_name}}".into(), body: "Line 1\r\nLine 2\n".into() }.parse(Locale::en).unwrap();
        assert_eq!(ok.name, "Intro");
        assert_eq!(ok.body, "Line 1\nLine 2");
    }

    #[test]
    fn a_draft_needs_a_contact_and_a_valid_address() {
        let errors = DraftFields { to_address: "nope".into(), subject: "x".repeat(201), ..Default::default() }.parse(Locale::en).unwrap_err();
        for field in ["contact_id", "to_address", "subject"] {
            assert!(errors.contains_key(field), "{field}");
        }
        assert_eq!(errors["contact_id"], "Choose a contact.");
        assert_eq!(DraftFields { contact_id: "c".into(), ..Default::default() }.parse(Locale::en).unwrap_err()["to_address"], "Enter the address to write to.");
        let body = "y".repeat(BODY_MAX_CHARS + 1);
        assert!(DraftFields { contact_id: "c".into(), to_address: "a@b.example".into(), body, ..Default::default() }.parse(Locale::en).unwrap_err().contains_key("body"));
        let ok = DraftFields { contact_id: " c ".into(), to_address: " Grace@Navy.EXAMPLE ".into(), body: "Hi\n\nBye".into(), ..Default::default() }.parse(Locale::en).unwrap();
        assert_eq!(ok.to_address, "Grace@navy.example");
        assert_eq!(ok.contact_id, "c");
        assert_eq!(ok.body, "Hi\n\nBye");
    }

    #[test]
    fn merge_fields_are_filled_with_spaces_and_any_case() {
        let rendered = render("Dear {{contact.first_name}} {{ contact.last_name }}, from {{Me.Name}} at {{workspace.name}}.", &values());
        assert_eq!(rendered.text, "Dear Grace Hopper, from Ada Lovelace at Engines.");
        assert!(rendered.unknown.is_empty());
        assert_eq!(render("{{contact.full_name}} <{{contact.email}}>", &values()).text, "Grace Hopper <grace@navy.example>");
    }

    #[test]
    fn unknown_fields_stay_as_typed_and_are_reported_once() {
        let rendered = render("Hi {{contact.nickname}}, {{ foo }} and {{contact.nickname}}", &values());
        assert_eq!(rendered.text, "Hi {{contact.nickname}}, {{ foo }} and {{contact.nickname}}");
        assert_eq!(rendered.unknown, ["contact.nickname", "foo"]);
    }

    #[test]
    fn known_fields_without_a_value_become_empty_and_are_reported() {
        let rendered = render("Deal: {{deal.name}}.", &values());
        assert_eq!(rendered.text, "Deal: .");
        assert_eq!(rendered.empty, ["deal.name"]);
    }

    #[test]
    fn values_are_never_expanded_again_nor_escaped() {
        let tricky = MergeValues { contact_first_name: "{{me.name}}".into(), company_name: "<b>Acme</b> & Sons".into(), ..values() };
        let rendered = render("{{contact.first_name}} of {{company.name}}", &tricky);
        assert_eq!(rendered.text, "{{me.name}} of <b>Acme</b> & Sons");
        assert!(rendered.unknown.is_empty());
    }

    #[test]
    fn stray_braces_are_plain_text() {
        assert_eq!(render("{{{contact.first_name}}}", &values()).text, "{Grace}");
        assert_eq!(render("a {{ b", &values()).text, "a {{ b");
        assert_eq!(render("{{}} and {{\n}}", &values()).text, "{{}} and {{\n}}");
        assert_eq!(render("ünïcödé {{contact.first_name}} ✓", &values()).text, "ünïcödé Grace ✓");
    }
}
