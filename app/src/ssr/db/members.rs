//! A workspace's memberships: who belongs with which role, role changes, removal (with the
//! records they held handed to another member or left unowned), and the workspace's settings.

use sqlx::{AnyConnection, AnyPool, FromRow};

/// One member as the members page lists them.
#[derive(Clone, Debug, FromRow)]
pub struct MemberRow {
    pub user_id: String,
    pub full_name: String,
    pub email: String,
    pub role: String,
    pub joined_at: i64,
    /// When any of their sessions last did something (none when they have no session left).
    pub last_active_at: Option<i64>,
}

/// The workspace's members, owners first, then by name.
pub async fn list(pool: &AnyPool, workspace_id: &str) -> Result<Vec<MemberRow>, sqlx::Error> {
    sqlx::query_as(
        "select u.id as user_id, u.full_name, u.email, m.role, m.created_at as joined_at, \
         (select max(s.last_seen_at) from sessions s where s.user_id = u.id) as last_active_at \
         from memberships m join users u on u.id = m.user_id where m.workspace_id = $1 \
         order by case m.role when 'owner' then 0 when 'admin' then 1 when 'member' then 2 else 3 end, u.full_name, u.id",
    )
    .bind(workspace_id)
    .fetch_all(pool)
    .await
}

/// A member's role, when they belong to the workspace.
pub async fn role_of(conn: &mut AnyConnection, workspace_id: &str, user_id: &str) -> Result<Option<String>, sqlx::Error> {
    let row: Option<(String,)> = sqlx::query_as("select role from memberships where workspace_id = $1 and user_id = $2")
        .bind(workspace_id)
        .bind(user_id)
        .fetch_optional(conn)
        .await?;
    Ok(row.map(|(role,)| role))
}

pub async fn set_role(conn: &mut AnyConnection, workspace_id: &str, user_id: &str, role: &str) -> Result<(), sqlx::Error> {
    sqlx::query("update memberships set role = $3 where workspace_id = $1 and user_id = $2")
        .bind(workspace_id)
        .bind(user_id)
        .bind(role)
        .execute(conn)
        .await?;
    Ok(())
}

/// Hands every record `from` owns or is assigned to over to `to` (or leaves them unowned and
/// unassigned when `to` is `None`); answers how many records changed.
pub async fn hand_over(conn: &mut AnyConnection, workspace_id: &str, from: &str, to: Option<&str>, now_ms: i64) -> Result<u64, sqlx::Error> {
    let mut changed = 0;
    for (table, column) in [
        ("companies", "owner_id"),
        ("contacts", "owner_id"),
        ("deals", "owner_id"),
        ("leads", "owner_id"),
        ("tickets", "owner_id"),
        ("tickets", "assignee_id"),
        ("activities", "owner_id"),
        ("activities", "assignee_id"),
    ] {
        changed += sqlx::query(sqlx::AssertSqlSafe(format!(
            "update {table} set {column} = $3, updated_at = $4 where workspace_id = $1 and {column} = $2"
        )))
        .bind(workspace_id)
        .bind(from)
        .bind(to)
        .bind(now_ms)
        .execute(&mut *conn)
        .await?
        .rows_affected();
    }
    Ok(changed)
}

pub async fn remove(conn: &mut AnyConnection, workspace_id: &str, user_id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("delete from memberships where workspace_id = $1 and user_id = $2").bind(workspace_id).bind(user_id).execute(conn).await?;
    Ok(())
}

/// The workspace's name and what members see.
pub async fn settings(pool: &AnyPool, workspace_id: &str) -> Result<(String, String), sqlx::Error> {
    sqlx::query_as("select name, member_visibility from workspaces where id = $1").bind(workspace_id).fetch_one(pool).await
}

pub async fn save_settings(conn: &mut AnyConnection, workspace_id: &str, name: &str, visibility: &str) -> Result<(), sqlx::Error> {
    sqlx::query("update workspaces set name = $2, member_visibility = $3 where id = $1")
        .bind(workspace_id)
        .bind(name)
        .bind(visibility)
        .execute(conn)
        .await?;
    Ok(())
}

/// Deletes the workspace and, through its foreign keys, every record, membership and setting in
/// it.
pub async fn delete_workspace(conn: &mut AnyConnection, workspace_id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("delete from workspaces where id = $1").bind(workspace_id).execute(conn).await?;
    Ok(())
}
