//! Email templates and drafts: templates with merge fields, drafts written to a contact (filled in
//! from a template or typed), the preview that fills merge fields in, and sending a draft to its
//! contact through the mail outbox (the draft is then kept, read-only).
//!
//! Ids of another workspace's drafts and templates answer "not found"; links in a draft to a
//! contact, deal or template that is not live in this workspace are refused on their field.

use crate::domain::emails::{DraftFields, MergeValues, TemplateFields};
use crate::error::AppError;
#[cfg(feature = "ssr")]
use crate::i18n_setup::td_string;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Rows per page of the drafts list.
pub const PAGE_SIZE: i64 = 50;

/// A template as the list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateSummary {
    pub id: String,
    pub name: String,
    pub subject: String,
    pub owner_name: Option<String>,
    pub updated_at: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TemplateDetail {
    pub id: String,
    pub fields: TemplateFields,
    pub owner_name: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

/// A draft as the list shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftSummary {
    pub id: String,
    pub contact_id: String,
    pub contact_name: String,
    pub contact_in_trash: bool,
    pub to_address: String,
    pub subject: String,
    pub author_name: Option<String>,
    pub updated_at: i64,
    /// When it was sent; `None` while it is a draft.
    pub sent_at: Option<i64>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftPage {
    pub rows: Vec<DraftSummary>,
    pub next: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftDetail {
    pub id: String,
    pub fields: DraftFields,
    pub contact_name: String,
    pub contact_in_trash: bool,
    /// The template it was started from, while that template exists.
    pub template_name: Option<String>,
    /// The linked deal's name, while the deal is live.
    pub deal_name: Option<String>,
    pub author_name: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    /// When it was sent; a sent draft is read-only.
    pub sent_at: Option<i64>,
    /// How the delivery of a sent draft stands: queued, sending, sent, failed or kept.
    pub delivery: Option<String>,
}

#[cfg(feature = "ssr")]
impl DraftDetail {
    pub fn from_row(row: crate::ssr::db::emails::DraftRow) -> Self {
        DraftDetail {
            fields: row.fields(),
            contact_in_trash: row.contact_deleted_at.is_some(),
            id: row.id,
            contact_name: row.contact_name,
            template_name: row.template_name,
            deal_name: row.deal_name,
            author_name: row.author_name,
            created_at: row.created_at,
            updated_at: row.updated_at,
            sent_at: row.sent_at,
            delivery: None,
        }
    }
}

/// A subject and body with their merge fields filled in.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Preview {
    /// The contact's primary email (empty without a contact or without an email).
    pub to: String,
    pub subject: String,
    pub body: String,
    /// Merge fields not known, as typed (subject first, each once): left in the text.
    pub unknown: Vec<String>,
    /// Known merge fields with no value here (no deal linked…): left empty.
    pub empty: Vec<String>,
    /// What the merge fields are filled with, so the browser can preview as the person types.
    pub values: MergeValues,
}

/// Everything the draft page starts from, in one answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DraftForm {
    /// The saved draft; `None` for a new one.
    pub draft: Option<DraftDetail>,
    /// What the form shows first.
    pub fields: DraftFields,
    /// The merge values for the form's contact and deal.
    pub values: MergeValues,
    /// The drop-downs' choices as (id, name), by name.
    pub contacts: Vec<(String, String)>,
    pub deals: Vec<(String, String)>,
    pub templates: Vec<(String, String)>,
}

#[cfg(feature = "ssr")]
mod ssr {
    use crate::domain::deals::format_amount;
    use crate::domain::emails::MergeValues;
    use crate::error::AppError;
    use crate::ssr::{context, db};
    use sqlx::AnyConnection;

    /// The template's owner or the draft's author may change it, and owners and admins may: "not
    /// found" for a row that is not here (or, for a member who sees only their own, not theirs).
    pub async fn require_holder(conn: &mut AnyConnection, member: &crate::ssr::access::Member, doc: db::emails::EmailDoc, id: &str) -> Result<(), AppError> {
        let holder = db::emails::holder(conn, doc, &member.workspace_id, id).await?.ok_or(AppError::NotFound)?;
        member.require_edit(holder.as_deref(), None)
    }

    /// Who is writing: their name and email.
    pub struct Writer {
        pub name: String,
        pub email: String,
    }

    /// The signed-in person. Read before the first `await` of a server function: a resource
    /// rendered and dropped during server rendering may finish after its context is gone.
    pub fn writer() -> Result<Writer, AppError> {
        let session = context::require_session()?;
        Ok(Writer { name: session.full_name, email: session.email })
    }

    /// The merge values for `writer` writing to `contact_id` about `deal_id` (either may be
    /// empty). "Not found" for a contact or deal that is not live in this workspace.
    pub async fn merge_values(conn: &mut AnyConnection, workspace_id: &str, writer: &Writer, contact_id: &str, deal_id: &str) -> Result<MergeValues, AppError> {
        let mut values = MergeValues {
            me_name: writer.name.clone(),
            me_email: writer.email.clone(),
            workspace_name: db::emails::workspace_name(conn, workspace_id).await?,
            ..Default::default()
        };
        if !contact_id.is_empty() {
            let contact = db::contacts::find(conn, workspace_id, contact_id).await?.filter(|c| c.deleted_at.is_none()).ok_or(AppError::NotFound)?;
            values.contact_email = db::emails::primary_email(conn, workspace_id, contact_id).await?.unwrap_or_default();
            if let Some(company_id) = &contact.company_id {
                if let Some(company) = db::companies::find(conn, workspace_id, company_id).await?.filter(|c| c.deleted_at.is_none()) {
                    values.company_name = company.name;
                    values.company_domain = company.domain;
                }
            }
            values.contact_first_name = contact.first_name;
            values.contact_last_name = contact.last_name;
            values.contact_job_title = contact.job_title;
        }
        if !deal_id.is_empty() {
            let deal = db::deals::find(conn, workspace_id, deal_id).await?.filter(|d| d.deleted_at.is_none()).ok_or(AppError::NotFound)?;
            values.deal_amount = format_amount(deal.amount_minor, &deal.currency);
            values.deal_name = deal.name;
        }
        Ok(values)
    }
}

/// The workspace's templates by name.
#[server(endpoint = "emails/templates", input = server_fn::codec::GetUrl)]
pub async fn list_templates(slug: String) -> Result<Vec<TemplateSummary>, AppError> {
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    let rows = db::emails::list_templates(&state.db.pool, &member.workspace_id, 500).await?;
    Ok(rows
        .into_iter()
        .map(|t| TemplateSummary { id: t.id, name: t.name, subject: t.subject, owner_name: t.owner_name, updated_at: t.updated_at })
        .collect())
}

/// One template of the workspace.
#[server(endpoint = "emails/template-get", input = server_fn::codec::GetUrl)]
pub async fn get_template(slug: String, id: String) -> Result<TemplateDetail, AppError> {
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    let mut conn = state.db.pool.acquire().await?;
    let row = db::emails::find_template(&mut conn, &member.workspace_id, &id).await?.ok_or(AppError::NotFound)?;
    Ok(TemplateDetail { fields: row.fields(), id: row.id, owner_name: row.owner_name, created_at: row.created_at, updated_at: row.updated_at })
}

/// Creates a template (no `id`) or changes the workspace's template `id`; returns its id.
#[server(endpoint = "emails/template-save")]
pub async fn save_template(slug: String, #[server(default)] id: String, fields: TemplateFields) -> Result<String, AppError> {
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    member.require_writer()?;
    let fields = fields.parse(crate::i18n_setup::request_locale()).map_err(|fields| AppError::Validation { fields })?;
    let now_ms = state.clock.now_ms();
    let mut tx = state.db.begin_write().await?;
    if !id.trim().is_empty() {
        ssr::require_holder(&mut tx, &member, db::emails::EmailDoc::Template, id.trim()).await?;
    }
    let id = match id.trim() {
        "" => {
            let id = db::new_id();
            db::emails::insert_template(&mut tx, &member.workspace_id, &id, &fields, &member.user_id, now_ms).await?;
            id
        }
        existing => {
            if !db::emails::update_template(&mut tx, &member.workspace_id, existing, &fields, now_ms).await? {
                return Err(AppError::NotFound);
            }
            existing.to_owned()
        }
    };
    tx.commit().await?;
    Ok(id)
}

/// Deletes a template; drafts started from it keep their text.
#[server(endpoint = "emails/template-delete")]
pub async fn delete_template(slug: String, id: String) -> Result<(), AppError> {
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    member.require_writer()?;
    let mut tx = state.db.begin_write().await?;
    ssr::require_holder(&mut tx, &member, db::emails::EmailDoc::Template, &id).await?;
    if !db::emails::delete_template(&mut tx, &member.workspace_id, &id).await? {
        return Err(AppError::NotFound);
    }
    tx.commit().await?;
    Ok(())
}

/// Drafts, most recently changed first; only those to `contact` when it is given. `after` is the
/// previous page's cursor.
#[server(endpoint = "emails/drafts", input = server_fn::codec::GetUrl)]
pub async fn list_drafts(slug: String, #[server(default)] contact: String, #[server(default)] after: String) -> Result<DraftPage, AppError> {
    use super::records::ssr::{decode_cursor, encode_cursor};
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    let cursor = decode_cursor(&after).and_then(|(at, id)| at.parse::<i64>().ok().map(|at| (at, id)));
    let page = usize::try_from(PAGE_SIZE).unwrap_or(50);
    let mut rows =
        db::emails::list_drafts(&state.db.pool, &member.workspace_id, contact.trim(), member.only_own(), cursor.as_ref().map(|(at, id)| (*at, id.as_str())), PAGE_SIZE + 1).await?;
    let next = if rows.len() > page {
        rows.truncate(page);
        rows.last().map(|d| encode_cursor(&d.updated_at.to_string(), &d.id))
    } else {
        None
    };
    Ok(DraftPage {
        rows: rows
            .into_iter()
            .map(|d| DraftSummary {
                contact_in_trash: d.contact_deleted_at.is_some(),
                id: d.id,
                contact_id: d.contact_id,
                contact_name: d.contact_name,
                to_address: d.to_address,
                subject: d.subject,
                author_name: d.author_name,
                updated_at: d.updated_at,
                sent_at: d.sent_at,
            })
            .collect(),
        next,
    })
}

/// One draft of the workspace.
#[server(endpoint = "emails/draft-get", input = server_fn::codec::GetUrl)]
pub async fn get_draft(slug: String, id: String) -> Result<DraftDetail, AppError> {
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    let mut conn = state.db.pool.acquire().await?;
    let row = db::emails::find_draft(&mut conn, &member.workspace_id, &id).await?.ok_or(AppError::NotFound)?;
    let author = db::emails::holder(&mut conn, db::emails::EmailDoc::Draft, &member.workspace_id, &id).await?.flatten();
    member.require_see(author.as_deref(), None)?;
    Ok(DraftDetail::from_row(row))
}

/// Creates a draft (no `id`; then opens it) or changes the workspace's draft `id`; returns its id.
///
/// With a template and an empty subject and body, the template's text is used. Merge fields in
/// the subject and body are filled in now, so the draft holds the text as it will be sent and later
/// edits are the writer's own. An empty `to_address` becomes the contact's primary email.
#[server(endpoint = "emails/draft-save")]
pub async fn save_draft(slug: String, #[server(default)] id: String, fields: DraftFields) -> Result<String, AppError> {
    use crate::domain::emails::render;
    use crate::domain::records::RecordKind;
    use crate::error::FieldErrors;
    use crate::ssr::{access, db};
    let locale = crate::i18n_setup::request_locale();
    let writer = ssr::writer()?;
    let (state, member) = access::member(&slug).await?;
    member.require_writer()?;
    let ws = member.workspace_id.as_str();
    let id = id.trim().to_owned();
    let mut fields = fields;
    let now_ms = state.clock.now_ms();
    let mut tx = state.db.begin_write().await?;
    if !id.is_empty() {
        ssr::require_holder(&mut tx, &member, db::emails::EmailDoc::Draft, &id).await?;
    }
    if !id.is_empty() {
        match db::emails::find_draft(&mut tx, ws, &id).await? {
            None => return Err(AppError::NotFound),
            Some(draft) if draft.sent_at.is_some() => return Err(AppError::Conflict { message: td_string!(locale, errors.emails.sent_is_read_only).into() }),
            Some(_) => {}
        }
    }

    let mut errors = FieldErrors::new();
    let template_id = fields.template_id.trim().to_owned();
    if !template_id.is_empty() {
        match db::emails::find_template(&mut tx, ws, &template_id).await? {
            Some(template) if fields.subject.trim().is_empty() && fields.body.trim().is_empty() => {
                fields.subject = template.subject;
                fields.body = template.body;
            }
            Some(_) => {}
            None => {
                errors.insert("template_id".into(), td_string!(locale, errors.emails.choose_template).into());
            }
        }
    }
    let contact_id = fields.contact_id.trim().to_owned();
    let deal_id = fields.deal_id.trim().to_owned();
    for (kind, link, field) in [(RecordKind::Contact, &contact_id, "contact_id"), (RecordKind::Deal, &deal_id, "deal_id")] {
        match super::records::ssr::require_live(&mut tx, &member, kind, link, field).await {
            Ok(()) => {}
            Err(AppError::Validation { fields: found }) => errors.extend(found),
            Err(other) => return Err(other),
        }
    }
    if errors.is_empty() && !contact_id.is_empty() {
        let values = ssr::merge_values(&mut tx, ws, &writer, &contact_id, &deal_id).await?;
        if fields.to_address.trim().is_empty() {
            fields.to_address = values.contact_email.clone();
        }
        fields.subject = render(&fields.subject, &values).text;
        fields.body = render(&fields.body, &values).text;
    }
    if db::suppression::is_suppressed(&mut tx, ws, &fields.to_address).await? {
        errors.insert("to_address".into(), crate::domain::person_privacy::suppressed_message(locale).into());
    }
    let fields = match fields.parse(locale) {
        Ok(valid) if errors.is_empty() => valid,
        Ok(_) => return Err(AppError::Validation { fields: errors }),
        Err(mut found) => {
            found.extend(errors);
            return Err(AppError::Validation { fields: found });
        }
    };

    if id.is_empty() {
        let id = db::new_id();
        db::emails::insert_draft(&mut tx, ws, &id, &fields, &member.user_id, now_ms).await?;
        tx.commit().await?;
        leptos_axum::redirect(&format!("/w/{slug}/emails/{id}?saved=1"));
        Ok(id)
    } else {
        db::emails::update_draft(&mut tx, ws, &id, &fields, now_ms).await?;
        tx.commit().await?;
        Ok(id)
    }
}

/// Deletes a draft for good and goes back to the list.
#[server(endpoint = "emails/draft-delete")]
pub async fn delete_draft(slug: String, id: String) -> Result<(), AppError> {
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    member.require_writer()?;
    let mut tx = state.db.begin_write().await?;
    ssr::require_holder(&mut tx, &member, db::emails::EmailDoc::Draft, &id).await?;
    if !db::emails::delete_draft(&mut tx, &member.workspace_id, &id).await? {
        return Err(AppError::NotFound);
    }
    tx.commit().await?;
    leptos_axum::redirect(&format!("/w/{slug}/emails"));
    Ok(())
}

/// Fills in the merge fields of a template (`template_id`) or of a typed `subject` and `body`, for
/// `contact_id` and optionally `deal_id` (either may be empty), and names the contact's primary
/// email. "Not found" for a template, contact or deal that is not live in this workspace.
#[server(endpoint = "emails/preview", input = server_fn::codec::GetUrl)]
pub async fn preview_email(
    slug: String,
    #[server(default)] template_id: String,
    #[server(default)] subject: String,
    #[server(default)] body: String,
    #[server(default)] contact_id: String,
    #[server(default)] deal_id: String,
) -> Result<Preview, AppError> {
    use crate::domain::emails::render;
    use crate::ssr::{access, db};
    let writer = ssr::writer()?;
    let (state, member) = access::member(&slug).await?;
    let ws = member.workspace_id.as_str();
    let mut conn = state.db.pool.acquire().await?;
    let (subject, body) = match template_id.trim() {
        "" => (subject, body),
        template_id => {
            let template = db::emails::find_template(&mut conn, ws, template_id).await?.ok_or(AppError::NotFound)?;
            (template.subject, template.body)
        }
    };
    let values = ssr::merge_values(&mut conn, ws, &writer, contact_id.trim(), deal_id.trim()).await?;
    let (subject, body) = (render(&subject, &values), render(&body, &values));
    let union = |mut first: Vec<String>, second: Vec<String>| {
        for name in second {
            if !first.contains(&name) {
                first.push(name);
            }
        }
        first
    };
    let (unknown, empty) = (union(subject.unknown, body.unknown), union(subject.empty, body.empty));
    Ok(Preview { to: values.contact_email.clone(), subject: subject.text, body: body.text, unknown, empty, values })
}

/// The draft page in one call: the workspace's draft `id`, or a new draft to `contact` about
/// `deal` started from `template` (each optional; ids that are not live here are left out), with
/// the merge values and the drop-downs' choices. "Not found" for another workspace's draft.
#[server(endpoint = "emails/draft-form", input = server_fn::codec::GetUrl)]
pub async fn load_draft_form(
    slug: String,
    #[server(default)] id: String,
    #[server(default)] contact: String,
    #[server(default)] deal: String,
    #[server(default)] template: String,
) -> Result<DraftForm, AppError> {
    use crate::domain::records::RecordKind;
    use crate::ssr::{access, db};
    let writer = ssr::writer()?;
    let (state, member) = access::member(&slug).await?;
    let ws = member.workspace_id.as_str();
    let mut conn = state.db.pool.acquire().await?;
    let (draft, mut fields) = match id.trim() {
        "" => (None, DraftFields { contact_id: contact.trim().to_owned(), deal_id: deal.trim().to_owned(), ..Default::default() }),
        id => {
            let mut detail = DraftDetail::from_row(db::emails::find_draft(&mut conn, ws, id).await?.ok_or(AppError::NotFound)?);
            detail.delivery = db::mail::status_for(&mut conn, ws, id).await?.map(|(status, _)| status);
            let fields = detail.fields.clone();
            (Some(detail), fields)
        }
    };
    // Merge values only from links that hold (a contact or deal may have gone to the trash).
    let contact_id = if db::trash::is_live(&mut conn, ws, RecordKind::Contact, &fields.contact_id).await? { fields.contact_id.clone() } else { String::new() };
    let deal_id = if db::trash::is_live(&mut conn, ws, RecordKind::Deal, &fields.deal_id).await? { fields.deal_id.clone() } else { String::new() };
    let values = ssr::merge_values(&mut conn, ws, &writer, &contact_id, &deal_id).await?;
    if draft.is_none() {
        fields.contact_id = contact_id;
        fields.deal_id = deal_id;
        fields.to_address = values.contact_email.clone();
        if let Some(found) = db::emails::find_template(&mut conn, ws, template.trim()).await? {
            fields.template_id = found.id;
            fields.subject = found.subject;
            fields.body = found.body;
        }
    }
    drop(conn);
    let pool = &state.db.pool;
    Ok(DraftForm {
        draft,
        fields,
        values,
        contacts: db::trash::names(pool, ws, RecordKind::Contact, member.only_own(), 1000).await?,
        deals: db::trash::names(pool, ws, RecordKind::Deal, member.only_own(), 1000).await?,
        templates: db::emails::list_templates(pool, ws, 500).await?.into_iter().map(|t| (t.id, t.name)).collect(),
    })
}

/// Sends the workspace's draft `id` to its contact: the merge fields are filled in as in the
/// preview, the mail is written to the outbox in the same transaction that marks the draft sent
/// (kept, read-only) and records the email on the contact's timeline and the linked deal's.
/// Writers only. "Not found" for another workspace's draft; a conflict when it was sent already;
/// a message on `contact_id` for a contact marked "do not contact" or "do not process" or in the
/// trash, on `to_address` for an address erased from the workspace, and on `subject`, `body` or
/// `to_address` when they cannot be sent as they are.
#[server(endpoint = "emails/draft-send")]
pub async fn send_draft(slug: String, id: String) -> Result<(), AppError> {
    use crate::domain::emails::render;
    use crate::domain::records::{Changes, RecordKind};
    use crate::error::FieldErrors;
    use crate::ssr::db::events::{self, Action, Subject};
    use crate::ssr::mail::{self, MailKind, MailMeta};
    use crate::ssr::{access, db};
    let locale = crate::i18n_setup::request_locale();
    let writer = ssr::writer()?;
    let (state, member) = access::member(&slug).await?;
    member.require_writer()?;
    let ws = member.workspace_id.as_str();
    let now_ms = state.clock.now_ms();
    let mut tx = state.db.begin_write().await?;
    ssr::require_holder(&mut tx, &member, db::emails::EmailDoc::Draft, id.trim()).await?;
    let draft = db::emails::find_draft(&mut tx, ws, id.trim()).await?.ok_or(AppError::NotFound)?;
    if draft.sent_at.is_some() {
        return Err(AppError::Conflict { message: td_string!(locale, errors.emails.already_sent).into() });
    }
    let contact = db::contacts::find(&mut tx, ws, &draft.contact_id).await?.ok_or(AppError::NotFound)?;
    member.require_see(contact.owner_id.as_deref(), None)?;
    if contact.deleted_at.is_some() {
        return Err(AppError::field("contact_id", td_string!(locale, errors.emails.contact_in_trash)));
    }
    if contact.do_not_contact != 0 {
        return Err(AppError::field("contact_id", td_string!(locale, errors.emails.do_not_contact, name = &draft.contact_name)));
    }
    if db::person_privacy::flags(&mut tx, ws, RecordKind::Contact, &draft.contact_id).await?.is_some_and(|f| f.do_not_process) {
        return Err(AppError::field("contact_id", td_string!(locale, errors.emails.do_not_process, name = &draft.contact_name)));
    }
    if db::suppression::is_suppressed(&mut tx, ws, &draft.to_address).await? {
        return Err(AppError::field("to_address", crate::domain::person_privacy::suppressed_message(locale)));
    }
    let deal_id = match draft.deal_id.as_deref() {
        Some(deal) if db::trash::is_live(&mut tx, ws, RecordKind::Deal, deal).await? => deal.to_owned(),
        _ => String::new(),
    };
    let values = ssr::merge_values(&mut tx, ws, &writer, &draft.contact_id, &deal_id).await?;
    let (subject, body) = (render(&draft.subject, &values), render(&draft.body, &values));
    let mut errors = FieldErrors::new();
    let missing_subject = td_string!(locale, errors.emails.subject_missing);
    let missing_body = td_string!(locale, errors.emails.body_missing);
    for (field, rendered, missing) in [("subject", &subject, missing_subject), ("body", &body, missing_body)] {
        if rendered.text.trim().is_empty() {
            errors.insert(field.into(), missing.into());
        } else if !rendered.unknown.is_empty() {
            let names: Vec<String> = rendered.unknown.iter().map(|name| format!("{{{{{name}}}}}")).collect();
            errors.insert(field.into(), td_string!(locale, errors.emails.unknown_merge_fields, names = names.join(", ")));
        }
    }
    let to = mail::mailbox(&draft.contact_name, &draft.to_address);
    if to.is_err() {
        errors.insert("to_address".into(), td_string!(locale, errors.emails.invalid_to).into());
    }
    let to = match to {
        Ok(to) if errors.is_empty() => to,
        _ => return Err(AppError::Validation { fields: errors }),
    };
    let reply_to = mail::mailbox(&writer.name, &writer.email).ok();
    let message = mail::templates::crm_email(to, reply_to, &subject.text, &body.text);
    let meta = MailMeta { workspace_id: Some(ws), kind: MailKind::EmailDraft, reference_id: Some(&draft.id) };
    mail::enqueue(&mut tx, &message, meta, now_ms).await?;
    if !db::emails::mark_sent(&mut tx, ws, &draft.id, now_ms).await? {
        return Err(AppError::Conflict { message: td_string!(locale, errors.emails.already_sent).into() });
    }
    let mut changes = Changes::new();
    changes.insert("subject".into(), (String::new(), message.subject.clone()));
    changes.insert("to".into(), (String::new(), message.to.email.to_string()));
    for (kind, record_id) in [(RecordKind::Contact, draft.contact_id.as_str()), (RecordKind::Deal, deal_id.as_str())] {
        if !record_id.is_empty() {
            let subject = Subject { workspace_id: ws, kind, record_id, actor_id: &member.user_id, at: now_ms };
            events::record(&mut tx, subject, Action::EmailSent, &changes).await?;
        }
    }
    tx.commit().await?;
    mail::wake(&state);
    Ok(())
}
