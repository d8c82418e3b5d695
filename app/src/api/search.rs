//! Global search: contacts, companies, deals, leads and tickets by name, email, phone and domain,
//! grouped by kind: names that start with the query first (an exact name first of all), then the
//! best of the other matches.

use crate::domain::records::RecordKind;
use crate::error::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchHit {
    pub id: String,
    pub title: String,
    pub detail: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SearchGroup {
    pub kind: RecordKind,
    pub hits: Vec<SearchHit>,
}

/// How many documents one search reads, and how many of one kind it shows.
#[cfg(feature = "ssr")]
const SEARCH_LIMIT: i64 = 60;
#[cfg(feature = "ssr")]
const PER_KIND: usize = 8;

/// The records whose words start with every word of `q`, grouped by kind (kinds without hits left out).
#[server(endpoint = "search", input = server_fn::codec::GetUrl)]
pub async fn search(slug: String, q: String) -> Result<Vec<SearchGroup>, AppError> {
    use crate::domain::search::{exact_key, query_words};
    use crate::ssr::{access, db};
    let (state, member) = access::member(&slug).await?;
    let words = query_words(&q);
    let hits = db::search::find(&state.db.pool, state.db.dialect, &member.workspace_id, &words, &exact_key(&q), member.only_own(), i64::try_from(PER_KIND).unwrap_or(8), SEARCH_LIMIT).await?;
    // Groups in the order of their best hit, so the kind holding an exact match comes first.
    let mut groups: Vec<SearchGroup> = Vec::new();
    for hit in hits {
        let Some(kind) = RecordKind::parse(&hit.record_kind) else { continue };
        let found = SearchHit { id: hit.record_id, title: hit.title, detail: hit.detail };
        match groups.iter_mut().find(|g| g.kind == kind) {
            Some(group) if group.hits.len() < PER_KIND => group.hits.push(found),
            Some(_) => {}
            None => groups.push(SearchGroup { kind, hits: vec![found] }),
        }
    }
    Ok(groups)
}
