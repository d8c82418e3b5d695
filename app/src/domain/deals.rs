//! Deals: money in minor units with an ISO 4217 currency, a stage on the pipeline, a close date.

use super::records::{text_in, FieldCheck};
use crate::error::FieldErrors;
use crate::i18n_setup::{td_string, Locale};
use serde::{Deserialize, Serialize};

/// Currencies offered, with their minor-unit digits (ISO 4217).
pub const CURRENCIES: [(&str, u32); 20] = [
    ("EUR", 2), ("USD", 2), ("GBP", 2), ("CHF", 2), ("SEK", 2), ("NOK", 2), ("DKK", 2), ("PLN", 2),
    ("CZK", 2), ("CAD", 2), ("AUD", 2), ("NZD", 2), ("JPY", 0), ("KRW", 0), ("CNY", 2), ("INR", 2),
    ("BRL", 2), ("MXN", 2), ("SGD", 2), ("ZAR", 2),
];

/// What a stage means for the deals in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StageKind {
    Open,
    Won,
    Lost,
}

impl StageKind {
    pub fn as_str(self) -> &'static str {
        match self {
            StageKind::Open => "open",
            StageKind::Won => "won",
            StageKind::Lost => "lost",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        match raw {
            "open" => Some(StageKind::Open),
            "won" => Some(StageKind::Won),
            "lost" => Some(StageKind::Lost),
            _ => None,
        }
    }
}

/// The pipeline a new workspace starts with: (name, probability %, kind).
pub const DEFAULT_STAGES: [(&str, i64, StageKind); 6] = [
    ("Qualification", 10, StageKind::Open),
    ("Meeting", 25, StageKind::Open),
    ("Proposal", 50, StageKind::Open),
    ("Negotiation", 75, StageKind::Open),
    ("Won", 100, StageKind::Won),
    ("Lost", 0, StageKind::Lost),
];

/// Minor-unit digits of a currency, when it is one we offer.
pub fn minor_digits(currency: &str) -> Option<u32> {
    CURRENCIES.iter().find(|(code, _)| *code == currency).map(|(_, digits)| *digits)
}

/// "12,500.50" (or "12500,5" or "12 500") in `currency` → minor units. Commas and spaces group
/// thousands unless a comma is the only separator followed by one or two digits (a decimal comma).
pub fn parse_amount(raw: &str, currency: &str, locale: Locale) -> Result<i64, String> {
    let digits = minor_digits(currency).ok_or(td_string!(locale, errors.deals.choose_currency))?;
    let cleaned: String = raw.trim().chars().filter(|c| !c.is_whitespace() && *c != '\'' && *c != '_').collect();
    if cleaned.is_empty() {
        return Ok(0);
    }
    let normalised = match (cleaned.rfind('.'), cleaned.rfind(',')) {
        (None, Some(comma)) if cleaned.len() - comma - 1 <= 2 => cleaned.replacen(',', ".", 1).replace(',', ""),
        (Some(dot), Some(comma)) if comma > dot => cleaned.replace('.', "").replace(',', "."),
        _ => cleaned.replace(',', ""),
    };
    let (whole, fraction) = normalised.split_once('.').unwrap_or((&normalised, ""));
    let valid = !whole.is_empty() && whole.chars().all(|c| c.is_ascii_digit()) && fraction.chars().all(|c| c.is_ascii_digit());
    if !valid {
        return Err(td_string!(locale, errors.deals.amount).into());
    }
    if fraction.len() > usize::try_from(digits).unwrap_or(2) {
        return Err(td_string!(locale, errors.deals.decimal_places, currency = currency, digits = digits));
    }
    let too_large = || td_string!(locale, errors.deals.amount_too_large).to_owned();
    let scale = 10_i64.pow(digits);
    let whole: i64 = whole.parse().map_err(|_| too_large())?;
    let fraction_padded = format!("{fraction:0<width$}", width = usize::try_from(digits).unwrap_or(2));
    let fraction: i64 = if digits == 0 { 0 } else { fraction_padded.parse().unwrap_or(0) };
    whole
        .checked_mul(scale)
        .and_then(|w| w.checked_add(fraction))
        .filter(|total| *total <= 1_000_000_000_000_000)
        .ok_or_else(too_large)
}

/// `1250050` EUR → "12,500.50 EUR" (the form kept in the audit trail and merge fields).
pub fn format_amount(minor: i64, currency: &str) -> String {
    format_amount_in(minor, currency, crate::i18n_setup::Locale::en)
}

/// An amount as a language writes it: "12,500.50 EUR" in English, "12.500,50 EUR" in German.
pub fn format_amount_in(minor: i64, currency: &str, locale: crate::i18n_setup::Locale) -> String {
    use crate::i18n_setup::{decimal_mark, format_number};
    let digits = minor_digits(currency).unwrap_or(2);
    let scale = 10_i64.pow(digits);
    let grouped = format_number((minor / scale).abs(), locale);
    let sign = if minor < 0 { "-" } else { "" };
    if digits == 0 {
        format!("{sign}{grouped} {currency}")
    } else {
        let mark = decimal_mark(locale);
        format!("{sign}{grouped}{mark}{:0width$} {currency}", (minor % scale).abs(), width = usize::try_from(digits).unwrap_or(2))
    }
}

/// A calendar date `YYYY-MM-DD`, or nothing.
pub fn parse_date(raw: &str, locale: Locale) -> Result<String, String> {
    let value = raw.trim();
    if value.is_empty() {
        return Ok(String::new());
    }
    let parts: Vec<&str> = value.split('-').collect();
    let ok = matches!(parts.as_slice(), [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2
        && y.parse::<u32>().is_ok()
        && m.parse::<u32>().is_ok_and(|m| (1..=12).contains(&m))
        && d.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d)));
    if ok { Ok(value.to_owned()) } else { Err(td_string!(locale, errors.deals.date).into()) }
}

/// The editable fields of a deal, as posted.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DealFields {
    pub name: String,
    pub company_id: String,
    /// As typed: "12,500.00".
    pub amount: String,
    pub currency: String,
    pub stage_id: String,
    pub expected_close: String,
    pub lost_reason: String,
}

/// A validated deal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidDeal {
    pub name: String,
    pub company_id: String,
    pub amount_minor: i64,
    pub currency: String,
    pub stage_id: String,
    pub expected_close: String,
    pub lost_reason: String,
}

impl ValidDeal {
    /// Field names and shown values, for change tracking (the stage by id; the API names it).
    pub fn named(&self) -> Vec<(&'static str, String)> {
        vec![
            ("name", self.name.clone()),
            ("company_id", self.company_id.clone()),
            ("amount", format_amount(self.amount_minor, &self.currency)),
            ("stage_id", self.stage_id.clone()),
            ("expected_close", self.expected_close.clone()),
            ("lost_reason", self.lost_reason.clone()),
        ]
    }
}

impl DealFields {
    /// Checks every field; the stage and company ids are checked against the workspace by the server.
    pub fn parse(&self, locale: Locale) -> Result<ValidDeal, FieldErrors> {
        let mut check = FieldCheck::new();
        let mut keep = |field: &str, result: Result<String, String>| check.keep(field, result);
        let name = keep("name", text_in(&self.name, 200, Some(td_string!(locale, errors.deals.name_required)), locale));
        let currency = self.currency.trim().to_uppercase();
        let currency = keep(
            "currency",
            minor_digits(&currency).map(|_| currency.clone()).ok_or_else(|| td_string!(locale, errors.deals.choose_currency).to_owned()),
        );
        let expected_close = keep("expected_close", parse_date(&self.expected_close, locale));
        let lost_reason = keep("lost_reason", text_in(&self.lost_reason, 300, None, locale));
        let stage_id = keep("stage_id", text_in(&self.stage_id, 64, Some(td_string!(locale, errors.deals.stage_required)), locale));
        let company_id = keep("company_id", text_in(&self.company_id, 64, None, locale));
        let amount_minor = if currency.is_empty() { 0 } else { check.keep("amount", parse_amount(&self.amount, &currency, locale)) };
        check.finish(ValidDeal { name, company_id, amount_minor, currency, stage_id, expected_close, lost_reason })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_parse_to_minor_units() {
        assert_eq!(parse_amount("12,500.50", "EUR", Locale::en), Ok(1_250_050));
        assert_eq!(parse_amount("12.500,50", "EUR", Locale::en), Ok(1_250_050));
        assert_eq!(parse_amount("12500,5", "EUR", Locale::en), Ok(1_250_050));
        assert_eq!(parse_amount("1 000", "USD", Locale::en), Ok(100_000));
        assert_eq!(parse_amount("5000", "JPY", Locale::en), Ok(5000));
        assert_eq!(parse_amount("", "EUR", Locale::en), Ok(0));
        assert_eq!(parse_amount("12.345", "EUR", Locale::en).unwrap_err(), "EUR has 2 decimal places.");
        assert!(parse_amount("-5", "EUR", Locale::en).is_err());
        assert_eq!(parse_amount("lots", "EUR", Locale::en).unwrap_err(), "Enter an amount like 12,500.00.");
        assert_eq!(parse_amount("10", "XXX", Locale::en).unwrap_err(), "Choose a currency from the list.");
        assert_eq!(parse_amount("99999999999999999999", "EUR", Locale::en).unwrap_err(), "That amount is too large.");
    }

    #[test]
    fn amounts_format_with_grouping_and_code() {
        assert_eq!(format_amount(1_250_050, "EUR"), "12,500.50 EUR");
        assert_eq!(format_amount_in(1_250_050, "EUR", Locale::de), "12.500,50 EUR");
        assert_eq!(format_amount_in(-1_000_000, "JPY", Locale::de), "-1.000.000 JPY");
        assert_eq!(format_amount(5, "USD"), "0.05 USD");
        assert_eq!(format_amount(5000, "JPY"), "5,000 JPY");
    }

    #[test]
    fn dates_must_be_iso() {
        assert_eq!(parse_date("2026-12-31", Locale::en), Ok("2026-12-31".into()));
        assert_eq!(parse_date("31/12/2026", Locale::en).unwrap_err(), "Enter a date like 2026-12-31.");
        assert!(parse_date("2026-13-01", Locale::en).is_err());
    }
}
