//! Activity rows and the records each is linked to. Every function takes the workspace id right
//! after the connection.

use crate::domain::activities::ValidActivity;
use crate::domain::records::RecordKind;
use sqlx::{AnyConnection, AnyPool, FromRow};

#[derive(Clone, Debug, FromRow)]
pub struct ActivityRow {
    pub id: String,
    pub kind: String,
    pub subject: String,
    pub description: String,
    pub due_at: Option<i64>,
    pub done_at: Option<i64>,
    pub assignee_id: Option<String>,
    pub assignee_name: Option<String>,
    pub owner_id: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
    pub deleted_at: Option<i64>,
}

const COLUMNS: &str = "a.id, a.kind, a.subject, a.description, a.due_at, a.done_at, a.assignee_id, u.full_name as assignee_name, \
    a.owner_id, a.created_at, a.updated_at, a.deleted_at";
const FROM: &str = "from activities a left join users u on u.id = a.assignee_id";

fn some(id: &str) -> Option<&str> {
    (!id.is_empty()).then_some(id)
}

pub async fn insert(conn: &mut AnyConnection, workspace_id: &str, id: &str, activity: &ValidActivity, owner_id: &str, now_ms: i64) -> Result<(), sqlx::Error> {
    let f = &activity.fields;
    sqlx::query(
        "insert into activities (workspace_id, id, kind, subject, description, due_at, assignee_id, owner_id, created_at, updated_at) \
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)",
    )
    .bind(workspace_id)
    .bind(id)
    .bind(&f.kind)
    .bind(&f.subject)
    .bind(&f.description)
    .bind(activity.due_at)
    .bind(some(&f.assignee_id))
    .bind(owner_id)
    .bind(now_ms)
    .execute(&mut *conn)
    .await?;
    replace_links(conn, workspace_id, id, activity).await
}

pub async fn update(conn: &mut AnyConnection, workspace_id: &str, id: &str, activity: &ValidActivity, now_ms: i64) -> Result<(), sqlx::Error> {
    let f = &activity.fields;
    sqlx::query(
        "update activities set kind = $3, subject = $4, description = $5, due_at = $6, assignee_id = $7, updated_at = $8 \
         where workspace_id = $1 and id = $2",
    )
    .bind(workspace_id)
    .bind(id)
    .bind(&f.kind)
    .bind(&f.subject)
    .bind(&f.description)
    .bind(activity.due_at)
    .bind(some(&f.assignee_id))
    .bind(now_ms)
    .execute(&mut *conn)
    .await?;
    replace_links(conn, workspace_id, id, activity).await
}

async fn replace_links(conn: &mut AnyConnection, workspace_id: &str, id: &str, activity: &ValidActivity) -> Result<(), sqlx::Error> {
    sqlx::query("delete from activity_links where workspace_id = $1 and activity_id = $2")
        .bind(workspace_id)
        .bind(id)
        .execute(&mut *conn)
        .await?;
    for (kind, record_id) in activity.fields.links() {
        sqlx::query("insert into activity_links (workspace_id, activity_id, record_kind, record_id) values ($1, $2, $3, $4)")
            .bind(workspace_id)
            .bind(id)
            .bind(kind.as_str())
            .bind(record_id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Marks the activity done now, or not done.
pub async fn set_done(conn: &mut AnyConnection, workspace_id: &str, id: &str, done_at: Option<i64>, now_ms: i64) -> Result<(), sqlx::Error> {
    sqlx::query("update activities set done_at = $3, updated_at = $4 where workspace_id = $1 and id = $2")
        .bind(workspace_id)
        .bind(id)
        .bind(done_at)
        .bind(now_ms)
        .execute(conn)
        .await?;
    Ok(())
}

/// The activity, in the trash or not.
pub async fn find(conn: &mut AnyConnection, workspace_id: &str, id: &str) -> Result<Option<ActivityRow>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!("select {COLUMNS} {FROM} where a.workspace_id = $1 and a.id = $2")))
        .bind(workspace_id)
        .bind(id)
        .fetch_optional(conn)
        .await
}

/// The records an activity is linked to: (kind, id).
pub async fn links(conn: &mut AnyConnection, workspace_id: &str, id: &str) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as("select record_kind, record_id from activity_links where workspace_id = $1 and activity_id = $2 order by record_kind")
        .bind(workspace_id)
        .bind(id)
        .fetch_all(conn)
        .await
}

/// Live activities assigned to someone: the open ones by due time (undated last), or the done
/// ones most recently done first.
pub async fn assigned_to(pool: &AnyPool, workspace_id: &str, assignee_id: &str, done: bool, limit: i64) -> Result<Vec<ActivityRow>, sqlx::Error> {
    let (condition, order) = if done {
        ("a.done_at is not null", "a.done_at desc, a.id desc")
    } else {
        ("a.done_at is null", "case when a.due_at is null then 1 else 0 end, a.due_at, a.id")
    };
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "select {COLUMNS} {FROM} where a.workspace_id = $1 and a.assignee_id = $2 and a.deleted_at is null and {condition} \
         order by {order} limit $3"
    )))
    .bind(workspace_id)
    .bind(assignee_id)
    .bind(limit)
    .fetch_all(pool)
    .await
}

/// The live activities linked to a record, newest first.
pub async fn for_record(pool: &AnyPool, workspace_id: &str, kind: RecordKind, record_id: &str, limit: i64) -> Result<Vec<ActivityRow>, sqlx::Error> {
    sqlx::query_as(sqlx::AssertSqlSafe(format!(
        "select {COLUMNS} from activity_links l join activities a on a.workspace_id = l.workspace_id and a.id = l.activity_id \
         left join users u on u.id = a.assignee_id \
         where l.workspace_id = $1 and l.record_kind = $2 and l.record_id = $3 and a.deleted_at is null \
         order by a.created_at desc, a.id desc limit $4"
    )))
    .bind(workspace_id)
    .bind(kind.as_str())
    .bind(record_id)
    .bind(limit)
    .fetch_all(pool)
    .await
}
