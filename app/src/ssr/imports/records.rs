//! What one row of an import does to the database: find the record it matches, read that
//! record's fields, plan the row (create, update, unchanged, not found, bad, suppressed), write it
//! with its timeline event and search entry, and put a record back when the import is undone.

use crate::domain::deals::{minor_digits, DealFields};
use crate::domain::imports::{row_fields, Cells, DateFormat, MatchKey, Mode, Resolved, RowFields, EXTERNAL_ID};
use crate::domain::leads::LeadFields;
use crate::domain::records::{changes, sort_key, RecordKind};
use crate::i18n_setup::{td_string, Locale};
use crate::ssr::db::events::{self, Action, Subject};
use crate::ssr::db::{self, deals::StageRow, imports as rows};
use super::bulk::Prefetched;
use sqlx::AnyConnection;
use std::collections::HashMap;

/// What every row of one import shares.
pub struct Job {
    pub id: String,
    pub workspace_id: String,
    pub user_id: String,
    /// The database's dialect (the bulk writer numbers its parameters by it).
    pub dialect: db::Dialect,
    pub kind: RecordKind,
    pub mapping: Vec<String>,
    pub headers: Vec<String>,
    pub mode: Mode,
    pub match_on: MatchKey,
    pub dates: DateFormat,
    pub locale: Locale,
    pub stages: Vec<StageRow>,
    /// Company ids by name sort key (`None`: no company of that name), asked once per name.
    pub companies: HashMap<String, Option<String>>,
}

/// What a row will do (a check) or did (the run).
pub enum Plan {
    Create(Box<RowFields>),
    Update { id: String, before: Box<RowFields>, after: Box<RowFields> },
    Unchanged,
    NotFound,
    Suppressed,
    Invalid(String),
}

/// A stored amount as a plain number the amount reader takes back: 1250050 EUR → "12500.50".
fn plain_amount(minor: i64, currency: &str) -> String {
    let digits = minor_digits(currency).unwrap_or(2);
    if digits == 0 {
        return minor.to_string();
    }
    let scale = 10_i64.pow(digits);
    format!("{}.{:0width$}", minor / scale, (minor % scale).abs(), width = usize::try_from(digits).unwrap_or(2))
}

/// The record's editable fields as an import sees them, or `None` when it is not there.
pub async fn load_fields(conn: &mut AnyConnection, workspace_id: &str, kind: RecordKind, id: &str) -> Result<Option<RowFields>, sqlx::Error> {
    Ok(match kind {
        RecordKind::Contact => {
            let Some(row) = db::contacts::find(conn, workspace_id, id).await? else { return Ok(None) };
            let (emails, phones) = db::contacts::channels(conn, workspace_id, id).await?;
            Some(RowFields::Contact(row.fields(emails, phones)))
        }
        RecordKind::Company => db::companies::find(conn, workspace_id, id).await?.map(|row| RowFields::Company(row.fields())),
        RecordKind::Lead => db::leads::find(conn, workspace_id, id).await?.map(|row| {
            RowFields::Lead(LeadFields { name: row.name, company_name: row.company_name, email: row.email, phone: row.phone, source: row.source, status: row.status })
        }),
        _ => db::deals::find(conn, workspace_id, id).await?.map(|row| {
            RowFields::Deal(DealFields {
                name: row.name,
                company_id: row.company_name.as_ref().and(row.company_id).unwrap_or_default(),
                amount: plain_amount(row.amount_minor, &row.currency),
                currency: row.currency,
                stage_id: row.stage_id,
                expected_close: row.expected_close,
                lost_reason: row.lost_reason,
            })
        }),
    })
}

/// Field names and shown values, for the timeline.
fn named(fields: &RowFields) -> Vec<(&'static str, String)> {
    match fields {
        RowFields::Contact(f) => f.named(),
        RowFields::Company(f) => f.named(),
        RowFields::Lead(f) => f.named(),
        RowFields::Deal(f) => f.parse(Locale::en).map(|d| d.named()).unwrap_or_default(),
    }
}

fn empty_like(fields: &RowFields) -> RowFields {
    match fields {
        RowFields::Contact(_) => RowFields::Contact(Default::default()),
        RowFields::Company(_) => RowFields::Company(Default::default()),
        RowFields::Lead(_) => RowFields::Lead(Default::default()),
        RowFields::Deal(_) => RowFields::Deal(Default::default()),
    }
}

/// Inserts (`owner`: Some) or updates the record.
async fn write(conn: &mut AnyConnection, workspace_id: &str, id: &str, fields: &RowFields, owner: Option<&str>, now_ms: i64) -> Result<(), sqlx::Error> {
    match (fields, owner) {
        (RowFields::Contact(f), Some(owner)) => db::contacts::insert(conn, workspace_id, id, f, owner, now_ms).await,
        (RowFields::Contact(f), None) => db::contacts::update(conn, workspace_id, id, f, now_ms).await,
        (RowFields::Company(f), Some(owner)) => db::companies::insert(conn, workspace_id, id, f, owner, now_ms).await,
        (RowFields::Company(f), None) => db::companies::update(conn, workspace_id, id, f, now_ms).await,
        (RowFields::Lead(f), Some(owner)) => db::leads::insert(conn, workspace_id, id, f, owner, now_ms).await,
        (RowFields::Lead(f), None) => db::leads::update(conn, workspace_id, id, f, now_ms).await,
        (RowFields::Deal(f), owner) => {
            // Checked already (`row_fields`); a stored deal always reads back.
            let Ok(deal) = f.parse(Locale::en) else { return Ok(()) };
            match owner {
                Some(owner) => db::deals::insert(conn, workspace_id, id, &deal, owner, now_ms).await,
                None => db::deals::update(conn, workspace_id, id, &deal, now_ms).await,
            }
        }
    }
}

/// The stage a deal row names (`Err`: the message when no stage has that name).
fn stage_of(job: &Job, cells: &Cells, creating: bool) -> Result<Option<String>, String> {
    match cells.some("stage") {
        Some(name) => job
            .stages
            .iter()
            .find(|s| s.name.trim().eq_ignore_ascii_case(name))
            .map(|s| Some(s.id.clone()))
            .ok_or_else(|| td_string!(job.locale, errors.imports.unknown_stage, name = name)),
        None if creating => Ok(job.stages.first().map(|s| s.id.clone())),
        None => Ok(None),
    }
}

/// The company a row names, when one of that name exists (asked once per name per import).
async fn company_of(conn: &mut AnyConnection, job: &mut Job, cells: &Cells) -> Result<Option<String>, sqlx::Error> {
    let Some(name) = cells.some("company") else { return Ok(None) };
    let key = sort_key(name);
    if let Some(found) = job.companies.get(&key) {
        return Ok(found.clone());
    }
    let found = rows::matching(conn, &job.workspace_id, RecordKind::Company, "name", &key).await?;
    job.companies.insert(key, found.clone());
    Ok(found)
}

/// Joins a row's field errors into one line, each named by its column's header.
fn describe(job: &Job, errors: &crate::error::FieldErrors) -> String {
    errors
        .iter()
        .map(|(field, message)| format!("{}: {message}", header_of(job, field)))
        .collect::<Vec<_>>()
        .join(" ")
}

/// What a row does, read-only: the same answer for the check and the run. `prefetched` holds
/// what the row's batch matches (`bulk::prefetch`).
pub async fn plan(conn: &mut AnyConnection, job: &mut Job, cells: &Cells, prefetched: &Prefetched) -> Result<Plan, sqlx::Error> {
    let existing = match (job.mode.matches(), cells.match_value(job.match_on, job.locale)) {
        (false, _) => None,
        (true, None) if job.mode == Mode::Update => {
            let key = job.match_on.as_str();
            return Ok(Plan::Invalid(td_string!(job.locale, errors.imports.no_key, key = key)));
        }
        (true, None) => None,
        (true, Some(value)) => prefetched.matches.get(&value).cloned(),
    };
    if job.mode == Mode::Update && existing.is_none() {
        return Ok(Plan::NotFound);
    }
    let before = match &existing {
        Some(id) => match prefetched.before.get(id) {
            Some(fields) => Some(fields.clone()),
            None => load_fields(conn, &job.workspace_id, job.kind, id).await?,
        },
        None => None,
    };
    let stage_id = match (job.kind, stage_of(job, cells, before.is_none())) {
        (RecordKind::Deal, Err(message)) => return Ok(Plan::Invalid(format!("{}: {message}", header_of(job, "stage")))),
        (RecordKind::Deal, Ok(stage)) => stage,
        _ => None,
    };
    let resolved = Resolved { company_id: company_of(conn, job, cells).await?, stage_id };
    let after = match row_fields(job.kind, cells, before.clone(), &resolved, job.dates, job.locale) {
        Ok(fields) => fields,
        Err(errors) => return Ok(Plan::Invalid(describe(job, &errors))),
    };
    let known = before.as_ref().map(RowFields::emails).unwrap_or_default();
    let new_addresses = after.emails().into_iter().filter(|e| !known.iter().any(|k| k.eq_ignore_ascii_case(e)));
    if new_addresses.map(|e| db::suppression::email_hash(&e)).any(|hash| prefetched.suppressed.contains(&hash)) {
        return Ok(Plan::Suppressed);
    }
    Ok(match (existing, before) {
        (Some(_), Some(before)) if before == after => Plan::Unchanged,
        (Some(id), Some(before)) => Plan::Update { id, before: Box::new(before), after: Box::new(after) },
        _ => Plan::Create(Box::new(after)),
    })
}

fn header_of<'a>(job: &'a Job, field: &'a str) -> &'a str {
    job.mapping.iter().position(|key| key == field).and_then(|i| job.headers.get(i)).map_or(field, String::as_str)
}

/// Writes a planned create or update with its event and search entry, notes it for undo and
/// keeps the row's external id. Returns the record's id.
pub async fn apply(conn: &mut AnyConnection, job: &Job, cells: &Cells, plan: Plan, now_ms: i64) -> Result<Option<String>, sqlx::Error> {
    let (id, before, after, action) = match plan {
        Plan::Create(after) => (db::new_id(), None, *after, Action::Created),
        Plan::Update { id, before, after } => (id, Some(*before), *after, Action::Updated),
        _ => return Ok(None),
    };
    let owner = before.is_none().then_some(job.user_id.as_str());
    write(conn, &job.workspace_id, &id, &after, owner, now_ms).await?;
    db::search::refresh(conn, &job.workspace_id, job.kind, &id).await?;
    let previous = before.clone().unwrap_or_else(|| empty_like(&after));
    let mut changed = changes(&named(&previous), &named(&after));
    crate::api::records::ssr::name_ids(conn, &job.workspace_id, &mut changed).await?;
    let subject = Subject { workspace_id: &job.workspace_id, kind: job.kind, record_id: &id, actor_id: &job.user_id, at: now_ms };
    events::record(conn, subject, action, &changed).await?;
    let before_json = before.map(|b| serde_json::to_string(&b).unwrap_or_default());
    rows::record(conn, &job.id, &job.workspace_id, &id, before_json.as_deref(), now_ms).await?;
    if let Some(external_id) = cells.some(EXTERNAL_ID) {
        rows::set_external_id(conn, &job.workspace_id, job.kind, external_id, &id).await?;
    }
    Ok(Some(id))
}

/// Undoes what an import did to one record, unless it changed since (then it is kept). True when
/// undone.
pub async fn undo(conn: &mut AnyConnection, job: &Job, touched: &rows::Touched, now_ms: i64) -> Result<bool, sqlx::Error> {
    let (id, before, written_at) = touched;
    let Some((updated_at, in_trash)) = rows::record_state(conn, &job.workspace_id, job.kind, id).await? else { return Ok(false) };
    if in_trash || updated_at != *written_at {
        return Ok(false);
    }
    let subject = Subject { workspace_id: &job.workspace_id, kind: job.kind, record_id: id, actor_id: &job.user_id, at: now_ms };
    match before.as_deref().map(serde_json::from_str::<RowFields>) {
        None => {
            db::trash::set_deleted(conn, &job.workspace_id, job.kind, id, Some((now_ms, &job.user_id))).await?;
            rows::forget_external_ids(conn, &job.workspace_id, job.kind, id).await?;
            db::search::refresh(conn, &job.workspace_id, job.kind, id).await?;
            events::record(conn, subject, Action::Deleted, &Default::default()).await?;
        }
        Some(Ok(before)) => {
            let current = load_fields(conn, &job.workspace_id, job.kind, id).await?.unwrap_or_else(|| empty_like(&before));
            write(conn, &job.workspace_id, id, &before, None, now_ms).await?;
            db::search::refresh(conn, &job.workspace_id, job.kind, id).await?;
            let mut changed = changes(&named(&current), &named(&before));
            crate::api::records::ssr::name_ids(conn, &job.workspace_id, &mut changed).await?;
            events::record(conn, subject, Action::Updated, &changed).await?;
        }
        Some(Err(_)) => return Ok(false),
    }
    Ok(true)
}
