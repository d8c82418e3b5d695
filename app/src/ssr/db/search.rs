//! The search index: one document per live contact, company, deal, lead and ticket, replaced in
//! the same transaction as every change to the record, and queried with FTS5 on SQLite and a
//! tsvector on PostgreSQL.

use super::Dialect;
use crate::domain::records::RecordKind;
use crate::domain::search::index_words;
use sqlx::{AnyConnection, AnyPool, FromRow};

/// What a document holds for one record: its title, the line under it, and its words.
struct Document {
    title: String,
    detail: String,
    words: String,
}

/// Rewrites the record's document from its current row; removes it when the record is gone or in
/// the trash, or is not a searchable kind.
pub async fn refresh(conn: &mut AnyConnection, workspace_id: &str, kind: RecordKind, id: &str) -> Result<(), sqlx::Error> {
    sqlx::query("delete from search_index where workspace_id = $1 and record_kind = $2 and record_id = $3")
        .bind(workspace_id)
        .bind(kind.as_str())
        .bind(id)
        .execute(&mut *conn)
        .await?;
    let Some(document) = document(conn, workspace_id, kind, id).await? else {
        return Ok(());
    };
    sqlx::query("insert into search_index (workspace_id, record_kind, record_id, title, detail, terms) values ($1, $2, $3, $4, $5, $6)")
        .bind(workspace_id)
        .bind(kind.as_str())
        .bind(id)
        .bind(document.title)
        .bind(document.detail)
        .bind(document.words)
        .execute(conn)
        .await?;
    Ok(())
}

/// The searchable values of a live record, by kind.
async fn document(conn: &mut AnyConnection, workspace_id: &str, kind: RecordKind, id: &str) -> Result<Option<Document>, sqlx::Error> {
    // (title, detail, other searchable values, phone)
    let sql = match kind {
        RecordKind::Contact => "select trim(first_name || ' ' || last_name), job_title, '', '' from contacts",
        RecordKind::Company => "select name, domain, domain, phone from companies",
        RecordKind::Deal => "select name, '', '', '' from deals",
        RecordKind::Lead => "select name, company_name, company_name || ' ' || email, phone from leads",
        RecordKind::Ticket => "select subject, status, '', '' from tickets",
        RecordKind::Activity => return Ok(None),
    };
    let row: Option<(String, String, String, String)> =
        sqlx::query_as(sqlx::AssertSqlSafe(format!("{sql} where workspace_id = $1 and id = $2 and deleted_at is null")))
            .bind(workspace_id)
            .bind(id)
            .fetch_optional(&mut *conn)
            .await?;
    let Some((title, mut detail, values, phone)) = row else {
        return Ok(None);
    };
    let mut values = vec![title.clone(), values];
    let mut phones = vec![phone];
    if kind == RecordKind::Contact {
        let channels: Vec<(String, String, i64)> =
            sqlx::query_as("select kind, value, is_primary from contact_channels where workspace_id = $1 and contact_id = $2 order by kind, position")
                .bind(workspace_id)
                .bind(id)
                .fetch_all(&mut *conn)
                .await?;
        for (channel, value, primary) in channels {
            if channel == "email" {
                if primary != 0 {
                    detail = value.clone();
                }
                values.push(value);
            } else {
                phones.push(value);
            }
        }
    }
    let values: Vec<&str> = values.iter().map(String::as_str).collect();
    let phones: Vec<&str> = phones.iter().map(String::as_str).collect();
    Ok(Some(Document { title, detail, words: index_words(&values, &phones) }))
}

#[derive(Clone, Debug, FromRow)]
pub struct Hit {
    pub record_kind: String,
    pub record_id: String,
    pub title: String,
    pub detail: String,
}

/// The kinds whose names are kept in list order (`sort_name`, indexed with the workspace), so the
/// records whose name starts with a query are read from an index range.
const NAMED_KINDS: [RecordKind; 4] = [RecordKind::Contact, RecordKind::Company, RecordKind::Deal, RecordKind::Lead];

/// How many full-text matches are ranked at most. Ranking reads every candidate (a short prefix
/// such as "mar" matches 100,000 documents among a million contacts: 200 ms on SQLite and
/// PostgreSQL); the candidates are the first this many the index yields.
const RANKED_CANDIDATES: i64 = 500;

/// What one search finds: first, up to `per_kind` contacts, companies, deals and leads whose name
/// starts with the typed text `exact` (so an exact name first), in name order; then the other
/// documents whose words start with every one of `words`, an exact title first, then by relevance
/// among the first `RANKED_CANDIDATES` matches, then by title; `limit` in all.
/// With `visible_to`, only records that user owns or is assigned to.
#[allow(clippy::too_many_arguments)]
pub async fn find(
    pool: &AnyPool,
    dialect: Dialect,
    workspace_id: &str,
    words: &[String],
    exact: &str,
    visible_to: Option<&str>,
    per_kind: i64,
    limit: i64,
) -> Result<Vec<Hit>, sqlx::Error> {
    if words.is_empty() {
        return Ok(Vec::new());
    }
    let mut hits = names_starting_with(pool, workspace_id, exact, visible_to, per_kind).await?;
    let ranked = ranked_matches(pool, dialect, workspace_id, words, exact, visible_to, limit).await?;
    for hit in ranked {
        if !hits.iter().any(|h| h.record_kind == hit.record_kind && h.record_id == hit.record_id) {
            hits.push(hit);
        }
    }
    hits.truncate(usize::try_from(limit).unwrap_or(0));
    Ok(hits)
}

/// Up to `per_kind` live records of each named kind whose name starts with `prefix` (a sort key),
/// as their search documents, in name order: one index range per kind, as the lists' name filter.
async fn names_starting_with(pool: &AnyPool, workspace_id: &str, prefix: &str, visible_to: Option<&str>, per_kind: i64) -> Result<Vec<Hit>, sqlx::Error> {
    if prefix.is_empty() {
        return Ok(Vec::new());
    }
    let visible = super::listing::visible_to(&["r.owner_id"], 5, visible_to);
    let ranges: Vec<String> = NAMED_KINDS
        .iter()
        .map(|kind| {
            format!(
                "select * from (select '{kind}' as record_kind, r.id as record_id, r.sort_name from {table} r \
                 where r.workspace_id = $1 and r.sort_name >= $2 and r.sort_name < $3 and r.deleted_at is null and {visible} \
                 order by r.sort_name, r.id limit $4) {table}",
                kind = kind.as_str(),
                table = kind.path(),
            )
        })
        .collect();
    let sql = format!(
        "select s.record_kind, s.record_id, s.title, s.detail from ({}) t \
         join search_index s on s.workspace_id = $1 and s.record_kind = t.record_kind and s.record_id = t.record_id \
         order by t.sort_name, t.record_kind, t.record_id",
        ranges.join(" union all ")
    );
    sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(workspace_id)
        .bind(prefix)
        .bind(format!("{prefix}\u{10FFFF}"))
        .bind(per_kind)
        .bind(visible_to.unwrap_or(""))
        .fetch_all(pool)
        .await
}

/// The best `limit` of the first `RANKED_CANDIDATES` documents whose words start with every one
/// of `words`: an exact title match first, then by relevance, then by title.
async fn ranked_matches(pool: &AnyPool, dialect: Dialect, workspace_id: &str, words: &[String], exact: &str, visible_to: Option<&str>, limit: i64) -> Result<Vec<Hit>, sqlx::Error> {
    // The words are letters and digits only (see `query_words`), so no query syntax can slip in.
    let (sql, query) = match dialect {
        Dialect::Sqlite => (
            // `cross join` keeps the full-text match as the outer loop; left to itself the planner may
            // walk the whole workspace and run the match once per row (seconds instead of milliseconds).
            "select x.record_kind, x.record_id, x.title, x.detail from ( \
             select s.record_kind, s.record_id, s.title, s.detail, f.rank as relevance from search_fts f cross join search_index s on s.id = f.rowid \
             where search_fts match $1 and s.workspace_id = $2 and {visible} limit $6) x \
             order by case when lower(x.title) = $3 then 0 else 1 end, x.relevance, x.title limit $4",
            words.iter().map(|w| format!("\"{w}\"*")).collect::<Vec<_>>().join(" "),
        ),
        Dialect::Postgres => (
            "select x.record_kind, x.record_id, x.title, x.detail from ( \
             select s.record_kind, s.record_id, s.title, s.detail, s.document from search_index s \
             where s.document @@ to_tsquery('simple', $1) and s.workspace_id = $2 and {visible} limit $6) x \
             order by case when lower(x.title) = $3 then 0 else 1 end, ts_rank(x.document, to_tsquery('simple', $1)) desc, x.title limit $4",
            words.iter().map(|w| format!("{w}:*")).collect::<Vec<_>>().join(" & "),
        ),
    };
    let visible = super::trash::holder_is("s.record_kind", "s.record_id", "s.workspace_id", 5, visible_to);
    let sql = sql.replace("{visible}", &visible);
    // For a common prefix PostgreSQL reads the candidates by scanning the table until it has
    // enough, from its first block (`synchronize_seqscans` is off on every connection, see `Db`).
    sqlx::query_as(sqlx::AssertSqlSafe(sql))
        .bind(query)
        .bind(workspace_id)
        .bind(exact)
        .bind(limit)
        .bind(visible_to.unwrap_or(""))
        .bind(RANKED_CANDIDATES)
        .fetch_all(pool)
        .await
}
