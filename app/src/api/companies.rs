//! Companies: list, detail, create, update, delete to the trash, restore.

use super::contacts::ContactSummary;
use super::records::TimelineItem;
use crate::domain::companies::CompanyFields;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Rows per page of the companies list.
pub const PAGE_SIZE: i64 = 50;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanySummary {
    pub id: String,
    pub name: String,
    pub domain: String,
    pub industry: String,
    pub city: String,
    pub country: String,
    pub owner_name: Option<String>,
    pub created_at: i64,
    pub tags: Vec<crate::domain::tags::Tag>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyPage {
    pub rows: Vec<CompanySummary>,
    /// The cursor of the next page, when there is one.
    pub next: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompanyDetail {
    /// Whether the caller may change it (their role, and for members whether they own it or are
    /// assigned to it).
    pub can_edit: bool,
    pub id: String,
    pub fields: CompanyFields,
    pub owner_name: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    pub in_trash: bool,
    pub contacts: Vec<ContactSummary>,
    pub deals: Vec<super::deals::DealCard>,
    pub tags: Vec<crate::domain::tags::Tag>,
    pub timeline: Vec<TimelineItem>,
}

/// Live companies. `q` matches the start of the name; `owner` keeps one member's (`me`: the
/// caller's); `tag` those with a tag; `since` (YYYY-MM-DD) those added from that day on; `sort` is
/// `name`, `-name`, `-created` or `created`; `after` is the cursor from the previous page.
#[server(endpoint = "companies/list", input = server_fn::codec::GetUrl)]
pub async fn list_companies(
    slug: String,
    q: String,
    after: String,
    #[server(default)] owner: String,
    #[server(default)] tag: String,
    #[server(default)] sort: String,
    #[server(default)] since: String,
) -> Result<CompanyPage, AppError> {
    use super::records::ssr::{decode_cursor, encode_cursor, owner_filter, since_filter};
    use crate::domain::records::{sort_key, ListSort, RecordKind};
    use crate::ssr::db::companies::CompanyFilter;
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    let cursor = decode_cursor(&after);
    let prefix = sort_key(&q);
    let filter = CompanyFilter {
        prefix: &prefix,
        owner_id: owner_filter(&owner, &member),
        tag_id: Some(tag.as_str()).filter(|t| !t.is_empty()),
        since_ms: since_filter(&state, &since, &member).await?,
        visible_to: member.only_own(),
        sort: ListSort::parse(&sort, RecordKind::Company),
        read: db::list_pages::Read::Rows,
    };
    let mut rows = db::companies::list(&state.db.pool, &member.workspace_id, filter, cursor.as_ref().map(|(k, i)| (k.as_str(), i.as_str())), PAGE_SIZE + 1).await?;
    let next = (rows.len() > usize::try_from(PAGE_SIZE).unwrap_or(50)).then(|| {
        rows.truncate(usize::try_from(PAGE_SIZE).unwrap_or(50));
        rows.last().map(|(row, key)| encode_cursor(key, &row.id))
    });
    let ids: Vec<String> = rows.iter().map(|(r, _)| r.id.clone()).collect();
    let mut tags = db::tags::on_records(&state.db.pool, &member.workspace_id, RecordKind::Company, &ids).await?;
    Ok(CompanyPage {
        rows: rows
            .into_iter()
            .map(|(r, _)| CompanySummary {
                tags: tags.remove(&r.id).unwrap_or_default(),
                id: r.id,
                name: r.name,
                domain: r.domain,
                industry: r.industry,
                city: r.city,
                country: r.country,
                owner_name: r.owner_name,
                created_at: r.created_at,
            })
            .collect(),
        next: next.flatten(),
    })
}

/// One company with its contacts and timeline. "Not found" for another workspace's id.
#[server(endpoint = "companies/get", input = server_fn::codec::GetUrl)]
pub async fn get_company(slug: String, id: String) -> Result<CompanyDetail, AppError> {
    use crate::domain::records::RecordKind;
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    let mut conn = state.db.pool.acquire().await?;
    let row = db::companies::find(&mut conn, &member.workspace_id, &id).await?.ok_or(AppError::NotFound)?;
    member.require_see(row.owner_id.as_deref(), None)?;
    drop(conn);
    let at_company = db::contacts::ContactFilter { company_id: Some(&id), visible_to: member.only_own(), ..Default::default() };
    let contacts = db::contacts::list(&state.db.pool, &member.workspace_id, at_company, None, 200)
        .await?
        .into_iter()
        .map(|(r, _)| ContactSummary::from_row(r))
        .collect();
    let deals = db::deals::related(&state.db.pool, &member.workspace_id, Some(&id), None)
        .await?
        .into_iter()
        .filter(|d| member.can_see(d.owner_id.as_deref(), None))
        .map(super::deals::DealCard::from_row)
        .collect();
    let timeline = super::records::ssr::timeline(&state.db.pool, &member, RecordKind::Company, &id).await?;
    Ok(CompanyDetail {
        can_edit: member.can_edit(row.owner_id.as_deref(), None),
        deals,
        id: row.id.clone(),
        fields: row.fields(),
        owner_name: row.owner_name.clone(),
        created_at: row.created_at,
        updated_at: row.updated_at,
        in_trash: row.deleted_at.is_some(),
        contacts,
        tags: db::tags::on_records(&state.db.pool, &member.workspace_id, RecordKind::Company, std::slice::from_ref(&id)).await?.remove(&id).unwrap_or_default(),
        timeline,
    })
}

/// Creates a company owned by the caller and opens it.
#[server(endpoint = "companies/create")]
pub async fn create_company(slug: String, fields: CompanyFields) -> Result<String, AppError> {
    use crate::domain::records::{changes, RecordKind};
    use crate::ssr::db::events::{self, Action, Subject};
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    member.require_writer()?;
    let fields = fields.parse(crate::i18n_setup::request_locale()).map_err(|fields| AppError::Validation { fields })?;
    let id = db::new_id();
    let now_ms = state.clock.now_ms();
    let mut tx = state.db.begin_write().await?;
    db::companies::insert(&mut tx, &member.workspace_id, &id, &fields, &member.user_id, now_ms).await?;
    db::search::refresh(&mut tx, &member.workspace_id, RecordKind::Company, &id).await?;
    let subject = Subject { workspace_id: &member.workspace_id, kind: RecordKind::Company, record_id: &id, actor_id: &member.user_id, at: now_ms };
    events::record(&mut tx, subject, Action::Created, &changes(&CompanyFields::default().named(), &fields.named())).await?;
    tx.commit().await?;
    leptos_axum::redirect(&format!("/w/{slug}/companies/{id}"));
    Ok(id)
}

/// Saves changed fields; the timeline shows what changed.
#[server(endpoint = "companies/update")]
pub async fn update_company(slug: String, id: String, fields: CompanyFields) -> Result<(), AppError> {
    use crate::domain::records::{changes, RecordKind};
    use crate::ssr::db::events::{self, Action, Subject};
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    member.require_writer()?;
    let fields = fields.parse(crate::i18n_setup::request_locale()).map_err(|fields| AppError::Validation { fields })?;
    let now_ms = state.clock.now_ms();
    let mut tx = state.db.begin_write().await?;
    let before = db::companies::find(&mut tx, &member.workspace_id, &id).await?.filter(|r| r.deleted_at.is_none()).ok_or(AppError::NotFound)?;
    member.require_edit(before.owner_id.as_deref(), None)?;
    let changed = changes(&before.fields().named(), &fields.named());
    if !changed.is_empty() {
        db::companies::update(&mut tx, &member.workspace_id, &id, &fields, now_ms).await?;
        db::search::refresh(&mut tx, &member.workspace_id, RecordKind::Company, &id).await?;
        let subject = Subject { workspace_id: &member.workspace_id, kind: RecordKind::Company, record_id: &id, actor_id: &member.user_id, at: now_ms };
        events::record(&mut tx, subject, Action::Updated, &changed).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Live companies' ids and names for pickers, in name order (at most 1,000).
#[server(endpoint = "companies/names", input = server_fn::codec::GetUrl)]
pub async fn list_company_names(slug: String) -> Result<Vec<(String, String)>, AppError> {
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    Ok(db::trash::names(&state.db.pool, &member.workspace_id, crate::domain::records::RecordKind::Company, member.only_own(), 1000).await?)
}
