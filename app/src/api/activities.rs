//! Activities (calls, meetings, tasks, emails) and "My work": what is overdue, due today and
//! coming up for the signed-in member.

use super::records::TimelineItem;
use crate::domain::activities::ActivityFields;
use crate::domain::records::RecordKind;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivitySummary {
    pub id: String,
    pub kind: String,
    pub subject: String,
    pub due_at: Option<i64>,
    pub done_at: Option<i64>,
    pub assignee_name: Option<String>,
}

#[cfg(feature = "ssr")]
impl ActivitySummary {
    pub fn from_row(a: crate::ssr::db::activities::ActivityRow) -> Self {
        ActivitySummary { id: a.id, kind: a.kind, subject: a.subject, due_at: a.due_at, done_at: a.done_at, assignee_name: a.assignee_name }
    }
}

/// The caller's open activities by when they are due, and what they finished lately.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyWork {
    pub overdue: Vec<ActivitySummary>,
    pub today: Vec<ActivitySummary>,
    pub upcoming: Vec<ActivitySummary>,
    /// Open, with no due time.
    pub someday: Vec<ActivitySummary>,
    pub done: Vec<ActivitySummary>,
}

/// A record an activity is linked to.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LinkedRecord {
    pub kind: RecordKind,
    pub id: String,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActivityDetail {
    /// Whether the caller may change it (their role, and for members whether they own it or are
    /// assigned to it).
    pub can_edit: bool,
    pub id: String,
    pub fields: ActivityFields,
    pub due_at: Option<i64>,
    pub done_at: Option<i64>,
    pub assignee_name: Option<String>,
    pub links: Vec<LinkedRecord>,
    pub created_at: i64,
    pub in_trash: bool,
    pub timeline: Vec<TimelineItem>,
}

/// How many activities each section of "My work" shows.
#[cfg(feature = "ssr")]
const WORK_LIMIT: i64 = 200;

/// The caller's activities: overdue, due today (their own day), upcoming, undated, and recently done.
#[server(endpoint = "activities/mine", input = server_fn::codec::GetUrl)]
pub async fn load_my_work(slug: String) -> Result<MyWork, AppError> {
    use crate::domain::activities::{due_bucket, Due};
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    let now_ms = state.clock.now_ms();
    let zone = crate::ssr::zones::of_user(&state.db.pool, &member.user_id, now_ms).await?;
    let open = db::activities::assigned_to(&state.db.pool, &member.workspace_id, &member.user_id, false, WORK_LIMIT).await?;
    let done = db::activities::assigned_to(&state.db.pool, &member.workspace_id, &member.user_id, true, 20).await?;
    let mut work = MyWork { overdue: vec![], today: vec![], upcoming: vec![], someday: vec![], done: done.into_iter().map(ActivitySummary::from_row).collect() };
    for row in open {
        // "Today" is the person's own day.
        let section = match due_bucket(row.due_at.map(|at| zone.to_local(at)), zone.to_local(now_ms)) {
            Due::Overdue => &mut work.overdue,
            Due::Today => &mut work.today,
            Due::Upcoming => &mut work.upcoming,
            Due::Someday => &mut work.someday,
        };
        section.push(ActivitySummary::from_row(row));
    }
    Ok(work)
}

/// One activity with its links and timeline.
#[server(endpoint = "activities/get", input = server_fn::codec::GetUrl)]
pub async fn get_activity(slug: String, id: String) -> Result<ActivityDetail, AppError> {
    use crate::domain::activities::due_input;
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    let mut conn = state.db.pool.acquire().await?;
    let row = db::activities::find(&mut conn, &member.workspace_id, &id).await?.ok_or(AppError::NotFound)?;
    member.require_see(row.owner_id.as_deref(), row.assignee_id.as_deref())?;
    let zone = crate::ssr::zones::of_user(&state.db.pool, &member.user_id, state.clock.now_ms()).await?;
    let can_edit = member.can_edit(row.owner_id.as_deref(), row.assignee_id.as_deref());
    let mut fields = ActivityFields {
        kind: row.kind,
        subject: row.subject,
        description: row.description,
        due: row.due_at.map(|at| due_input(zone.to_local(at))).unwrap_or_default(),
        assignee_id: row.assignee_id.unwrap_or_default(),
        ..Default::default()
    };
    let mut links = Vec::new();
    for (kind, record_id) in db::activities::links(&mut conn, &member.workspace_id, &id).await? {
        let Some(kind) = RecordKind::parse(&kind) else { continue };
        let Some(name) = db::trash::live_name(&mut conn, &member.workspace_id, kind, &record_id).await? else { continue };
        match kind {
            RecordKind::Contact => fields.contact_id = record_id.clone(),
            RecordKind::Company => fields.company_id = record_id.clone(),
            RecordKind::Deal => fields.deal_id = record_id.clone(),
            RecordKind::Ticket => fields.ticket_id = record_id.clone(),
            RecordKind::Lead | RecordKind::Activity => {}
        }
        links.push(LinkedRecord { kind, id: record_id, name });
    }
    drop(conn);
    let timeline = super::records::ssr::timeline(&state.db.pool, &member, RecordKind::Activity, &id).await?;
    Ok(ActivityDetail {
        can_edit,
        id: row.id,
        fields,
        due_at: row.due_at,
        done_at: row.done_at,
        assignee_name: row.assignee_name,
        links,
        created_at: row.created_at,
        in_trash: row.deleted_at.is_some(),
        timeline,
    })
}

/// Validates the fields, including that every linked record and the assignee belong here; the
/// due time is read in the person's time zone (`zone`).
#[cfg(feature = "ssr")]
async fn checked(conn: &mut sqlx::AnyConnection, member: &crate::ssr::access::Member, fields: ActivityFields, zone: &crate::domain::dates::Zone) -> Result<crate::domain::activities::ValidActivity, AppError> {
    use super::records::ssr::{require_live, require_member};
    use crate::i18n_setup::td_string;
    let locale = crate::i18n_setup::request_locale();
    let mut activity = fields.parse(locale).map_err(|fields| AppError::Validation { fields })?;
    activity.due_at = activity.due_at.map(|wall| zone.from_local(wall));
    for (kind, id) in activity.fields.links() {
        let field = format!("{}_id", kind.as_str());
        require_live(conn, member, kind, &id, &field).await?;
        if crate::ssr::db::person_privacy::flags(conn, &member.workspace_id, kind, &id).await?.is_some_and(|f| f.do_not_process) {
            let this_person = td_string!(locale, errors.person_privacy.this_person);
            return Err(AppError::field(&field, crate::domain::person_privacy::restricted_message(this_person, locale)));
        }
    }
    require_member(conn, &member.workspace_id, &activity.fields.assignee_id, "assignee_id").await?;
    Ok(activity)
}

/// Plans an activity (assigned to the caller unless someone else is chosen) and goes back to
/// where it was planned from: the first linked record, else "My work".
#[server(endpoint = "activities/create")]
pub async fn create_activity(slug: String, fields: ActivityFields) -> Result<String, AppError> {
    use crate::domain::records::changes;
    use crate::ssr::db::events::{self, Action, Subject};
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    member.require_writer()?;
    let mut tx = state.db.begin_write().await?;
    let mut activity = checked(&mut tx, &member, fields, &crate::ssr::zones::of_user(&state.db.pool, &member.user_id, state.clock.now_ms()).await?).await?;
    if activity.fields.assignee_id.is_empty() {
        activity.fields.assignee_id = member.user_id.clone();
    }
    let id = db::new_id();
    let now_ms = state.clock.now_ms();
    db::activities::insert(&mut tx, &member.workspace_id, &id, &activity, &member.user_id, now_ms).await?;
    let empty: Vec<(&str, String)> = activity.named().into_iter().map(|(f, _)| (f, String::new())).collect();
    let mut created = changes(&empty, &activity.named());
    super::records::ssr::name_ids(&mut tx, &member.workspace_id, &mut created).await?;
    let subject = Subject { workspace_id: &member.workspace_id, kind: RecordKind::Activity, record_id: &id, actor_id: &member.user_id, at: now_ms };
    events::record(&mut tx, subject, Action::Created, &created).await?;
    tx.commit().await?;
    let back = match activity.fields.links().first() {
        Some((kind, record_id)) => format!("/w/{slug}/{}/{record_id}", kind.path()),
        None => format!("/w/{slug}/work"),
    };
    leptos_axum::redirect(&back);
    Ok(id)
}

/// Saves changed fields and links.
#[server(endpoint = "activities/update")]
pub async fn update_activity(slug: String, id: String, fields: ActivityFields) -> Result<(), AppError> {
    use crate::domain::activities::ValidActivity;
    use crate::domain::records::changes;
    use crate::ssr::db::events::{self, Action, Subject};
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    member.require_writer()?;
    let mut tx = state.db.begin_write().await?;
    let before = db::activities::find(&mut tx, &member.workspace_id, &id).await?.filter(|a| a.deleted_at.is_none()).ok_or(AppError::NotFound)?;
    member.require_edit(before.owner_id.as_deref(), before.assignee_id.as_deref())?;
    let mut activity = checked(&mut tx, &member, fields, &crate::ssr::zones::of_user(&state.db.pool, &member.user_id, state.clock.now_ms()).await?).await?;
    if activity.fields.assignee_id.is_empty() {
        activity.fields.assignee_id = member.user_id.clone();
    }
    let before = ValidActivity {
        fields: ActivityFields {
            kind: before.kind,
            subject: before.subject,
            description: before.description,
            assignee_id: before.assignee_id.unwrap_or_default(),
            ..Default::default()
        },
        due_at: before.due_at,
    };
    let mut changed = changes(&before.named(), &activity.named());
    let now_ms = state.clock.now_ms();
    db::activities::update(&mut tx, &member.workspace_id, &id, &activity, now_ms).await?;
    if !changed.is_empty() {
        super::records::ssr::name_ids(&mut tx, &member.workspace_id, &mut changed).await?;
        let subject = Subject { workspace_id: &member.workspace_id, kind: RecordKind::Activity, record_id: &id, actor_id: &member.user_id, at: now_ms };
        events::record(&mut tx, subject, Action::Updated, &changed).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Marks an activity done (or not done again), from "My work", the dashboard or its page.
#[server(endpoint = "activities/done")]
pub async fn set_activity_done(slug: String, id: String, done: bool) -> Result<(), AppError> {
    use crate::domain::records::Changes;
    use crate::ssr::db::events::{self, Action, Subject};
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    member.require_writer()?;
    let mut tx = state.db.begin_write().await?;
    let row = db::activities::find(&mut tx, &member.workspace_id, &id).await?.filter(|a| a.deleted_at.is_none()).ok_or(AppError::NotFound)?;
    member.require_edit(row.owner_id.as_deref(), row.assignee_id.as_deref())?;
    if row.done_at.is_some() != done {
        let now_ms = state.clock.now_ms();
        db::activities::set_done(&mut tx, &member.workspace_id, &id, done.then_some(now_ms), now_ms).await?;
        let subject = Subject { workspace_id: &member.workspace_id, kind: RecordKind::Activity, record_id: &id, actor_id: &member.user_id, at: now_ms };
        events::record(&mut tx, subject, if done { Action::Completed } else { Action::Reopened }, &Changes::new()).await?;
    }
    tx.commit().await?;
    Ok(())
}
