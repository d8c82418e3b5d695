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

/// The best `limit` documents of the workspace whose words start with every one of `words`:
/// an exact title match first, then by relevance, then by title.
/// With `visible_to`, only records that user owns or is assigned to.
pub async fn find(pool: &AnyPool, dialect: Dialect, workspace_id: &str, words: &[String], exact: &str, visible_to: Option<&str>, limit: i64) -> Result<Vec<Hit>, sqlx::Error> {
    if words.is_empty() {
        return Ok(Vec::new());
    }
    // The words are letters and digits only (see `query_words`), so no query syntax can slip in.
    let (sql, query) = match dialect {
        Dialect::Sqlite => (
            // `cross join` keeps the full-text match as the outer loop; left to itself the planner may
            // walk the whole workspace and run the match once per row (seconds instead of milliseconds).
            "select s.record_kind, s.record_id, s.title, s.detail from search_fts f cross join search_index s on s.id = f.rowid \
             where search_fts match $1 and s.workspace_id = $2 and {visible} \
             order by case when lower(s.title) = $3 then 0 else 1 end, f.rank, s.title limit $4",
            words.iter().map(|w| format!("\"{w}\"*")).collect::<Vec<_>>().join(" "),
        ),
        Dialect::Postgres => (
            "select record_kind, record_id, title, detail from search_index s \
             where document @@ to_tsquery('simple', $1) and workspace_id = $2 and {visible} \
             order by case when lower(title) = $3 then 0 else 1 end, ts_rank(document, to_tsquery('simple', $1)) desc, title limit $4",
            words.iter().map(|w| format!("{w}:*")).collect::<Vec<_>>().join(" & "),
        ),
    };
    let visible = super::trash::holder_is("s.record_kind", "s.record_id", "s.workspace_id", 5, visible_to);
    let sql = sql.replace("{visible}", &visible);
    sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(query).bind(workspace_id).bind(exact).bind(limit).bind(visible_to.unwrap_or("")).fetch_all(pool).await
}
