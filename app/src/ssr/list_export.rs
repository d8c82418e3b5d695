//! Exports of a record list (contacts, companies, leads, deals, tickets) with the list's filters
//! and order, as CSV (formula-escaped) or JSON, streamed: the rows are read a page at a time with
//! the list's own keyset query and written to the response as they come, so memory stays flat
//! and a million rows download without a timeout. A member who sees only their own records
//! exports only those (the same `visible_to` condition as the list).

use crate::api::records::ssr::{owner_filter, since_ms};
use crate::domain::csv_cells::{self, CsvCell};
use crate::domain::records::{sort_key, ListSort, RecordKind};
use crate::error::AppError;
use crate::ssr::access::Member;
use crate::ssr::db;
use crate::ssr::AppState;
use serde::Deserialize;
use serde_json::Value;

/// Rows read per query: small enough to keep memory flat, large enough to keep queries few.
const PAGE_ROWS: i64 = 2_000;

/// The list's filters, as its page puts them in the address (all optional).
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(default)]
pub struct ListParams {
    pub q: String,
    pub owner: String,
    pub tag: String,
    pub stage: String,
    pub status: String,
    /// Leads: only those not yet converted (`on`, as the list's box posts it).
    pub open: String,
    pub sort: String,
    pub since: String,
}

/// CSV or JSON, from the address's extension.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Csv,
    Json,
}

impl Format {
    pub fn parse(extension: &str) -> Option<Format> {
        match extension {
            "csv" => Some(Format::Csv),
            "json" => Some(Format::Json),
            _ => None,
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv; charset=utf-8",
            Format::Json => "application/json",
        }
    }
}

/// The kinds of list that export, by their path (`contacts`, …).
pub fn kind_of_list(path: &str) -> Option<RecordKind> {
    [RecordKind::Contact, RecordKind::Company, RecordKind::Lead, RecordKind::Deal, RecordKind::Ticket]
        .into_iter()
        .find(|kind| kind.path() == path)
}

/// The columns of each kind's export, in order (the CSV header and the JSON keys).
pub fn columns(kind: RecordKind) -> &'static [&'static str] {
    match kind {
        RecordKind::Contact => &["id", "first_name", "last_name", "email", "phone", "job_title", "company", "status", "linkedin_url", "owner", "created_at", "updated_at"],
        RecordKind::Company => &["id", "name", "domain", "industry", "size", "phone", "street", "city", "region", "postal_code", "country", "owner", "created_at", "updated_at"],
        RecordKind::Lead => &["id", "name", "company", "email", "phone", "source", "status", "owner", "converted_at", "created_at", "updated_at"],
        RecordKind::Deal => &["id", "name", "company", "amount", "currency", "stage", "expected_close", "lost_reason", "owner", "created_at", "updated_at"],
        RecordKind::Ticket | RecordKind::Activity => &["id", "subject", "description", "status", "priority", "contact", "company", "assignee", "created_at", "updated_at"],
    }
}

/// A time as ISO 8601 in UTC (`2026-11-27T14:05:00Z`).
fn iso_utc(unix_ms: i64) -> String {
    let secs = unix_ms.div_euclid(1000);
    let (year, month, day) = crate::domain::dates::civil_from_days(secs.div_euclid(86_400));
    let of_day = secs.rem_euclid(86_400);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", of_day / 3600, of_day % 3600 / 60, of_day % 60)
}

fn text(value: impl Into<String>) -> Value {
    Value::String(value.into())
}

fn optional(value: Option<String>) -> Value {
    value.map_or(Value::Null, Value::String)
}

/// An amount in minor units as a plain decimal (`1250050` EUR → `12500.50`), exact.
fn decimal_amount(minor: i64, currency: &str) -> String {
    let digits = crate::domain::deals::minor_digits(currency).unwrap_or(2);
    let scale = 10_i64.pow(digits);
    let sign = if minor < 0 { "-" } else { "" };
    let (whole, fraction) = ((minor / scale).abs(), (minor % scale).abs());
    if digits == 0 { format!("{sign}{whole}") } else { format!("{sign}{whole}.{fraction:0width$}", width = usize::try_from(digits).unwrap_or(2)) }
}

/// What an export reads: the member, their filters resolved once, and the deal stages' names.
pub struct ListQuery {
    kind: RecordKind,
    member: Member,
    params: ListParams,
    prefix: String,
    since_ms: i64,
    stage_names: std::collections::HashMap<String, String>,
    /// Whole pages where that saves per-row hand-offs (see `db::list_pages`).
    read: db::list_pages::Read,
}

impl ListQuery {
    /// Checks the filters as the list does (a bad "added since" date is a field error).
    pub async fn new(state: &AppState, member: Member, kind: RecordKind, params: ListParams, locale: crate::i18n_setup::Locale) -> Result<Self, AppError> {
        let since_ms = since_ms(state, &params.since, &member, locale).await?;
        let stage_names = if kind == RecordKind::Deal {
            let mut conn = state.db.pool.acquire().await?;
            db::deals::stages(&mut conn, &member.workspace_id).await?.into_iter().map(|s| (s.id, s.name)).collect()
        } else {
            Default::default()
        };
        let prefix = sort_key(&params.q);
        Ok(ListQuery { kind, member, params, prefix, since_ms, stage_names, read: db::list_pages::Read::whole_page_on(state.db.dialect) })
    }

    /// The next page after `after` (a row's sort key and id): the rows as values in column order,
    /// and where the page ends (`None` after the last page).
    pub async fn page(&self, pool: &sqlx::AnyPool, after: Option<&(String, String)>) -> Result<(Vec<Vec<Value>>, Option<(String, String)>), sqlx::Error> {
        let member = &self.member;
        let p = &self.params;
        let after = after.map(|(key, id)| (key.as_str(), id.as_str()));
        let owner = owner_filter(&p.owner, member);
        let tag = Some(p.tag.as_str()).filter(|t| !t.is_empty());
        let sort = ListSort::parse(&p.sort, self.kind);
        let ws = member.workspace_id.as_str();
        let (rows, last): (Vec<Vec<Value>>, Option<(String, String)>) = match self.kind {
            RecordKind::Contact => {
                let filter = db::contacts::ContactFilter { prefix: &self.prefix, owner_id: owner, tag_id: tag, since_ms: self.since_ms, visible_to: member.only_own(), sort, read: self.read, ..Default::default() };
                let rows = db::contacts::list(pool, ws, filter, after, PAGE_ROWS).await?;
                let last = rows.last().map(|(r, key)| (key.clone(), r.contact.id.clone()));
                let rows = rows
                    .into_iter()
                    .map(|(r, _)| {
                        let c = r.contact;
                        vec![text(c.id), text(c.first_name), text(c.last_name), optional(r.email), optional(r.phone), text(c.job_title), optional(c.company_name), text(c.status), text(c.linkedin_url), optional(c.owner_name), text(iso_utc(c.created_at)), text(iso_utc(c.updated_at))]
                    })
                    .collect();
                (rows, last)
            }
            RecordKind::Company => {
                let filter = db::companies::CompanyFilter { prefix: &self.prefix, owner_id: owner, tag_id: tag, since_ms: self.since_ms, visible_to: member.only_own(), sort, read: self.read };
                let rows = db::companies::list(pool, ws, filter, after, PAGE_ROWS).await?;
                let last = rows.last().map(|(r, key)| (key.clone(), r.id.clone()));
                let rows = rows
                    .into_iter()
                    .map(|(c, _)| {
                        vec![text(c.id), text(c.name), text(c.domain), text(c.industry), text(c.size), text(c.phone), text(c.street), text(c.city), text(c.region), text(c.postal_code), text(c.country), optional(c.owner_name), text(iso_utc(c.created_at)), text(iso_utc(c.updated_at))]
                    })
                    .collect();
                (rows, last)
            }
            RecordKind::Lead => {
                let filter = db::leads::LeadFilter {
                    prefix: &self.prefix,
                    owner_id: owner,
                    status: Some(p.status.as_str()).filter(|s| !s.is_empty()),
                    open_only: p.open == "on" || p.open == "true",
                    since_ms: self.since_ms,
                    visible_to: member.only_own(),
                    sort,
                    read: self.read,
                };
                let rows = db::leads::list(pool, ws, filter, after, PAGE_ROWS).await?;
                let last = rows.last().map(|(r, key)| (key.clone(), r.id.clone()));
                let rows = rows
                    .into_iter()
                    .map(|(l, _)| {
                        vec![text(l.id), text(l.name), text(l.company_name), text(l.email), text(l.phone), text(l.source), text(l.status), optional(l.owner_name), optional(l.converted_at.map(iso_utc)), text(iso_utc(l.created_at)), text(iso_utc(l.updated_at))]
                    })
                    .collect();
                (rows, last)
            }
            RecordKind::Deal => {
                let filter = db::deals::DealFilter {
                    prefix: &self.prefix,
                    owner_id: owner,
                    tag_id: tag,
                    stage_id: Some(p.stage.as_str()).filter(|s| !s.is_empty()),
                    since_ms: self.since_ms,
                    visible_to: member.only_own(),
                    sort,
                    read: self.read,
                };
                let rows = db::deals::list(pool, ws, filter, after, PAGE_ROWS).await?;
                let last = rows.last().map(|(r, key)| (key.clone(), r.id.clone()));
                let rows = rows
                    .into_iter()
                    .map(|(d, _)| {
                        let stage = self.stage_names.get(&d.stage_id).cloned().unwrap_or_default();
                        let amount = decimal_amount(d.amount_minor, &d.currency);
                        vec![text(d.id), text(d.name), optional(d.company_name), text(amount), text(d.currency), text(stage), text(d.expected_close), text(d.lost_reason), optional(d.owner_name), text(iso_utc(d.created_at)), text(iso_utc(d.updated_at))]
                    })
                    .collect();
                (rows, last)
            }
            RecordKind::Ticket | RecordKind::Activity => {
                let filter = db::tickets::TicketFilter {
                    status: Some(p.status.as_str()).filter(|s| !s.is_empty()),
                    assignee_id: owner,
                    text: &self.prefix,
                    since_ms: self.since_ms,
                    visible_to: member.only_own(),
                    sort,
                    read: self.read,
                    ..Default::default()
                };
                let rows = db::tickets::list(pool, ws, filter, after, PAGE_ROWS).await?;
                let last = rows.last().map(|(r, key)| (key.clone(), r.id.clone()));
                let rows = rows
                    .into_iter()
                    .map(|(t, _)| {
                        vec![text(t.id), text(t.subject), text(t.description), text(t.status), text(t.priority), optional(t.contact_name), optional(t.company_name), optional(t.assignee_name), text(iso_utc(t.created_at)), text(iso_utc(t.updated_at))]
                    })
                    .collect();
                (rows, last)
            }
        };
        let more = i64::try_from(rows.len()).unwrap_or(0) == PAGE_ROWS;
        Ok((rows, last.filter(|_| more)))
    }

    pub fn columns(&self) -> &'static [&'static str] {
        columns(self.kind)
    }
}

/// One page's rows as CSV lines (with the header first when `header`), formula-escaped.
pub fn csv_chunk(columns: &[&str], rows: &[Vec<Value>], header: bool) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(Vec::with_capacity(rows.len() * 160));
    let mut written = if header { csv_cells::write_header(&mut writer, columns) } else { Ok(()) };
    for row in rows {
        if written.is_err() {
            break;
        }
        written = csv_cells::write_record(
            &mut writer,
            row.iter().map(|value| match value {
                Value::String(s) => CsvCell::Text(s),
                Value::Number(n) => n.as_i64().map_or(CsvCell::Empty, CsvCell::Integer),
                _ => CsvCell::Empty,
            }),
        );
    }
    // Writing to memory cannot fail; a failure would only leave the chunk short.
    writer.into_inner().unwrap_or_default()
}

/// One page's rows as JSON objects, each preceded by `[` (the first) or `,`.
pub fn json_chunk(columns: &[&str], rows: Vec<Vec<Value>>, first: bool) -> Vec<u8> {
    let mut out = Vec::with_capacity(rows.len() * 240);
    for (index, row) in rows.into_iter().enumerate() {
        out.extend_from_slice(if first && index == 0 { b"[\n" } else { b",\n" });
        let object: serde_json::Map<String, Value> = columns.iter().map(|c| (*c).to_owned()).zip(row).collect();
        if serde_json::to_writer(&mut out, &object).is_err() {
            break;
        }
    }
    out
}

/// The export's bytes as a stream of chunks, one per page, produced by a task that stops when
/// the download is abandoned. A database failure mid-way ends the stream with an error, so the
/// download is cut short rather than looking complete.
pub fn stream(state: AppState, query: ListQuery, format: Format) -> impl futures_util::Stream<Item = Result<Vec<u8>, std::io::Error>> {
    let (sender, receiver) = tokio::sync::mpsc::channel::<Result<Vec<u8>, std::io::Error>>(2);
    tokio::spawn(async move {
        let columns = query.columns();
        let mut after: Option<(String, String)> = None;
        let mut first = true;
        loop {
            let (rows, next) = match query.page(&state.db.pool, after.as_ref()).await {
                Ok(page) => page,
                Err(error) => {
                    tracing::error!("a list export failed part-way: {error}");
                    let _ = sender.send(Err(std::io::Error::other("the export failed"))).await;
                    return;
                }
            };
            let chunk = match format {
                Format::Csv => csv_chunk(columns, &rows, first),
                Format::Json if first && rows.is_empty() => b"[".to_vec(),
                Format::Json => json_chunk(columns, rows, first),
            };
            first = false;
            if sender.send(Ok(chunk)).await.is_err() {
                return;
            }
            match next {
                Some(cursor) => after = Some(cursor),
                None => break,
            }
        }
        if format == Format::Json {
            let _ = sender.send(Ok(b"\n]\n".to_vec())).await;
        }
    });
    futures_util::stream::unfold(receiver, |mut receiver| async move { receiver.recv().await.map(|item| (item, receiver)) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_and_amounts_are_written_plainly() {
        assert_eq!(iso_utc(1_795_737_600_000 + 14 * 3_600_000 + 5 * 60_000 + 7_000), "2026-11-27T14:05:07Z");
        assert_eq!(decimal_amount(1_250_050, "EUR"), "12500.50");
        assert_eq!(decimal_amount(-5, "EUR"), "-0.05");
        assert_eq!(decimal_amount(1_000, "JPY"), "1000");
    }

    #[test]
    fn chunks_escape_csv_and_keep_json_raw() {
        let rows = vec![vec![text("=1+2"), Value::Null, Value::from(-3)]];
        let csv = String::from_utf8(csv_chunk(&["a", "b", "c"], &rows, true)).unwrap_or_default();
        assert_eq!(csv, "a,b,c\n'=1+2,,-3\n");
        let json = String::from_utf8(json_chunk(&["a", "b", "c"], rows, true)).unwrap_or_default();
        assert_eq!(json, "[\n{\"a\":\"=1+2\",\"b\":null,\"c\":-3}");
    }
}
