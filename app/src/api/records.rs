//! What every record's page shows besides its fields: the timeline (changes and notes, newest
//! first), and the paging cursor the lists share.

use serde::{Deserialize, Serialize};

/// One entry of a record's timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineItem {
    pub id: String,
    /// Unix milliseconds.
    pub at: i64,
    /// Who did it; `None` for a former member.
    pub who: Option<String>,
    pub entry: TimelineEntry,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum TimelineEntry {
    /// created / updated / deleted / restored, with the changed fields (name, before, after).
    Event { action: String, changes: Vec<(String, String, String)> },
    Note { body: String },
}

#[cfg(feature = "ssr")]
pub mod ssr {
    //! Building timelines and cursors on the server.

    use super::{TimelineEntry, TimelineItem};
    use crate::domain::records::{Changes, RecordKind};
    use crate::ssr::db;
    use base64::Engine as _;
    use sqlx::AnyPool;

    const TIMELINE_LENGTH: i64 = 100;

    /// The newest events and notes of a record, merged, newest first.
    pub async fn timeline(pool: &AnyPool, workspace_id: &str, kind: RecordKind, record_id: &str) -> Result<Vec<TimelineItem>, sqlx::Error> {
        let events = db::events::for_record(pool, workspace_id, kind, record_id, TIMELINE_LENGTH).await?;
        let notes = db::notes::for_record(pool, workspace_id, kind, record_id, TIMELINE_LENGTH).await?;
        let mut items: Vec<TimelineItem> = events
            .into_iter()
            .map(|e| {
                let changes: Changes = serde_json::from_str(&e.changes).unwrap_or_default();
                TimelineItem {
                    id: e.id,
                    at: e.at,
                    who: e.actor_name,
                    entry: TimelineEntry::Event {
                        action: e.action,
                        changes: changes.into_iter().map(|(field, (before, after))| (field, before, after)).collect(),
                    },
                }
            })
            .chain(notes.into_iter().map(|n| TimelineItem { id: n.id, at: n.created_at, who: n.author_name, entry: TimelineEntry::Note { body: n.body } }))
            .collect();
        items.sort_by(|a, b| b.at.cmp(&a.at).then_with(|| b.id.cmp(&a.id)));
        items.truncate(usize::try_from(TIMELINE_LENGTH).unwrap_or(100));
        Ok(items)
    }

    /// Shows a changed company by its name rather than its id on the timeline.
    pub async fn name_company_change(conn: &mut sqlx::AnyConnection, workspace_id: &str, changes: &mut Changes) -> Result<(), sqlx::Error> {
        let Some((before, after)) = changes.remove("company_id") else {
            return Ok(());
        };
        let mut named = Vec::new();
        for id in [before, after] {
            let name: Option<(String,)> = if id.is_empty() {
                None
            } else {
                sqlx::query_as("select name from companies where workspace_id = $1 and id = $2")
                    .bind(workspace_id)
                    .bind(&id)
                    .fetch_optional(&mut *conn)
                    .await?
            };
            named.push(name.map(|(n,)| n).unwrap_or_default());
        }
        let after = named.pop().unwrap_or_default();
        let before = named.pop().unwrap_or_default();
        changes.insert("company".into(), (before, after));
        Ok(())
    }

    /// The opaque cursor a list hands back for its next page.
    pub fn encode_cursor(sort_key: &str, id: &str) -> String {
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(format!("{sort_key}\u{0}{id}"))
    }

    /// The `(sort key, id)` inside a cursor; `None` for an empty or unreadable one (the first page).
    pub fn decode_cursor(cursor: &str) -> Option<(String, String)> {
        let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(cursor.trim()).ok()?;
        let text = String::from_utf8(bytes).ok()?;
        let (key, id) = text.split_once('\u{0}')?;
        Some((key.to_owned(), id.to_owned()))
    }
}
