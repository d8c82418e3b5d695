//! Leads: list, detail, create, update, and conversion into a contact (with a company and a deal
//! when asked) in one transaction.

// The leads list takes eight query parameters (its filters); the server-function macro does not
// pass an `allow` on the function through to the client function it generates.
#![allow(clippy::too_many_arguments)]

use super::records::TimelineItem;
use crate::domain::leads::{Conversion, LeadFields};
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Rows per page of the leads list.
pub const PAGE_SIZE: i64 = 50;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeadSummary {
    pub id: String,
    pub name: String,
    pub company_name: String,
    pub email: String,
    pub source: String,
    pub status: String,
    pub converted: bool,
    pub owner_name: Option<String>,
    pub created_at: i64,
    /// "Do not contact" / "do not process" (badges in the list).
    #[serde(default)]
    pub flags: crate::domain::person_privacy::PersonFlags,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeadPage {
    pub rows: Vec<LeadSummary>,
    pub next: Option<String>,
}

/// What a converted lead became (each link only while that record exists).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConvertedInto {
    pub at: i64,
    pub contact: Option<(String, String)>,
    pub company: Option<(String, String)>,
    pub deal: Option<(String, String)>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LeadDetail {
    /// Whether the caller may change it (their role, and for members whether they own it or are
    /// assigned to it).
    pub can_edit: bool,
    pub id: String,
    pub fields: LeadFields,
    pub owner_name: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    pub in_trash: bool,
    pub converted: Option<ConvertedInto>,
    pub timeline: Vec<TimelineItem>,
    /// "Do not contact" and "do not process" (the form is read-only while the latter is set).
    pub flags: crate::domain::person_privacy::PersonFlags,
}

/// A page of live leads. `q` matches the start of the name; `status` keeps one status; `open`
/// leaves converted leads out; `owner` is a member's id or `me`; `since` (YYYY-MM-DD) keeps those
/// added from that day; `sort` is a column of `SortColumn::for_kind` (`-` for descending).
#[server(endpoint = "leads/list", input = server_fn::codec::GetUrl)]
pub async fn list_leads(
    slug: String,
    q: String,
    status: String,
    open: bool,
    after: String,
    #[server(default)] owner: String,
    #[server(default)] sort: String,
    #[server(default)] since: String,
) -> Result<LeadPage, AppError> {
    use super::records::ssr::{decode_cursor, encode_cursor, owner_filter, since_filter};
    use crate::domain::records::{sort_key, ListSort, RecordKind};
    use crate::ssr::db::leads::LeadFilter;
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    let cursor = decode_cursor(&after);
    let prefix = sort_key(&q);
    let filter = LeadFilter {
        prefix: &prefix,
        owner_id: owner_filter(&owner, &member),
        status: (!status.is_empty()).then_some(status.as_str()),
        open_only: open,
        since_ms: since_filter(&state, &since, &member).await?,
        visible_to: member.only_own(),
        sort: ListSort::parse(&sort, RecordKind::Lead),
        read: db::list_pages::Read::Rows,
    };
    let page = usize::try_from(PAGE_SIZE).unwrap_or(50);
    let mut rows = db::leads::list(&state.db.pool, &member.workspace_id, filter, cursor.as_ref().map(|(k, i)| (k.as_str(), i.as_str())), PAGE_SIZE + 1).await?;
    let next = if rows.len() > page {
        rows.truncate(page);
        rows.last().map(|(row, key)| encode_cursor(key, &row.id))
    } else {
        None
    };
    let ids: Vec<String> = rows.iter().map(|(l, _)| l.id.clone()).collect();
    let mut flags = db::person_privacy::flags_of(&state.db.pool, &member.workspace_id, RecordKind::Lead, &ids).await?;
    Ok(LeadPage {
        rows: rows
            .into_iter()
            .map(|(l, _)| LeadSummary {
                flags: flags.remove(&l.id).unwrap_or_default(),
                converted: l.converted_at.is_some(),
                id: l.id,
                name: l.name,
                company_name: l.company_name,
                email: l.email,
                source: l.source,
                status: l.status,
                owner_name: l.owner_name,
                created_at: l.created_at,
            })
            .collect(),
        next,
    })
}

/// One lead with its timeline and what it was converted into.
#[server(endpoint = "leads/get", input = server_fn::codec::GetUrl)]
pub async fn get_lead(slug: String, id: String) -> Result<LeadDetail, AppError> {
    use crate::domain::records::RecordKind;
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    let mut conn = state.db.pool.acquire().await?;
    let row = db::leads::find(&mut conn, &member.workspace_id, &id).await?.ok_or(AppError::NotFound)?;
    member.require_see(row.owner_id.as_deref(), None)?;
    let mut converted = None;
    if let Some(at) = row.converted_at {
        let mut into = ConvertedInto { at, ..Default::default() };
        let links = [
            (RecordKind::Contact, &row.converted_contact_id, &mut into.contact),
            (RecordKind::Company, &row.converted_company_id, &mut into.company),
            (RecordKind::Deal, &row.converted_deal_id, &mut into.deal),
        ];
        for (kind, record_id, slot) in links {
            if let Some(record_id) = record_id {
                let name = db::trash::live_name(&mut conn, &member.workspace_id, kind, record_id).await?;
                *slot = name.map(|name| (record_id.clone(), name));
            }
        }
        converted = Some(into);
    }
    let flags = db::person_privacy::flags(&mut conn, &member.workspace_id, RecordKind::Lead, &id).await?.unwrap_or_default();
    drop(conn);
    let timeline = super::records::ssr::timeline(&state.db.pool, &member, RecordKind::Lead, &id).await?;
    Ok(LeadDetail {
        can_edit: member.can_edit(row.owner_id.as_deref(), None),
        fields: row.fields(),
        id: row.id,
        owner_name: row.owner_name,
        created_at: row.created_at,
        updated_at: row.updated_at,
        in_trash: row.deleted_at.is_some(),
        converted,
        timeline,
        flags,
    })
}

/// Creates a lead owned by the caller and opens it.
#[server(endpoint = "leads/create")]
pub async fn create_lead(slug: String, fields: LeadFields) -> Result<String, AppError> {
    use crate::domain::records::{changes, RecordKind};
    use crate::ssr::db::events::{self, Action, Subject};
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    member.require_writer()?;
    let fields = fields.parse(crate::i18n_setup::request_locale()).map_err(|fields| AppError::Validation { fields })?;
    let id = db::new_id();
    let now_ms = state.clock.now_ms();
    let mut tx = state.db.begin_write().await?;
    let address = [("email".to_owned(), fields.email.clone())];
    let suppressed = super::person_privacy::ssr::suppressed_fields(&mut tx, &member.workspace_id, &address, &[]).await?;
    if !suppressed.is_empty() {
        return Err(AppError::Validation { fields: suppressed });
    }
    db::leads::insert(&mut tx, &member.workspace_id, &id, &fields, &member.user_id, now_ms).await?;
    db::search::refresh(&mut tx, &member.workspace_id, RecordKind::Lead, &id).await?;
    let subject = Subject { workspace_id: &member.workspace_id, kind: RecordKind::Lead, record_id: &id, actor_id: &member.user_id, at: now_ms };
    events::record(&mut tx, subject, Action::Created, &changes(&LeadFields::default().named(), &fields.named())).await?;
    tx.commit().await?;
    leptos_axum::redirect(&format!("/w/{slug}/leads/{id}"));
    Ok(id)
}

/// Saves changed fields; the timeline shows what changed.
#[server(endpoint = "leads/update")]
pub async fn update_lead(slug: String, id: String, fields: LeadFields) -> Result<(), AppError> {
    use crate::domain::records::{changes, RecordKind};
    use crate::ssr::db::events::{self, Action, Subject};
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    member.require_writer()?;
    let fields = fields.parse(crate::i18n_setup::request_locale()).map_err(|fields| AppError::Validation { fields })?;
    let now_ms = state.clock.now_ms();
    let mut tx = state.db.begin_write().await?;
    let before = db::leads::find(&mut tx, &member.workspace_id, &id).await?.filter(|r| r.deleted_at.is_none()).ok_or(AppError::NotFound)?;
    member.require_edit(before.owner_id.as_deref(), None)?;
    super::person_privacy::ssr::require_processable(&mut tx, &member.workspace_id, RecordKind::Lead, &id, &before.name).await?;
    let address = [("email".to_owned(), fields.email.clone())];
    let suppressed = super::person_privacy::ssr::suppressed_fields(&mut tx, &member.workspace_id, &address, std::slice::from_ref(&before.email)).await?;
    if !suppressed.is_empty() {
        return Err(AppError::Validation { fields: suppressed });
    }
    let changed = changes(&before.fields().named(), &fields.named());
    if !changed.is_empty() {
        db::leads::update(&mut tx, &member.workspace_id, &id, &fields, now_ms).await?;
        db::search::refresh(&mut tx, &member.workspace_id, RecordKind::Lead, &id).await?;
        let subject = Subject { workspace_id: &member.workspace_id, kind: RecordKind::Lead, record_id: &id, actor_id: &member.user_id, at: now_ms };
        events::record(&mut tx, subject, Action::Updated, &changed).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Turns a lead into a contact, optionally linked to a company (an existing one with the same name
/// or email domain, else a new one) and with a new deal in the pipeline's first stage, all in one
/// transaction. The lead stays, marked converted, with links to what it became. Opens the contact.
#[server(endpoint = "leads/convert")]
pub async fn convert_lead(slug: String, id: String, conversion: Conversion) -> Result<String, AppError> {
    use crate::domain::companies::CompanyFields;
    use crate::domain::contacts::{Channel, ContactFields};
    use crate::domain::deals::{DealFields, StageKind};
    use crate::domain::records::{changes, sort_key, Changes, RecordKind};
    use crate::ssr::db::events::{self, Action, Subject};
    use crate::ssr::{access, db};
    let locale = crate::i18n_setup::request_locale();
    let (state, member) = access::member(&slug).await?;
    member.require_writer()?;
    let now_ms = state.clock.now_ms();
    let mut tx = state.db.begin_write().await?;
    let lead = db::leads::find(&mut tx, &member.workspace_id, &id).await?.filter(|r| r.deleted_at.is_none()).ok_or(AppError::NotFound)?;
    member.require_edit(lead.owner_id.as_deref(), None)?;
    if lead.converted_at.is_some() {
        return Err(AppError::Conflict { message: crate::i18n_setup::td_string!(locale, errors.leads.already_converted).into() });
    }
    super::person_privacy::ssr::require_processable(&mut tx, &member.workspace_id, RecordKind::Lead, &id, &lead.name).await?;
    if db::suppression::is_suppressed(&mut tx, &member.workspace_id, &lead.email).await? {
        return Err(AppError::Conflict { message: crate::domain::person_privacy::suppressed_conversion(locale).into() });
    }
    let lead_flags = db::person_privacy::flags(&mut tx, &member.workspace_id, RecordKind::Lead, &id).await?.unwrap_or_default();
    let fields = lead.fields();
    let ws = member.workspace_id.as_str();
    let actor = member.user_id.as_str();
    fn subject<'a>(workspace_id: &'a str, actor_id: &'a str, at: i64, kind: RecordKind, record_id: &'a str) -> Subject<'a> {
        Subject { workspace_id, kind, record_id, actor_id, at }
    }

    // The deal is checked first, so a bad amount changes nothing.
    let deal = if conversion.with_deal {
        let stages = db::deals::stages(&mut tx, ws).await?;
        let first_open = stages.iter().find(|s| s.kind() == StageKind::Open).or(stages.first()).ok_or_else(|| AppError::internal("no pipeline stages"))?;
        let name = if conversion.deal_name.trim().is_empty() {
            format!("{} deal", if fields.company_name.is_empty() { &fields.name } else { &fields.company_name })
        } else {
            conversion.deal_name.clone()
        };
        let deal_fields = DealFields { name, amount: conversion.deal_amount.clone(), currency: conversion.deal_currency.clone(), stage_id: first_open.id.clone(), ..Default::default() };
        let valid = deal_fields.parse(locale).map_err(|errors| AppError::Validation {
            fields: errors.into_iter().map(|(field, message)| (format!("deal_{field}"), message)).collect(),
        })?;
        Some((valid, first_open.name.clone()))
    } else {
        None
    };

    let company_id = if conversion.with_company && (!fields.company_name.is_empty() || fields.company_domain().is_some()) {
        let domain = fields.company_domain();
        match db::leads::matching_company(&mut tx, ws, &sort_key(&fields.company_name), domain.as_deref()).await? {
            Some(existing) => Some(existing),
            None => {
                let company = CompanyFields {
                    name: if fields.company_name.is_empty() { domain.clone().unwrap_or_default() } else { fields.company_name.clone() },
                    domain: domain.unwrap_or_default(),
                    ..Default::default()
                };
                let company_id = db::new_id();
                db::companies::insert(&mut tx, ws, &company_id, &company, &member.user_id, now_ms).await?;
                db::search::refresh(&mut tx, ws, RecordKind::Company, &company_id).await?;
                let created = changes(&CompanyFields::default().named(), &company.named());
                events::record(&mut tx, subject(ws, actor, now_ms, RecordKind::Company, &company_id), Action::Created, &created).await?;
                Some(company_id)
            }
        }
    } else {
        None
    };

    let (first_name, last_name) = fields.person_names();
    let channel = |value: &str| -> Vec<Channel> {
        if value.is_empty() { Vec::new() } else { vec![Channel { value: value.to_owned(), label: "work".into(), primary: true }] }
    };
    let contact = ContactFields {
        first_name,
        last_name,
        company_id: company_id.clone().unwrap_or_default(),
        status: "prospect".into(),
        emails: channel(&fields.email),
        phones: channel(&fields.phone),
        // The person's wish not to be written to goes with them.
        do_not_contact: lead_flags.do_not_contact,
        ..Default::default()
    };
    let contact_id = db::new_id();
    db::contacts::insert(&mut tx, ws, &contact_id, &contact, &member.user_id, now_ms).await?;
    db::search::refresh(&mut tx, ws, RecordKind::Contact, &contact_id).await?;
    let mut created = changes(&ContactFields::default().named(), &contact.named());
    super::records::ssr::name_ids(&mut tx, ws, &mut created).await?;
    events::record(&mut tx, subject(ws, actor, now_ms, RecordKind::Contact, &contact_id), Action::Created, &created).await?;

    let deal_id = match deal {
        Some((mut valid, stage_name)) => {
            valid.company_id = company_id.clone().unwrap_or_default();
            let deal_id = db::new_id();
            db::deals::insert(&mut tx, ws, &deal_id, &valid, &member.user_id, now_ms).await?;
            sqlx::query("insert into deal_contacts (workspace_id, deal_id, contact_id) values ($1, $2, $3)")
                .bind(ws)
                .bind(&deal_id)
                .bind(&contact_id)
                .execute(&mut *tx)
                .await?;
            db::search::refresh(&mut tx, ws, RecordKind::Deal, &deal_id).await?;
            let named: Vec<(&str, String)> = valid.named().into_iter().map(|(f, v)| if f == "stage_id" { ("stage", stage_name.clone()) } else { (f, v) }).collect();
            let empty: Vec<(&str, String)> = named.iter().map(|(f, _)| (*f, String::new())).collect();
            let mut created = changes(&empty, &named);
            super::records::ssr::name_ids(&mut tx, ws, &mut created).await?;
            events::record(&mut tx, subject(ws, actor, now_ms, RecordKind::Deal, &deal_id), Action::Created, &created).await?;
            Some(deal_id)
        }
        None => None,
    };

    let into = db::leads::Converted { contact_id: &contact_id, company_id: company_id.as_deref(), deal_id: deal_id.as_deref() };
    db::leads::mark_converted(&mut tx, ws, &id, into, now_ms).await?;
    db::search::refresh(&mut tx, ws, RecordKind::Lead, &id).await?;
    let mut converted = Changes::new();
    converted.insert("contact".into(), (String::new(), contact.full_name()));
    if fields.status != "qualified" {
        converted.insert("status".into(), (fields.status.clone(), "qualified".into()));
    }
    events::record(&mut tx, subject(ws, actor, now_ms, RecordKind::Lead, &id), Action::Converted, &converted).await?;
    tx.commit().await?;
    leptos_axum::redirect(&format!("/w/{slug}/contacts/{contact_id}"));
    Ok(contact_id)
}
