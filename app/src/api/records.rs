//! What every record's page shows besides its fields: the timeline (changes, notes and activities,
//! newest first), the names pickers offer, and the paging cursor the lists share.

use crate::domain::records::RecordKind;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// One entry of a record's timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineItem {
    pub id: String,
    /// Unix milliseconds.
    pub at: i64,
    /// Who did it; `None` for a former member.
    pub who: Option<String>,
    pub entry: TimelineEntry,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TimelineEntry {
    /// created / updated / deleted / restored, with the changed fields (name, before, after).
    Event { action: String, changes: Vec<(String, String, String)> },
    Note { body: String },
    /// An activity linked to the record (`kind` is call, meeting, task or email).
    Activity { activity_id: String, kind: String, subject: String, due_at: Option<i64>, done: bool },
}

/// The lists a page's drop-downs offer (record names by kind, members, tags, stages), loaded once
/// by the page next to its own data: a component that loaded its own list inside the page's
/// `Suspense` would nest a third level of suspense, which Leptos cannot hydrate.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choices {
    pub companies: Vec<(String, String)>,
    pub contacts: Vec<(String, String)>,
    pub deals: Vec<(String, String)>,
    pub tickets: Vec<(String, String)>,
    pub members: Vec<(String, String)>,
    pub tags: Vec<crate::domain::tags::Tag>,
    pub stages: Vec<super::deals::Stage>,
}

impl Choices {
    /// The (id, name) list of a kind of record.
    pub fn names(&self, kind: RecordKind) -> &[(String, String)] {
        match kind {
            RecordKind::Company => &self.companies,
            RecordKind::Contact => &self.contacts,
            RecordKind::Deal => &self.deals,
            RecordKind::Ticket => &self.tickets,
            RecordKind::Lead | RecordKind::Activity => &[],
        }
    }
}

/// The choices a page needs; `needs` names them, comma-separated: `companies`, `contacts`,
/// `deals`, `tickets`, `members`, `tags`, `stages` (at most 1,000 records of each kind).
#[server(endpoint = "records/choices", input = server_fn::codec::GetUrl)]
pub async fn load_choices(slug: String, needs: String) -> Result<Choices, AppError> {
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    let (pool, ws) = (&state.db.pool, member.workspace_id.as_str());
    let mine = member.only_own();
    let mut choices = Choices::default();
    for need in needs.split(',').map(str::trim) {
        match need {
            "companies" => choices.companies = db::trash::names(pool, ws, RecordKind::Company, mine, 1000).await?,
            "contacts" => choices.contacts = db::trash::names(pool, ws, RecordKind::Contact, mine, 1000).await?,
            "deals" => choices.deals = db::trash::names(pool, ws, RecordKind::Deal, mine, 1000).await?,
            "tickets" => choices.tickets = db::trash::names(pool, ws, RecordKind::Ticket, mine, 1000).await?,
            "members" => choices.members = db::workspaces::members(pool, ws).await?,
            "tags" => choices.tags = db::tags::all(pool, ws).await?,
            "stages" => {
                let mut conn = pool.acquire().await?;
                choices.stages = db::deals::stages(&mut conn, ws)
                    .await?
                    .into_iter()
                    .map(|s| super::deals::Stage { kind: s.kind(), id: s.id, name: s.name, probability: s.probability })
                    .collect();
            }
            _ => {}
        }
    }
    Ok(choices)
}

/// Live records of one kind as (id, name), by name, for pickers (at most 1,000).
#[server(endpoint = "records/names", input = server_fn::codec::GetUrl)]
pub async fn list_record_names(slug: String, kind: RecordKind) -> Result<Vec<(String, String)>, AppError> {
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    Ok(db::trash::names(&state.db.pool, &member.workspace_id, kind, member.only_own(), 1000).await?)
}

#[cfg(feature = "ssr")]
pub mod ssr {
    //! Building timelines and cursors on the server.

    use super::{TimelineEntry, TimelineItem};
    use crate::domain::records::{Changes, RecordKind};
    use crate::error::AppError;
    use crate::i18n_setup::{request_locale, td_string, Locale};
    use crate::ssr::access::Member;
    use crate::ssr::db;
    use base64::Engine as _;
    use sqlx::AnyPool;

    const TIMELINE_LENGTH: i64 = 100;

    /// The newest events, notes and activities of a record, merged, newest first; activities the
    /// caller does not see (a member who sees only their own) are left out.
    pub async fn timeline(pool: &AnyPool, member: &Member, kind: RecordKind, record_id: &str) -> Result<Vec<TimelineItem>, sqlx::Error> {
        let workspace_id = member.workspace_id.as_str();
        let events = db::events::for_record(pool, workspace_id, kind, record_id, TIMELINE_LENGTH).await?;
        let notes = db::notes::for_record(pool, workspace_id, kind, record_id, TIMELINE_LENGTH).await?;
        let activities = db::activities::for_record(pool, workspace_id, kind, record_id, TIMELINE_LENGTH).await?;
        let mut items: Vec<TimelineItem> = events
            .into_iter()
            .map(|e| {
                let changes: Changes = serde_json::from_str(&e.changes).unwrap_or_default();
                TimelineItem {
                    id: e.id,
                    at: e.at,
                    who: e.actor_name,
                    entry: TimelineEntry::Event {
                        action: e.action,
                        changes: changes.into_iter().map(|(field, (before, after))| (field, before, after)).collect(),
                    },
                }
            })
            .chain(notes.into_iter().map(|n| TimelineItem { id: n.id, at: n.created_at, who: n.author_name, entry: TimelineEntry::Note { body: n.body } }))
            .chain(activities.into_iter().filter(|a| member.can_see(a.owner_id.as_deref(), a.assignee_id.as_deref())).map(|a| TimelineItem {
                id: format!("activity-{}", a.id),
                at: a.created_at,
                who: a.assignee_name,
                entry: TimelineEntry::Activity { done: a.done_at.is_some(), activity_id: a.id, kind: a.kind, subject: a.subject, due_at: a.due_at },
            }))
            .collect();
        items.sort_by(|a, b| b.at.cmp(&a.at).then_with(|| b.id.cmp(&a.id)));
        items.truncate(usize::try_from(TIMELINE_LENGTH).unwrap_or(100));
        Ok(items)
    }

    /// Who holds a live record of the caller's workspace that the caller may change: "not found"
    /// when it is not here, is in the trash or is hidden from the caller, "forbidden" when the
    /// caller's role does not let them change it.
    pub async fn require_editable(conn: &mut sqlx::AnyConnection, member: &Member, kind: RecordKind, id: &str) -> Result<db::trash::Holders, AppError> {
        let holders = db::trash::ownership(conn, &member.workspace_id, kind, id).await?.filter(|h| h.deleted_at.is_none()).ok_or(AppError::NotFound)?;
        member.require_edit(holders.owner(), holders.assignee())?;
        Ok(holders)
    }

    /// Refuses a link to anything but a live record of the caller's workspace that the caller
    /// sees (reported on `field`).
    pub async fn require_live(conn: &mut sqlx::AnyConnection, member: &Member, kind: RecordKind, id: &str, field: &str) -> Result<(), AppError> {
        if id.is_empty() {
            return Ok(());
        }
        match db::trash::ownership(conn, &member.workspace_id, kind, id).await? {
            Some(holders) if holders.deleted_at.is_none() && member.can_see(holders.owner(), holders.assignee()) => Ok(()),
            _ => Err(AppError::field(field, choose_from_list(kind, request_locale()))),
        }
    }

    /// "Choose a company from the list.", for a link to a record of `kind`.
    pub fn choose_from_list(kind: RecordKind, locale: Locale) -> &'static str {
        match kind {
            RecordKind::Company => td_string!(locale, errors.records.choose_company),
            RecordKind::Contact => td_string!(locale, errors.records.choose_contact),
            RecordKind::Deal => td_string!(locale, errors.records.choose_deal),
            RecordKind::Lead => td_string!(locale, errors.records.choose_lead),
            RecordKind::Ticket => td_string!(locale, errors.records.choose_ticket),
            RecordKind::Activity => td_string!(locale, errors.records.choose_activity),
        }
    }

    /// Refuses an assignee who is not a member of this workspace (reported on `field`).
    pub async fn require_member(conn: &mut sqlx::AnyConnection, workspace_id: &str, user_id: &str, field: &str) -> Result<(), AppError> {
        if user_id.is_empty() || db::workspaces::is_member(conn, workspace_id, user_id).await? {
            Ok(())
        } else {
            Err(AppError::field(field, td_string!(request_locale(), errors.records.choose_member)))
        }
    }

    /// Shows changed ids by name on the timeline: `company_id` → `company` with names, and so on
    /// for contacts, deals and tickets (`assignee_id` names a member).
    pub async fn name_ids(conn: &mut sqlx::AnyConnection, workspace_id: &str, changes: &mut Changes) -> Result<(), sqlx::Error> {
        let fields = [
            ("company_id", Some(RecordKind::Company)),
            ("contact_id", Some(RecordKind::Contact)),
            ("deal_id", Some(RecordKind::Deal)),
            ("ticket_id", Some(RecordKind::Ticket)),
            ("assignee_id", None),
        ];
        for (field, kind) in fields {
            let Some((before, after)) = changes.remove(field) else { continue };
            let mut named = Vec::new();
            for id in [before, after] {
                let name: Option<String> = match (kind, id.is_empty()) {
                    (_, true) => None,
                    (Some(kind), false) => db::trash::record_name(conn, workspace_id, kind, &id).await?.map(|(name, _)| name),
                    (None, false) => sqlx::query_as("select full_name from users where id = $1").bind(&id).fetch_optional(&mut *conn).await?.map(|(n,): (String,)| n),
                };
                named.push(name.unwrap_or_default());
            }
            let after = named.pop().unwrap_or_default();
            let before = named.pop().unwrap_or_default();
            changes.insert(field.trim_end_matches("_id").to_owned(), (before, after));
        }
        Ok(())
    }

    /// The opaque cursor a list hands back for its next page.
    pub fn encode_cursor(sort_key: &str, id: &str) -> String {
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{sort_key}\u{0}{id}"))
    }

    /// The `(sort key, id)` inside a cursor; `None` for an empty or unreadable one (the first page).
    pub fn decode_cursor(cursor: &str) -> Option<(String, String)> {
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(cursor.trim()).ok()?;
        let text = String::from_utf8(bytes).ok()?;
        let (key, id) = text.split_once('\u{0}')?;
        Some((key.to_owned(), id.to_owned()))
    }

    /// A list's owner (or assignee) filter: a member's id, `me` for the caller, empty for anyone.
    pub fn owner_filter<'a>(owner: &'a str, member: &'a crate::ssr::access::Member) -> Option<&'a str> {
        match owner {
            "" => None,
            "me" => Some(member.user_id.as_str()),
            id => Some(id),
        }
    }

    /// A list's "added since" filter (YYYY-MM-DD, the start of that day in the person's time zone)
    /// as Unix milliseconds, 0 when empty; a bad date is a field error on `since`.
    ///
    /// `state` comes from the caller: this runs after the caller's first `await`, and a list
    /// loaded while the server renders a page may by then belong to a view Leptos has already
    /// replaced (its context gone, see `ssr::context`), so the state is not looked up again and
    /// an empty filter returns before anything else is.
    pub async fn since_filter(state: &crate::ssr::AppState, since: &str, member: &Member) -> Result<i64, AppError> {
        if since.trim().is_empty() {
            return Ok(0);
        }
        since_ms(state, since, member, request_locale()).await
    }

    /// The same outside a server function (the list exports).
    pub async fn since_ms(state: &crate::ssr::AppState, since: &str, member: &Member, locale: crate::i18n_setup::Locale) -> Result<i64, AppError> {
        let Some(wall) = crate::domain::activities::parse_due(since, locale).map_err(|m| AppError::field("since", m))? else { return Ok(0) };
        let zone = crate::ssr::zones::of_user(&state.db.pool, &member.user_id, state.clock.now_ms()).await?;
        Ok(zone.from_local(wall))
    }
}
