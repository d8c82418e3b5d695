//! Deals, the pipeline board and the deals list: create, update, move between stages, delete to
//! the trash.

// The deals list takes eight query parameters (its filters); the server-function macro does not
// pass an `allow` on the function through to the client function it generates.
#![allow(clippy::too_many_arguments)]

use super::records::TimelineItem;
use crate::domain::deals::{DealFields, StageKind};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stage {
    pub id: String,
    pub name: String,
    pub probability: i64,
    pub kind: StageKind,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DealCard {
    pub id: String,
    pub name: String,
    pub company_name: Option<String>,
    pub amount: String,
    pub expected_close: String,
    pub owner_name: Option<String>,
}

#[cfg(feature = "ssr")]
impl DealCard {
    pub fn from_row(d: crate::ssr::db::deals::DealRow) -> Self {
        DealCard {
            amount: crate::domain::deals::format_amount_in(d.amount_minor, &d.currency, crate::i18n_setup::request_locale()),
            id: d.id,
            name: d.name,
            company_name: d.company_name,
            expected_close: d.expected_close,
            owner_name: d.owner_name,
        }
    }
}

/// One column of the board: its deals, how many, and the total per currency.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Column {
    pub stage: Stage,
    /// The most recently changed deals of the stage (at most `CARDS_PER_COLUMN`).
    pub deals: Vec<DealCard>,
    /// How many live deals the stage holds in all.
    pub count: i64,
    /// Formatted totals, one per currency present ("12,500.00 EUR").
    pub totals: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Board {
    pub columns: Vec<Column>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DealDetail {
    /// Whether the caller may change it (their role, and for members whether they own it or are
    /// assigned to it).
    pub can_edit: bool,
    pub id: String,
    pub fields: DealFields,
    pub stage_name: String,
    pub probability: i64,
    pub company_name: Option<String>,
    pub owner_name: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    pub in_trash: bool,
    /// The contacts involved: (id, name).
    pub contacts: Vec<(String, String)>,
    pub tags: Vec<crate::domain::tags::Tag>,
    pub timeline: Vec<TimelineItem>,
}

/// The workspace's stages in order (for forms and the move menu).
#[server(endpoint = "deals/stages", input = server_fn::codec::GetUrl)]
pub async fn list_stages(slug: String) -> Result<Vec<Stage>, AppError> {
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    let mut conn = state.db.pool.acquire().await?;
    let rows = db::deals::stages(&mut conn, &member.workspace_id).await?;
    Ok(rows.into_iter().map(|s| Stage { kind: s.kind(), id: s.id, name: s.name, probability: s.probability }).collect())
}

/// The most cards a board column shows (its count and totals cover every deal).
pub const CARDS_PER_COLUMN: i64 = 100;

/// The pipeline board; `mine` keeps the caller's own deals.
#[server(endpoint = "deals/board", input = server_fn::codec::GetUrl)]
pub async fn load_board(slug: String, mine: bool) -> Result<Board, AppError> {
    use crate::domain::deals::format_amount_in;
    use crate::ssr::{access, db};
    use std::collections::BTreeMap;
    let (state, member) = access::member(&slug).await?;
    let mut conn = state.db.pool.acquire().await?;
    let stages = db::deals::stages(&mut conn, &member.workspace_id).await?;
    drop(conn);
    // A member who sees only their own records sees only their own deals on the board.
    let owner = if mine { Some(member.user_id.as_str()) } else { member.only_own() };
    let sums = db::deals::column_totals(&state.db.pool, &member.workspace_id, owner).await?;
    let mut columns = Vec::new();
    for stage in stages {
        let mut totals: BTreeMap<&str, i64> = BTreeMap::new();
        let mut count = 0;
        for (_, currency, deals, minor) in sums.iter().filter(|(stage_id, ..)| *stage_id == stage.id) {
            *totals.entry(currency.as_str()).or_default() += minor;
            count += deals;
        }
        let cards = db::deals::in_column(&state.db.pool, &member.workspace_id, &stage.id, owner, CARDS_PER_COLUMN).await?;
        columns.push(Column {
            deals: cards.into_iter().map(DealCard::from_row).collect(),
            count,
            totals: totals.into_iter().map(|(currency, minor)| format_amount_in(minor, currency, crate::i18n_setup::request_locale())).collect(),
            stage: Stage { kind: stage.kind(), id: stage.id, name: stage.name, probability: stage.probability },
        });
    }
    Ok(Board { columns })
}

/// One row of the deals list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DealListRow {
    pub card: DealCard,
    pub stage_name: String,
    pub stage_kind: StageKind,
    pub created_at: i64,
    pub tags: Vec<crate::domain::tags::Tag>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DealPage {
    pub rows: Vec<DealListRow>,
    pub next: Option<String>,
}

/// A page of live deals. `q` matches the start of the name; `owner` is a member's id or `me`;
/// `tag` and `stage` keep one tag or stage; `since` (YYYY-MM-DD) keeps those added from that day;
/// `sort` is a column of `SortColumn::for_kind` (`-` for descending).
#[server(endpoint = "deals/list", input = server_fn::codec::GetUrl)]
pub async fn list_deals(
    slug: String,
    q: String,
    after: String,
    #[server(default)] owner: String,
    #[server(default)] tag: String,
    #[server(default)] stage: String,
    #[server(default)] sort: String,
    #[server(default)] since: String,
) -> Result<DealPage, AppError> {
    use super::records::ssr::{decode_cursor, encode_cursor, owner_filter, since_filter};
    use super::contacts::PAGE_SIZE;
    use crate::domain::records::{sort_key, ListSort, RecordKind};
    use crate::ssr::db::deals::DealFilter;
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    let mut conn = state.db.pool.acquire().await?;
    let stages = db::deals::stages(&mut conn, &member.workspace_id).await?;
    drop(conn);
    let prefix = sort_key(&q);
    let filter = DealFilter {
        prefix: &prefix,
        owner_id: owner_filter(&owner, &member),
        tag_id: Some(tag.as_str()).filter(|t| !t.is_empty()),
        stage_id: Some(stage.as_str()).filter(|s| !s.is_empty()),
        since_ms: since_filter(&state, &since, &member).await?,
        visible_to: member.only_own(),
        sort: ListSort::parse(&sort, RecordKind::Deal),
        read: db::list_pages::Read::Rows,
    };
    let cursor = decode_cursor(&after);
    let page = usize::try_from(PAGE_SIZE).unwrap_or(50);
    let mut rows = db::deals::list(&state.db.pool, &member.workspace_id, filter, cursor.as_ref().map(|(k, i)| (k.as_str(), i.as_str())), PAGE_SIZE + 1).await?;
    let next = if rows.len() > page {
        rows.truncate(page);
        rows.last().map(|(d, key)| encode_cursor(key, &d.id))
    } else {
        None
    };
    let ids: Vec<String> = rows.iter().map(|(d, _)| d.id.clone()).collect();
    let mut tags = db::tags::on_records(&state.db.pool, &member.workspace_id, RecordKind::Deal, &ids).await?;
    let rows = rows
        .into_iter()
        .map(|(d, _)| {
            let stage = stages.iter().find(|s| s.id == d.stage_id);
            DealListRow {
                stage_name: stage.map(|s| s.name.clone()).unwrap_or_default(),
                stage_kind: stage.map(|s| s.kind()).unwrap_or(StageKind::Open),
                created_at: d.created_at,
                tags: tags.remove(&d.id).unwrap_or_default(),
                card: DealCard::from_row(d),
            }
        })
        .collect();
    Ok(DealPage { rows, next })
}

/// One deal with its timeline. "Not found" for another workspace's id.
#[server(endpoint = "deals/get", input = server_fn::codec::GetUrl)]
pub async fn get_deal(slug: String, id: String) -> Result<DealDetail, AppError> {
    use crate::domain::deals::format_amount_in;
    use crate::domain::records::RecordKind;
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    let mut conn = state.db.pool.acquire().await?;
    let row = db::deals::find(&mut conn, &member.workspace_id, &id).await?.ok_or(AppError::NotFound)?;
    member.require_see(row.owner_id.as_deref(), None)?;
    let stages = db::deals::stages(&mut conn, &member.workspace_id).await?;
    drop(conn);
    let stage = stages.iter().find(|s| s.id == row.stage_id);
    let timeline = super::records::ssr::timeline(&state.db.pool, &member, RecordKind::Deal, &id).await?;
    let amount = format_amount_in(row.amount_minor, &row.currency, crate::i18n_setup::request_locale());
    let amount = amount.rsplit_once(' ').map(|(number, _)| number.to_owned()).unwrap_or(amount);
    Ok(DealDetail {
        can_edit: member.can_edit(row.owner_id.as_deref(), None),
        fields: DealFields {
            name: row.name,
            company_id: row.company_name.as_ref().and(row.company_id).unwrap_or_default(),
            amount,
            currency: row.currency,
            stage_id: row.stage_id.clone(),
            expected_close: row.expected_close,
            lost_reason: row.lost_reason,
        },
        stage_name: stage.map(|s| s.name.clone()).unwrap_or_default(),
        probability: stage.map(|s| s.probability).unwrap_or_default(),
        id: row.id,
        company_name: row.company_name,
        owner_name: row.owner_name,
        created_at: row.created_at,
        updated_at: row.updated_at,
        in_trash: row.deleted_at.is_some(),
        contacts: db::deals::contacts_of(&state.db.pool, &member.workspace_id, &id, member.only_own()).await?,
        tags: db::tags::on_records(&state.db.pool, &member.workspace_id, RecordKind::Deal, std::slice::from_ref(&id)).await?.remove(&id).unwrap_or_default(),
        timeline,
    })
}

#[cfg(feature = "ssr")]
mod checks {
    use crate::api::records::ssr::choose_from_list;
    use crate::domain::deals::{DealFields, ValidDeal};
    use crate::domain::records::RecordKind;
    use crate::error::AppError;
    use crate::i18n_setup::td_string;
    use crate::ssr::db;
    use sqlx::AnyConnection;

    /// Validates the fields and that the stage and company belong to this workspace. Returns the
    /// deal and the workspace's stages (to name stage changes on the timeline).
    pub async fn checked(conn: &mut AnyConnection, workspace_id: &str, fields: &DealFields) -> Result<(ValidDeal, Vec<db::deals::StageRow>), AppError> {
        let locale = crate::i18n_setup::request_locale();
        let deal = fields.parse(locale).map_err(|fields| AppError::Validation { fields })?;
        let stages = db::deals::stages(conn, workspace_id).await?;
        if !stages.iter().any(|s| s.id == deal.stage_id) {
            return Err(AppError::field("stage_id", td_string!(locale, errors.deals.choose_stage)));
        }
        if !deal.company_id.is_empty() && !db::contacts::company_exists(conn, workspace_id, &deal.company_id).await? {
            return Err(AppError::field("company_id", choose_from_list(RecordKind::Company, locale)));
        }
        Ok((deal, stages))
    }

    /// Change tracking shows stage names, not ids.
    pub fn named(deal: &ValidDeal, stages: &[db::deals::StageRow]) -> Vec<(&'static str, String)> {
        deal.named()
            .into_iter()
            .map(|(field, value)| match field {
                "stage_id" => ("stage", stages.iter().find(|s| s.id == value).map(|s| s.name.clone()).unwrap_or(value)),
                _ => (field, value),
            })
            .collect()
    }
}

/// Creates a deal owned by the caller and opens it.
#[server(endpoint = "deals/create")]
pub async fn create_deal(slug: String, fields: DealFields) -> Result<String, AppError> {
    use crate::domain::records::{changes, RecordKind};
    use crate::ssr::db::events::{self, Action, Subject};
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    member.require_writer()?;
    let mut tx = state.db.begin_write().await?;
    let (deal, stages) = checks::checked(&mut tx, &member.workspace_id, &fields).await?;
    let id = db::new_id();
    let now_ms = state.clock.now_ms();
    db::deals::insert(&mut tx, &member.workspace_id, &id, &deal, &member.user_id, now_ms).await?;
    db::search::refresh(&mut tx, &member.workspace_id, RecordKind::Deal, &id).await?;
    let empty: Vec<(&str, String)> = checks::named(&deal, &stages).into_iter().map(|(f, _)| (f, String::new())).collect();
    let subject = Subject { workspace_id: &member.workspace_id, kind: RecordKind::Deal, record_id: &id, actor_id: &member.user_id, at: now_ms };
    let mut created = changes(&empty, &checks::named(&deal, &stages));
    super::records::ssr::name_ids(&mut tx, &member.workspace_id, &mut created).await?;
    events::record(&mut tx, subject, Action::Created, &created).await?;
    tx.commit().await?;
    leptos_axum::redirect(&format!("/w/{slug}/deals/{id}"));
    Ok(id)
}

/// Saves changed fields; a stage change shows as such on the timeline.
#[server(endpoint = "deals/update")]
pub async fn update_deal(slug: String, id: String, fields: DealFields) -> Result<(), AppError> {
    use crate::domain::records::{changes, RecordKind};
    use crate::ssr::db::events::{self, Action, Subject};
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    member.require_writer()?;
    let mut tx = state.db.begin_write().await?;
    let before = db::deals::find(&mut tx, &member.workspace_id, &id).await?.filter(|d| d.deleted_at.is_none()).ok_or(AppError::NotFound)?;
    member.require_edit(before.owner_id.as_deref(), None)?;
    let (deal, stages) = checks::checked(&mut tx, &member.workspace_id, &fields).await?;
    let before = crate::domain::deals::ValidDeal {
        name: before.name,
        company_id: before.company_id.unwrap_or_default(),
        amount_minor: before.amount_minor,
        currency: before.currency,
        stage_id: before.stage_id,
        expected_close: before.expected_close,
        lost_reason: before.lost_reason,
    };
    let mut changed = changes(&checks::named(&before, &stages), &checks::named(&deal, &stages));
    if !changed.is_empty() {
        super::records::ssr::name_ids(&mut tx, &member.workspace_id, &mut changed).await?;
        let now_ms = state.clock.now_ms();
        db::deals::update(&mut tx, &member.workspace_id, &id, &deal, now_ms).await?;
        db::search::refresh(&mut tx, &member.workspace_id, RecordKind::Deal, &id).await?;
        let subject = Subject { workspace_id: &member.workspace_id, kind: RecordKind::Deal, record_id: &id, actor_id: &member.user_id, at: now_ms };
        events::record(&mut tx, subject, Action::Updated, &changed).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Moves a deal to another stage (the board's drag and drop, and its "Move to" menu).
#[server(endpoint = "deals/move")]
pub async fn move_deal(slug: String, id: String, stage_id: String) -> Result<(), AppError> {
    use crate::domain::records::{Changes, RecordKind};
    use crate::ssr::db::events::{self, Action, Subject};
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    member.require_writer()?;
    let mut tx = state.db.begin_write().await?;
    let deal = db::deals::find(&mut tx, &member.workspace_id, &id).await?.filter(|d| d.deleted_at.is_none()).ok_or(AppError::NotFound)?;
    member.require_edit(deal.owner_id.as_deref(), None)?;
    let stages = db::deals::stages(&mut tx, &member.workspace_id).await?;
    let choose_stage = || AppError::field("stage_id", crate::i18n_setup::td_string!(crate::i18n_setup::request_locale(), errors.deals.choose_stage));
    let target = stages.iter().find(|s| s.id == stage_id).ok_or_else(choose_stage)?;
    if deal.stage_id != target.id {
        let from = stages.iter().find(|s| s.id == deal.stage_id).map(|s| s.name.clone()).unwrap_or_default();
        let now_ms = state.clock.now_ms();
        db::deals::set_stage(&mut tx, &member.workspace_id, &id, &target.id, now_ms).await?;
        let mut changed = Changes::new();
        changed.insert("stage".into(), (from, target.name.clone()));
        let subject = Subject { workspace_id: &member.workspace_id, kind: RecordKind::Deal, record_id: &id, actor_id: &member.user_id, at: now_ms };
        events::record(&mut tx, subject, Action::Moved, &changed).await?;
        tx.commit().await?;
        crate::ssr::analytics::feature_used("deal moved").await;
        return Ok(());
    }
    tx.commit().await?;
    Ok(())
}

/// Involves a contact of this workspace in the deal (`on`) or takes them off; the deal's timeline
/// and the contact's deals panel show it.
#[server(endpoint = "deals/contact")]
pub async fn set_deal_contact(slug: String, id: String, contact_id: String, on: bool) -> Result<(), AppError> {
    use crate::domain::records::{Changes, RecordKind};
    use crate::ssr::db::events::{self, Action, Subject};
    use crate::ssr::{access, db};
    let locale = crate::i18n_setup::request_locale();
    let (state, member) = access::member(&slug).await?;
    member.require_writer()?;
    let ws = member.workspace_id.as_str();
    let mut tx = state.db.begin_write().await?;
    super::records::ssr::require_editable(&mut tx, &member, RecordKind::Deal, &id).await?;
    let contact = db::contacts::find(&mut tx, ws, &contact_id).await?.filter(|c| c.deleted_at.is_none() && member.can_see(c.owner_id.as_deref(), None));
    let Some(contact) = contact else {
        return Err(AppError::field("contact_id", super::records::ssr::choose_from_list(RecordKind::Contact, locale)));
    };
    if on && db::person_privacy::flags(&mut tx, ws, RecordKind::Contact, &contact_id).await?.is_some_and(|f| f.do_not_process) {
        let name = format!("{} {}", contact.first_name, contact.last_name).trim().to_owned();
        return Err(AppError::field("contact_id", crate::domain::person_privacy::restricted_message(&name, locale)));
    }
    if db::deals::set_contact(&mut tx, ws, &id, &contact_id, on).await? {
        let name = format!("{} {}", contact.first_name, contact.last_name).trim().to_owned();
        let mut changed = Changes::new();
        changed.insert("contact".into(), if on { (String::new(), name) } else { (name, String::new()) });
        let now_ms = state.clock.now_ms();
        let subject = Subject { workspace_id: ws, kind: RecordKind::Deal, record_id: &id, actor_id: &member.user_id, at: now_ms };
        events::record(&mut tx, subject, Action::Updated, &changed).await?;
    }
    tx.commit().await?;
    Ok(())
}
