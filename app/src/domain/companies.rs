//! Companies: the organisations contacts work for.

use super::records::{text_in, web_url, FieldCheck};
use crate::error::FieldErrors;
use crate::i18n_setup::{td_string, Locale};
use serde::{Deserialize, Serialize};

/// Company sizes offered in the form (employees).
pub const SIZES: [&str; 6] = ["", "1-10", "11-50", "51-200", "201-1000", "1000+"];

/// The editable fields of a company, as posted and as stored (validated by `parse`).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct CompanyFields {
    pub name: String,
    pub domain: String,
    pub industry: String,
    pub size: String,
    pub phone: String,
    pub street: String,
    pub city: String,
    pub region: String,
    pub postal_code: String,
    pub country: String,
}

/// `https://www.Example.com/about` → `example.com`.
pub fn normalise_domain(raw: &str, locale: Locale) -> Result<String, String> {
    let value = text_in(raw, 253, None, locale)?.to_lowercase();
    if value.is_empty() {
        return Ok(value);
    }
    let url = web_url(&value, locale).map_err(|_| td_string!(locale, errors.fields.domain).to_owned())?;
    let host = url.split("://").nth(1).and_then(|rest| rest.split(['/', '?', '#', ':']).next()).unwrap_or("");
    let host = host.strip_prefix("www.").unwrap_or(host);
    let valid = host.split('.').count() >= 2
        && host.split('.').all(|label| !label.is_empty() && label.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'));
    if valid { Ok(host.to_owned()) } else { Err(td_string!(locale, errors.fields.domain).into()) }
}

/// A phone number as people write it: digits, spaces and + ( ) - . / only; leading zeros and plus kept.
pub fn phone(raw: &str, locale: Locale) -> Result<String, String> {
    let value = text_in(raw, 40, None, locale)?;
    let allowed = |c: char| c.is_ascii_digit() || " +()-./".contains(c);
    if value.chars().all(allowed) && (value.is_empty() || value.chars().any(|c| c.is_ascii_digit())) {
        Ok(value)
    } else {
        Err(td_string!(locale, errors.fields.phone).into())
    }
}

impl CompanyFields {
    /// Checks and cleans every field, reporting every problem at once.
    pub fn parse(self, locale: Locale) -> Result<Self, FieldErrors> {
        let mut check = FieldCheck::new();
        let mut keep = |field: &str, result: Result<String, String>| check.keep(field, result);
        let text = |raw: &str, max: usize| text_in(raw, max, None, locale);
        let parsed = CompanyFields {
            name: keep("name", text_in(&self.name, 200, Some(td_string!(locale, errors.companies.name_required)), locale)),
            domain: keep("domain", normalise_domain(&self.domain, locale)),
            industry: keep("industry", text(&self.industry, 100)),
            size: keep(
                "size",
                if SIZES.contains(&self.size.trim()) {
                    Ok(self.size.trim().to_owned())
                } else {
                    Err(td_string!(locale, errors.companies.choose_size).into())
                },
            ),
            phone: keep("phone", phone(&self.phone, locale)),
            street: keep("street", text(&self.street, 200)),
            city: keep("city", text(&self.city, 100)),
            region: keep("region", text(&self.region, 100)),
            postal_code: keep("postal_code", text(&self.postal_code, 20)),
            country: keep("country", text(&self.country, 100)),
        };
        check.finish(parsed)
    }

    /// Field names and values in form order (for change tracking).
    pub fn named(&self) -> Vec<(&'static str, String)> {
        vec![
            ("name", self.name.clone()),
            ("domain", self.domain.clone()),
            ("industry", self.industry.clone()),
            ("size", self.size.clone()),
            ("phone", self.phone.clone()),
            ("street", self.street.clone()),
            ("city", self.city.clone()),
            ("region", self.region.clone()),
            ("postal_code", self.postal_code.clone()),
            ("country", self.country.clone()),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn domains_are_reduced_to_the_host() {
        assert_eq!(normalise_domain("https://www.Example.com/about", Locale::en).unwrap(), "example.com");
        assert_eq!(normalise_domain("shop.example.co.uk", Locale::en).unwrap(), "shop.example.co.uk");
        assert_eq!(normalise_domain("not a domain", Locale::en).unwrap_err(), "Enter a domain like example.com.");
        assert!(normalise_domain("localhost", Locale::en).is_err());
    }

    #[test]
    fn phones_keep_leading_zeros_and_plus() {
        assert_eq!(phone(" +44 (0)20 7946 0958 ", Locale::en).unwrap(), "+44 (0)20 7946 0958");
        assert_eq!(phone("0049 30 123", Locale::en).unwrap(), "0049 30 123");
        assert_eq!(phone("call me", Locale::en).unwrap_err(), "Use digits, spaces and + ( ) - only.");
    }

    #[test]
    fn a_company_needs_a_name_and_a_listed_size() {
        let errors = CompanyFields { size: "huge".into(), ..Default::default() }.parse(Locale::en).unwrap_err();
        assert_eq!(errors["name"], "Enter the company's name.");
        assert_eq!(errors["size"], "Choose a size from the list.");
    }
}
