//! Deals: money in minor units with an ISO 4217 currency, a stage on the pipeline, a close date.

use super::records::{text, FieldCheck};
use crate::error::FieldErrors;
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
pub fn parse_amount(raw: &str, currency: &str) -> Result<i64, String> {
    let digits = minor_digits(currency).ok_or("Choose a currency from the list.")?;
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
        return Err("Enter an amount like 12,500.00.".into());
    }
    if fraction.len() > usize::try_from(digits).unwrap_or(2) {
        return Err(format!("{currency} has {digits} decimal places."));
    }
    let scale = 10_i64.pow(digits);
    let whole: i64 = whole.parse().map_err(|_| "That amount is too large.".to_owned())?;
    let fraction_padded = format!("{fraction:0<width$}", width = usize::try_from(digits).unwrap_or(2));
    let fraction: i64 = if digits == 0 { 0 } else { fraction_padded.parse().unwrap_or(0) };
    whole
        .checked_mul(scale)
        .and_then(|w| w.checked_add(fraction))
        .filter(|total| *total <= 1_000_000_000_000_000)
        .ok_or_else(|| "That amount is too large.".to_owned())
}

/// `1250050` EUR → "12,500.50 EUR".
pub fn format_amount(minor: i64, currency: &str) -> String {
    let digits = minor_digits(currency).unwrap_or(2);
    let scale = 10_i64.pow(digits);
    let whole = (minor / scale).abs();
    let grouped = whole
        .to_string()
        .as_bytes()
        .rchunks(3)
        .rev()
        .map(|chunk| String::from_utf8_lossy(chunk).into_owned())
        .collect::<Vec<_>>()
        .join(",");
    let sign = if minor < 0 { "-" } else { "" };
    if digits == 0 {
        format!("{sign}{grouped} {currency}")
    } else {
        format!("{sign}{grouped}.{:0width$} {currency}", (minor % scale).abs(), width = usize::try_from(digits).unwrap_or(2))
    }
}

/// A calendar date `YYYY-MM-DD`, or nothing.
pub fn parse_date(raw: &str) -> Result<String, String> {
    let value = raw.trim();
    if value.is_empty() {
        return Ok(String::new());
    }
    let parts: Vec<&str> = value.split('-').collect();
    let ok = matches!(parts.as_slice(), [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2
        && y.parse::<u32>().is_ok()
        && m.parse::<u32>().is_ok_and(|m| (1..=12).contains(&m))
        && d.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d)));
    if ok { Ok(value.to_owned()) } else { Err("Enter a date like 2026-12-31.".into()) }
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
    pub fn parse(&self) -> Result<ValidDeal, FieldErrors> {
        let mut check = FieldCheck::new();
        let mut keep = |field: &str, result: Result<String, String>| check.keep(field, result);
        let name = keep("name", text(&self.name, 200, Some("the deal's name")));
        let currency = self.currency.trim().to_uppercase();
        let currency = keep("currency", minor_digits(&currency).map(|_| currency.clone()).ok_or_else(|| "Choose a currency from the list.".to_owned()));
        let expected_close = keep("expected_close", parse_date(&self.expected_close));
        let lost_reason = keep("lost_reason", text(&self.lost_reason, 300, None));
        let stage_id = keep("stage_id", text(&self.stage_id, 64, Some("a stage")));
        let company_id = keep("company_id", text(&self.company_id, 64, None));
        let amount_minor = if currency.is_empty() { 0 } else { check.keep("amount", parse_amount(&self.amount, &currency)) };
        check.finish(ValidDeal { name, company_id, amount_minor, currency, stage_id, expected_close, lost_reason })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_parse_to_minor_units() {
        assert_eq!(parse_amount("12,500.50", "EUR"), Ok(1_250_050));
        assert_eq!(parse_amount("12.500,50", "EUR"), Ok(1_250_050));
        assert_eq!(parse_amount("12500,5", "EUR"), Ok(1_250_050));
        assert_eq!(parse_amount("1 000", "USD"), Ok(100_000));
        assert_eq!(parse_amount("5000", "JPY"), Ok(5000));
        assert_eq!(parse_amount("", "EUR"), Ok(0));
        assert!(parse_amount("12.345", "EUR").is_err());
        assert!(parse_amount("-5", "EUR").is_err());
        assert!(parse_amount("lots", "EUR").is_err());
        assert!(parse_amount("10", "XXX").is_err());
        assert!(parse_amount("99999999999999999999", "EUR").is_err());
    }

    #[test]
    fn amounts_format_with_grouping_and_code() {
        assert_eq!(format_amount(1_250_050, "EUR"), "12,500.50 EUR");
        assert_eq!(format_amount(5, "USD"), "0.05 USD");
        assert_eq!(format_amount(5000, "JPY"), "5,000 JPY");
    }

    #[test]
    fn dates_must_be_iso() {
        assert_eq!(parse_date("2026-12-31"), Ok("2026-12-31".into()));
        assert!(parse_date("31/12/2026").is_err());
        assert!(parse_date("2026-13-01").is_err());
    }
}
