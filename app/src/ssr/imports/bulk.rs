//! The fast path of an import: what a batch needs from the database asked once per batch (the
//! records its keys match with their current fields, the erased addresses among its e-mails),
//! and the contacts a batch creates or updates written with a few multi-row statements per table
//! instead of a dozen statements per row. The rows written are the same as `records::apply`
//! writes one by one (the contact, its channels, its search document, its "created" or
//! "updated" event, the undo note and the external id). The statements' parameter markers come
//! from `db::params`.

use super::records::Job;
use crate::domain::contacts::{Channel, ContactFields};
use crate::domain::imports::RowFields;
use crate::domain::records::{changes, sort_key, Changes, RecordKind};
use crate::ssr::db::events::Action;
use crate::ssr::db::{self, params::Params, suppression::email_hash};
use sqlx::AnyConnection;
use std::collections::{HashMap, HashSet};

/// What the rows of a batch match, asked once for the whole batch.
#[derive(Default)]
pub struct Prefetched {
    /// Record ids by match value (as `Cells::match_value` gives it).
    pub matches: HashMap<String, String>,
    /// SHA-256s of the batch's e-mail addresses that were erased from the workspace.
    pub suppressed: HashSet<String>,
    /// The current fields of the matched contacts, by id (other kinds read theirs row by row).
    pub before: HashMap<String, RowFields>,
}

/// Asks for the records the batch's keys match and the erased addresses among its e-mails.
pub async fn prefetch(conn: &mut AnyConnection, job: &Job, keys: &[String], emails: &[String]) -> Result<Prefetched, sqlx::Error> {
    let mut prefetched = Prefetched::default();
    let keys: Vec<&String> = keys.iter().collect::<HashSet<_>>().into_iter().collect();
    if job.mode.matches() && !keys.is_empty() {
        let mut params = Params::new(job.dialect);
        let ws = params.marker();
        let list = params.list(keys.len());
        let table = db::trash::table(job.kind);
        let sql = match (job.kind, job.match_on.as_str()) {
            (RecordKind::Contact, "email") => format!(
                "select ch.search_value, c.id from contact_channels ch join contacts c on c.workspace_id = ch.workspace_id and c.id = ch.contact_id \
                 where ch.workspace_id = {ws} and ch.kind = 'email' and ch.search_value in ({list}) and c.deleted_at is null order by c.created_at desc, c.id desc"
            ),
            (RecordKind::Lead, "email") => format!(
                "select lower(email), id from leads where workspace_id = {ws} and lower(email) in ({list}) and deleted_at is null order by created_at desc, id desc"
            ),
            (RecordKind::Company, "domain") => format!(
                "select domain, id from companies where workspace_id = {ws} and domain in ({list}) and deleted_at is null order by created_at desc, id desc"
            ),
            (RecordKind::Company, "name") => format!(
                "select sort_name, id from companies where workspace_id = {ws} and sort_name in ({list}) and deleted_at is null order by created_at desc, id desc"
            ),
            (kind, _) => format!(
                "select x.external_id, x.record_id from record_external_ids x join {table} r on r.workspace_id = x.workspace_id and r.id = x.record_id \
                 where x.workspace_id = {ws} and x.record_kind = '{}' and x.external_id in ({list}) and r.deleted_at is null",
                kind.as_str()
            ),
        };
        let mut query = sqlx::query_as::<_, (String, String)>(sqlx::AssertSqlSafe(sql)).bind(&job.workspace_id);
        for key in &keys {
            query = query.bind(key.as_str());
        }
        // Newest first, so the oldest record of a value is the one kept (as `rows::matching`).
        for (value, id) in query.fetch_all(&mut *conn).await? {
            prefetched.matches.insert(value, id);
        }
        if job.kind == RecordKind::Contact {
            let ids: Vec<&str> = prefetched.matches.values().map(String::as_str).collect::<HashSet<_>>().into_iter().collect();
            prefetched.before = contact_fields(conn, job, &ids).await?;
        }
    }
    let hashes: HashSet<String> = emails.iter().filter(|e| !e.trim().is_empty()).map(|e| email_hash(e)).collect();
    if !hashes.is_empty() {
        let mut params = Params::new(job.dialect);
        let sql = format!("select email_hash from email_suppressions where workspace_id = {} and email_hash in ({})", params.marker(), params.list(hashes.len()));
        let mut query = sqlx::query_as::<_, (String,)>(sqlx::AssertSqlSafe(sql)).bind(&job.workspace_id);
        for hash in &hashes {
            query = query.bind(hash.as_str());
        }
        prefetched.suppressed = query.fetch_all(&mut *conn).await?.into_iter().map(|(h,)| h).collect();
    }
    Ok(prefetched)
}

/// The fields of the contacts `ids` names (live or not: the caller matched them), with their
/// channels: two statements for the whole batch.
async fn contact_fields(conn: &mut AnyConnection, job: &Job, ids: &[&str]) -> Result<HashMap<String, RowFields>, sqlx::Error> {
    let mut found = HashMap::new();
    for chunk in ids.chunks(STATEMENT_ROWS) {
        let mut params = Params::new(job.dialect);
        let ws = params.marker();
        let list = params.list(chunk.len());
        let sql = format!("select kind, contact_id, label, value, is_primary from contact_channels where workspace_id = {ws} and contact_id in ({list}) order by contact_id, kind, position");
        let mut query = sqlx::query_as::<_, (String, String, String, String, i64)>(sqlx::AssertSqlSafe(sql)).bind(&job.workspace_id);
        for id in chunk {
            query = query.bind(*id);
        }
        let mut channels: HashMap<String, (Vec<Channel>, Vec<Channel>)> = HashMap::new();
        for (kind, id, label, value, primary) in query.fetch_all(&mut *conn).await? {
            let (emails, phones) = channels.entry(id).or_default();
            let channel = Channel { value, label, primary: primary != 0 };
            if kind == "email" { emails.push(channel) } else { phones.push(channel) }
        }
        let mut params = Params::new(job.dialect);
        let ws = params.marker();
        let list = params.list(chunk.len());
        let sql = format!("select {} {} where c.workspace_id = {ws} and c.id in ({list})", db::contacts::COLUMNS, db::contacts::FROM);
        let mut query = sqlx::query_as::<_, db::contacts::ContactRow>(sqlx::AssertSqlSafe(sql)).bind(&job.workspace_id);
        for id in chunk {
            query = query.bind(*id);
        }
        for row in query.fetch_all(&mut *conn).await? {
            let (emails, phones) = channels.remove(&row.id).unwrap_or_default();
            found.insert(row.id.clone(), RowFields::Contact(row.fields(emails, phones)));
        }
    }
    Ok(found)
}

/// A new contact of the batch, with the external id its row carried.
pub struct NewContact {
    pub id: String,
    pub fields: ContactFields,
    pub external_id: Option<String>,
}

/// A contact the batch updates: its fields before and after, and the external id its row carried.
pub struct ChangedContact {
    pub id: String,
    pub before: ContactFields,
    pub after: ContactFields,
    pub external_id: Option<String>,
}

/// Rows per multi-row statement: 500 contacts with a handful of channels each stay well under
/// SQLite's 32,766 parameters.
const STATEMENT_ROWS: usize = 500;

/// Writes the batch's new contacts: one statement per table for every `STATEMENT_ROWS` contacts.
pub async fn insert_contacts(conn: &mut AnyConnection, job: &Job, contacts: &[NewContact], now_ms: i64) -> Result<(), sqlx::Error> {
    for chunk in contacts.chunks(STATEMENT_ROWS) {
        insert_chunk(conn, job, chunk, now_ms).await?;
    }
    Ok(())
}

/// Writes the batch's updated contacts: the contact rows one by one, their channels, search
/// documents, events and undo notes one statement per table for every `STATEMENT_ROWS` contacts.
pub async fn update_contacts(conn: &mut AnyConnection, job: &Job, contacts: &[ChangedContact], now_ms: i64) -> Result<(), sqlx::Error> {
    for chunk in contacts.chunks(STATEMENT_ROWS) {
        update_chunk(conn, job, chunk, now_ms).await?;
    }
    Ok(())
}

async fn insert_chunk(conn: &mut AnyConnection, job: &Job, contacts: &[NewContact], now_ms: i64) -> Result<(), sqlx::Error> {
    let ws = job.workspace_id.as_str();
    let sql = format!(
        "insert into contacts (workspace_id, id, first_name, last_name, sort_name, job_title, company_id, status, linkedin_url, owner_id, \
         created_at, updated_at, do_not_contact) values {}",
        Params::new(job.dialect).tuples(contacts.len(), 13)
    );
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
    for c in contacts {
        let f = &c.fields;
        query = query
            .bind(ws)
            .bind(&c.id)
            .bind(&f.first_name)
            .bind(&f.last_name)
            .bind(sort_key(&f.full_name()))
            .bind(&f.job_title)
            .bind((!f.company_id.is_empty()).then_some(f.company_id.as_str()))
            .bind(&f.status)
            .bind(&f.linkedin_url)
            .bind(&job.user_id)
            .bind(now_ms)
            .bind(now_ms)
            .bind(i64::from(f.do_not_contact));
    }
    query.execute(&mut *conn).await?;
    let written: Vec<(&str, &ContactFields)> = contacts.iter().map(|c| (c.id.as_str(), &c.fields)).collect();
    db::contacts::insert_channels(conn, job.dialect, &job.workspace_id, &written).await?;
    insert_search_documents(conn, job, &written).await?;
    let empty = ContactFields::default().named();
    let mut events = Vec::with_capacity(contacts.len());
    for c in contacts {
        let mut created = changes(&empty, &c.fields.named());
        if !c.fields.company_id.is_empty() {
            crate::api::records::ssr::name_ids(conn, ws, &mut created).await?;
        }
        events.push((c.id.as_str(), created));
    }
    insert_events(conn, job, Action::Created, &events, now_ms).await?;
    let notes: Vec<(&str, Option<String>)> = contacts.iter().map(|c| (c.id.as_str(), None)).collect();
    insert_import_records(conn, job, &notes, now_ms).await?;
    for c in contacts {
        if let Some(external_id) = &c.external_id {
            db::imports::set_external_id(conn, ws, RecordKind::Contact, external_id, &c.id).await?;
        }
    }
    Ok(())
}

async fn update_chunk(conn: &mut AnyConnection, job: &Job, contacts: &[ChangedContact], now_ms: i64) -> Result<(), sqlx::Error> {
    let ws = job.workspace_id.as_str();
    for c in contacts {
        db::contacts::update_row(conn, ws, &c.id, &c.after, now_ms).await?;
    }
    let ids: Vec<&str> = contacts.iter().map(|c| c.id.as_str()).collect();
    delete_where_in(conn, job, "delete from contact_channels where workspace_id = {ws} and contact_id in ({list})", &ids).await?;
    delete_where_in(conn, job, "delete from search_index where workspace_id = {ws} and record_kind = 'contact' and record_id in ({list})", &ids).await?;
    let written: Vec<(&str, &ContactFields)> = contacts.iter().map(|c| (c.id.as_str(), &c.after)).collect();
    db::contacts::insert_channels(conn, job.dialect, &job.workspace_id, &written).await?;
    insert_search_documents(conn, job, &written).await?;
    let mut events = Vec::with_capacity(contacts.len());
    for c in contacts {
        let mut changed = changes(&c.before.named(), &c.after.named());
        crate::api::records::ssr::name_ids(conn, ws, &mut changed).await?;
        events.push((c.id.as_str(), changed));
    }
    insert_events(conn, job, Action::Updated, &events, now_ms).await?;
    let notes: Vec<(&str, Option<String>)> =
        contacts.iter().map(|c| (c.id.as_str(), Some(serde_json::to_string(&RowFields::Contact(c.before.clone())).unwrap_or_default()))).collect();
    insert_import_records(conn, job, &notes, now_ms).await?;
    for c in contacts {
        if let Some(external_id) = &c.external_id {
            db::imports::set_external_id(conn, ws, RecordKind::Contact, external_id, &c.id).await?;
        }
    }
    Ok(())
}

/// Runs `sql` (with `{ws}` and `{list}` in it) for the workspace and the ids.
async fn delete_where_in(conn: &mut AnyConnection, job: &Job, sql: &str, ids: &[&str]) -> Result<(), sqlx::Error> {
    let mut params = Params::new(job.dialect);
    let ws = params.marker();
    let sql = sql.replace("{ws}", &ws).replace("{list}", &params.list(ids.len()));
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(&job.workspace_id);
    for id in ids {
        query = query.bind(*id);
    }
    query.execute(&mut *conn).await?;
    Ok(())
}

/// The contacts' search documents, as `db::search::refresh` makes them for a contact.
async fn insert_search_documents(conn: &mut AnyConnection, job: &Job, contacts: &[(&str, &ContactFields)]) -> Result<(), sqlx::Error> {
    let sql = format!("insert into search_index (workspace_id, record_kind, record_id, title, detail, terms) values {}", Params::new(job.dialect).tuples(contacts.len(), 6));
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
    for (id, f) in contacts {
        let title = f.full_name().trim().to_owned();
        let detail = f.emails.iter().find(|e| e.primary).map_or_else(|| f.job_title.clone(), |e| e.value.clone());
        let mut values: Vec<&str> = vec![title.as_str(), ""];
        values.extend(f.emails.iter().map(|e| e.value.as_str()));
        let mut phones: Vec<&str> = vec![""];
        phones.extend(f.phones.iter().map(|p| p.value.as_str()));
        let words = crate::domain::search::index_words(&values, &phones);
        query = query.bind(&job.workspace_id).bind("contact").bind(*id).bind(title.clone()).bind(detail).bind(words);
    }
    query.execute(&mut *conn).await?;
    Ok(())
}

/// One timeline event per contact, by the importing member.
async fn insert_events(conn: &mut AnyConnection, job: &Job, action: Action, events: &[(&str, Changes)], now_ms: i64) -> Result<(), sqlx::Error> {
    let sql = format!("insert into events (workspace_id, id, record_kind, record_id, action, actor_id, at, changes) values {}", Params::new(job.dialect).tuples(events.len(), 8));
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
    for (id, changed) in events {
        let changes = serde_json::to_string(changed).unwrap_or_else(|_| "{}".into());
        query = query
            .bind(&job.workspace_id)
            .bind(db::new_id())
            .bind("contact")
            .bind(*id)
            .bind(action.as_str())
            .bind(&job.user_id)
            .bind(now_ms)
            .bind(changes);
    }
    query.execute(&mut *conn).await?;
    Ok(())
}

/// The undo notes: each record with its fields before the import (none: it created the record).
/// A record the import already touched keeps its first note, as `db::imports::record` does.
async fn insert_import_records(conn: &mut AnyConnection, job: &Job, notes: &[(&str, Option<String>)], now_ms: i64) -> Result<(), sqlx::Error> {
    let sql = format!(
        "insert into import_records (import_id, workspace_id, record_id, action, before, written_at) values {} \
         on conflict (import_id, record_id) do update set written_at = excluded.written_at",
        Params::new(job.dialect).tuples(notes.len(), 6)
    );
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
    for (id, before) in notes {
        let action = if before.is_some() { "updated" } else { "created" };
        query = query.bind(&job.id).bind(&job.workspace_id).bind(*id).bind(action).bind(before.as_deref()).bind(now_ms);
    }
    query.execute(&mut *conn).await?;
    Ok(())
}
