//! Sign-up and sign-in input: names, emails, passwords, and the form that creates an account.

use crate::error::FieldErrors;
use crate::i18n_setup::{td_string, Locale};
use serde::{Deserialize, Serialize};

pub const PASSWORD_MIN_CHARS: usize = 12;
pub const PASSWORD_MAX_CHARS: usize = 128;
const NAME_MAX_CHARS: usize = 100;
const EMAIL_MAX_CHARS: usize = 254;

/// An email address, trimmed, with its domain in lower case (the local part keeps its case).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str, locale: Locale) -> Result<Self, String> {
        let trimmed = raw.trim();
        if trimmed.is_empty() {
            return Err(td_string!(locale, errors.accounts.email_required).into());
        }
        if trimmed.chars().count() > EMAIL_MAX_CHARS {
            return Err(td_string!(locale, errors.accounts.email_too_long, max = EMAIL_MAX_CHARS));
        }
        let Some((local, domain)) = trimmed.rsplit_once('@') else {
            return Err(td_string!(locale, errors.accounts.email_invalid).into());
        };
        let bad_char = |c: char| c.is_whitespace() || c.is_control() || c == '<' || c == '>';
        let domain_ok = domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !domain.contains("..")
            && !domain.contains('@');
        if local.is_empty() || !domain_ok || trimmed.chars().any(bad_char) {
            return Err(td_string!(locale, errors.accounts.email_invalid).into());
        }
        Ok(Email(format!("{local}@{}", domain.to_lowercase())))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A person's or organisation's display name: trimmed, at most 100 characters, no control
/// characters; `required` (the message when it is empty) refuses empty.
fn parse_name(raw: &str, required: Option<&str>, locale: Locale) -> Result<String, String> {
    let trimmed = raw.trim();
    if let (true, Some(missing)) = (trimmed.is_empty(), required) {
        return Err(missing.to_owned());
    }
    if trimmed.chars().count() > NAME_MAX_CHARS {
        return Err(td_string!(locale, errors.fields.too_long, max = NAME_MAX_CHARS));
    }
    if trimmed.chars().any(char::is_control) {
        return Err(td_string!(locale, errors.fields.no_line_breaks).into());
    }
    Ok(trimmed.to_owned())
}

/// The length rule for passwords: 12 to 128 characters, any characters, counted as Unicode scalars.
/// (The common-password check needs the server's list: see `ssr::passwords`.)
pub fn check_password_length(password: &str, locale: Locale) -> Result<(), String> {
    let chars = password.chars().count();
    if chars < PASSWORD_MIN_CHARS {
        Err(td_string!(locale, errors.accounts.password_too_short, min = PASSWORD_MIN_CHARS))
    } else if chars > PASSWORD_MAX_CHARS {
        Err(td_string!(locale, errors.fields.too_long, max = PASSWORD_MAX_CHARS))
    } else {
        Ok(())
    }
}

/// What the sign-up form posts. Checkboxes are absent when unticked.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct SignupForm {
    pub full_name: String,
    pub email: String,
    pub password: String,
    pub organisation: String,
    pub job_title: String,
    pub age_confirmed: Option<String>,
    pub accept_terms: Option<String>,
}

/// A validated sign-up.
#[derive(Clone, Debug)]
pub struct NewAccount {
    pub full_name: String,
    pub email: Email,
    pub password: String,
    pub organisation: String,
    pub job_title: String,
}

impl NewAccount {
    /// Checks every field and reports every problem at once.
    pub fn parse(form: SignupForm, locale: Locale) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut note = |field: &str, result: Result<String, String>| match result {
            Ok(value) => Some(value),
            Err(message) => {
                errors.insert(field.to_owned(), message);
                None
            }
        };
        let full_name =
            note("full_name", parse_name(&form.full_name, Some(td_string!(locale, errors.accounts.full_name_required)), locale));
        let email = note("email", Email::parse(&form.email, locale).map(|e| e.0));
        let password = note(
            "password",
            check_password_length(&form.password, locale).map(|()| form.password.clone()),
        );
        let organisation = note(
            "organisation",
            parse_name(&form.organisation, Some(td_string!(locale, errors.accounts.organisation_required)), locale),
        );
        let job_title = note("job_title", parse_name(&form.job_title, None, locale));
        let ticked = |value: &Option<String>| value.as_deref().is_some_and(|v| !v.is_empty());
        if !ticked(&form.age_confirmed) {
            errors.insert("age_confirmed".into(), td_string!(locale, errors.accounts.age_required).into());
        }
        if !ticked(&form.accept_terms) {
            errors.insert("accept_terms".into(), td_string!(locale, errors.accounts.terms_required).into());
        }
        match (full_name, email, password, organisation, job_title) {
            (Some(full_name), Some(email), Some(password), Some(organisation), Some(job_title))
                if errors.is_empty() =>
            {
                Ok(NewAccount { full_name, email: Email(email), password, organisation, job_title })
            }
            _ => Err(errors),
        }
    }
}

/// Where to go after signing in: only a path on this site, never another origin.
pub fn safe_next_path(next: Option<&str>) -> Option<String> {
    let next = next?.trim();
    let is_local = next.starts_with('/')
        && !next.starts_with("//")
        && !next.starts_with("/\\")
        && next.chars().all(|c| c.is_ascii_graphic() && c != '\\');
    is_local.then(|| next.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn valid_form() -> SignupForm {
        SignupForm {
            full_name: "Ada Lovelace".into(),
            email: " Ada@Example.COM ".into(),
            password: "correct horse battery".into(),
            organisation: "Analytical Engines".into(),
            job_title: "Founder".into(),
            age_confirmed: Some("on".into()),
            accept_terms: Some("on".into()),
        }
    }

    #[test]
    fn email_is_trimmed_and_its_domain_lower_cased() {
        assert_eq!(Email::parse(" Ada@Example.COM ", Locale::en).unwrap().as_str(), "Ada@example.com");
    }

    #[test]
    fn malformed_emails_are_refused() {
        for bad in ["", "   ", "ada", "ada@", "@example.com", "ada@example", "a da@example.com",
            "ada@example..com", "ada@.example.com", "ada@example.com.", "a<b>@example.com",
            "ada@example.com\r\nBcc: x@y.z"]
        {
            assert!(Email::parse(bad, Locale::en).is_err(), "{bad:?} should be refused");
        }
        assert_eq!(Email::parse("", Locale::en).unwrap_err(), "Enter your work email.");
        assert_eq!(Email::parse("ada", Locale::en).unwrap_err(), "Enter an email address like name@company.com.");
    }

    #[test]
    fn password_length_bounds_are_12_and_128_characters() {
        assert_eq!(check_password_length(&"a".repeat(11), Locale::en).unwrap_err(), "Use at least 12 characters.");
        assert!(check_password_length(&"a".repeat(12), Locale::en).is_ok());
        assert!(check_password_length(&"a".repeat(128), Locale::en).is_ok());
        assert_eq!(check_password_length(&"a".repeat(129), Locale::en).unwrap_err(), "Use at most 128 characters.");
        // Unicode counts characters, not bytes.
        assert!(check_password_length(&"é".repeat(12), Locale::en).is_ok());
    }

    #[test]
    fn a_valid_form_parses() {
        let account = NewAccount::parse(valid_form(), Locale::en).unwrap();
        assert_eq!(account.email.as_str(), "Ada@example.com");
        assert_eq!(account.full_name, "Ada Lovelace");
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let form = SignupForm::default();
        let errors = NewAccount::parse(form, Locale::en).unwrap_err();
        for field in ["full_name", "email", "password", "organisation", "age_confirmed", "accept_terms"] {
            assert!(errors.contains_key(field), "missing error for {field}");
        }
        assert!(!errors.contains_key("job_title"), "job title is optional");
        assert_eq!(errors["full_name"], "Enter your full name.");
        assert_eq!(errors["accept_terms"], "Please agree to the Terms of Service and the Privacy Policy.");
    }

    #[test]
    fn names_with_control_characters_or_too_long_are_refused() {
        let mut form = valid_form();
        form.full_name = "Ada\r\nBcc: evil".into();
        form.organisation = "x".repeat(101);
        let errors = NewAccount::parse(form, Locale::en).unwrap_err();
        assert_eq!(errors["full_name"], "Remove the line breaks and control characters.");
        assert_eq!(errors["organisation"], "Use at most 100 characters.");
    }

    #[test]
    fn next_path_stays_on_this_site() {
        assert_eq!(safe_next_path(Some("/w/acme")), Some("/w/acme".into()));
        assert_eq!(safe_next_path(Some("//evil.example")), None);
        assert_eq!(safe_next_path(Some("https://evil.example")), None);
        assert_eq!(safe_next_path(Some("/\\evil.example")), None);
        assert_eq!(safe_next_path(None), None);
        assert_eq!(safe_next_path(Some("/w/caf\u{e9}")), None);
        assert_eq!(safe_next_path(Some("/w/a\r\nSet-Cookie: x")), None);
    }
}
