//! A person of a workspace's CRM as one unit: their flags ("do not contact", "do not process"),
//! which records are the same person (a contact and the leads converted into it), and the plan of
//! what erasing them removes and what it keeps. Every function takes the workspace id right after
//! the connection; ids of another workspace find nothing.

use crate::domain::person_privacy::{PersonFlags, PrivacyFlag, MIN_REDACTED_NAME};
use crate::domain::records::RecordKind;
use sqlx::{AnyConnection, AnyPool};
use std::collections::{BTreeSet, HashMap};

/// The table of the kinds that are people.
fn person_table(kind: RecordKind) -> Option<&'static str> {
    match kind {
        RecordKind::Contact => Some("contacts"),
        RecordKind::Lead => Some("leads"),
        _ => None,
    }
}

/// The flags of a contact or lead of this workspace (in the trash or not); `None` when there is
/// no such record or the kind is not a person.
pub async fn flags(conn: &mut AnyConnection, workspace_id: &str, kind: RecordKind, id: &str) -> Result<Option<PersonFlags>, sqlx::Error> {
    let Some(table) = person_table(kind) else { return Ok(None) };
    let row: Option<(i64, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "select do_not_contact, do_not_process from {table} where workspace_id = $1 and id = $2"
    )))
    .bind(workspace_id)
    .bind(id)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|(contact, process)| PersonFlags { do_not_contact: contact != 0, do_not_process: process != 0 }))
}

/// The flags of several records of one kind, by id (records without a flag are left out).
pub async fn flags_of(pool: &AnyPool, workspace_id: &str, kind: RecordKind, ids: &[String]) -> Result<HashMap<String, PersonFlags>, sqlx::Error> {
    let mut found = HashMap::new();
    let Some(table) = person_table(kind) else { return Ok(found) };
    for chunk in ids.chunks(200) {
        let placeholders: Vec<String> = (0..chunk.len()).map(|i| format!("${}", i + 2)).collect();
        let sql = format!(
            "select id, do_not_contact, do_not_process from {table} where workspace_id = $1 and id in ({}) \
             and (do_not_contact <> 0 or do_not_process <> 0)",
            placeholders.join(", ")
        );
        let mut query = sqlx::query_as::<_, (String, i64, i64)>(sqlx::AssertSqlSafe(sql)).bind(workspace_id);
        for id in chunk {
            query = query.bind(id);
        }
        for (id, contact, process) in query.fetch_all(pool).await? {
            found.insert(id, PersonFlags { do_not_contact: contact != 0, do_not_process: process != 0 });
        }
    }
    Ok(found)
}

/// Sets one flag of a contact or lead.
pub async fn set_flag(conn: &mut AnyConnection, workspace_id: &str, kind: RecordKind, id: &str, flag: PrivacyFlag, on: bool, now_ms: i64) -> Result<(), sqlx::Error> {
    let Some(table) = person_table(kind) else { return Ok(()) };
    sqlx::query(sqlx::AssertSqlSafe(format!("update {table} set {} = $3, updated_at = $4 where workspace_id = $1 and id = $2", flag.column())))
        .bind(workspace_id)
        .bind(id)
        .bind(i64::from(on))
        .bind(now_ms)
        .execute(conn)
        .await?;
    Ok(())
}

/// Records an entry with no values in a record's history (`exported`, `erased`): who and when.
pub async fn record_plain_event(conn: &mut AnyConnection, workspace_id: &str, kind: RecordKind, id: &str, action: &str, actor_id: &str, now_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query("insert into events (workspace_id, id, record_kind, record_id, action, actor_id, at, changes) values ($1, $2, $3, $4, $5, $6, $7, '{}')")
        .bind(workspace_id)
        .bind(super::new_id())
        .bind(kind.as_str())
        .bind(id)
        .bind(action)
        .bind(actor_id)
        .bind(now_ms)
        .execute(conn)
        .await?;
    Ok(())
}

/// The records that are one person: a contact with the leads converted into it, or a lead that
/// was never converted (or whose contact is gone).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Person {
    pub contact_id: Option<String>,
    pub lead_ids: Vec<String>,
}

impl Person {
    /// Every record of the person, the contact first.
    pub fn records(&self) -> Vec<(RecordKind, String)> {
        self.contact_id.iter().map(|id| (RecordKind::Contact, id.clone())).chain(self.lead_ids.iter().map(|id| (RecordKind::Lead, id.clone()))).collect()
    }
}

/// The person a contact or lead of this workspace belongs to: erasing a lead that became a
/// contact erases that contact too, and erasing a contact erases the leads it came from.
/// `None` when there is no such record.
pub async fn person_of(conn: &mut AnyConnection, workspace_id: &str, kind: RecordKind, id: &str) -> Result<Option<Person>, sqlx::Error> {
    let contact_id = match kind {
        RecordKind::Contact => {
            let found: Option<(String,)> = sqlx::query_as("select id from contacts where workspace_id = $1 and id = $2").bind(workspace_id).bind(id).fetch_optional(&mut *conn).await?;
            match found {
                Some((id,)) => id,
                None => return Ok(None),
            }
        }
        RecordKind::Lead => {
            let found: Option<(Option<String>,)> = sqlx::query_as(
                "select c.id from leads l left join contacts c on c.workspace_id = l.workspace_id and c.id = l.converted_contact_id \
                 where l.workspace_id = $1 and l.id = $2",
            )
            .bind(workspace_id)
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
            match found {
                None => return Ok(None),
                Some((None,)) => return Ok(Some(Person { contact_id: None, lead_ids: vec![id.to_owned()] })),
                Some((Some(contact),)) => contact,
            }
        }
        _ => return Ok(None),
    };
    let leads: Vec<(String,)> = sqlx::query_as("select id from leads where workspace_id = $1 and converted_contact_id = $2 order by id")
        .bind(workspace_id)
        .bind(&contact_id)
        .fetch_all(&mut *conn)
        .await?;
    Ok(Some(Person { contact_id: Some(contact_id), lead_ids: leads.into_iter().map(|(id,)| id).collect() }))
}

/// `((record_kind = $n and record_id = $n+1) or …)` for `records`, starting at parameter `first`.
pub fn records_condition(records: &[(RecordKind, String)], first: usize) -> String {
    if records.is_empty() {
        return "1 = 0".to_owned();
    }
    let parts: Vec<String> = (0..records.len()).map(|i| format!("(record_kind = ${} and record_id = ${})", first + 2 * i, first + 2 * i + 1)).collect();
    format!("({})", parts.join(" or "))
}

/// Binds what `records_condition` names, in order.
pub fn bind_records<'q, O>(
    mut query: sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments>,
    records: &'q [(RecordKind, String)],
) -> sqlx::query::QueryAs<'q, sqlx::Any, O, sqlx::any::AnyArguments> {
    for (kind, id) in records {
        query = query.bind(kind.as_str()).bind(id.as_str());
    }
    query
}

/// What erasing a person removes and keeps: the plan the confirmation shows and the erasure
/// follows, read in one go so the two agree.
#[derive(Clone, Debug, Default)]
pub struct ErasurePlan {
    pub person: Person,
    /// (kind, id, name) of each record of the person.
    pub named: Vec<(RecordKind, String, String)>,
    /// The person's email addresses (the contact's and the leads'): suppressed after erasure.
    pub emails: Vec<String>,
    /// Addresses of drafts to them that are not among `emails` (looked for in kept texts only).
    pub other_addresses: Vec<String>,
    pub phones: usize,
    /// Names looked for in kept texts (at least `MIN_REDACTED_NAME` characters).
    pub names: Vec<String>,
    /// Last names alone, looked for only in the texts and history of records linked to the person
    /// (in the rest of the workspace a last name alone may well be someone else's, or a word).
    pub surnames: Vec<String>,
    pub notes_removed: Vec<String>,
    pub notes_kept: Vec<String>,
    pub activities_removed: Vec<String>,
    pub activities_kept: Vec<String>,
    /// Tickets from the contact with no company: removed.
    pub tickets_removed: Vec<String>,
    /// Tickets from the contact that also belong to a company: kept for it, without the person.
    pub tickets_kept: Vec<String>,
    /// (id, name) of the deals the contact is involved in (they stay, without the person).
    pub deals: Vec<(String, String)>,
    /// Deals linked from drafts to the person that are not among `deals` (their names and history
    /// are cleaned too).
    pub draft_deals: Vec<String>,
    pub tag_links: usize,
    pub drafts: Vec<String>,
    pub drafts_sent: usize,
}

impl ErasurePlan {
    /// The records whose removal decides what else goes: the person's and their removed tickets.
    pub fn removed_records(&self) -> Vec<(RecordKind, String)> {
        let mut records = self.person.records();
        records.extend(self.tickets_removed.iter().map(|id| (RecordKind::Ticket, id.clone())));
        records
    }

    /// Every full name and address of the person, looked for in every kept text of the workspace.
    pub fn needles(&self) -> Vec<String> {
        longest_first(self.names.iter().chain(&self.emails).chain(&self.other_addresses))
    }

    /// `needles` and the last names alone, for texts of records that were linked to the person.
    pub fn linked_needles(&self) -> Vec<String> {
        longest_first(self.names.iter().chain(&self.emails).chain(&self.other_addresses).chain(&self.surnames))
    }

    /// The kept records that were linked to the person (whose history is cleaned of last names too).
    pub fn linked_records(&self) -> Vec<(RecordKind, String)> {
        let deals = self.deals.iter().map(|(id, _)| id).chain(&self.draft_deals).map(|id| (RecordKind::Deal, id.clone()));
        let tickets = self.tickets_kept.iter().map(|id| (RecordKind::Ticket, id.clone()));
        let activities = self.activities_kept.iter().map(|id| (RecordKind::Activity, id.clone()));
        deals.chain(tickets).chain(activities).collect()
    }
}

/// Longest first, so a full name goes before a shorter name inside it; each once.
fn longest_first<'a>(needles: impl Iterator<Item = &'a String>) -> Vec<String> {
    let mut needles: Vec<String> = needles.cloned().collect();
    needles.sort_by(|a, b| b.len().cmp(&a.len()).then_with(|| a.cmp(b)));
    needles.dedup();
    needles
}

/// Splits the notes or activities (`links` table, `owner` column) linked to `removed` into those
/// linked to nothing else (removed) and those also linked elsewhere (kept, without the link).
async fn split_linked(conn: &mut AnyConnection, workspace_id: &str, links: &str, owner: &str, removed: &[(RecordKind, String)]) -> Result<(Vec<String>, Vec<String>), sqlx::Error> {
    let sql = format!(
        "select {owner}, record_kind, record_id from {links} where workspace_id = $1 and {owner} in \
         (select {owner} from {links} where workspace_id = $1 and {}) order by {owner}",
        records_condition(removed, 2)
    );
    let rows: Vec<(String, String, String)> = bind_records(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(workspace_id), removed).fetch_all(&mut *conn).await?;
    let mut elsewhere: BTreeSet<String> = BTreeSet::new();
    let mut all: BTreeSet<String> = BTreeSet::new();
    for (owner_id, kind, record_id) in rows {
        if !removed.iter().any(|(k, id)| k.as_str() == kind && *id == record_id) {
            elsewhere.insert(owner_id.clone());
        }
        all.insert(owner_id);
    }
    let (kept, gone): (Vec<String>, Vec<String>) = all.into_iter().partition(|id| elsewhere.contains(id));
    Ok((gone, kept))
}

/// The erasure plan of `person`.
pub async fn plan(conn: &mut AnyConnection, workspace_id: &str, person: &Person) -> Result<ErasurePlan, sqlx::Error> {
    let mut plan = ErasurePlan { person: person.clone(), ..Default::default() };
    let mut emails: Vec<String> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    let mut surnames: Vec<String> = Vec::new();
    if let Some(contact_id) = &person.contact_id {
        let (first, last): (String, String) = sqlx::query_as("select first_name, last_name from contacts where workspace_id = $1 and id = $2")
            .bind(workspace_id)
            .bind(contact_id)
            .fetch_one(&mut *conn)
            .await?;
        let full = format!("{first} {last}").trim().to_owned();
        plan.named.push((RecordKind::Contact, contact_id.clone(), full.clone()));
        names.push(full);
        surnames.push(last);
        let channels: Vec<(String, String)> = sqlx::query_as("select kind, value from contact_channels where workspace_id = $1 and contact_id = $2 order by kind, position")
            .bind(workspace_id)
            .bind(contact_id)
            .fetch_all(&mut *conn)
            .await?;
        for (kind, value) in channels {
            if kind == "email" { emails.push(value) } else { plan.phones += 1 }
        }
        let tickets: Vec<(String, Option<String>)> = sqlx::query_as("select id, company_id from tickets where workspace_id = $1 and contact_id = $2 order by id")
            .bind(workspace_id)
            .bind(contact_id)
            .fetch_all(&mut *conn)
            .await?;
        for (id, company) in tickets {
            if company.is_some() { plan.tickets_kept.push(id) } else { plan.tickets_removed.push(id) }
        }
        plan.deals = sqlx::query_as(
            "select d.id, d.name from deal_contacts dc join deals d on d.workspace_id = dc.workspace_id and d.id = dc.deal_id \
             where dc.workspace_id = $1 and dc.contact_id = $2 order by d.name, d.id",
        )
        .bind(workspace_id)
        .bind(contact_id)
        .fetch_all(&mut *conn)
        .await?;
        let drafts: Vec<(String, String, Option<i64>, Option<String>)> =
            sqlx::query_as("select id, to_address, sent_at, deal_id from email_drafts where workspace_id = $1 and contact_id = $2 order by id")
                .bind(workspace_id)
                .bind(contact_id)
                .fetch_all(&mut *conn)
                .await?;
        for (id, to, sent_at, deal) in drafts {
            plan.drafts.push(id);
            plan.drafts_sent += usize::from(sent_at.is_some());
            plan.other_addresses.push(to);
            if let Some(deal) = deal.filter(|d| !plan.deals.iter().any(|(id, _)| id == d) && !plan.draft_deals.contains(d)) {
                plan.draft_deals.push(deal);
            }
        }
    }
    for lead_id in &person.lead_ids {
        let (name, email, phone): (String, String, String) = sqlx::query_as("select name, email, phone from leads where workspace_id = $1 and id = $2")
            .bind(workspace_id)
            .bind(lead_id)
            .fetch_one(&mut *conn)
            .await?;
        plan.named.push((RecordKind::Lead, lead_id.clone(), name.clone()));
        if let Some((_, last)) = name.trim().rsplit_once(' ') {
            surnames.push(last.to_owned());
        }
        names.push(name);
        emails.push(email);
        plan.phones += usize::from(!phone.trim().is_empty());
    }
    let mut seen = BTreeSet::new();
    plan.emails = emails.into_iter().map(|e| e.trim().to_owned()).filter(|e| !e.is_empty() && seen.insert(e.to_lowercase())).collect();
    plan.other_addresses = std::mem::take(&mut plan.other_addresses)
        .into_iter()
        .map(|e| e.trim().to_owned())
        .filter(|e| !e.is_empty() && seen.insert(e.to_lowercase()))
        .collect();
    let mut seen = BTreeSet::new();
    let mut long_enough = |list: Vec<String>| -> Vec<String> {
        list.into_iter().map(|n| n.trim().to_owned()).filter(|n| n.chars().count() >= MIN_REDACTED_NAME && seen.insert(n.to_lowercase())).collect()
    };
    plan.names = long_enough(names);
    plan.surnames = long_enough(surnames);
    let removed = plan.removed_records();
    (plan.notes_removed, plan.notes_kept) = split_linked(conn, workspace_id, "note_links", "note_id", &removed).await?;
    (plan.activities_removed, plan.activities_kept) = split_linked(conn, workspace_id, "activity_links", "activity_id", &removed).await?;
    let records = person.records();
    let sql = format!("select count(*) from record_tags where workspace_id = $1 and {}", records_condition(&records, 2));
    let (tags,): (i64,) = bind_records(sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(workspace_id), &records).fetch_one(&mut *conn).await?;
    plan.tag_links = usize::try_from(tags).unwrap_or(0);
    Ok(plan)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_list_becomes_numbered_pairs() {
        let records = vec![(RecordKind::Contact, "c".to_owned()), (RecordKind::Lead, "l".to_owned())];
        assert_eq!(records_condition(&records, 2), "((record_kind = $2 and record_id = $3) or (record_kind = $4 and record_id = $5))");
        assert_eq!(records_condition(&[], 2), "1 = 0");
    }

    #[test]
    fn needles_put_longer_names_first() {
        let plan = ErasurePlan { names: vec!["Ann".into(), "Ann Lee".into()], emails: vec!["ann@x.example".into()], surnames: vec!["Lee".into()], ..Default::default() };
        assert_eq!(plan.needles(), ["ann@x.example", "Ann Lee", "Ann"]);
        assert_eq!(plan.linked_needles(), ["ann@x.example", "Ann Lee", "Ann", "Lee"]);
    }
}
