//! Contacts: list, detail, create, update, delete to the trash.

use super::records::TimelineItem;
use crate::domain::contacts::ContactFields;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Rows per page of the contacts list.
pub const PAGE_SIZE: i64 = 50;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactSummary {
    pub id: String,
    pub name: String,
    pub initials: String,
    pub job_title: String,
    pub company_id: Option<String>,
    pub company_name: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub status: String,
    pub owner_name: Option<String>,
    pub created_at: i64,
    pub tags: Vec<crate::domain::tags::Tag>,
    /// "Do not contact" / "do not process" (badges in the list).
    #[serde(default)]
    pub flags: crate::domain::person_privacy::PersonFlags,
}

#[cfg(feature = "ssr")]
impl ContactSummary {
    pub fn from_row(row: crate::ssr::db::contacts::ListRow) -> Self {
        let c = row.contact;
        ContactSummary {
            name: format!("{} {}", c.first_name, c.last_name).trim().to_owned(),
            initials: crate::domain::contacts::initials(&c.first_name, &c.last_name),
            id: c.id,
            job_title: c.job_title,
            company_id: c.company_name.as_ref().and(c.company_id),
            company_name: c.company_name,
            email: row.email,
            phone: row.phone,
            status: c.status,
            owner_name: c.owner_name,
            created_at: c.created_at,
            tags: Vec::new(),
            flags: Default::default(),
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactPage {
    pub rows: Vec<ContactSummary>,
    pub next: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContactDetail {
    /// Whether the caller may change it (their role, and for members whether they own it or are
    /// assigned to it).
    pub can_edit: bool,
    pub id: String,
    pub fields: ContactFields,
    pub company_name: Option<String>,
    pub owner_name: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    pub in_trash: bool,
    pub deals: Vec<super::deals::DealCard>,
    pub tickets: Vec<super::tickets::TicketSummary>,
    pub tags: Vec<crate::domain::tags::Tag>,
    pub timeline: Vec<TimelineItem>,
    /// "Do not contact" and "do not process" (the form is read-only while the latter is set).
    pub flags: crate::domain::person_privacy::PersonFlags,
}

/// Live contacts. `q` matches the start of the full name; `owner` keeps one member's (`me`: the
/// caller's); `tag` those with a tag; `since` (YYYY-MM-DD) those added from that day on; `sort` is
/// `name`, `-name`, `-created` or `created`; `after` is the cursor from the previous page.
#[server(endpoint = "contacts/list", input = server_fn::codec::GetUrl)]
pub async fn list_contacts(
    slug: String,
    q: String,
    after: String,
    #[server(default)] owner: String,
    #[server(default)] tag: String,
    #[server(default)] sort: String,
    #[server(default)] since: String,
) -> Result<ContactPage, AppError> {
    use super::records::ssr::{decode_cursor, encode_cursor, owner_filter, since_filter};
    use crate::domain::records::{sort_key, ListSort, RecordKind};
    use crate::ssr::db::contacts::ContactFilter;
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    let cursor = decode_cursor(&after);
    let page = usize::try_from(PAGE_SIZE).unwrap_or(50);
    let prefix = sort_key(&q);
    let filter = ContactFilter {
        prefix: &prefix,
        owner_id: owner_filter(&owner, &member),
        tag_id: Some(tag.as_str()).filter(|t| !t.is_empty()),
        since_ms: since_filter(&state, &since, &member).await?,
        visible_to: member.only_own(),
        sort: ListSort::parse(&sort, RecordKind::Contact),
        ..Default::default()
    };
    let mut rows = db::contacts::list(&state.db.pool, &member.workspace_id, filter, cursor.as_ref().map(|(k, i)| (k.as_str(), i.as_str())), PAGE_SIZE + 1).await?;
    let next = if rows.len() > page {
        rows.truncate(page);
        rows.last().map(|(r, key)| encode_cursor(key, &r.contact.id))
    } else {
        None
    };
    let mut rows: Vec<ContactSummary> = rows.into_iter().map(|(r, _)| ContactSummary::from_row(r)).collect();
    let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
    let mut tags = db::tags::on_records(&state.db.pool, &member.workspace_id, RecordKind::Contact, &ids).await?;
    let mut flags = db::person_privacy::flags_of(&state.db.pool, &member.workspace_id, RecordKind::Contact, &ids).await?;
    for row in &mut rows {
        row.tags = tags.remove(&row.id).unwrap_or_default();
        row.flags = flags.remove(&row.id).unwrap_or_default();
    }
    Ok(ContactPage { rows, next })
}

/// One contact with its timeline. "Not found" for another workspace's id.
#[server(endpoint = "contacts/get", input = server_fn::codec::GetUrl)]
pub async fn get_contact(slug: String, id: String) -> Result<ContactDetail, AppError> {
    use crate::domain::records::{ListSort, RecordKind};
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    let mut conn = state.db.pool.acquire().await?;
    let row = db::contacts::find(&mut conn, &member.workspace_id, &id).await?.ok_or(AppError::NotFound)?;
    member.require_see(row.owner_id.as_deref(), None)?;
    let (emails, phones) = db::contacts::channels(&mut conn, &member.workspace_id, &id).await?;
    let flags = db::person_privacy::flags(&mut conn, &member.workspace_id, RecordKind::Contact, &id).await?.unwrap_or_default();
    drop(conn);
    let timeline = super::records::ssr::timeline(&state.db.pool, &member, RecordKind::Contact, &id).await?;
    let deals = db::deals::related(&state.db.pool, &member.workspace_id, None, Some(&id))
        .await?
        .into_iter()
        .filter(|d| member.can_see(d.owner_id.as_deref(), None))
        .map(super::deals::DealCard::from_row)
        .collect();
    let by_contact = db::tickets::TicketFilter { contact_id: Some(&id), sort: ListSort::default_for(RecordKind::Ticket), ..Default::default() };
    let tickets = db::tickets::list(&state.db.pool, &member.workspace_id, by_contact, None, 50)
        .await?
        .into_iter()
        .filter(|(t, _)| member.can_see(t.owner_id.as_deref(), t.assignee_id.as_deref()))
        .map(|(t, _)| super::tickets::TicketSummary::from_row(t))
        .collect();
    Ok(ContactDetail {
        can_edit: member.can_edit(row.owner_id.as_deref(), None),
        id: row.id.clone(),
        fields: row.clone().fields(emails, phones),
        company_name: row.company_name,
        owner_name: row.owner_name,
        created_at: row.created_at,
        updated_at: row.updated_at,
        in_trash: row.deleted_at.is_some(),
        deals,
        tickets,
        tags: db::tags::on_records(&state.db.pool, &member.workspace_id, RecordKind::Contact, std::slice::from_ref(&id)).await?.remove(&id).unwrap_or_default(),
        timeline,
        flags,
    })
}

/// Validates the fields, including that the company belongs to this workspace and that no new
/// email address was erased from it (`already`: the addresses the contact has now).
#[cfg(feature = "ssr")]
async fn checked(
    conn: &mut sqlx::AnyConnection,
    workspace_id: &str,
    fields: ContactFields,
    primary_email: Option<usize>,
    primary_phone: Option<usize>,
    already: &[String],
) -> Result<ContactFields, AppError> {
    let addresses: Vec<(String, String)> = fields.emails.iter().enumerate().map(|(i, c)| (format!("emails.{i}"), c.value.clone())).collect();
    let suppressed = super::person_privacy::ssr::suppressed_fields(conn, workspace_id, &addresses, already).await?;
    let locale = crate::i18n_setup::request_locale();
    let fields = match fields.parse(primary_email, primary_phone, locale) {
        Ok(fields) if suppressed.is_empty() => fields,
        Ok(_) => return Err(AppError::Validation { fields: suppressed }),
        Err(mut errors) => {
            errors.extend(suppressed);
            return Err(AppError::Validation { fields: errors });
        }
    };
    if !fields.company_id.is_empty() && !crate::ssr::db::contacts::company_exists(conn, workspace_id, &fields.company_id).await? {
        return Err(AppError::field("company_id", super::records::ssr::choose_from_list(crate::domain::records::RecordKind::Company, locale)));
    }
    Ok(fields)
}

/// Creates a contact owned by the caller and opens it.
#[server(endpoint = "contacts/create")]
pub async fn create_contact(
    slug: String,
    fields: ContactFields,
    primary_email: Option<usize>,
    primary_phone: Option<usize>,
) -> Result<String, AppError> {
    use crate::domain::records::{changes, RecordKind};
    use crate::ssr::db::events::{self, Action, Subject};
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    member.require_writer()?;
    let mut tx = state.db.begin_write().await?;
    let fields = checked(&mut tx, &member.workspace_id, fields, primary_email, primary_phone, &[]).await?;
    let id = db::new_id();
    let now_ms = state.clock.now_ms();
    db::contacts::insert(&mut tx, &member.workspace_id, &id, &fields, &member.user_id, now_ms).await?;
    db::search::refresh(&mut tx, &member.workspace_id, RecordKind::Contact, &id).await?;
    let subject = Subject { workspace_id: &member.workspace_id, kind: RecordKind::Contact, record_id: &id, actor_id: &member.user_id, at: now_ms };
    let mut created = changes(&ContactFields::default().named(), &fields.named());
    super::records::ssr::name_ids(&mut tx, &member.workspace_id, &mut created).await?;
    events::record(&mut tx, subject, Action::Created, &created).await?;
    tx.commit().await?;
    leptos_axum::redirect(&format!("/w/{slug}/contacts/{id}"));
    Ok(id)
}

/// Saves changed fields; the timeline shows what changed.
#[server(endpoint = "contacts/update")]
pub async fn update_contact(
    slug: String,
    id: String,
    fields: ContactFields,
    primary_email: Option<usize>,
    primary_phone: Option<usize>,
) -> Result<(), AppError> {
    use crate::domain::records::{changes, RecordKind};
    use crate::ssr::db::events::{self, Action, Subject};
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    member.require_writer()?;
    let mut tx = state.db.begin_write().await?;
    let before_row = db::contacts::find(&mut tx, &member.workspace_id, &id).await?.filter(|r| r.deleted_at.is_none()).ok_or(AppError::NotFound)?;
    member.require_edit(before_row.owner_id.as_deref(), None)?;
    let name = format!("{} {}", before_row.first_name, before_row.last_name);
    super::person_privacy::ssr::require_processable(&mut tx, &member.workspace_id, RecordKind::Contact, &id, name.trim()).await?;
    let (emails, phones) = db::contacts::channels(&mut tx, &member.workspace_id, &id).await?;
    let current: Vec<String> = emails.iter().map(|c| c.value.clone()).collect();
    let fields = checked(&mut tx, &member.workspace_id, fields, primary_email, primary_phone, &current).await?;
    let before = ContactFields {
        first_name: before_row.first_name,
        last_name: before_row.last_name,
        job_title: before_row.job_title,
        company_id: before_row.company_id.unwrap_or_default(),
        status: before_row.status,
        linkedin_url: before_row.linkedin_url,
        emails,
        phones,
        do_not_contact: before_row.do_not_contact != 0,
    };
    let mut changed = changes(&before.named(), &fields.named());
    if !changed.is_empty() {
        super::records::ssr::name_ids(&mut tx, &member.workspace_id, &mut changed).await?;
        let now_ms = state.clock.now_ms();
        db::contacts::update(&mut tx, &member.workspace_id, &id, &fields, now_ms).await?;
        db::search::refresh(&mut tx, &member.workspace_id, RecordKind::Contact, &id).await?;
        let subject = Subject { workspace_id: &member.workspace_id, kind: RecordKind::Contact, record_id: &id, actor_id: &member.user_id, at: now_ms };
        events::record(&mut tx, subject, Action::Updated, &changed).await?;
    }
    tx.commit().await?;
    Ok(())
}
