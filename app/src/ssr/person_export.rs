//! "Export everything about this person": one contact or lead of a workspace's CRM as a ZIP of
//! JSON (lossless, values as stored) and CSV (one file per kind, text formula-escaped by
//! `domain::csv_cells`), for a member who can see the record.
//!
//! A contact's archive holds the contact, its emails and phones, its company link, tags, the
//! leads it came from, its notes, the activities linked to it, its tickets, the deals it is
//! involved in (the deals' basic fields), the CRM emails and drafts written to it, and the history
//! of the contact, those leads, tickets and activities. A lead's archive holds the lead, its notes,
//! activities and history. A member who sees only their own records gets only the related records
//! they see (activities, tickets, deals, drafts), as on the record's page.
//!
//! The archive of one person is small, so it is built in memory, in one read of the database
//! (the export workers in `ssr::exports` stream much larger archives to disk instead). It reuses
//! their typed cells (`exports::parts`), so both kinds of archive look the same. Each export is
//! recorded in the record's history ("exported", who and when).

use crate::domain::csv_cells::{self, CsvCell};
use crate::domain::records::RecordKind;
use crate::domain::workspaces::{Role, Visibility};
use crate::error::AppError;
use crate::ssr::access::Member;
use crate::ssr::db::{self, Dialect};
use crate::ssr::exports::archive::{zip_time, Cell};
use crate::ssr::exports::parts::{self, Derived};
use crate::ssr::AppState;
use futures_util::TryStreamExt;
use sqlx::{AnyConnection, Column, Executor, SqlSafeStr, Statement};
use std::io::{Cursor, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

/// A built archive and the name the browser saves it under.
#[derive(Clone, Debug)]
pub struct PersonArchive {
    pub file_name: String,
    pub bytes: Vec<u8>,
}

/// What a part's query is given, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Bind {
    Workspace,
    Record,
    /// The caller's user id when they see only their own records, else ''.
    Viewer,
}

/// One kind of record in the archive: `json/<name>.json` and `csv/<name>.csv`.
struct Part {
    name: &'static str,
    about: &'static str,
    sql: String,
    binds: &'static [Bind],
}

const WR: &[Bind] = &[Bind::Workspace, Bind::Record];
const WRV: &[Bind] = &[Bind::Workspace, Bind::Record, Bind::Viewer];

/// `($3 = '' or <one of columns> = $3)`: the records a member who sees only their own sees.
fn visible(columns: &[&str]) -> String {
    let holders: Vec<String> = columns.iter().map(|c| format!("{c} = $3")).collect();
    format!("($3 = '' or {})", holders.join(" or "))
}

/// The activities linked to the records `links` names (SQL selecting record kind and id pairs).
fn activities_of(links: &str) -> String {
    format!(
        "select a.* from activities a where a.workspace_id = $1 and a.id in \
         (select l.activity_id from activity_links l where l.workspace_id = $1 and {links}) and {} order by a.created_at, a.id",
        visible(&["a.owner_id", "a.assignee_id"])
    )
}

fn notes_of(links: &str) -> String {
    format!(
        "select n.* from notes n where n.workspace_id = $1 and n.id in \
         (select l.note_id from note_links l where l.workspace_id = $1 and {links}) order by n.created_at, n.id"
    )
}

/// The parts of a contact's archive (`$2` is the contact).
fn contact_parts() -> Vec<Part> {
    let person = "((l.record_kind = 'contact' and l.record_id = $2) or (l.record_kind = 'lead' and l.record_id in \
                  (select id from leads where workspace_id = $1 and converted_contact_id = $2)))";
    let tickets = format!("select t.id from tickets t where t.workspace_id = $1 and t.contact_id = $2 and {}", visible(&["t.owner_id", "t.assignee_id"]));
    let activity_ids = format!(
        "select a.id from activities a where a.workspace_id = $1 and a.id in (select l.activity_id from activity_links l where l.workspace_id = $1 and {person}) \
         and {}",
        visible(&["a.owner_id", "a.assignee_id"])
    );
    vec![
        Part { name: "contact", about: "The contact, every field as stored.", sql: "select * from contacts where workspace_id = $1 and id = $2".into(), binds: WR },
        Part {
            name: "contact_channels",
            about: "Its email addresses (kind email) and phone numbers (kind phone); is_primary marks the main one.",
            sql: "select * from contact_channels where workspace_id = $1 and contact_id = $2 order by kind, position".into(),
            binds: WR,
        },
        Part {
            name: "company",
            about: "The company it belongs to (its link: company_id in contact).",
            sql: "select co.id, co.name, co.domain from contacts c join companies co on co.workspace_id = c.workspace_id and co.id = c.company_id \
                  where c.workspace_id = $1 and c.id = $2"
                .into(),
            binds: WR,
        },
        Part {
            name: "tags",
            about: "Its tags.",
            sql: "select t.id, t.name, t.color from record_tags r join tags t on t.workspace_id = r.workspace_id and t.id = r.tag_id \
                  where r.workspace_id = $1 and r.record_kind = 'contact' and r.record_id = $2 order by t.sort_name"
                .into(),
            binds: WR,
        },
        Part {
            name: "leads",
            about: "The leads it was converted from.",
            sql: "select * from leads where workspace_id = $1 and converted_contact_id = $2 order by created_at, id".into(),
            binds: WR,
        },
        Part { name: "notes", about: "Notes on it (and on those leads).", sql: notes_of(person), binds: WR },
        Part { name: "activities", about: "Calls, meetings, tasks and emails linked to it (and to those leads).", sql: activities_of(person), binds: WRV },
        Part {
            name: "tickets",
            about: "Its tickets.",
            sql: format!("select t.* from tickets t where t.workspace_id = $1 and t.contact_id = $2 and {} order by t.created_at, t.id", visible(&["t.owner_id", "t.assignee_id"])),
            binds: WRV,
        },
        Part {
            name: "deals",
            about: "The deals it is involved in: their basic fields (amount_minor in the currency's minor unit) and the stage.",
            sql: format!(
                "select d.id, d.name, d.amount_minor, d.currency, s.name as stage, d.expected_close, d.closed_at, d.created_at, d.updated_at, d.deleted_at \
                 from deal_contacts dc join deals d on d.workspace_id = dc.workspace_id and d.id = dc.deal_id \
                 left join pipeline_stages s on s.workspace_id = d.workspace_id and s.id = d.stage_id \
                 where dc.workspace_id = $1 and dc.contact_id = $2 and {} order by d.created_at, d.id",
                visible(&["d.owner_id"])
            ),
            binds: WRV,
        },
        Part {
            name: "emails",
            about: "Emails written to it: drafts, and those sent (sent_at) with how their delivery stands (delivery).",
            sql: format!(
                "select d.id, d.to_address, d.subject, d.body, d.deal_id, d.created_at, d.updated_at, d.sent_at, \
                 (select m.status from mail_outbox m where m.workspace_id = d.workspace_id and m.kind = 'email_draft' and m.reference_id = d.id \
                  order by m.created_at desc limit 1) as delivery \
                 from email_drafts d where d.workspace_id = $1 and d.contact_id = $2 and {} order by d.created_at, d.id",
                visible(&["d.author_id"])
            ),
            binds: WRV,
        },
        Part {
            name: "events",
            about: "The history (audit log) of the contact, those leads, its tickets and activities: what changed, who (actor_name) and when; \
                    changes is JSON of field: [before, after].",
            sql: format!(
                "select e.id, e.record_kind, e.record_id, e.action, e.actor_id, u.full_name as actor_name, e.at, e.changes \
                 from events e left join users u on u.id = e.actor_id where e.workspace_id = $1 and ( \
                 (e.record_kind = 'contact' and e.record_id = $2) \
                 or (e.record_kind = 'lead' and e.record_id in (select id from leads where workspace_id = $1 and converted_contact_id = $2)) \
                 or (e.record_kind = 'ticket' and e.record_id in ({tickets})) \
                 or (e.record_kind = 'activity' and e.record_id in ({activity_ids}))) order by e.at, e.id"
            ),
            binds: WRV,
        },
    ]
}

/// The parts of a lead's archive (`$2` is the lead).
fn lead_parts() -> Vec<Part> {
    let lead = "(l.record_kind = 'lead' and l.record_id = $2)";
    let activity_ids = format!(
        "select a.id from activities a where a.workspace_id = $1 and a.id in (select l.activity_id from activity_links l where l.workspace_id = $1 and {lead}) and {}",
        visible(&["a.owner_id", "a.assignee_id"])
    );
    vec![
        Part {
            name: "lead",
            about: "The lead, every field as stored (converted_contact_id names the contact it became, if any).",
            sql: "select * from leads where workspace_id = $1 and id = $2".into(),
            binds: WR,
        },
        Part { name: "notes", about: "Notes on it.", sql: notes_of(lead), binds: WR },
        Part { name: "activities", about: "Calls, meetings, tasks and emails linked to it.", sql: activities_of(lead), binds: WRV },
        Part {
            name: "events",
            about: "The history (audit log) of the lead and its activities: what changed, who (actor_name) and when; changes is JSON of field: [before, after].",
            sql: format!(
                "select e.id, e.record_kind, e.record_id, e.action, e.actor_id, u.full_name as actor_name, e.at, e.changes \
                 from events e left join users u on u.id = e.actor_id where e.workspace_id = $1 and ( \
                 (e.record_kind = 'lead' and e.record_id = $2) or (e.record_kind = 'activity' and e.record_id in ({activity_ids}))) order by e.at, e.id"
            ),
            binds: WRV,
        },
    ]
}

/// The membership of `user_id` in the workspace at `slug` (a plain route has no server-function
/// context): "not found" when they are not a member.
pub async fn member_of(state: &AppState, user_id: &str, slug: &str) -> Result<Member, AppError> {
    let row = db::workspaces::membership_by_slug(&state.db.pool, user_id, slug).await?.ok_or(AppError::NotFound)?;
    let role = Role::parse(&row.role).ok_or_else(|| AppError::internal(format!("unknown role {}", row.role)))?;
    let visibility = Visibility::parse(&row.member_visibility).unwrap_or_default();
    Ok(Member { workspace_id: row.workspace_id, user_id: user_id.to_owned(), role, visibility })
}

/// The archive of the contact or lead `id`, for `member`: "not found" for any other kind, for a
/// record that is not in the workspace, and for one the member does not see.
pub async fn build(state: &AppState, member: &Member, kind: RecordKind, id: &str) -> Result<PersonArchive, AppError> {
    let ws = member.workspace_id.as_str();
    let now_ms = state.clock.now_ms();
    let mut tx = state.db.pool.begin().await?;
    if state.db.dialect == Dialect::Postgres {
        sqlx::query("set transaction isolation level repeatable read").execute(&mut *tx).await?;
    }
    // Written first, so that on SQLite the transaction holds the write lock from the start; a
    // record the caller may not see rolls it back.
    db::person_privacy::record_plain_event(&mut tx, ws, kind, id, "exported", &member.user_id, now_ms).await?;
    let (name, parts) = match kind {
        RecordKind::Contact => {
            let row = db::contacts::find(&mut tx, ws, id).await?.ok_or(AppError::NotFound)?;
            member.require_see(row.owner_id.as_deref(), None)?;
            (format!("{} {}", row.first_name, row.last_name), contact_parts())
        }
        RecordKind::Lead => {
            let row = db::leads::find(&mut tx, ws, id).await?.ok_or(AppError::NotFound)?;
            member.require_see(row.owner_id.as_deref(), None)?;
            (row.name, lead_parts())
        }
        _ => return Err(AppError::NotFound),
    };
    let viewer = member.only_own().unwrap_or_default().to_owned();
    let mut tables = Vec::with_capacity(parts.len());
    for part in &parts {
        let values = [ws.to_owned(), id.to_owned(), viewer.clone()];
        tables.push(read_part(&mut tx, part, &values).await?);
    }
    tx.commit().await?;
    let readme = readme(kind, &name, &parts, now_ms);
    let bytes = tokio::task::spawn_blocking(move || zip_in_memory(&readme, &tables, now_ms))
        .await
        .map_err(AppError::internal)?
        .map_err(AppError::internal)?;
    Ok(PersonArchive { file_name: file_name(kind, &name, now_ms), bytes })
}

/// One part's columns and rows.
struct Table {
    name: &'static str,
    columns: Vec<String>,
    rows: Vec<Vec<Cell>>,
}

async fn read_part(conn: &mut AnyConnection, part: &Part, values: &[String; 3]) -> Result<Table, sqlx::Error> {
    let statement = (&mut *conn).prepare(sqlx::AssertSqlSafe(part.sql.clone()).into_sql_str()).await?;
    let query_columns: Vec<String> = statement.columns().iter().map(|c| c.name().to_owned()).collect();
    let (columns, kept) = parts::layout(&query_columns, Derived::None);
    let mut query = statement.query();
    for bind in part.binds {
        query = query.bind(match bind {
            Bind::Workspace => values[0].clone(),
            Bind::Record => values[1].clone(),
            Bind::Viewer => values[2].clone(),
        });
    }
    let mut rows = Vec::new();
    let mut stream = query.fetch(&mut *conn);
    while let Some(row) = stream.try_next().await? {
        rows.push(parts::cells(&row, &columns, &kept, Derived::None)?);
    }
    Ok(Table { name: part.name, columns, rows })
}

/// A value as JSON, exactly as stored (bytes as base64).
fn json_value(cell: &Cell) -> serde_json::Value {
    use base64::Engine;
    match cell {
        Cell::Null => serde_json::Value::Null,
        Cell::Bool(b) => serde_json::Value::Bool(*b),
        Cell::Integer(n) => serde_json::Value::from(*n),
        Cell::Decimal(x) => serde_json::Number::from_f64(*x).map_or(serde_json::Value::Null, serde_json::Value::Number),
        Cell::Text(text) => serde_json::Value::String(text.clone()),
        Cell::Bytes(bytes) => serde_json::Value::String(base64::engine::general_purpose::STANDARD.encode(bytes)),
    }
}

/// `[{"column": value, …}, …]` with the columns in query order.
fn json_file(table: &Table) -> std::io::Result<Vec<u8>> {
    let mut out = Vec::new();
    out.write_all(b"[")?;
    for (index, row) in table.rows.iter().enumerate() {
        out.write_all(if index == 0 { b"\n{" } else { b",\n{" })?;
        for (i, (column, cell)) in table.columns.iter().zip(row).enumerate() {
            if i > 0 {
                out.write_all(b",")?;
            }
            serde_json::to_writer(&mut out, column)?;
            out.write_all(b":")?;
            serde_json::to_writer(&mut out, &json_value(cell))?;
        }
        out.write_all(b"}")?;
    }
    out.write_all(if table.rows.is_empty() { b"]\n" } else { b"\n]\n" })?;
    Ok(out)
}

/// A header and one line per row; numbers stay numbers, text is formula-escaped.
fn csv_file(table: &Table) -> std::io::Result<Vec<u8>> {
    use base64::Engine;
    let mut writer = csv::Writer::from_writer(Vec::new());
    csv_cells::write_header(&mut writer, &table.columns).map_err(std::io::Error::other)?;
    for row in &table.rows {
        let encoded: Vec<Option<String>> =
            row.iter().map(|cell| if let Cell::Bytes(bytes) = cell { Some(base64::engine::general_purpose::STANDARD.encode(bytes)) } else { None }).collect();
        let cells = row.iter().zip(&encoded).map(|(cell, bytes)| match (cell, bytes) {
            (_, Some(text)) => CsvCell::Text(text),
            (Cell::Null, _) => CsvCell::Empty,
            (Cell::Bool(b), _) => CsvCell::Integer(i64::from(*b)),
            (Cell::Integer(n), _) => CsvCell::Integer(*n),
            (Cell::Decimal(x), _) => CsvCell::Decimal(*x),
            (Cell::Text(text), _) => CsvCell::Text(text),
            (Cell::Bytes(_), None) => CsvCell::Empty,
        });
        csv_cells::write_record(&mut writer, cells).map_err(std::io::Error::other)?;
    }
    writer.into_inner().map_err(|e| std::io::Error::other(e.to_string()))
}

fn zip_in_memory(readme: &str, tables: &[Table], now_ms: i64) -> std::io::Result<Vec<u8>> {
    let options = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated).last_modified_time(zip_time(now_ms));
    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file("README.txt", options).map_err(std::io::Error::other)?;
    zip.write_all(readme.as_bytes())?;
    for table in tables {
        zip.start_file(format!("json/{}.json", table.name), options).map_err(std::io::Error::other)?;
        zip.write_all(&json_file(table)?)?;
        zip.start_file(format!("csv/{}.csv", table.name), options).map_err(std::io::Error::other)?;
        zip.write_all(&csv_file(table)?)?;
    }
    Ok(zip.finish().map_err(std::io::Error::other)?.into_inner())
}

fn readme(kind: RecordKind, name: &str, parts: &[Part], now_ms: i64) -> String {
    let zone = crate::domain::dates::Zone::default();
    let mut text = format!(
        "NexaCRM — everything about one person\n{}: {}\nBuilt: {}\n\n\
         Every kind of record is in two files: json/<name>.json, an array of objects with every value exactly as stored \
         (times are Unix milliseconds, UTC; ids link the files together), and csv/<name>.csv, one row per record for \
         spreadsheets. In the CSV files a text value that starts with =, +, -, @, a tab or a line break has a ' in front, \
         so that a spreadsheet does not run it as a formula; the JSON files have the values unchanged.\n\nFiles\n-----\n\n",
        kind.label(),
        name.trim(),
        zone.format(now_ms)
    );
    for part in parts {
        text.push_str(&format!("json/{0}.json, csv/{0}.csv\n  {1}\n\n", part.name, part.about));
    }
    text
}

/// `nexacrm-contact-grace-hopper-2026-11-27.zip`: the kind, the name in plain letters, the day (UTC).
pub fn file_name(kind: RecordKind, name: &str, now_ms: i64) -> String {
    let (year, month, day) = crate::domain::dates::civil_from_days(now_ms.div_euclid(86_400_000));
    let mut plain = String::new();
    for c in name.to_lowercase().chars() {
        if c.is_ascii_alphanumeric() {
            plain.push(c);
        } else if !plain.is_empty() && !plain.ends_with('-') {
            plain.push('-');
        }
    }
    let plain = plain.trim_end_matches('-');
    let what = if plain.is_empty() { kind.as_str().to_owned() } else { format!("{}-{plain}", kind.as_str()) };
    format!("nexacrm-{what}-{year:04}-{month:02}-{day:02}.zip")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    #[test]
    fn file_names_keep_plain_letters_only() {
        assert_eq!(file_name(RecordKind::Contact, "Grace Hopper", 1_795_737_600_000), "nexacrm-contact-grace-hopper-2026-11-27.zip");
        assert_eq!(file_name(RecordKind::Lead, "\"; rm -rf /", 1_795_737_600_000), "nexacrm-lead-rm-rf-2026-11-27.zip");
        assert_eq!(file_name(RecordKind::Lead, "Zoë", 0), "nexacrm-lead-zo-1970-01-01.zip");
    }

    #[test]
    fn tables_become_json_and_escaped_csv_in_one_zip() {
        let table = Table {
            name: "contact",
            columns: vec!["first_name".into(), "score".into(), "note".into()],
            rows: vec![vec![Cell::Text("=HYPERLINK(\"x\")".into()), Cell::Integer(-3), Cell::Null]],
        };
        let bytes = zip_in_memory("read me", &[table], 1_795_737_600_000).unwrap();
        assert_eq!(&bytes[..2], b"PK");
        let mut archive = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut read = |name: &str| {
            let mut text = String::new();
            archive.by_name(name).unwrap().read_to_string(&mut text).unwrap();
            text
        };
        let json: serde_json::Value = serde_json::from_str(&read("json/contact.json")).unwrap();
        assert_eq!(json, serde_json::json!([{"first_name": "=HYPERLINK(\"x\")", "score": -3, "note": null}]));
        assert_eq!(read("csv/contact.csv"), "first_name,score,note\n\"'=HYPERLINK(\"\"x\"\")\",-3,\n");
        assert_eq!(read("README.txt"), "read me");
    }
}
