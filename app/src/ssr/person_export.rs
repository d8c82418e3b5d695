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
//! The archive of one person is small, so it is read in one go and answered from memory (the
//! export workers in `ssr::exports` stream much larger archives). It is written by their archive
//! writer from their typed cells (`exports::archive`, `exports::parts`), so both look the same. Each export is
//! recorded in the record's history ("exported", who and when).

use crate::domain::records::RecordKind;
use crate::error::AppError;
use crate::ssr::access::Member;
use crate::ssr::db::{self, Dialect};
use crate::ssr::exports::archive::{ArchiveWriter, Cell, WorkFiles};
use crate::ssr::exports::parts::{self, Derived};
use crate::ssr::AppState;
use futures_util::TryStreamExt;
use sqlx::{AnyConnection, Column, Executor, SqlSafeStr, Statement};

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

/// The archive of the contact or lead `id`, for `member`: "not found" for any other kind, for a
/// record that is not in the workspace, and for one the member does not see.
pub async fn build(state: &AppState, member: &Member, kind: RecordKind, id: &str) -> Result<PersonArchive, AppError> {
    let ws = member.workspace_id.as_str();
    let now_ms = state.clock.now_ms();
    let mut tx = state.db.begin_write().await?;
    if state.db.dialect == Dialect::Postgres {
        sqlx::query("set transaction isolation level repeatable read").execute(&mut *tx).await?;
    }
    // A record the caller may not see rolls the event back.
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

/// The README and one JSON and one CSV file per table, written by the export archive writer (the
/// same format as "Download my data") into scratch files, and read back: one person's archive
/// is small.
fn zip_in_memory(readme: &str, tables: &[Table], now_ms: i64) -> std::io::Result<Vec<u8>> {
    let scratch = std::env::temp_dir().join(format!("nexacrm-person-{}", db::new_id()));
    let files = WorkFiles { zip: scratch.with_extension("zip"), csv: scratch.with_extension("csv") };
    let written = (|| {
        let mut archive = ArchiveWriter::create(&files, now_ms, false)?;
        archive.add_file("README.txt", readme.as_bytes())?;
        for table in tables {
            archive.begin_part(table.name, table.columns.clone())?;
            archive.write_rows(&table.rows)?;
            archive.end_part()?;
        }
        archive.finish()?;
        std::fs::read(&files.zip)
    })();
    files.discard();
    written
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
    use std::io::{Cursor, Read};

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
