//! The fast path of an import: what a batch needs from the database asked once per batch (the
//! records its keys match, the erased addresses among its e-mails), and the new contacts of a
//! batch written with one multi-row statement per table instead of a dozen statements per row.
//! The rows written are the same as `records::apply` writes one by one (the contact, its
//! channels, its search document, its "created" event, the undo note and the external id).
//!
//! Written by hand because sqlx's `QueryBuilder` does not produce the `$n` placeholders the
//! `Any` driver needs on both databases.

use super::records::Job;
use crate::domain::contacts::ContactFields;
use crate::domain::records::{changes, sort_key, RecordKind};
use crate::ssr::db::events::Action;
use crate::ssr::db::{self, suppression::email_hash, Dialect};
use sqlx::AnyConnection;
use std::collections::{HashMap, HashSet};

/// What the rows of a batch match, asked once for the whole batch.
#[derive(Default)]
pub struct Prefetched {
    /// Record ids by match value (as `Cells::match_value` gives it).
    pub matches: HashMap<String, String>,
    /// SHA-256s of the batch's e-mail addresses that were erased from the workspace.
    pub suppressed: HashSet<String>,
}

/// Writes a statement's parameter markers in order: `$1, $2, …` on PostgreSQL, `?` on SQLite.
/// sqlx's SQLite driver asks SQLite the name of every numbered parameter, which SQLite finds by
/// walking a list: quadratic in their number, and three quarters of a 500-row batch's time.
/// Anonymous `?` are bound in order without that lookup.
struct Params {
    dialect: Dialect,
    count: usize,
}

impl Params {
    fn new(dialect: Dialect) -> Params {
        Params { dialect, count: 0 }
    }

    /// The next parameter's marker.
    fn next(&mut self) -> String {
        self.count += 1;
        match self.dialect {
            Dialect::Sqlite => "?".to_owned(),
            Dialect::Postgres => format!("${}", self.count),
        }
    }

    /// `a, b, …` for `count` parameters.
    fn list(&mut self, count: usize) -> String {
        (0..count).map(|_| self.next()).collect::<Vec<_>>().join(", ")
    }

    /// `(a, b, …), (c, …)` for `rows` rows of `width` parameters each.
    fn tuples(&mut self, rows: usize, width: usize) -> String {
        (0..rows).map(|_| format!("({})", self.list(width))).collect::<Vec<_>>().join(", ")
    }
}

/// Asks for the records the batch's keys match and the erased addresses among its e-mails.
pub async fn prefetch(conn: &mut AnyConnection, job: &Job, keys: &[String], emails: &[String]) -> Result<Prefetched, sqlx::Error> {
    let mut prefetched = Prefetched::default();
    let keys: Vec<&String> = keys.iter().collect::<HashSet<_>>().into_iter().collect();
    if job.mode.matches() && !keys.is_empty() {
        let mut params = Params::new(job.dialect);
        let ws = params.next();
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
    }
    let hashes: HashSet<String> = emails.iter().filter(|e| !e.trim().is_empty()).map(|e| email_hash(e)).collect();
    if !hashes.is_empty() {
        let mut params = Params::new(job.dialect);
        let sql = format!("select email_hash from email_suppressions where workspace_id = {} and email_hash in ({})", params.next(), params.list(hashes.len()));
        let mut query = sqlx::query_as::<_, (String,)>(sqlx::AssertSqlSafe(sql)).bind(&job.workspace_id);
        for hash in &hashes {
            query = query.bind(hash.as_str());
        }
        prefetched.suppressed = query.fetch_all(&mut *conn).await?.into_iter().map(|(h,)| h).collect();
    }
    Ok(prefetched)
}

/// A new contact of the batch, with the external id its row carried.
pub struct NewContact {
    pub id: String,
    pub fields: ContactFields,
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

    let channels: Vec<(&str, &str, usize, &crate::domain::contacts::Channel)> = contacts
        .iter()
        .flat_map(|c| {
            let emails = c.fields.emails.iter().enumerate().map(|(i, ch)| (c.id.as_str(), "email", i, ch));
            let phones = c.fields.phones.iter().enumerate().map(|(i, ch)| (c.id.as_str(), "phone", i, ch));
            emails.chain(phones)
        })
        .collect();
    if !channels.is_empty() {
        let sql = format!(
            "insert into contact_channels (workspace_id, contact_id, kind, position, label, value, search_value, is_primary) values {}",
            Params::new(job.dialect).tuples(channels.len(), 8)
        );
        let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
        for (id, kind, position, channel) in channels {
            let search_value = db::contacts::channel_search_value(kind, &channel.value);
            query = query
                .bind(ws)
                .bind(id)
                .bind(kind)
                .bind(i64::try_from(position).unwrap_or(i64::MAX))
                .bind(&channel.label)
                .bind(&channel.value)
                .bind(search_value)
                .bind(i64::from(channel.primary));
        }
        query.execute(&mut *conn).await?;
    }

    // The search documents, as `db::search::refresh` makes them for a contact.
    let sql = format!("insert into search_index (workspace_id, record_kind, record_id, title, detail, terms) values {}", Params::new(job.dialect).tuples(contacts.len(), 6));
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
    for c in contacts {
        let f = &c.fields;
        let title = f.full_name().trim().to_owned();
        let detail = f.emails.iter().find(|e| e.primary).map_or_else(|| f.job_title.clone(), |e| e.value.clone());
        let mut values: Vec<&str> = vec![title.as_str(), ""];
        values.extend(f.emails.iter().map(|e| e.value.as_str()));
        let mut phones: Vec<&str> = vec![""];
        phones.extend(f.phones.iter().map(|p| p.value.as_str()));
        let words = crate::domain::search::index_words(&values, &phones);
        query = query.bind(ws).bind("contact").bind(&c.id).bind(title.clone()).bind(detail).bind(words);
    }
    query.execute(&mut *conn).await?;

    let sql = format!("insert into events (workspace_id, id, record_kind, record_id, action, actor_id, at, changes) values {}", Params::new(job.dialect).tuples(contacts.len(), 8));
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
    let empty = ContactFields::default().named();
    for c in contacts {
        let mut created = changes(&empty, &c.fields.named());
        if !c.fields.company_id.is_empty() {
            crate::api::records::ssr::name_ids(conn, ws, &mut created).await?;
        }
        let changes = serde_json::to_string(&created).unwrap_or_else(|_| "{}".into());
        query = query
            .bind(ws)
            .bind(db::new_id())
            .bind("contact")
            .bind(&c.id)
            .bind(Action::Created.as_str())
            .bind(&job.user_id)
            .bind(now_ms)
            .bind(changes);
    }
    query.execute(&mut *conn).await?;

    let sql = format!("insert into import_records (import_id, workspace_id, record_id, action, before, written_at) values {}", Params::new(job.dialect).tuples(contacts.len(), 6));
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
    for c in contacts {
        query = query.bind(&job.id).bind(ws).bind(&c.id).bind("created").bind(None::<String>).bind(now_ms);
    }
    query.execute(&mut *conn).await?;

    for c in contacts {
        if let Some(external_id) = &c.external_id {
            db::imports::set_external_id(conn, ws, RecordKind::Contact, external_id, &c.id).await?;
        }
    }
    Ok(())
}
