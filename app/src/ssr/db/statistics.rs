//! SQLite's planner statistics (`sqlite_stat1`), gathered in full, one index at a time.
//!
//! Every index here starts with `workspace_id`. A sampled analysis (`analysis_limit`, or
//! `pragma optimize`, which sets it) reads the first few hundred entries of an index, all of one
//! workspace, and records that a workspace holds about 400 rows. Believing that, the planner
//! scanned a workspace's contacts in creation order to avoid a sort rather than look a thousand
//! e-mail addresses up (an import's matching: 275 ms a batch instead of 4 ms at 200,000 contacts).
//! A full analysis of one index holds the write lock for about a second at a million rows, and
//! writers get in between indexes; analysing every table in one statement held it for 7.7 s, and
//! sign-ins waiting on it failed. SQLite offers nothing between the two, hence this module.
//! PostgreSQL's autovacuum keeps its own statistics.

use sqlx::AnyConnection;

/// Which tables to analyse.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// Tables with rows and no statistics, or whose row count has since doubled or halved.
    Stale,
    /// Every table with rows or statistics: after a purge, so that no sample keeps a purged id.
    All,
}

/// Tables whose counts differ from their statistics by less than this are left alone, so that a
/// small table growing by a few rows is not analysed every hour.
const SLACK_ROWS: i64 = 100;

/// Analyses the tables `scope` names, each of their indexes in its own statement.
pub async fn gather(conn: &mut AnyConnection, scope: Scope) -> Result<(), sqlx::Error> {
    // Full analysis, whatever an earlier statement on this pooled connection asked for.
    sqlx::query("pragma analysis_limit = 0").execute(&mut *conn).await?;
    let tables: Vec<(String,)> = sqlx::query_as(
        "select name from sqlite_schema where type = 'table' and name not like 'sqlite\\_%' escape '\\' \
         and name not like '\\_sqlx\\_%' escape '\\' and lower(sql) not like 'create virtual%' order by name",
    )
    .fetch_all(&mut *conn)
    .await?;
    for (table,) in tables {
        let recorded = recorded_rows(conn, &table).await?;
        let (rows,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(format!("select count(*) from {}", quoted(&table)))).fetch_one(&mut *conn).await?;
        if needs_analysis(scope, recorded, rows) {
            analyse(conn, &table).await?;
        }
    }
    Ok(())
}

/// Whether a table with `rows` rows, whose statistics counted `recorded` (none: never analysed),
/// is to be analysed.
fn needs_analysis(scope: Scope, recorded: Option<i64>, rows: i64) -> bool {
    match (scope, recorded) {
        (_, None) => rows > 0,
        (Scope::All, Some(_)) => true,
        (Scope::Stale, Some(recorded)) => rows > 2 * recorded + SLACK_ROWS || 2 * rows + SLACK_ROWS < recorded,
    }
}

/// The row count the table's statistics were taken at (each `stat` starts with it); none when
/// it was never analysed or one of its indexes has no statistics (a migration added it).
/// `sqlite_stat1` exists on every database: migration 0028 makes sure of it.
async fn recorded_rows(conn: &mut AnyConnection, table: &str) -> Result<Option<i64>, sqlx::Error> {
    let (unanalysed,): (i64,) =
        sqlx::query_as("select count(*) from pragma_index_list($1) i where not exists (select 1 from sqlite_stat1 s where s.tbl = $1 and s.idx = i.name)")
            .bind(table)
            .fetch_one(&mut *conn)
            .await?;
    if unanalysed > 0 {
        return Ok(None);
    }
    let stat: Option<(String,)> = sqlx::query_as("select stat from sqlite_stat1 where tbl = $1 limit 1").bind(table).fetch_optional(&mut *conn).await?;
    Ok(stat.and_then(|(stat,)| stat.split_whitespace().next().and_then(|n| n.parse().ok())))
}

/// Analyses each index of `table` in turn (a table without one: the table, which counts its rows).
async fn analyse(conn: &mut AnyConnection, table: &str) -> Result<(), sqlx::Error> {
    let indexes: Vec<(String,)> = sqlx::query_as("select name from pragma_index_list($1) order by name").bind(table).fetch_all(&mut *conn).await?;
    if indexes.is_empty() {
        sqlx::query(sqlx::AssertSqlSafe(format!("analyze {}", quoted(table)))).execute(&mut *conn).await?;
    }
    for (index,) in indexes {
        sqlx::query(sqlx::AssertSqlSafe(format!("analyze {}", quoted(&index)))).execute(&mut *conn).await?;
    }
    Ok(())
}

/// An identifier as SQL text, from the schema's own names.
fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_analysed_when_new_or_when_their_size_has_doubled_or_halved() {
        assert!(needs_analysis(Scope::Stale, None, 5));
        assert!(!needs_analysis(Scope::Stale, None, 0));
        assert!(!needs_analysis(Scope::Stale, Some(1_000), 1_900));
        assert!(needs_analysis(Scope::Stale, Some(1_000), 2_200));
        assert!(needs_analysis(Scope::Stale, Some(1_000), 400));
        assert!(!needs_analysis(Scope::Stale, Some(3), 40), "a few rows more in a small table");
        assert!(needs_analysis(Scope::All, Some(1_000), 1_000));
        assert!(needs_analysis(Scope::All, Some(10), 0), "a table emptied by a purge loses its samples");
    }

    #[test]
    fn names_are_quoted_as_identifiers() {
        assert_eq!(quoted("contacts"), "\"contacts\"");
        assert_eq!(quoted("odd\"name"), "\"odd\"\"name\"");
    }
}
