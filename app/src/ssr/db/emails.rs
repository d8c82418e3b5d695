//! Email template and draft rows, and what merge fields read (a contact's primary email, the
//! workspace's name). Every function takes the workspace id right after the connection.

use crate::domain::emails::{DraftFields, TemplateFields};
use sqlx::{AnyConnection, AnyPool, FromRow};

#[derive(Clone, Debug, FromRow)]
pub struct TemplateRow {
    pub id: String,
    pub name: String,
    pub subject: String,
    pub body: String,
    pub owner_name: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

impl TemplateRow {
    pub fn fields(&self) -> TemplateFields {
        TemplateFields { name: self.name.clone(), subject: self.subject.clone(), body: self.body.clone() }
    }
}

const TEMPLATE_COLUMNS: &str = "t.id, t.name, t.subject, t.body, u.full_name as owner_name, t.created_at, t.updated_at";

pub async fn insert_template(conn: &mut AnyConnection, workspace_id: &str, id: &str, fields: &TemplateFields, owner_id: &str, now_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into email_templates (workspace_id, id, name, subject, body, owner_id, created_at, updated_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $7)",
    )
    .bind(workspace_id)
    .bind(id)
    .bind(&fields.name)
    .bind(&fields.subject)
    .bind(&fields.body)
    .bind(owner_id)
    .bind(now_ms)
    .execute(conn)
    .await?;
    Ok(())
}

/// Changes a template; false when the workspace has no template with this id.
pub async fn update_template(conn: &mut AnyConnection, workspace_id: &str, id: &str, fields: &TemplateFields, now_ms: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("update email_templates set name = $3, subject = $4, body = $5, updated_at = $6 where workspace_id = $1 and id = $2")
        .bind(workspace_id)
        .bind(id)
        .bind(&fields.name)
        .bind(&fields.subject)
        .bind(&fields.body)
        .bind(now_ms)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() > 0)
}

pub async fn find_template(conn: &mut AnyConnection, workspace_id: &str, id: &str) -> Result<Option<TemplateRow>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "select {TEMPLATE_COLUMNS} from email_templates t left join users u on u.id = t.owner_id where t.workspace_id = $1 and t.id = $2"
    )))
    .bind(workspace_id)
    .bind(id)
    .fetch_optional(conn)
    .await
}

/// The workspace's templates by name (at most `limit`).
pub async fn list_templates(pool: &AnyPool, workspace_id: &str, limit: i64) -> Result<Vec<TemplateRow>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "select {TEMPLATE_COLUMNS} from email_templates t left join users u on u.id = t.owner_id \
         where t.workspace_id = $1 order by lower(t.name), t.id limit $2"
    )))
    .bind(workspace_id)
    .bind(limit)
    .fetch_all(pool)
    .await
}

/// Deletes a template; drafts made from it keep their text and lose the link. False when the
/// workspace has no template with this id.
pub async fn delete_template(conn: &mut AnyConnection, workspace_id: &str, id: &str) -> Result<bool, sqlx::Error> {
    sqlx::query("update email_drafts set template_id = null where workspace_id = $1 and template_id = $2")
        .bind(workspace_id)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    let done = sqlx::query("delete from email_templates where workspace_id = $1 and id = $2").bind(workspace_id).bind(id).execute(conn).await?;
    Ok(done.rows_affected() > 0)
}

#[derive(Clone, Debug, FromRow)]
pub struct DraftRow {
    pub id: String,
    pub contact_id: String,
    pub contact_name: String,
    pub contact_deleted_at: Option<i64>,
    pub to_address: String,
    pub subject: String,
    pub body: String,
    pub template_id: Option<String>,
    pub template_name: Option<String>,
    pub deal_id: Option<String>,
    pub deal_name: Option<String>,
    pub author_name: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    /// When it was sent; a sent draft is kept and read-only.
    pub sent_at: Option<i64>,
}

impl DraftRow {
    pub fn fields(&self) -> DraftFields {
        DraftFields {
            contact_id: self.contact_id.clone(),
            to_address: self.to_address.clone(),
            subject: self.subject.clone(),
            body: self.body.clone(),
            template_id: self.template_id.clone().unwrap_or_default(),
            deal_id: self.deal_id.clone().unwrap_or_default(),
        }
    }
}

const DRAFT_COLUMNS: &str = "d.id, d.contact_id, trim(c.first_name || ' ' || c.last_name) as contact_name, c.deleted_at as contact_deleted_at, \
    d.to_address, d.subject, d.body, d.template_id, t.name as template_name, d.deal_id, de.name as deal_name, \
    u.full_name as author_name, d.created_at, d.updated_at, d.sent_at";
const DRAFT_FROM: &str = "from email_drafts d \
    join contacts c on c.workspace_id = d.workspace_id and c.id = d.contact_id \
    left join email_templates t on t.workspace_id = d.workspace_id and t.id = d.template_id \
    left join deals de on de.workspace_id = d.workspace_id and de.id = d.deal_id and de.deleted_at is null \
    left join users u on u.id = d.author_id";

fn optional(id: &str) -> Option<&str> {
    (!id.is_empty()).then_some(id)
}

pub async fn insert_draft(conn: &mut AnyConnection, workspace_id: &str, id: &str, fields: &DraftFields, author_id: &str, now_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into email_drafts (workspace_id, id, contact_id, to_address, subject, body, template_id, deal_id, author_id, created_at, updated_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)",
    )
    .bind(workspace_id)
    .bind(id)
    .bind(&fields.contact_id)
    .bind(&fields.to_address)
    .bind(&fields.subject)
    .bind(&fields.body)
    .bind(optional(&fields.template_id))
    .bind(optional(&fields.deal_id))
    .bind(author_id)
    .bind(now_ms)
    .execute(conn)
    .await?;
    Ok(())
}

/// Changes a draft; false when the workspace has no draft with this id.
pub async fn update_draft(conn: &mut AnyConnection, workspace_id: &str, id: &str, fields: &DraftFields, now_ms: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "update email_drafts set contact_id = $3, to_address = $4, subject = $5, body = $6, template_id = $7, deal_id = $8, updated_at = $9 \
         where workspace_id = $1 and id = $2",
    )
    .bind(workspace_id)
    .bind(id)
    .bind(&fields.contact_id)
    .bind(&fields.to_address)
    .bind(&fields.subject)
    .bind(&fields.body)
    .bind(optional(&fields.template_id))
    .bind(optional(&fields.deal_id))
    .bind(now_ms)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() > 0)
}

pub async fn find_draft(conn: &mut AnyConnection, workspace_id: &str, id: &str) -> Result<Option<DraftRow>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("select {DRAFT_COLUMNS} {DRAFT_FROM} where d.workspace_id = $1 and d.id = $2")))
        .bind(workspace_id)
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// A page of drafts, most recently changed first, after the cursor `(updated_at, id)`; only those
/// written to `contact_id` when it is not empty, and only `author`'s when given.
pub async fn list_drafts(pool: &AnyPool, workspace_id: &str, contact_id: &str, author: Option<&str>, after: Option<(i64, &str)>, limit: i64) -> Result<Vec<DraftRow>, sqlx::Error> {
    let (after_at, after_id) = after.unwrap_or((i64::MAX, ""));
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "select {DRAFT_COLUMNS} {DRAFT_FROM} where d.workspace_id = $1 and ($2 = '' or d.contact_id = $2) \
         and ($4 = '' or d.updated_at < $3 or (d.updated_at = $3 and d.id < $4)) and {} \
         order by d.updated_at desc, d.id desc limit $5",
        super::listing::visible_to(&["d.author_id"], 6, author)
    )))
    .bind(workspace_id)
    .bind(contact_id)
    .bind(after_at)
    .bind(after_id)
    .bind(limit)
    .bind(author.unwrap_or(""))
    .fetch_all(pool)
    .await
}

/// Marks a draft sent at `now_ms`; false when the workspace has no such draft or it was sent already.
pub async fn mark_sent(conn: &mut AnyConnection, workspace_id: &str, id: &str, now_ms: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("update email_drafts set sent_at = $3, updated_at = $3 where workspace_id = $1 and id = $2 and sent_at is null")
        .bind(workspace_id)
        .bind(id)
        .bind(now_ms)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() > 0)
}

/// Deletes a draft; false when the workspace has no draft with this id.
pub async fn delete_draft(conn: &mut AnyConnection, workspace_id: &str, id: &str) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("delete from email_drafts where workspace_id = $1 and id = $2").bind(workspace_id).bind(id).execute(conn).await?;
    Ok(done.rows_affected() > 0)
}

/// The contact's primary email address, when they have one.
pub async fn primary_email(conn: &mut AnyConnection, workspace_id: &str, contact_id: &str) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String,)> = sqlx::query_as(
        "select value from contact_channels where workspace_id = $1 and contact_id = $2 and kind = 'email' and is_primary = 1 \
         order by position limit 1",
    )
    .bind(workspace_id)
    .bind(contact_id)
    .fetch_optional(conn)
    .await?;
    Ok(row.map(|(value,)| value))
}

/// The workspace's display name.
pub async fn workspace_name(conn: &mut AnyConnection, workspace_id: &str) -> Result<String, sqlx::Error> {
    let row: Option<(String,)> = sqlx::query_as("select name from workspaces where id = $1").bind(workspace_id).fetch_optional(conn).await?;
    Ok(row.map(|(name,)| name).unwrap_or_default())
}

/// A template or a draft.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EmailDoc {
    Template,
    Draft,
}

/// Who holds a template (its owner) or a draft (its author): `None` when the workspace has no
/// such row; `Some(None)` when that person is gone.
pub async fn holder(conn: &mut AnyConnection, doc: EmailDoc, workspace_id: &str, id: &str) -> Result<Option<Option<String>>, sqlx::Error> {
    let sql = match doc {
        EmailDoc::Template => "select owner_id from email_templates where workspace_id = $1 and id = $2",
        EmailDoc::Draft => "select author_id from email_drafts where workspace_id = $1 and id = $2",
    };
    let row: Option<(Option<String>,)> = sqlx::query_as(sql).bind(workspace_id).bind(id).fetch_optional(conn).await?;
    Ok(row.map(|(holder,)| holder))
}
