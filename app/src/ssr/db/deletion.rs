//! Account deletion: the pending request, the reminders, the operator's under-16 reports, and the
//! purge 30 days later.
//!
//! The purge removes every row about the person: their own rows go with the `users` row (foreign
//! keys `on delete cascade`), workspaces where they were the only member are deleted, and in the
//! workspaces that carry on, every column naming them is cleared — owner, assignee, author,
//! actor, "deleted by", "invited by" — and their name inside the audit log's changes becomes
//! "Former member". Rows found only by their address (invitations to it, failed sign-ins, mail
//! to or about it) are deleted. `server/tests/api/deletion.rs` checks the result against every
//! table of the schema.

use crate::domain::records::Changes;
use sqlx::{AnyConnection, AnyPool, FromRow};

/// How long a requested deletion waits before the purge.
pub const PENDING_DAYS: i64 = 30;
pub const DAY_MS: i64 = 86_400_000;
/// The reminders go this many days before the purge.
pub const REMINDER_DAYS: [i64; 2] = [7, 1];
/// What the audit log shows instead of a purged person's name.
pub const FORMER_MEMBER: &str = "Former member";

/// An account's deletion state.
#[derive(Clone, Debug, FromRow)]
pub struct AccountRow {
    pub id: String,
    pub email: String,
    pub full_name: String,
    pub created_at: i64,
    pub deletion_requested_at: Option<i64>,
    pub deletion_due_at: Option<i64>,
    pub suspended_at: Option<i64>,
    /// How many workspaces the account belongs to.
    pub workspaces: i64,
}

const ACCOUNT: &str = "select u.id, u.email, u.full_name, u.created_at, u.deletion_requested_at, u.deletion_due_at, u.suspended_at, \
    (select count(*) from memberships m where m.user_id = u.id) as workspaces from users u";

pub async fn account(conn: &mut AnyConnection, user_id: &str) -> Result<Option<AccountRow>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("{ACCOUNT} where u.id = $1"))).bind(user_id).fetch_optional(conn).await
}

/// The account with this address (compared without regard to case).
pub async fn account_by_email(pool: &AnyPool, email: &str) -> Result<Option<AccountRow>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("{ACCOUNT} where lower(u.email) = lower($1)"))).bind(email.trim()).fetch_optional(pool).await
}

/// Whether the account with this id is suspended (an under-16 report): it may not sign in.
pub async fn is_suspended(pool: &AnyPool, user_id: &str) -> Result<bool, sqlx::Error> {
    let row: Option<(Option<i64>,)> = sqlx::query_as("select suspended_at from users where id = $1").bind(user_id).fetch_optional(pool).await?;
    Ok(matches!(row, Some((Some(_),))))
}

/// Starts the pending period: the purge is due at `due_at`. Answers false when a deletion was
/// already pending (nothing changes then).
pub async fn schedule(conn: &mut AnyConnection, user_id: &str, now_ms: i64, due_at: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "update users set deletion_requested_at = $2, deletion_due_at = $3, deletion_reminded_7_at = null, deletion_reminded_1_at = null, \
         updated_at = $2 where id = $1 and deletion_due_at is null",
    )
    .bind(user_id)
    .bind(now_ms)
    .bind(due_at)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Ends the pending period (not for a suspended account). Answers false when nothing was pending.
pub async fn cancel(conn: &mut AnyConnection, user_id: &str, now_ms: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "update users set deletion_requested_at = null, deletion_due_at = null, deletion_reminded_7_at = null, deletion_reminded_1_at = null, \
         updated_at = $2 where id = $1 and deletion_due_at is not null and suspended_at is null",
    )
    .bind(user_id)
    .bind(now_ms)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Suspends the account and makes its purge due now. Answers false when it was already suspended.
pub async fn suspend(conn: &mut AnyConnection, user_id: &str, now_ms: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "update users set suspended_at = $2, deletion_requested_at = coalesce(deletion_requested_at, $2), deletion_due_at = $2, \
         updated_at = $2 where id = $1 and suspended_at is null",
    )
    .bind(user_id)
    .bind(now_ms)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Records that `reported_by` (an operator) reported the account as belonging to someone under 16.
pub async fn insert_report(conn: &mut AnyConnection, id: &str, user_id: &str, reported_by: &str, now_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query("insert into account_reports (id, user_id, reason, reported_by, reported_at) values ($1, $2, 'under_16', $3, $4)")
        .bind(id)
        .bind(user_id)
        .bind(reported_by)
        .bind(now_ms)
        .execute(conn)
        .await?;
    Ok(())
}

/// One under-16 report as the operators' page lists it: the account's address until the purge.
#[derive(Clone, Debug, FromRow)]
pub struct ReportRow {
    pub id: String,
    pub account_email: Option<String>,
    pub reported_by_name: Option<String>,
    pub reported_by_email: Option<String>,
    pub reported_at: i64,
    pub purged_at: Option<i64>,
}

/// The latest reports, newest first.
pub async fn reports(pool: &AnyPool, limit: i64) -> Result<Vec<ReportRow>, sqlx::Error> {
    sqlx::query_as(
        "select r.id, u.email as account_email, o.full_name as reported_by_name, o.email as reported_by_email, r.reported_at, r.purged_at \
         from account_reports r left join users u on u.id = r.user_id left join users o on o.id = r.reported_by \
         order by r.reported_at desc, r.id desc limit $1",
    )
    .bind(limit)
    .fetch_all(pool)
    .await
}

/// A workspace as the deletion section names it.
#[derive(Clone, Debug, FromRow)]
pub struct WorkspaceRow {
    pub id: String,
    pub name: String,
    pub slug: String,
}

/// Workspaces the person is the only owner of while others belong to them: deleting the account
/// must wait until ownership is transferred.
pub async fn sole_owner_with_others(conn: &mut AnyConnection, user_id: &str) -> Result<Vec<WorkspaceRow>, sqlx::Error> {
    sqlx::query_as(
        "select w.id, w.name, w.slug from memberships m join workspaces w on w.id = m.workspace_id \
         where m.user_id = $1 and m.role = 'owner' \
         and not exists (select 1 from memberships o where o.workspace_id = m.workspace_id and o.role = 'owner' and o.user_id <> $1) \
         and exists (select 1 from memberships o where o.workspace_id = m.workspace_id and o.user_id <> $1) \
         order by w.name, w.id",
    )
    .bind(user_id)
    .fetch_all(conn)
    .await
}

/// Workspaces the person is the only member of: they are deleted with the account.
pub async fn sole_member_of(conn: &mut AnyConnection, user_id: &str) -> Result<Vec<WorkspaceRow>, sqlx::Error> {
    sqlx::query_as(
        "select w.id, w.name, w.slug from memberships m join workspaces w on w.id = m.workspace_id \
         where m.user_id = $1 and not exists (select 1 from memberships o where o.workspace_id = m.workspace_id and o.user_id <> $1) \
         order by w.name, w.id",
    )
    .bind(user_id)
    .fetch_all(conn)
    .await
}

/// A pending account that a reminder is due for.
#[derive(Clone, Debug, FromRow)]
pub struct ReminderRow {
    pub id: String,
    pub email: String,
    pub full_name: String,
    pub deletion_due_at: i64,
}

/// Pending accounts (not suspended) whose purge is at most `days` days away and who have not had
/// that reminder yet.
pub async fn reminders_due(pool: &AnyPool, days: i64, now_ms: i64) -> Result<Vec<ReminderRow>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "select id, email, full_name, deletion_due_at from users where deletion_due_at is not null and suspended_at is null \
         and deletion_due_at > $1 and deletion_due_at - $2 <= $1 and {} is null order by deletion_due_at, id",
        reminder_column(days)
    )))
    .bind(now_ms)
    .bind(days * DAY_MS)
    .fetch_all(pool)
    .await
}

/// Records that the `days` reminder was sent (and, for the last one, that the earlier one need not
/// go any more). Answers false when another pass recorded it first: the mail must not go twice.
pub async fn mark_reminded(conn: &mut AnyConnection, user_id: &str, days: i64, now_ms: i64) -> Result<bool, sqlx::Error> {
    let column = reminder_column(days);
    let also_earlier = if days == 1 { ", deletion_reminded_7_at = coalesce(deletion_reminded_7_at, $2)" } else { "" };
    let done = sqlx::query(sqlx::AssertSqlSafe(format!(
        "update users set {column} = $2{also_earlier} where id = $1 and {column} is null and deletion_due_at is not null"
    )))
    .bind(user_id)
    .bind(now_ms)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

fn reminder_column(days: i64) -> &'static str {
    if days <= 1 { "deletion_reminded_1_at" } else { "deletion_reminded_7_at" }
}

/// Accounts whose purge is due by `now_ms`.
pub async fn due_for_purge(pool: &AnyPool, now_ms: i64) -> Result<Vec<String>, sqlx::Error> {
    let rows: Vec<(String,)> = sqlx::query_as("select id from users where deletion_due_at is not null and deletion_due_at <= $1 order by deletion_due_at, id")
        .bind(now_ms)
        .fetch_all(pool)
        .await?;
    Ok(rows.into_iter().map(|(id,)| id).collect())
}

/// Who was purged: what the last mail needs.
#[derive(Clone, Debug)]
pub struct Purged {
    pub email: String,
    pub full_name: String,
    /// Suspended after an under-16 report (rather than asked for by the person).
    pub reported_under_16: bool,
}

/// Purges the account if its deletion is due, in the caller's transaction; `None` when it is not
/// (already purged by another pass, cancelled, not due).
pub async fn purge(conn: &mut AnyConnection, user_id: &str, now_ms: i64) -> Result<Option<Purged>, sqlx::Error> {
    // Claims the account: a concurrent pass waits on this row and then finds nothing to do.
    let claimed = sqlx::query("update users set deletion_due_at = deletion_due_at where id = $1 and deletion_due_at is not null and deletion_due_at <= $2")
        .bind(user_id)
        .bind(now_ms)
        .execute(&mut *conn)
        .await?
        .rows_affected();
    if claimed != 1 {
        return Ok(None);
    }
    let (email, full_name, suspended_at): (String, String, Option<i64>) =
        sqlx::query_as("select email, full_name, suspended_at from users where id = $1").bind(user_id).fetch_one(&mut *conn).await?;
    let memberships: Vec<(String, String)> =
        sqlx::query_as("select workspace_id, role from memberships where user_id = $1 order by workspace_id").bind(user_id).fetch_all(&mut *conn).await?;
    for (workspace_id, role) in memberships {
        let (others,): (i64,) = sqlx::query_as("select count(*) from memberships where workspace_id = $1 and user_id <> $2")
            .bind(&workspace_id)
            .bind(user_id)
            .fetch_one(&mut *conn)
            .await?;
        if others == 0 {
            super::members::delete_workspace(conn, &workspace_id).await?;
        } else {
            if role == "owner" {
                hand_on_ownership(conn, &workspace_id, user_id).await?;
            }
            leave_workspace(conn, &workspace_id, user_id, &full_name, now_ms).await?;
        }
    }
    forget_address(conn, &email).await?;
    sqlx::query("update communication_replies set author_id = null where author_id = $1").bind(user_id).execute(&mut *conn).await?;
    sqlx::query("update account_reports set purged_at = $2, user_id = null where user_id = $1").bind(user_id).bind(now_ms).execute(&mut *conn).await?;
    sqlx::query("update account_reports set reported_by = null where reported_by = $1").bind(user_id).execute(&mut *conn).await?;
    // Sessions, policy acceptances, reset links, email changes, messages to NexaCRM, survey
    // preferences, consents, page visits, exports, privacy requests, unsubscribe tokens and
    // memberships go with the account (their foreign keys cascade); an operator's name on
    // answered privacy requests and published policy versions is cleared (`on delete set null`).
    sqlx::query("delete from users where id = $1").bind(user_id).execute(&mut *conn).await?;
    Ok(Some(Purged { email, full_name, reported_under_16: suspended_at.is_some() }))
}

/// When the purged person is a workspace's only owner and others remain (someone joined during
/// the 30 days, or an operator's report), the workspace is not left without an owner: the
/// longest-standing admin becomes owner, else the longest-standing member, else viewer.
async fn hand_on_ownership(conn: &mut AnyConnection, workspace_id: &str, user_id: &str) -> Result<(), sqlx::Error> {
    let owners: (i64,) = sqlx::query_as("select count(*) from memberships where workspace_id = $1 and role = 'owner' and user_id <> $2")
        .bind(workspace_id)
        .bind(user_id)
        .fetch_one(&mut *conn)
        .await?;
    if owners.0 > 0 {
        return Ok(());
    }
    let next: Option<(String,)> = sqlx::query_as(
        "select user_id from memberships where workspace_id = $1 and user_id <> $2 \
         order by case role when 'admin' then 0 when 'member' then 1 else 2 end, created_at, user_id limit 1",
    )
    .bind(workspace_id)
    .bind(user_id)
    .fetch_optional(&mut *conn)
    .await?;
    if let Some((next,)) = next {
        super::members::set_role(conn, workspace_id, &next, "owner").await?;
    }
    Ok(())
}

/// Clears every column of a surviving workspace that names the person, and their name in the
/// audit log's changes; their membership goes.
async fn leave_workspace(conn: &mut AnyConnection, workspace_id: &str, user_id: &str, full_name: &str, now_ms: i64) -> Result<(), sqlx::Error> {
    super::members::hand_over(conn, workspace_id, user_id, None, now_ms).await?;
    let columns = [
        ("companies", "deleted_by"),
        ("contacts", "deleted_by"),
        ("deals", "deleted_by"),
        ("leads", "deleted_by"),
        ("tickets", "deleted_by"),
        ("activities", "deleted_by"),
        ("notes", "deleted_by"),
        ("notes", "author_id"),
        ("email_templates", "owner_id"),
        ("email_drafts", "author_id"),
        ("events", "actor_id"),
        ("invitations", "invited_by"),
        ("email_suppressions", "erased_by"),
    ];
    for (table, column) in columns {
        sqlx::query(sqlx::AssertSqlSafe(format!("update {table} set {column} = null where workspace_id = $1 and {column} = $2")))
            .bind(workspace_id)
            .bind(user_id)
            .execute(&mut *conn)
            .await?;
    }
    scrub_name_in_events(conn, workspace_id, full_name).await?;
    super::members::remove(conn, workspace_id, user_id).await?;
    Ok(())
}

/// The audit log names members by name in an owner or assignee change; the purged person's name
/// becomes "Former member" there (the change itself stays).
async fn scrub_name_in_events(conn: &mut AnyConnection, workspace_id: &str, full_name: &str) -> Result<(), sqlx::Error> {
    let quoted = serde_json::to_string(full_name).unwrap_or_default();
    let pattern = format!("%{}%", quoted.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
    let rows: Vec<(String, String)> = sqlx::query_as("select id, changes from events where workspace_id = $1 and changes like $2 escape '\\'")
        .bind(workspace_id)
        .bind(pattern)
        .fetch_all(&mut *conn)
        .await?;
    for (id, json) in rows {
        let Ok(mut changes) = serde_json::from_str::<Changes>(&json) else { continue };
        if !scrub_member_name(&mut changes, full_name) {
            continue;
        }
        sqlx::query("update events set changes = $3 where workspace_id = $1 and id = $2")
            .bind(workspace_id)
            .bind(&id)
            .bind(serde_json::to_string(&changes).unwrap_or_else(|_| "{}".into()))
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Replaces `full_name` in the fields that name a member; answers whether anything changed.
pub fn scrub_member_name(changes: &mut Changes, full_name: &str) -> bool {
    let mut changed = false;
    for field in ["owner", "assignee"] {
        if let Some((before, after)) = changes.get_mut(field) {
            for value in [before, after] {
                if value == full_name {
                    FORMER_MEMBER.clone_into(value);
                    changed = true;
                }
            }
        }
    }
    changed
}

/// Deletes what is found only by the address: invitations to it, failed sign-ins counted against
/// it, and every outbox mail to it, with it as reply address, or mentioning it.
async fn forget_address(conn: &mut AnyConnection, email: &str) -> Result<(), sqlx::Error> {
    let lower = email.trim().to_lowercase();
    sqlx::query("delete from invitations where lower(email) = $1").bind(&lower).execute(&mut *conn).await?;
    sqlx::query("delete from login_failures where lower(account) = $1").bind(&lower).execute(&mut *conn).await?;
    let pattern = format!("%{}%", lower.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_"));
    sqlx::query(
        "delete from mail_outbox where lower(to_address) = $1 or lower(coalesce(reply_to_address, '')) = $1 \
         or lower(subject) like $2 escape '\\' or lower(text_body) like $2 escape '\\' or lower(html_body) like $2 escape '\\'",
    )
    .bind(&lower)
    .bind(&pattern)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// Planner statistics keep sample values of indexed columns (SQLite's `sqlite_stat4`,
/// PostgreSQL's `pg_statistic`), which may hold a purged person's id until the tables are next
/// analysed: after a purge they are gathered afresh.
pub async fn refresh_statistics(db: &super::Db) -> Result<(), sqlx::Error> {
    match db.dialect {
        super::Dialect::Sqlite => super::statistics::gather(&mut *db.pool.acquire().await?, super::statistics::Scope::All).await,
        super::Dialect::Postgres => sqlx::query("analyze").execute(&db.pool).await.map(|_| ()),
    }
}

/// Removes the "account deleted" notices that have been delivered (or given up on, or kept for
/// the development mailbox): after that, nothing holds the purged address. Answers how many.
pub async fn forget_delivered_notices(pool: &AnyPool) -> Result<u64, sqlx::Error> {
    let done = sqlx::query("delete from mail_outbox where kind = 'account_deleted' and status in ('sent', 'failed', 'kept')").execute(pool).await?;
    Ok(done.rows_affected())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_purged_name_becomes_former_member_only_where_members_are_named() {
        let mut changes = Changes::new();
        changes.insert("owner".into(), ("Ada Lovelace".into(), "Bob".into()));
        changes.insert("assignee".into(), (String::new(), "Ada Lovelace".into()));
        changes.insert("name".into(), ("Ada Lovelace".into(), "Ada Lovelace Ltd".into()));
        assert!(scrub_member_name(&mut changes, "Ada Lovelace"));
        assert_eq!(changes["owner"], (FORMER_MEMBER.to_owned(), "Bob".to_owned()));
        assert_eq!(changes["assignee"], (String::new(), FORMER_MEMBER.to_owned()));
        assert_eq!(changes["name"].0, "Ada Lovelace", "a record's own field is the workspace's data");
        assert!(!scrub_member_name(&mut changes, "Grace Hopper"));
    }
}
