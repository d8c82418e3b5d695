//! Erasing a person from a workspace's CRM at their request, at once and for good (not via the
//! trash), following an `ErasurePlan`, inside the caller's transaction:
//!
//! - gone: the contact with its emails and phones, the leads it came from, their tag and deal
//!   links, the notes, activities and tickets that concern only them (with those records' history
//!   and search documents), the drafts to them and the delivery records of those sent;
//! - kept without the person: deals, and notes, activities and tickets that also concern other
//!   records (their link goes; their text and the deals' names lose the person's name and
//!   addresses); every other record's history is cleaned the same way;
//! - the person's own history keeps what happened, by whom and when, but no values, and gains an
//!   `erased` entry; their email addresses go on the suppression list as hashes;
//! - what CSV imports kept about them (undo notes, external ids, reported bad rows) goes.

use super::person_privacy::{records_condition, ErasurePlan};
use crate::domain::person_privacy::{redact, REDACTED};
use crate::domain::records::{sort_key, Changes, RecordKind};
use sqlx::AnyConnection;

/// What the erasure did, counted.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Erased {
    pub records: usize,
    /// Texts elsewhere (notes, activities, tickets, deals, history entries) that named the person.
    pub texts_cleaned: usize,
}

/// Runs one statement `sql` with `$1` the workspace and `$2` each id in turn.
async fn each(conn: &mut AnyConnection, sql: &str, workspace_id: &str, ids: &[String]) -> Result<(), sqlx::Error> {
    for id in ids {
        sqlx::query(sqlx::AssertSqlSafe(sql.to_owned())).bind(workspace_id).bind(id).execute(&mut *conn).await?;
    }
    Ok(())
}

/// Replaces the person's names and addresses in text columns of rows of `table` (`id` column),
/// returning how many rows changed. `columns` are the text columns; `sort` a column kept as the
/// sort key of the first one, if any.
async fn redact_rows(conn: &mut AnyConnection, workspace_id: &str, table: &str, columns: &[&str], sort: Option<&str>, ids: &[String], needles: &[String]) -> Result<usize, sqlx::Error> {
    let mut changed = 0;
    for id in ids {
        let select = format!("select {} from {table} where workspace_id = $1 and id = $2", columns.join(", "));
        let row = sqlx::query(sqlx::AssertSqlSafe(select)).bind(workspace_id).bind(id).fetch_optional(&mut *conn).await?;
        let Some(row) = row else { continue };
        use sqlx::Row;
        let mut values = Vec::with_capacity(columns.len());
        let mut any = false;
        for index in 0..columns.len() {
            let value: String = row.try_get(index)?;
            match redact(&value, needles) {
                Some(clean) => {
                    any = true;
                    values.push(clean);
                }
                None => values.push(value),
            }
        }
        if !any {
            continue;
        }
        let mut sets: Vec<String> = columns.iter().enumerate().map(|(i, c)| format!("{c} = ${}", i + 3)).collect();
        if let Some(sort) = sort {
            sets.push(format!("{sort} = ${}", columns.len() + 3));
        }
        let update = format!("update {table} set {} where workspace_id = $1 and id = $2", sets.join(", "));
        let mut query = sqlx::query(sqlx::AssertSqlSafe(update)).bind(workspace_id).bind(id);
        for value in &values {
            query = query.bind(value.clone());
        }
        if sort.is_some() {
            query = query.bind(sort_key(values.first().map(String::as_str).unwrap_or_default()));
        }
        query.execute(&mut *conn).await?;
        changed += 1;
    }
    Ok(changed)
}

/// `%text%` as a `like` pattern (with `\` as the escape character), lower-cased.
fn contains_pattern(text: &str) -> String {
    let escaped: String = text.to_lowercase().chars().flat_map(|c| if matches!(c, '%' | '_' | '\\') { vec!['\\', c] } else { vec![c] }).collect();
    format!("%{escaped}%")
}

/// Cleans the history entries that name the person (other records' entries: a ticket that named
/// them as its contact, a deal's "emailed" entry, a lead's conversion): of `records` only, or of
/// the whole workspace.
async fn redact_history(conn: &mut AnyConnection, workspace_id: &str, records: Option<&[(RecordKind, String)]>, needles: &[String]) -> Result<usize, sqlx::Error> {
    if needles.is_empty() || records.is_some_and(<[_]>::is_empty) {
        return Ok(0);
    }
    let conditions: Vec<String> = (0..needles.len()).map(|i| format!("lower(changes) like ${} escape '\\'", i + 2)).collect();
    let scope = match records {
        Some(records) => records_condition(records, needles.len() + 2),
        None => "1 = 1".to_owned(),
    };
    let sql = format!("select id, changes from events where workspace_id = $1 and ({}) and {scope}", conditions.join(" or "));
    let mut query = sqlx::query_as::<_, (String, String)>(sqlx::AssertSqlSafe(sql)).bind(workspace_id);
    for needle in needles {
        query = query.bind(contains_pattern(needle));
    }
    for (kind, id) in records.unwrap_or_default() {
        query = query.bind(kind.as_str()).bind(id.as_str());
    }
    let rows = query.fetch_all(&mut *conn).await?;
    let mut changed = 0;
    for (id, text) in rows {
        let clean = match serde_json::from_str::<Changes>(&text) {
            Ok(changes) => {
                let cleaned: Changes = changes
                    .into_iter()
                    .map(|(field, (before, after))| {
                        let before = redact(&before, needles).unwrap_or(before);
                        let after = redact(&after, needles).unwrap_or(after);
                        (field, (before, after))
                    })
                    .collect();
                serde_json::to_string(&cleaned).unwrap_or_else(|_| "{}".into())
            }
            // Not a change list (written by other means): nothing of it can be kept safely.
            Err(_) => "{}".to_owned(),
        };
        if clean != text {
            sqlx::query("update events set changes = $3 where workspace_id = $1 and id = $2").bind(workspace_id).bind(&id).bind(clean).execute(&mut *conn).await?;
            changed += 1;
        }
    }
    Ok(changed)
}

/// Deletes the rows that hang off a record that goes (its history, links, tags, search document).
async fn remove_record_rows(conn: &mut AnyConnection, workspace_id: &str, kind: RecordKind, id: &str, keep_history: bool) -> Result<(), sqlx::Error> {
    let mut tables = vec!["note_links", "activity_links", "record_tags", "search_index"];
    if !keep_history {
        tables.push("events");
    }
    for table in tables {
        sqlx::query(sqlx::AssertSqlSafe(format!("delete from {table} where workspace_id = $1 and record_kind = $2 and record_id = $3")))
            .bind(workspace_id)
            .bind(kind.as_str())
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Records that a kept deal or ticket lost the person (no name in it).
async fn record_unlinked(conn: &mut AnyConnection, workspace_id: &str, kind: RecordKind, id: &str, actor_id: &str, now_ms: i64) -> Result<(), sqlx::Error> {
    let mut changes = Changes::new();
    changes.insert("contact".into(), (REDACTED.to_owned(), String::new()));
    let subject = super::events::Subject { workspace_id, kind, record_id: id, actor_id, at: now_ms };
    super::events::record(conn, subject, super::events::Action::Updated, &changes).await
}

/// What CSV imports kept of the person: the undo notes and external ids of their records, and
/// the notes (fields before an update) and reported bad rows that name them. (An import's file is
/// deleted when it finishes; the suppression list keeps a running one from writing them again.)
async fn erase_import_traces(conn: &mut AnyConnection, workspace_id: &str, person: &[(RecordKind, String)], needles: &[String]) -> Result<(), sqlx::Error> {
    for (kind, id) in person {
        sqlx::query("delete from import_records where workspace_id = $1 and record_id = $2").bind(workspace_id).bind(id).execute(&mut *conn).await?;
        sqlx::query("delete from record_external_ids where workspace_id = $1 and record_kind = $2 and record_id = $3")
            .bind(workspace_id)
            .bind(kind.as_str())
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    for needle in needles {
        let pattern = contains_pattern(needle);
        sqlx::query("delete from import_problems where workspace_id = $1 and lower(cells) like $2 escape '\\'")
            .bind(workspace_id)
            .bind(&pattern)
            .execute(&mut *conn)
            .await?;
        sqlx::query("delete from import_records where workspace_id = $1 and lower(coalesce(before, '')) like $2 escape '\\'")
            .bind(workspace_id)
            .bind(&pattern)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Erases the person of `plan` (see the module's documentation). `actor_id` is the owner or
/// admin who asked; the caller checked they may.
pub async fn erase(conn: &mut AnyConnection, workspace_id: &str, plan: &ErasurePlan, actor_id: &str, now_ms: i64) -> Result<Erased, sqlx::Error> {
    let ws = workspace_id;
    let needles = plan.needles();
    let linked = plan.linked_needles();
    let person = plan.person.records();
    let removed = plan.removed_records();
    let mut erased = Erased { records: person.len(), texts_cleaned: 0 };

    // Drafts to the contact, and the delivery records (with the address and text) of those sent.
    each(conn, "delete from mail_outbox where workspace_id = $1 and kind = 'email_draft' and reference_id = $2", ws, &plan.drafts).await?;
    each(conn, "delete from email_drafts where workspace_id = $1 and id = $2", ws, &plan.drafts).await?;

    // Notes and activities: those only about the person go; the others lose the link and the name.
    let unlink = |table: &str| format!("delete from {table} where workspace_id = $1 and {}", records_condition(&removed, 2));
    for table in ["note_links", "activity_links"] {
        let mut query = sqlx::query(sqlx::AssertSqlSafe(unlink(table))).bind(ws);
        for (kind, id) in &removed {
            query = query.bind(kind.as_str()).bind(id.as_str());
        }
        query.execute(&mut *conn).await?;
    }
    each(conn, "delete from note_links where workspace_id = $1 and note_id = $2", ws, &plan.notes_removed).await?;
    each(conn, "delete from notes where workspace_id = $1 and id = $2", ws, &plan.notes_removed).await?;
    erased.texts_cleaned += redact_rows(conn, ws, "notes", &["body"], None, &plan.notes_kept, &linked).await?;
    for id in &plan.activities_removed {
        remove_record_rows(conn, ws, RecordKind::Activity, id, false).await?;
    }
    each(conn, "delete from activity_links where workspace_id = $1 and activity_id = $2", ws, &plan.activities_removed).await?;
    each(conn, "delete from activities where workspace_id = $1 and id = $2", ws, &plan.activities_removed).await?;
    erased.texts_cleaned += redact_rows(conn, ws, "activities", &["subject", "description"], None, &plan.activities_kept, &linked).await?;

    // Tickets: from the person alone, gone; also a company's, kept for it without the person.
    for id in &plan.tickets_removed {
        remove_record_rows(conn, ws, RecordKind::Ticket, id, false).await?;
    }
    each(conn, "delete from tickets where workspace_id = $1 and id = $2", ws, &plan.tickets_removed).await?;
    each(conn, "update tickets set contact_id = null where workspace_id = $1 and id = $2", ws, &plan.tickets_kept).await?;
    erased.texts_cleaned += redact_rows(conn, ws, "tickets", &["subject", "description"], None, &plan.tickets_kept, &linked).await?;
    for id in &plan.tickets_kept {
        super::search::refresh(conn, ws, RecordKind::Ticket, id).await?;
        record_unlinked(conn, ws, RecordKind::Ticket, id, actor_id, now_ms).await?;
    }

    // Deals stay, without the person (a deal named after them loses the name).
    if let Some(contact_id) = &plan.person.contact_id {
        sqlx::query("delete from deal_contacts where workspace_id = $1 and contact_id = $2").bind(ws).bind(contact_id).execute(&mut *conn).await?;
    }
    let deal_ids: Vec<String> = plan.deals.iter().map(|(id, _)| id.clone()).chain(plan.draft_deals.iter().cloned()).collect();
    erased.texts_cleaned += redact_rows(conn, ws, "deals", &["name", "lost_reason"], Some("sort_name"), &deal_ids, &linked).await?;
    for (id, _) in &plan.deals {
        super::search::refresh(conn, ws, RecordKind::Deal, id).await?;
        record_unlinked(conn, ws, RecordKind::Deal, id, actor_id, now_ms).await?;
    }
    for id in &plan.draft_deals {
        super::search::refresh(conn, ws, RecordKind::Deal, id).await?;
    }

    // The person's own records: their history keeps who did what and when, without values.
    for (kind, id) in &person {
        remove_record_rows(conn, ws, *kind, id, true).await?;
        sqlx::query("update events set changes = '{}' where workspace_id = $1 and record_kind = $2 and record_id = $3")
            .bind(ws)
            .bind(kind.as_str())
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    each(conn, "delete from leads where workspace_id = $1 and id = $2", ws, &plan.person.lead_ids).await?;
    if let Some(contact_id) = &plan.person.contact_id {
        // Anything else still pointing at the contact (a lead converted into it is in the plan).
        sqlx::query("update leads set converted_contact_id = null where workspace_id = $1 and converted_contact_id = $2").bind(ws).bind(contact_id).execute(&mut *conn).await?;
        sqlx::query("delete from contact_channels where workspace_id = $1 and contact_id = $2").bind(ws).bind(contact_id).execute(&mut *conn).await?;
        sqlx::query("delete from contacts where workspace_id = $1 and id = $2").bind(ws).bind(contact_id).execute(&mut *conn).await?;
    }

    // The history of the records linked to them (last names too), then every other history entry
    // of the workspace that names them.
    erased.texts_cleaned += redact_history(conn, ws, Some(&plan.linked_records()), &linked).await?;
    erased.texts_cleaned += redact_history(conn, ws, None, &needles).await?;

    erase_import_traces(conn, ws, &person, &needles).await?;
    for email in &plan.emails {
        super::suppression::suppress(conn, ws, email, actor_id, now_ms).await?;
    }
    for (kind, id) in &person {
        super::person_privacy::record_plain_event(conn, ws, *kind, id, "erased", actor_id, now_ms).await?;
    }
    Ok(erased)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn like_patterns_escape_their_wildcards() {
        assert_eq!(contains_pattern("Ada_L%ve\\x"), "%ada\\_l\\%ve\\\\x%");
    }
}
