//! Workspaces and memberships. Every finder takes the user, so a workspace the user does not belong
//! to is simply not found.

use sqlx::{AnyConnection, AnyPool, FromRow};

#[derive(Clone, Debug, FromRow)]
pub struct MembershipRow {
    pub workspace_id: String,
    pub name: String,
    pub slug: String,
    pub role: String,
    /// `all` or `own` (see `Visibility`).
    pub member_visibility: String,
}

/// Slugs already taken that start with `base` (for picking `base-2`, `base-3`…).
pub async fn slugs_like(conn: &mut AnyConnection, base: &str) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(String,)> = sqlx::query_as("select slug from workspaces where slug = $1 or slug like $2")
        .bind(base)
        .bind(format!("{base}-%"))
        .fetch_all(conn)
        .await?;
    Ok(rows.into_iter().map(|(slug,)| slug).collect())
}

pub async fn insert_workspace(
    conn: &mut AnyConnection,
    id: &str,
    name: &str,
    slug: &str,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("insert into workspaces (id, name, slug, default_currency, created_at) values ($1, $2, $3, 'EUR', $4)")
        .bind(id)
        .bind(name)
        .bind(slug)
        .bind(now_ms)
        .execute(conn)
        .await?;
    Ok(())
}

pub async fn insert_membership(
    conn: &mut AnyConnection,
    workspace_id: &str,
    user_id: &str,
    role: &str,
    now_ms: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("insert into memberships (workspace_id, user_id, role, created_at) values ($1, $2, $3, $4)")
        .bind(workspace_id)
        .bind(user_id)
        .bind(role)
        .bind(now_ms)
        .execute(conn)
        .await?;
    Ok(())
}

/// The workspaces `user_id` belongs to, oldest membership first.
pub async fn memberships_of(pool: &AnyPool, user_id: &str) -> Result<Vec<MembershipRow>, sqlx::Error> {
    sqlx::query_as(
        "select w.id as workspace_id, w.name, w.slug, m.role, w.member_visibility from memberships m \
         join workspaces w on w.id = m.workspace_id where m.user_id = $1 order by m.created_at, w.name",
    )
    .bind(user_id)
    .fetch_all(pool)
    .await
}

/// The workspace at `slug`, only when `user_id` is a member of it.
pub async fn membership_by_slug(pool: &AnyPool, user_id: &str, slug: &str) -> Result<Option<MembershipRow>, sqlx::Error> {
    sqlx::query_as(
        "select w.id as workspace_id, w.name, w.slug, m.role, w.member_visibility from memberships m \
         join workspaces w on w.id = m.workspace_id where m.user_id = $1 and w.slug = $2",
    )
    .bind(user_id)
    .bind(slug)
    .fetch_optional(pool)
    .await
}

/// The workspace's members as (user id, full name), by name.
pub async fn members(pool: &AnyPool, workspace_id: &str) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as("select u.id, u.full_name from memberships m join users u on u.id = m.user_id where m.workspace_id = $1 order by u.full_name, u.id")
        .bind(workspace_id)
        .fetch_all(pool)
        .await
}

/// Whether `user_id` belongs to the workspace.
pub async fn is_member(conn: &mut AnyConnection, workspace_id: &str, user_id: &str) -> Result<bool, sqlx::Error> {
    let row: Option<(String,)> = sqlx::query_as("select user_id from memberships where workspace_id = $1 and user_id = $2")
        .bind(workspace_id)
        .bind(user_id)
        .fetch_optional(conn)
        .await?;
    Ok(row.is_some())
}

/// Whether someone with this (lower-case) email address belongs to the workspace.
pub async fn is_member_email(conn: &mut AnyConnection, workspace_id: &str, email: &str) -> Result<bool, sqlx::Error> {
    let row: Option<(String,)> = sqlx::query_as(
        "select m.user_id from memberships m join users u on u.id = m.user_id where m.workspace_id = $1 and lower(u.email) = $2",
    )
    .bind(workspace_id)
    .bind(email)
    .fetch_optional(conn)
    .await?;
    Ok(row.is_some())
}
