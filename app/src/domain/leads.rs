//! Leads: a person or company not yet qualified, converted into a contact (and optionally a
//! company and a deal) once they are.

use super::accounts::Email;
use super::companies::phone;
use super::records::{one_of, text_in, FieldCheck};
use crate::error::FieldErrors;
use crate::i18n_setup::{td_string, Locale};
use serde::{Deserialize, Serialize};

/// Where a lead came from, in the order the form offers them.
pub const SOURCES: [(&str, &str); 5] = [("web", "Web"), ("referral", "Referral"), ("event", "Event"), ("import", "Import"), ("other", "Other")];

/// How far a lead has got.
pub const STATUSES: [(&str, &str); 4] = [("new", "New"), ("contacted", "Contacted"), ("qualified", "Qualified"), ("disqualified", "Disqualified")];

/// Email domains that say nothing about a lead's company.
const PERSONAL_DOMAINS: [&str; 12] = [
    "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "yahoo.com", "icloud.com", "me.com", "aol.com",
    "proton.me", "protonmail.com", "gmx.de",
];

/// The editable fields of a lead, as posted and as stored.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct LeadFields {
    pub name: String,
    pub company_name: String,
    pub email: String,
    pub phone: String,
    pub source: String,
    pub status: String,
}

impl LeadFields {
    /// Checks and cleans every field, reporting every problem at once.
    pub fn parse(self, locale: Locale) -> Result<Self, FieldErrors> {
        let mut check = FieldCheck::new();
        let mut keep = |field: &str, result: Result<String, String>| check.keep(field, result);
        let email =
            if self.email.trim().is_empty() { Ok(String::new()) } else { Email::parse(&self.email, locale).map(|e| e.as_str().to_owned()) };
        let parsed = LeadFields {
            name: keep("name", text_in(&self.name, 200, Some(td_string!(locale, errors.leads.name_required)), locale)),
            company_name: keep("company_name", text_in(&self.company_name, 200, None, locale)),
            email: keep("email", email),
            phone: keep("phone", phone(&self.phone, locale)),
            source: keep("source", one_of(&SOURCES, &self.source, locale)),
            status: keep("status", one_of(&STATUSES, &self.status, locale)),
        };
        check.finish(parsed)
    }

    /// Field names and values in form order (for change tracking).
    pub fn named(&self) -> Vec<(&'static str, String)> {
        vec![
            ("name", self.name.clone()),
            ("company_name", self.company_name.clone()),
            ("email", self.email.clone()),
            ("phone", self.phone.clone()),
            ("source", self.source.clone()),
            ("status", self.status.clone()),
        ]
    }

    /// First and last name for the contact a conversion creates: the last word is the last name.
    pub fn person_names(&self) -> (String, String) {
        match self.name.trim().rsplit_once(' ') {
            Some((first, last)) => (first.trim().to_owned(), last.to_owned()),
            None => (self.name.trim().to_owned(), String::new()),
        }
    }

    /// The company domain the email suggests (`ada@engines.example` → `engines.example`), unless
    /// it is a personal mail provider.
    pub fn company_domain(&self) -> Option<String> {
        let (_, domain) = self.email.rsplit_once('@')?;
        let domain = domain.to_lowercase();
        (!PERSONAL_DOMAINS.contains(&domain.as_str())).then_some(domain)
    }
}

/// What a conversion creates besides the contact.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Conversion {
    /// Link the contact to a company: an existing one with the same name or domain, else a new one.
    pub with_company: bool,
    /// Also open a deal in the pipeline's first stage.
    pub with_deal: bool,
    pub deal_name: String,
    pub deal_amount: String,
    pub deal_currency: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lead(name: &str, email: &str) -> LeadFields {
        LeadFields { name: name.into(), email: email.into(), source: "web".into(), status: "new".into(), ..Default::default() }
    }

    #[test]
    fn a_lead_needs_a_name_and_listed_choices() {
        let errors = LeadFields { email: "nope".into(), source: "tv".into(), ..Default::default() }.parse(Locale::en).unwrap_err();
        for field in ["name", "email", "source", "status"] {
            assert!(errors.contains_key(field), "{field}");
        }
        assert_eq!(errors["name"], "Enter the person's or company's name.");
        assert!(lead("Grace Hopper", "").parse(Locale::en).is_ok());
    }

    #[test]
    fn the_last_word_is_the_last_name() {
        assert_eq!(lead("Grace Brewster Hopper", "").person_names(), ("Grace Brewster".into(), "Hopper".into()));
        assert_eq!(lead("Cher", "").person_names(), ("Cher".into(), String::new()));
    }

    #[test]
    fn personal_mail_domains_name_no_company() {
        assert_eq!(lead("A", "a@Navy.example").company_domain(), Some("navy.example".into()));
        assert_eq!(lead("A", "a@gmail.com").company_domain(), None);
        assert_eq!(lead("A", "").company_domain(), None);
    }
}
