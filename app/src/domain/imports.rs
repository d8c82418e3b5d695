//! CSV imports, the parts that need no database: which fields a column can fill for each kind of
//! record, guessed from its header (English or German), the choices of the wizard (what a row
//! does, what it is matched on), the readers of dates and amounts, and how a row's cells become a
//! record's fields (`row_fields`). The server's `ssr::imports` reads the file and writes the rows.

use super::companies::CompanyFields;
use super::contacts::{Channel, ContactFields};
use super::deals::DealFields;
use super::leads::LeadFields;
use super::records::RecordKind;
use crate::error::FieldErrors;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The kinds of record a file can be imported into.
pub const KINDS: [RecordKind; 4] = [RecordKind::Contact, RecordKind::Company, RecordKind::Lead, RecordKind::Deal];

/// A field a column can fill: its key and the headers (lower-cased, letters and digits only) that
/// map to it by themselves, in English and German.
pub struct Target {
    pub key: &'static str,
    headers: &'static [&'static str],
}

const fn target(key: &'static str, headers: &'static [&'static str]) -> Target {
    Target { key, headers }
}

/// The external id any kind can carry: the id the row had in the system it comes from.
pub const EXTERNAL_ID: &str = "external_id";

const CONTACT_TARGETS: [Target; 11] = [
    target("first_name", &["firstname", "givenname", "forename", "vorname"]),
    target("last_name", &["lastname", "surname", "familyname", "nachname", "familienname"]),
    target("full_name", &["name", "fullname", "contactname", "contact", "kontakt", "vollständigername"]),
    target("email", &["email", "emailaddress", "mail", "eml", "emailadresse", "mailadresse"]),
    target("phone", &["phone", "phonenumber", "telephone", "tel", "telefon", "telefonnummer", "workphone"]),
    target("mobile", &["mobile", "mobilephone", "cell", "cellphone", "mobil", "handy", "mobiltelefon", "mobilnummer"]),
    target("job_title", &["jobtitle", "title", "position", "role", "berufsbezeichnung", "funktion", "titel", "jobbezeichnung"]),
    target("company", &["company", "companyname", "organisation", "organization", "account", "firma", "unternehmen", "firmenname"]),
    target("status", &["status", "lifecyclestage", "stage", "lebenszyklus"]),
    target("linkedin_url", &["linkedin", "linkedinurl", "linkedinprofile", "linkedinprofil"]),
    target(EXTERNAL_ID, &["externalid", "id", "recordid", "contactid", "externeid", "kontaktid"]),
];

const COMPANY_TARGETS: [Target; 11] = [
    target("name", &["name", "company", "companyname", "organisation", "organization", "account", "firma", "unternehmen", "firmenname"]),
    target("domain", &["domain", "website", "web", "url", "homepage", "webseite", "internetseite"]),
    target("industry", &["industry", "sector", "branche", "industrie"]),
    target("size", &["size", "employees", "companysize", "größe", "mitarbeiter", "mitarbeiterzahl", "unternehmensgröße"]),
    target("phone", &["phone", "phonenumber", "telephone", "tel", "telefon", "telefonnummer"]),
    target("street", &["street", "address", "streetaddress", "straße", "strasse", "anschrift", "adresse"]),
    target("city", &["city", "town", "stadt", "ort"]),
    target("region", &["region", "state", "province", "county", "bundesland", "kanton"]),
    target("postal_code", &["postalcode", "postcode", "zip", "zipcode", "plz", "postleitzahl"]),
    target("country", &["country", "land", "staat"]),
    target(EXTERNAL_ID, &["externalid", "id", "recordid", "companyid", "externeid", "firmenid"]),
];

const LEAD_TARGETS: [Target; 7] = [
    target("name", &["name", "fullname", "leadname", "lead", "contactname", "vollständigername"]),
    target("company_name", &["company", "companyname", "organisation", "organization", "firma", "unternehmen", "firmenname"]),
    target("email", &["email", "emailaddress", "mail", "emailadresse", "mailadresse"]),
    target("phone", &["phone", "phonenumber", "telephone", "tel", "mobile", "telefon", "telefonnummer", "handy"]),
    target("source", &["source", "leadsource", "origin", "quelle", "herkunft"]),
    target("status", &["status", "leadstatus"]),
    target(EXTERNAL_ID, &["externalid", "id", "recordid", "leadid", "externeid"]),
];

const DEAL_TARGETS: [Target; 7] = [
    target("name", &["name", "deal", "dealname", "title", "opportunity", "opportunityname", "geschäft", "verkaufschance", "titel"]),
    target("company", &["company", "companyname", "organisation", "organization", "account", "firma", "unternehmen", "firmenname"]),
    target("amount", &["amount", "value", "dealvalue", "revenue", "betrag", "wert", "volumen", "umsatz"]),
    target("currency", &["currency", "currencycode", "währung"]),
    target("stage", &["stage", "dealstage", "pipelinestage", "phase", "stufe"]),
    target("expected_close", &["expectedclose", "closedate", "expectedclosedate", "close", "abschlussdatum", "erwarteterabschluss"]),
    target(EXTERNAL_ID, &["externalid", "id", "recordid", "dealid", "externeid"]),
];

/// The fields a column can fill for `kind`, in the order the wizard lists them.
pub fn targets(kind: RecordKind) -> &'static [Target] {
    match kind {
        RecordKind::Company => &COMPANY_TARGETS,
        RecordKind::Lead => &LEAD_TARGETS,
        RecordKind::Deal => &DEAL_TARGETS,
        _ => &CONTACT_TARGETS,
    }
}

/// Whether `key` is a field of `kind` ("" means "not imported" and is always allowed).
pub fn is_target(kind: RecordKind, key: &str) -> bool {
    key.is_empty() || targets(kind).iter().any(|t| t.key == key)
}

/// A header as compared: lower-case letters and digits only ("E-Mail Address" → "emailaddress").
fn header_key(header: &str) -> String {
    header.trim().trim_start_matches('\u{feff}').to_lowercase().chars().filter(|c| c.is_alphanumeric()).collect()
}

/// The field each column fills, guessed from its header ("" for none); a field goes to the first
/// column that names it.
pub fn auto_map(kind: RecordKind, headers: &[String]) -> Vec<String> {
    let mut taken: Vec<&str> = Vec::new();
    headers
        .iter()
        .map(|header| {
            let key = header_key(header);
            let found = targets(kind).iter().find(|t| !taken.contains(&t.key) && (t.headers.contains(&key.as_str()) || header_key(t.key) == key));
            match found {
                Some(t) => {
                    taken.push(t.key);
                    t.key.to_owned()
                }
                None => String::new(),
            }
        })
        .collect()
}

/// The separator of a file, from its first line: the most frequent of comma, semicolon and tab
/// outside quotes (a comma when none is there).
pub fn sniff_delimiter(first_line: &str) -> u8 {
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for byte in first_line.bytes() {
        if byte == b'"' {
            quoted = !quoted;
        } else if !quoted {
            if let Some(entry) = counts.iter_mut().find(|(d, _)| *d == byte) {
                entry.1 += 1;
            }
        }
    }
    counts.iter().filter(|(_, n)| *n > 0).max_by_key(|(_, n)| *n).map_or(b',', |(d, _)| *d)
}

/// What a row does.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    /// Every row becomes a new record.
    #[default]
    Create,
    /// Rows that match an existing record change it; the others are skipped.
    Update,
    /// Rows that match change the record; the others become new records.
    Upsert,
}

impl Mode {
    pub const ALL: [Mode; 3] = [Mode::Create, Mode::Update, Mode::Upsert];

    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Create => "create",
            Mode::Update => "update",
            Mode::Upsert => "upsert",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Mode::ALL.into_iter().find(|m| m.as_str() == raw)
    }

    /// Whether rows are matched against existing records.
    pub fn matches(self) -> bool {
        self != Mode::Create
    }
}

/// What a row is matched on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MatchKey {
    Email,
    Domain,
    Name,
    ExternalId,
}

impl MatchKey {
    pub fn as_str(self) -> &'static str {
        match self {
            MatchKey::Email => "email",
            MatchKey::Domain => "domain",
            MatchKey::Name => "name",
            MatchKey::ExternalId => EXTERNAL_ID,
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        [MatchKey::Email, MatchKey::Domain, MatchKey::Name, MatchKey::ExternalId].into_iter().find(|k| k.as_str() == raw)
    }

    /// The keys `kind` can be matched on, the usual one first.
    pub fn for_kind(kind: RecordKind) -> &'static [MatchKey] {
        match kind {
            RecordKind::Contact | RecordKind::Lead => &[MatchKey::Email, MatchKey::ExternalId],
            RecordKind::Company => &[MatchKey::Domain, MatchKey::Name, MatchKey::ExternalId],
            _ => &[MatchKey::ExternalId],
        }
    }

    /// The field whose column holds the key.
    pub fn field(self) -> &'static str {
        self.as_str()
    }
}

/// What happens to a row that cannot be imported.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OnError {
    /// Import the good rows and leave the bad ones out (they are in the report).
    #[default]
    Skip,
    /// Import nothing while any row is bad.
    Stop,
}

impl OnError {
    pub fn as_str(self) -> &'static str {
        match self {
            OnError::Skip => "skip",
            OnError::Stop => "stop",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        [OnError::Skip, OnError::Stop].into_iter().find(|o| o.as_str() == raw)
    }
}

/// How the dates of a file are written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateFormat {
    /// 2026-12-31
    #[default]
    Iso,
    /// 31.12.2026
    DayMonthYearDots,
    /// 31/12/2026
    DayMonthYearSlashes,
    /// 12/31/2026
    MonthDayYearSlashes,
    /// 2026/12/31
    YearMonthDaySlashes,
}

impl DateFormat {
    pub const ALL: [DateFormat; 5] = [
        DateFormat::Iso,
        DateFormat::DayMonthYearDots,
        DateFormat::DayMonthYearSlashes,
        DateFormat::MonthDayYearSlashes,
        DateFormat::YearMonthDaySlashes,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            DateFormat::Iso => "iso",
            DateFormat::DayMonthYearDots => "dmy_dots",
            DateFormat::DayMonthYearSlashes => "dmy_slashes",
            DateFormat::MonthDayYearSlashes => "mdy_slashes",
            DateFormat::YearMonthDaySlashes => "ymd_slashes",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        DateFormat::ALL.into_iter().find(|f| f.as_str() == raw)
    }

    /// The pattern shown for confirmation.
    pub fn pattern(self) -> &'static str {
        match self {
            DateFormat::Iso => "YYYY-MM-DD",
            DateFormat::DayMonthYearDots => "DD.MM.YYYY",
            DateFormat::DayMonthYearSlashes => "DD/MM/YYYY",
            DateFormat::MonthDayYearSlashes => "MM/DD/YYYY",
            DateFormat::YearMonthDaySlashes => "YYYY/MM/DD",
        }
    }

    /// `raw` as `YYYY-MM-DD` when it is a real date written this way (one-digit days and months
    /// allowed; a time after the date ignored).
    pub fn to_iso(self, raw: &str) -> Option<String> {
        let date = raw.trim().split([' ', 'T']).next().unwrap_or("");
        let (separator, order) = match self {
            DateFormat::Iso => ('-', [0, 1, 2]),
            DateFormat::DayMonthYearDots => ('.', [2, 1, 0]),
            DateFormat::DayMonthYearSlashes => ('/', [2, 1, 0]),
            DateFormat::MonthDayYearSlashes => ('/', [2, 0, 1]),
            DateFormat::YearMonthDaySlashes => ('/', [0, 1, 2]),
        };
        let parts: Vec<&str> = date.split(separator).collect();
        let [a, b, c] = parts.as_slice() else { return None };
        let fields = [*a, *b, *c];
        let (year, month, day) = (fields[order[0]], fields[order[1]], fields[order[2]]);
        let numeric = |s: &str, max_len: usize| !s.is_empty() && s.len() <= max_len && s.chars().all(|c| c.is_ascii_digit());
        if year.len() != 4 || !numeric(year, 4) || !numeric(month, 2) || !numeric(day, 2) {
            return None;
        }
        let (y, m, d): (i32, u32, u32) = (year.parse().ok()?, month.parse().ok()?, day.parse().ok()?);
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        let days = match m {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (1..=days).contains(&d).then(|| format!("{y:04}-{m:02}-{d:02}"))
    }

    /// The first format that reads every non-empty sample (ISO when there are none). Where day and
    /// month could be either way round, German files are read day first and English ones month
    /// first; the wizard shows the choice and lets the person change it.
    pub fn detect<'a>(samples: impl IntoIterator<Item = &'a str>, day_first: bool) -> DateFormat {
        let samples: Vec<&str> = samples.into_iter().map(str::trim).filter(|s| !s.is_empty()).collect();
        let mut order = DateFormat::ALL.to_vec();
        if !day_first {
            order.swap(2, 3);
        }
        order.into_iter().find(|format| samples.iter().all(|s| format.to_iso(s).is_some())).unwrap_or_default()
    }
}

/// An amount cell with its currency: "EUR 1.200,50", "1,200.50 USD", "€1200", "$ 99" →
/// ("1.200,50", Some("EUR")). The number is left for `deals::parse_amount`.
pub fn split_currency(raw: &str) -> (String, Option<String>) {
    let value = raw.trim();
    const SYMBOLS: [(&str, &str); 5] = [("€", "EUR"), ("$", "USD"), ("£", "GBP"), ("¥", "JPY"), ("Fr.", "CHF")];
    for (symbol, code) in SYMBOLS {
        if let Some(rest) = value.strip_prefix(symbol).or_else(|| value.strip_suffix(symbol)) {
            return (rest.trim().to_owned(), Some(code.to_owned()));
        }
    }
    let is_code = |s: &str| s.len() == 3 && s.chars().all(|c| c.is_ascii_alphabetic());
    if let Some((code, rest)) = value.split_once(char::is_whitespace).filter(|(code, _)| is_code(code)) {
        return (rest.trim().to_owned(), Some(code.to_uppercase()));
    }
    if let Some((rest, code)) = value.rsplit_once(char::is_whitespace).filter(|(_, code)| is_code(code)) {
        return (rest.trim().to_owned(), Some(code.to_uppercase()));
    }
    if value.len() > 3 && value.is_char_boundary(3) && is_code(&value[..3]) {
        return (value[3..].trim().to_owned(), Some(value[..3].to_uppercase()));
    }
    (value.to_owned(), None)
}

/// `raw` as one of `options` (key or English label, any case); `default` when empty.
fn option_of(options: &[(&str, &str)], raw: &str, default: &str) -> String {
    let value = raw.trim();
    if value.is_empty() {
        return default.to_owned();
    }
    options
        .iter()
        .find(|(key, label)| key.eq_ignore_ascii_case(value) || label.eq_ignore_ascii_case(value))
        .map_or_else(|| value.to_owned(), |(key, _)| (*key).to_owned())
}

/// One row's cells by field key (trimmed; a field filled by several columns takes the first
/// non-empty cell).
#[derive(Clone, Debug, Default)]
pub struct Cells(HashMap<&'static str, String>);

impl Cells {
    pub fn of(kind: RecordKind, mapping: &[String], record: &[&str]) -> Cells {
        let mut cells = HashMap::new();
        for (key, raw) in mapping.iter().zip(record) {
            let Some(target) = targets(kind).iter().find(|t| t.key == key) else { continue };
            let value = raw.trim();
            if !value.is_empty() {
                cells.entry(target.key).or_insert_with(|| value.to_owned());
            }
        }
        Cells(cells)
    }

    /// The cell of `key` ("" when empty or not imported).
    pub fn get(&self, key: &str) -> &str {
        self.0.get(key).map_or("", String::as_str)
    }

    /// The cell of `key`, when it has something.
    pub fn some(&self, key: &str) -> Option<&str> {
        self.0.get(key).map(String::as_str)
    }

    /// The value the row is matched on: e-mail addresses lower-cased, domains as stored, names as
    /// sort keys.
    pub fn match_value(&self, key: MatchKey, locale: crate::i18n_setup::Locale) -> Option<String> {
        let raw = self.some(key.field())?;
        Some(match key {
            MatchKey::Email => raw.to_lowercase(),
            MatchKey::Domain => super::companies::normalise_domain(raw, locale).ok().filter(|d| !d.is_empty())?,
            MatchKey::Name => super::records::sort_key(raw),
            MatchKey::ExternalId => raw.to_owned(),
        })
    }
}

/// What the database tells a row: the ids behind the names in its cells.
#[derive(Clone, Debug, Default)]
pub struct Resolved {
    /// The company named in the "company" cell, when one of that name exists.
    pub company_id: Option<String>,
    /// The stage named in the "stage" cell (or the first stage when the cell is empty).
    pub stage_id: Option<String>,
}

/// A row's record, checked. `base` is the record it updates: an empty cell keeps its value.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "fields", rename_all = "snake_case")]
pub enum RowFields {
    Contact(ContactFields),
    Company(CompanyFields),
    Lead(LeadFields),
    Deal(DealFields),
}

impl RowFields {
    /// The e-mail addresses of the record (those the suppression list is asked about).
    pub fn emails(&self) -> Vec<String> {
        match self {
            RowFields::Contact(c) => c.emails.iter().map(|e| e.value.clone()).collect(),
            RowFields::Lead(l) if !l.email.is_empty() => vec![l.email.clone()],
            _ => Vec::new(),
        }
    }
}

/// Overwrites `slot` with the cell of `key` when it has something.
fn fill(slot: &mut String, cells: &Cells, key: &str) {
    if let Some(value) = cells.some(key) {
        value.clone_into(slot);
    }
}

/// Puts `value` first among `channels` as the primary one (once: an existing equal value moves).
fn put_primary(channels: &mut Vec<Channel>, value: &str, label: &str) {
    channels.retain(|c| !c.value.eq_ignore_ascii_case(value));
    for channel in channels.iter_mut() {
        channel.primary = false;
    }
    channels.insert(0, Channel { value: value.to_owned(), label: label.to_owned(), primary: true });
}

/// The row's record of `kind`, on top of `base` (the record it updates, if any), checked as the
/// forms check it. Errors are named by field key.
pub fn row_fields(
    kind: RecordKind,
    cells: &Cells,
    base: Option<RowFields>,
    resolved: &Resolved,
    dates: DateFormat,
    locale: crate::i18n_setup::Locale,
) -> Result<RowFields, FieldErrors> {
    match kind {
        RecordKind::Company => {
            let mut f = match base {
                Some(RowFields::Company(f)) => f,
                _ => CompanyFields::default(),
            };
            for key in ["name", "domain", "industry", "size", "phone", "street", "city", "region", "postal_code", "country"] {
                let slot = match key {
                    "name" => &mut f.name,
                    "domain" => &mut f.domain,
                    "industry" => &mut f.industry,
                    "size" => &mut f.size,
                    "phone" => &mut f.phone,
                    "street" => &mut f.street,
                    "city" => &mut f.city,
                    "region" => &mut f.region,
                    "postal_code" => &mut f.postal_code,
                    _ => &mut f.country,
                };
                fill(slot, cells, key);
            }
            f.parse(locale).map(RowFields::Company)
        }
        RecordKind::Lead => {
            let mut f = match base {
                Some(RowFields::Lead(f)) => f,
                _ => LeadFields { source: "import".into(), status: "new".into(), ..LeadFields::default() },
            };
            fill(&mut f.name, cells, "name");
            fill(&mut f.company_name, cells, "company_name");
            fill(&mut f.email, cells, "email");
            fill(&mut f.phone, cells, "phone");
            if let Some(source) = cells.some("source") {
                f.source = option_of(&super::leads::SOURCES, source, "import");
            }
            if let Some(status) = cells.some("status") {
                f.status = option_of(&super::leads::STATUSES, status, "new");
            }
            f.parse(locale).map(RowFields::Lead)
        }
        RecordKind::Deal => {
            let mut f = match base {
                Some(RowFields::Deal(f)) => f,
                _ => DealFields { currency: "EUR".into(), ..DealFields::default() },
            };
            fill(&mut f.name, cells, "name");
            if let Some(company_id) = &resolved.company_id {
                company_id.clone_into(&mut f.company_id);
            }
            if let Some(stage_id) = &resolved.stage_id {
                stage_id.clone_into(&mut f.stage_id);
            }
            fill(&mut f.currency, cells, "currency");
            if let Some(raw) = cells.some("amount") {
                let (amount, currency) = split_currency(raw);
                f.amount = amount;
                if let Some(code) = currency {
                    f.currency = code;
                }
            }
            if let Some(raw) = cells.some("expected_close") {
                f.expected_close = dates.to_iso(raw).unwrap_or_else(|| raw.to_owned());
            }
            let mut checked = f.parse(locale);
            if let Err(errors) = &mut checked {
                if errors.contains_key("expected_close") {
                    errors.insert("expected_close".into(), crate::i18n_setup::td_string!(locale, errors.imports.date, pattern = dates.pattern()));
                }
                if errors.contains_key("stage_id") {
                    let message = errors.remove("stage_id").unwrap_or_default();
                    errors.insert("stage".into(), message);
                }
            }
            checked.map(|_| RowFields::Deal(f))
        }
        _ => {
            let mut f = match base {
                Some(RowFields::Contact(f)) => f,
                _ => ContactFields { status: "lead".into(), ..ContactFields::default() },
            };
            fill(&mut f.first_name, cells, "first_name");
            fill(&mut f.last_name, cells, "last_name");
            if let Some(full) = cells.some("full_name") {
                if cells.some("first_name").is_none() && cells.some("last_name").is_none() {
                    let (first, last) = full.rsplit_once(char::is_whitespace).unwrap_or(("", full));
                    f.first_name = first.trim().to_owned();
                    f.last_name = last.trim().to_owned();
                }
            }
            fill(&mut f.job_title, cells, "job_title");
            fill(&mut f.linkedin_url, cells, "linkedin_url");
            if let Some(status) = cells.some("status") {
                f.status = option_of(&super::contacts::STATUSES, status, "lead");
            }
            if let Some(company_id) = &resolved.company_id {
                company_id.clone_into(&mut f.company_id);
            }
            if let Some(mobile) = cells.some("mobile") {
                put_primary(&mut f.phones, mobile, "mobile");
            }
            if let Some(phone) = cells.some("phone") {
                put_primary(&mut f.phones, phone, "work");
            }
            if let Some(email) = cells.some("email") {
                put_primary(&mut f.emails, email, "work");
            }
            let primary = |list: &[Channel]| list.iter().position(|c| c.primary);
            let (primary_email, primary_phone) = (primary(&f.emails), primary(&f.phones));
            // `parse` names channel errors by row ("emails.0"); the report names the column's field.
            f.parse(primary_email, primary_phone, locale).map(RowFields::Contact).map_err(|errors| {
                errors
                    .into_iter()
                    .map(|(field, message)| {
                        let field = if field.starts_with("emails.") { "email".to_owned() } else if field.starts_with("phones.") { "phone".to_owned() } else { field };
                        (field, message)
                    })
                    .collect()
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n_setup::Locale;

    fn headers(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn headers_in_english_and_german_map_to_fields() {
        let english = auto_map(RecordKind::Contact, &headers(&["First Name", "Last name", "E-mail Address", "Phone", "Company", "Notes"]));
        assert_eq!(english, ["first_name", "last_name", "email", "phone", "company", ""]);
        let german = auto_map(RecordKind::Contact, &headers(&["\u{feff}Vorname", "Nachname", "E-Mail", "Telefon", "Handy", "Firma", "Position"]));
        assert_eq!(german, ["first_name", "last_name", "email", "phone", "mobile", "company", "job_title"]);
        // A field goes to the first column naming it.
        assert_eq!(auto_map(RecordKind::Company, &headers(&["Firmenname", "Firma", "PLZ", "Webseite"])), ["name", "", "postal_code", "domain"]);
        assert_eq!(auto_map(RecordKind::Deal, &headers(&["Deal", "Betrag", "Währung", "Phase", "Abschlussdatum"])), ["name", "amount", "currency", "stage", "expected_close"]);
    }

    #[test]
    fn the_separator_is_the_most_frequent_outside_quotes() {
        assert_eq!(sniff_delimiter("a,b,c"), b',');
        assert_eq!(sniff_delimiter("Vorname;Nachname;\"Firma, GmbH\""), b';');
        assert_eq!(sniff_delimiter("a\tb\tc,d"), b'\t');
        assert_eq!(sniff_delimiter("name"), b',');
    }

    #[test]
    fn dates_are_read_in_the_detected_format() {
        assert_eq!(DateFormat::detect(["2026-12-31", "2027-01-05"], true), DateFormat::Iso);
        assert_eq!(DateFormat::detect(["31.12.2026", "1.2.2027"], false), DateFormat::DayMonthYearDots);
        assert_eq!(DateFormat::detect(["12/31/2026"], true), DateFormat::MonthDayYearSlashes);
        assert_eq!(DateFormat::detect(["05/04/2026"], true), DateFormat::DayMonthYearSlashes);
        assert_eq!(DateFormat::detect(["05/04/2026"], false), DateFormat::MonthDayYearSlashes);
        assert_eq!(DateFormat::DayMonthYearDots.to_iso("1.2.2027"), Some("2027-02-01".into()));
        assert_eq!(DateFormat::Iso.to_iso("2026-02-30"), None);
        assert_eq!(DateFormat::Iso.to_iso("2026-02-03T10:00:00Z"), Some("2026-02-03".into()));
        assert_eq!(DateFormat::MonthDayYearSlashes.to_iso("13/01/2026"), None);
    }

    #[test]
    fn amounts_carry_their_currency() {
        assert_eq!(split_currency("EUR 1.200,50"), ("1.200,50".into(), Some("EUR".into())));
        assert_eq!(split_currency("1,200.50 usd"), ("1,200.50".into(), Some("USD".into())));
        assert_eq!(split_currency("€1200"), ("1200".into(), Some("EUR".into())));
        assert_eq!(split_currency("CHF5000"), ("5000".into(), Some("CHF".into())));
        assert_eq!(split_currency("99"), ("99".into(), None));
    }

    #[test]
    fn a_contact_row_keeps_phone_zeros_and_pluses_and_splits_full_names() {
        let mapping = headers(&["full_name", "email", "phone", "mobile", "status"]);
        let cells = Cells::of(RecordKind::Contact, &mapping, &["Ada King Lovelace", "Ada@Example.com", "0049 30 1234", "+44 7700 900123", "Customer"]);
        let RowFields::Contact(c) = row_fields(RecordKind::Contact, &cells, None, &Resolved::default(), DateFormat::Iso, Locale::en).unwrap() else {
            panic!("a contact")
        };
        assert_eq!((c.first_name.as_str(), c.last_name.as_str(), c.status.as_str()), ("Ada King", "Lovelace", "customer"));
        assert_eq!(c.phones.iter().map(|p| p.value.as_str()).collect::<Vec<_>>(), ["0049 30 1234", "+44 7700 900123"]);
        assert_eq!(c.emails[0].value, "Ada@example.com");
        assert_eq!(cells.match_value(MatchKey::Email, Locale::en).as_deref(), Some("ada@example.com"));
    }

    #[test]
    fn an_update_keeps_what_the_row_leaves_empty_and_bad_cells_are_named() {
        let base = RowFields::Contact(ContactFields { first_name: "Ada".into(), last_name: "Lovelace".into(), job_title: "Countess".into(), status: "customer".into(), ..Default::default() });
        let cells = Cells::of(RecordKind::Contact, &headers(&["first_name", "job_title"]), &["Augusta", ""]);
        let RowFields::Contact(c) = row_fields(RecordKind::Contact, &cells, Some(base), &Resolved::default(), DateFormat::Iso, Locale::en).unwrap() else {
            panic!("a contact")
        };
        assert_eq!((c.first_name.as_str(), c.job_title.as_str()), ("Augusta", "Countess"));
        let bad = Cells::of(RecordKind::Contact, &headers(&["first_name", "email"]), &["Bob", "not-an-address"]);
        let errors = row_fields(RecordKind::Contact, &bad, None, &Resolved::default(), DateFormat::Iso, Locale::en).unwrap_err();
        assert!(errors.contains_key("email"), "{errors:?}");
    }

    #[test]
    fn a_deal_row_reads_amounts_with_codes_and_dates_in_the_chosen_format() {
        let mapping = headers(&["name", "amount", "expected_close"]);
        let cells = Cells::of(RecordKind::Deal, &mapping, &["Looms", "USD 1,250.50", "31.12.2026"]);
        let resolved = Resolved { stage_id: Some("s1".into()), ..Default::default() };
        let RowFields::Deal(d) = row_fields(RecordKind::Deal, &cells, None, &resolved, DateFormat::DayMonthYearDots, Locale::en).unwrap() else { panic!("a deal") };
        assert_eq!((d.amount.as_str(), d.currency.as_str(), d.expected_close.as_str(), d.stage_id.as_str()), ("1,250.50", "USD", "2026-12-31", "s1"));
        let errors = row_fields(RecordKind::Deal, &cells, None, &resolved, DateFormat::Iso, Locale::en).unwrap_err();
        assert_eq!(errors.get("expected_close").map(String::as_str), Some("Enter a date like YYYY-MM-DD."));
    }

    #[test]
    fn formula_looking_cells_stay_text() {
        let cells = Cells::of(RecordKind::Company, &headers(&["name", "industry"]), &["=HYPERLINK(\"x\")", "+SUM(A1)"]);
        let RowFields::Company(c) = row_fields(RecordKind::Company, &cells, None, &Resolved::default(), DateFormat::Iso, Locale::en).unwrap() else { panic!("a company") };
        assert_eq!((c.name.as_str(), c.industry.as_str()), ("=HYPERLINK(\"x\")", "+SUM(A1)"));
    }
}
