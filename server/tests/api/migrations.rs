//! The two migration trees must describe the same schema: tables, columns and indexes.

use crate::helpers::*;
use std::collections::BTreeSet;

async fn sqlite_schema() -> BTreeSet<String> {
    let app = spawn_app(Backend::Sqlite).await;
    let pool = &app.state.db.pool;
    let tables: Vec<(String,)> = sqlx::query_as(
        "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' and name not like '_sqlx%'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let mut schema = BTreeSet::new();
    for (table,) in tables {
        schema.insert(format!("table {table}"));
        let columns: Vec<(String,)> = sqlx::query_as("select name from pragma_table_info($1)").bind(&table).fetch_all(pool).await.unwrap();
        schema.extend(columns.into_iter().map(|(c,)| format!("column {table}.{c}")));
    }
    let indexes: Vec<(String,)> = sqlx::query_as(
        "select name from sqlite_master where type = 'index' and name not like 'sqlite_autoindex%'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    schema.extend(indexes.into_iter().map(|(i,)| format!("index {i}")));
    schema
}

async fn postgres_schema() -> BTreeSet<String> {
    let app = spawn_app(Backend::Postgres).await;
    let pool = &app.state.db.pool;
    let columns: Vec<(String, String)> = sqlx::query_as(
        "select table_name::text, column_name::text from information_schema.columns \
         where table_schema = 'public' and table_name not like '\\_sqlx%'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let mut schema = BTreeSet::new();
    for (table, column) in columns {
        schema.insert(format!("table {table}"));
        schema.insert(format!("column {table}.{column}"));
    }
    let indexes: Vec<(String,)> = sqlx::query_as(
        "select indexname::text from pg_indexes where schemaname = 'public' and indexname not like '%\\_pkey' \
         and tablename not like '\\_sqlx%'",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    schema.extend(indexes.into_iter().map(|(i,)| format!("index {i}")));
    schema
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn both_migration_trees_create_the_same_tables_columns_and_indexes() {
    // Full-text search is built differently: FTS5 tables on SQLite, a tsvector column and its GIN
    // index on PostgreSQL. Everything else must match.
    let full_text = |entry: &String| {
        entry.contains("search_fts") || entry == "column search_index.document" || entry == "index search_index_document_idx"
    };
    let sqlite: BTreeSet<String> = sqlite_schema().await.into_iter().filter(|e| !full_text(e)).collect();
    let postgres: BTreeSet<String> = postgres_schema().await.into_iter().filter(|e| !full_text(e)).collect();
    let only_sqlite: Vec<_> = sqlite.difference(&postgres).collect();
    let only_postgres: Vec<_> = postgres.difference(&sqlite).collect();
    assert!(only_sqlite.is_empty() && only_postgres.is_empty(), "only in SQLite: {only_sqlite:?}\nonly in PostgreSQL: {only_postgres:?}");
    assert!(sqlite.contains("table users") && sqlite.contains("index users_email_key"));
}

#[test]
fn both_trees_have_the_same_migration_files() {
    let names = |dir: &str| -> BTreeSet<String> {
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect()
    };
    assert_eq!(names("../migrations/sqlite"), names("../migrations/postgres"));
}

/// The start-up analysis gives SQLite's planner statistics for the tables that hold rows, one
/// table at a time (see `Db::optimize`).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_start_up_analysis_gives_sqlite_statistics_for_tables_with_rows() {
    let app = spawn_app(Backend::Sqlite).await;
    let ada = app.owner("ada@example.com", "Engines").await;
    for n in 0..20 {
        app.contact(&ada, "Ada", &format!("Lovelace {n}"), &format!("ada{n}@example.com")).await;
    }
    let pool = &app.state.db.pool;
    app.state.db.optimize().await.unwrap();
    let tables: Vec<(String,)> = sqlx::query_as("select distinct tbl from sqlite_stat1 order by tbl").fetch_all(pool).await.unwrap();
    let tables: Vec<String> = tables.into_iter().map(|(t,)| t).collect();
    assert!(tables.contains(&"contacts".to_owned()) && tables.contains(&"contact_channels".to_owned()), "{tables:?}");
}

/// The statistics count every row of a large workspace, and are taken again once a table has
/// grown: sampled ones recorded about 400 rows per workspace, and the planner then walked a whole
/// workspace's contacts in creation order rather than look an import's e-mail addresses up.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_start_up_analysis_counts_every_row_and_follows_growth() {
    let app = spawn_app(Backend::Sqlite).await;
    let ada = app.owner("ada@example.com", "Engines").await;
    app.contact(&ada, "Ada", "Lovelace", "ada@example.com").await;
    let pool = &app.state.db.pool;
    let workspace_rows = || async {
        let (stat,): (String,) = sqlx::query_as("select stat from sqlite_stat1 where idx = 'contacts_created_idx'").fetch_one(pool).await.unwrap();
        stat.split_whitespace().take(2).map(|n| n.parse::<i64>().unwrap()).collect::<Vec<_>>()
    };
    app.state.db.optimize().await.unwrap();
    assert_eq!(workspace_rows().await, [1, 1]);

    // 1,999 copies of the contact, in the same workspace.
    sqlx::query(
        "with recursive n(i) as (select 1 union all select i + 1 from n where i < 1999) \
         insert into contacts (workspace_id, id, first_name, last_name, sort_name, job_title, company_id, status, linkedin_url, owner_id, created_at, updated_at, do_not_contact) \
         select c.workspace_id, c.id || '-' || n.i, c.first_name, c.last_name, c.sort_name || n.i, c.job_title, c.company_id, c.status, c.linkedin_url, c.owner_id, c.created_at + n.i, c.updated_at, c.do_not_contact \
         from contacts c, n",
    )
    .execute(pool)
    .await
    .unwrap();
    app.state.db.optimize().await.unwrap();
    assert_eq!(workspace_rows().await, [2000, 2000], "every row of the workspace counted, not a sample");

    // As after a migration that adds an index.
    sqlx::query("delete from sqlite_stat1 where idx = 'contacts_list_idx'").execute(pool).await.unwrap();
    app.state.db.optimize().await.unwrap();
    let (list_index,): (i64,) = sqlx::query_as("select count(*) from sqlite_stat1 where idx = 'contacts_list_idx'").fetch_one(pool).await.unwrap();
    assert_eq!(list_index, 1, "an index without statistics has them taken");
}
