//! Invitations to a workspace: created with a hashed token, found by that hash, listed while
//! pending, renewed (a new token voids the old one), revoked and accepted once.

use sqlx::{AnyConnection, AnyPool, FromRow};

#[derive(Clone, Debug, FromRow)]
pub struct InvitationRow {
    pub workspace_id: String,
    pub id: String,
    pub email: String,
    pub role: String,
    pub invited_by_name: Option<String>,
    pub workspace_name: String,
    pub workspace_slug: String,
    pub created_at: i64,
    pub expires_at: i64,
    pub accepted_at: Option<i64>,
    pub revoked_at: Option<i64>,
}

const SELECT: &str = "select i.workspace_id, i.id, i.email, i.role, u.full_name as invited_by_name, w.name as workspace_name, \
    w.slug as workspace_slug, i.created_at, i.expires_at, i.accepted_at, i.revoked_at \
    from invitations i join workspaces w on w.id = i.workspace_id left join users u on u.id = i.invited_by";

/// A new invitation; `token_hash` is the SHA-256 of the link's token.
pub struct NewInvitation<'a> {
    pub workspace_id: &'a str,
    pub id: &'a str,
    pub email: &'a str,
    pub role: &'a str,
    pub token_hash: &'a str,
    pub invited_by: &'a str,
    pub now_ms: i64,
    pub expires_at: i64,
}

pub async fn insert(conn: &mut AnyConnection, new: &NewInvitation<'_>) -> Result<(), sqlx::Error> {
    sqlx::query(
        "insert into invitations (workspace_id, id, email, role, token_hash, invited_by, created_at, expires_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(new.workspace_id)
    .bind(new.id)
    .bind(new.email)
    .bind(new.role)
    .bind(new.token_hash)
    .bind(new.invited_by)
    .bind(new.now_ms)
    .bind(new.expires_at)
    .execute(conn)
    .await?;
    Ok(())
}

/// The invitation whose token hashes to `token_hash`, in any state.
pub async fn by_token(conn: &mut AnyConnection, token_hash: &str) -> Result<Option<InvitationRow>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} where i.token_hash = $1"))).bind(token_hash).fetch_optional(conn).await
}

pub async fn find(conn: &mut AnyConnection, workspace_id: &str, id: &str) -> Result<Option<InvitationRow>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("{SELECT} where i.workspace_id = $1 and i.id = $2")))
        .bind(workspace_id)
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// Invitations neither accepted nor revoked (expired ones included, marked by their time), newest
/// first.
pub async fn open(pool: &AnyPool, workspace_id: &str) -> Result<Vec<InvitationRow>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "{SELECT} where i.workspace_id = $1 and i.accepted_at is null and i.revoked_at is null order by i.created_at desc, i.id desc"
    )))
    .bind(workspace_id)
    .fetch_all(pool)
    .await
}

/// Revokes every open invitation of `email` to the workspace (a new one replaces them).
pub async fn revoke_for_email(conn: &mut AnyConnection, workspace_id: &str, email: &str, now_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query("update invitations set revoked_at = $3 where workspace_id = $1 and email = $2 and accepted_at is null and revoked_at is null")
        .bind(workspace_id)
        .bind(email)
        .bind(now_ms)
        .execute(conn)
        .await?;
    Ok(())
}

/// A new token and expiry for an open invitation (the old link stops working); false when it is
/// no longer open.
pub async fn renew(conn: &mut AnyConnection, workspace_id: &str, id: &str, token_hash: &str, expires_at: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "update invitations set token_hash = $3, expires_at = $4 where workspace_id = $1 and id = $2 and accepted_at is null and revoked_at is null",
    )
    .bind(workspace_id)
    .bind(id)
    .bind(token_hash)
    .bind(expires_at)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn revoke(conn: &mut AnyConnection, workspace_id: &str, id: &str, now_ms: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("update invitations set revoked_at = $3 where workspace_id = $1 and id = $2 and accepted_at is null and revoked_at is null")
        .bind(workspace_id)
        .bind(id)
        .bind(now_ms)
        .execute(conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Marks an open, unexpired invitation accepted; false when someone else used it first (so a
/// token works once even when two requests race).
pub async fn mark_accepted(conn: &mut AnyConnection, workspace_id: &str, id: &str, now_ms: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "update invitations set accepted_at = $3 where workspace_id = $1 and id = $2 and accepted_at is null and revoked_at is null and expires_at > $3",
    )
    .bind(workspace_id)
    .bind(id)
    .bind(now_ms)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}
