//! Support tickets: list by status, detail, create, update.

use super::records::TimelineItem;
use crate::domain::tickets::TicketFields;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Rows per page of the tickets list.
pub const PAGE_SIZE: i64 = 50;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketSummary {
    pub id: String,
    pub subject: String,
    pub status: String,
    pub priority: String,
    pub contact_name: Option<String>,
    pub company_name: Option<String>,
    pub assignee_name: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

#[cfg(feature = "ssr")]
impl TicketSummary {
    pub fn from_row(t: crate::ssr::db::tickets::TicketRow) -> Self {
        TicketSummary {
            id: t.id,
            subject: t.subject,
            status: t.status,
            priority: t.priority,
            contact_name: t.contact_name,
            company_name: t.company_name,
            assignee_name: t.assignee_name,
            created_at: t.created_at,
            updated_at: t.updated_at,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketPage {
    pub rows: Vec<TicketSummary>,
    pub next: Option<String>,
    /// Live tickets per status, for the status tabs.
    pub counts: Vec<(String, i64)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TicketDetail {
    /// Whether the caller may change it (their role, and for members whether they own it or are
    /// assigned to it).
    pub can_edit: bool,
    pub id: String,
    pub fields: TicketFields,
    pub contact_name: Option<String>,
    pub company_name: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    pub in_trash: bool,
    pub timeline: Vec<TimelineItem>,
}

/// A page of live tickets. `status` keeps one status (empty: all); `q` matches text in the
/// subject; `owner` is the assignee (a member's id or `me`); `since` (YYYY-MM-DD) keeps those
/// opened from that day; `sort` is a column of `SortColumn::for_kind` (newest first by default).
#[server(endpoint = "tickets/list", input = server_fn::codec::GetUrl)]
pub async fn list_tickets(
    slug: String,
    status: String,
    q: String,
    after: String,
    #[server(default)] owner: String,
    #[server(default)] sort: String,
    #[server(default)] since: String,
) -> Result<TicketPage, AppError> {
    use super::records::ssr::{decode_cursor, encode_cursor, owner_filter, since_filter};
    use crate::domain::records::{ListSort, RecordKind};
    use crate::ssr::db::tickets::TicketFilter;
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    let text = crate::domain::records::sort_key(&q);
    let filter = TicketFilter {
        status: (!status.is_empty()).then_some(status.as_str()),
        assignee_id: owner_filter(&owner, &member),
        text: &text,
        since_ms: since_filter(&state, &since, &member).await?,
        visible_to: member.only_own(),
        sort: ListSort::parse(&sort, RecordKind::Ticket),
        ..Default::default()
    };
    let page = usize::try_from(PAGE_SIZE).unwrap_or(50);
    let cursor = decode_cursor(&after);
    let mut rows = db::tickets::list(&state.db.pool, &member.workspace_id, filter, cursor.as_ref().map(|(k, i)| (k.as_str(), i.as_str())), PAGE_SIZE + 1).await?;
    let next = if rows.len() > page {
        rows.truncate(page);
        rows.last().map(|(t, key)| encode_cursor(key, &t.id))
    } else {
        None
    };
    let counts = db::tickets::status_counts(&state.db.pool, &member.workspace_id).await?;
    Ok(TicketPage { rows: rows.into_iter().map(|(t, _)| TicketSummary::from_row(t)).collect(), next, counts })
}

/// One ticket with its timeline.
#[server(endpoint = "tickets/get", input = server_fn::codec::GetUrl)]
pub async fn get_ticket(slug: String, id: String) -> Result<TicketDetail, AppError> {
    use crate::domain::records::RecordKind;
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    let mut conn = state.db.pool.acquire().await?;
    let row = db::tickets::find(&mut conn, &member.workspace_id, &id).await?.ok_or(AppError::NotFound)?;
    member.require_see(row.owner_id.as_deref(), row.assignee_id.as_deref())?;
    drop(conn);
    let timeline = super::records::ssr::timeline(&state.db.pool, &member, RecordKind::Ticket, &id).await?;
    Ok(TicketDetail {
        can_edit: member.can_edit(row.owner_id.as_deref(), row.assignee_id.as_deref()),
        fields: row.fields(),
        id: row.id,
        contact_name: row.contact_name,
        company_name: row.company_name,
        created_at: row.created_at,
        updated_at: row.updated_at,
        in_trash: row.deleted_at.is_some(),
        timeline,
    })
}

/// Validates the fields, including that the contact, company and assignee belong to this workspace.
#[cfg(feature = "ssr")]
async fn checked(conn: &mut sqlx::AnyConnection, member: &crate::ssr::access::Member, fields: TicketFields) -> Result<TicketFields, AppError> {
    use super::records::ssr::{require_live, require_member};
    use crate::domain::records::RecordKind;
    let fields = fields.parse(crate::i18n_setup::request_locale()).map_err(|fields| AppError::Validation { fields })?;
    require_live(conn, member, RecordKind::Contact, &fields.contact_id, "contact_id").await?;
    require_live(conn, member, RecordKind::Company, &fields.company_id, "company_id").await?;
    require_member(conn, &member.workspace_id, &fields.assignee_id, "assignee_id").await?;
    Ok(fields)
}

/// Opens a ticket owned by the caller and shows it.
#[server(endpoint = "tickets/create")]
pub async fn create_ticket(slug: String, fields: TicketFields) -> Result<String, AppError> {
    use crate::domain::records::{changes, RecordKind};
    use crate::ssr::db::events::{self, Action, Subject};
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    member.require_writer()?;
    let mut tx = state.db.begin_write().await?;
    let fields = checked(&mut tx, &member, fields).await?;
    let id = db::new_id();
    let now_ms = state.clock.now_ms();
    db::tickets::insert(&mut tx, &member.workspace_id, &id, &fields, &member.user_id, now_ms).await?;
    db::search::refresh(&mut tx, &member.workspace_id, RecordKind::Ticket, &id).await?;
    let mut created = changes(&TicketFields::default().named(), &fields.named());
    super::records::ssr::name_ids(&mut tx, &member.workspace_id, &mut created).await?;
    let subject = Subject { workspace_id: &member.workspace_id, kind: RecordKind::Ticket, record_id: &id, actor_id: &member.user_id, at: now_ms };
    events::record(&mut tx, subject, Action::Created, &created).await?;
    tx.commit().await?;
    leptos_axum::redirect(&format!("/w/{slug}/tickets/{id}"));
    Ok(id)
}

/// Saves changed fields; the timeline shows what changed (status changes included).
#[server(endpoint = "tickets/update")]
pub async fn update_ticket(slug: String, id: String, fields: TicketFields) -> Result<(), AppError> {
    use crate::domain::records::{changes, RecordKind};
    use crate::ssr::db::events::{self, Action, Subject};
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    member.require_writer()?;
    let mut tx = state.db.begin_write().await?;
    let before = db::tickets::find(&mut tx, &member.workspace_id, &id).await?.filter(|t| t.deleted_at.is_none()).ok_or(AppError::NotFound)?;
    member.require_edit(before.owner_id.as_deref(), before.assignee_id.as_deref())?;
    let fields = checked(&mut tx, &member, fields).await?;
    let mut before_fields = before.fields();
    before_fields.contact_id = before.contact_id.unwrap_or_default();
    before_fields.company_id = before.company_id.unwrap_or_default();
    let mut changed = changes(&before_fields.named(), &fields.named());
    if !changed.is_empty() {
        let now_ms = state.clock.now_ms();
        db::tickets::update(&mut tx, &member.workspace_id, &id, &fields, now_ms).await?;
        db::search::refresh(&mut tx, &member.workspace_id, RecordKind::Ticket, &id).await?;
        super::records::ssr::name_ids(&mut tx, &member.workspace_id, &mut changed).await?;
        let subject = Subject { workspace_id: &member.workspace_id, kind: RecordKind::Ticket, record_id: &id, actor_id: &member.user_id, at: now_ms };
        events::record(&mut tx, subject, Action::Updated, &changed).await?;
    }
    tx.commit().await?;
    Ok(())
}
