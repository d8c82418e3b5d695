//! Times a CSV import of NEXACRM_BENCH_IMPORT_ROWS contacts (default 1,000,000) into the demo
//! workspace (NEXACRM_BENCH_CONTACTS existing contacts, default 1,000,000, with the demo's
//! companies, deals, activities…), created or updated by their e-mail address ("create and
//! update", matched on email), against the raw `sqlite3` command-line import of the same file into
//! a table with the same indexes; samples the process's resident memory meanwhile.
//!
//! The import goes through the real pipeline (`app::ssr::imports`: the check of every row, then
//! the run in batches with matching, validation, the suppression list, the records, their channels,
//! search entries, timeline events and undo notes); the upload itself (a file copy) is left out.
//! Prints both times, rows per second, the ratio (raw time ÷ import time; the target is at least
//! 0.5) and the memory figures. Before the import it also times the floor: the same rows written
//! by set-based SQL inside SQLite (`import_floor.sql`, rolled back), the least time any import
//! that writes them could take here.
//!
//! Run: `cargo bench -p server --bench import` (SQLite only: the comparison is with `sqlite3`).

#![expect(clippy::expect_used, reason = "a benchmark stops at the first failure")]

use app::domain::records::RecordKind;
use app::ssr::clock::{Clock, SystemClock};
use app::ssr::config::Config;
use app::ssr::db::{self, Db};
use app::ssr::{imports, AppState};
use server::demo::{generate, DemoSize};
use std::io::Write as _;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

fn resident_bytes() -> u64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1).and_then(|pages| pages.parse::<u64>().ok()))
        .map_or(0, |pages| pages * 4096)
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1_000_000.0
}

/// The file: a tenth of the rows carry the address of an existing demo contact (updated), the
/// rest are new people (created); phones keep their leading zeros.
fn write_file(path: &std::path::Path, rows: usize, existing: &[String]) {
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).expect("csv file"));
    writeln!(out, "First name,Last name,Email,Phone,Job title").expect("write");
    for i in 0..rows {
        let email = if i % 10 == 0 && !existing.is_empty() { existing[i / 10 % existing.len()].clone() } else { format!("person{i}@import.example") };
        writeln!(out, "Imported{i},Person{},{email},0049 30 {i:07},Buyer", i % 977).expect("write");
    }
    out.flush().expect("flush");
}

/// Runs `import_floor.sql` on the workspace's database with the sqlite3 command-line tool: the
/// rows the import of `csv` writes, written set-based and rolled back. Returns how long it took.
fn floor(database: &std::path::Path, workspace_id: &str, user_id: &str, import_id: &str, csv: &std::path::Path) -> Duration {
    let script = include_str!("import_floor.sql")
        .replace(":workspace", workspace_id)
        .replace(":user", user_id)
        .replace(":import", import_id)
        .replace(":csv", &csv.display().to_string());
    let started = Instant::now();
    let mut sqlite3 = std::process::Command::new("sqlite3")
        .arg("-bail")
        .arg(database)
        .stdin(std::process::Stdio::piped())
        .spawn()
        .expect("run sqlite3 (install the sqlite3 command-line tool)");
    sqlite3.stdin.take().expect("stdin").write_all(script.as_bytes()).expect("send the script");
    assert!(sqlite3.wait().expect("sqlite3").success(), "import_floor.sql failed");
    started.elapsed()
}

/// Runs the import worker until the import leaves `status`.
async fn work_until_not(state: &AppState, workspace_id: &str, id: &str, status: &str) {
    loop {
        imports::run_pending(state, None).await.expect("import pass");
        let row = db::imports::find(&state.db.pool, workspace_id, id).await.expect("read").expect("the import");
        if row.status != status {
            assert!(row.error.is_none(), "the import failed: {:?}", row.error);
            return;
        }
    }
}

#[tokio::main]
async fn main() {
    // Quiet unless RUST_LOG asks (`RUST_LOG=sqlx::query=debug` shows every statement and its time).
    tracing_subscriber::fmt().with_env_filter(tracing_subscriber::EnvFilter::from_default_env()).init();
    let contacts: usize = std::env::var("NEXACRM_BENCH_CONTACTS").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000_000);
    let rows: usize = std::env::var("NEXACRM_BENCH_IMPORT_ROWS").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000_000);
    let dir = std::env::temp_dir().join(format!("nexacrm-import-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("import.db");
    let database_url = format!("sqlite://{}?mode=rwc", file.display());
    let db = Db::connect(&database_url).await.expect("database");
    let size = DemoSize::with_contacts(contacts);
    println!("Generating the demo workspace: {} contacts, {} companies, {} deals, {} activities", size.contacts, size.companies, size.deals, size.activities);
    let demo = generate(&db, size, SystemClock.now_ms()).await.expect("demo data");
    println!("generation: {} rows in {:.1} s", demo.rows, demo.elapsed.as_secs_f64());
    let started = Instant::now();
    db.optimize().await.expect("optimize");
    println!("planner statistics: {:.1} s", started.elapsed().as_secs_f64());

    let config = Config { database_url: database_url.clone(), export_dir: dir.join("exports"), ..Config::default() };
    let options = leptos::config::LeptosOptions::builder().output_name("nexacrm").build();
    let state = AppState::new(db.clone(), config, options);
    let (user_id,): (String,) = sqlx::query_as("select id from users where email = $1").bind(&demo.email).fetch_one(&db.pool).await.expect("demo user");
    let existing: Vec<(String,)> = sqlx::query_as("select value from contact_channels where workspace_id = $1 and kind = 'email' limit 100000")
        .bind(&demo.workspace_id)
        .fetch_all(&db.pool)
        .await
        .expect("addresses");
    let existing: Vec<String> = existing.into_iter().map(|(e,)| e).collect();

    let id = db::new_id();
    std::fs::create_dir_all(imports::dir(&state)).expect("imports dir");
    // The import deletes its own copy when it ends; the raw import below reads this one.
    let csv = dir.join("source.csv");
    write_file(&csv, rows, &existing);
    std::fs::copy(&csv, imports::file_path(&state, &id)).expect("the import's copy");
    let csv_bytes = std::fs::metadata(&csv).map(|m| m.len()).unwrap_or(0);
    let facts = imports::inspect(&csv).expect("a readable file");
    let mapping = serde_json::to_string(&app::domain::imports::auto_map(RecordKind::Contact, &facts.headers)).expect("mapping");
    let new = db::imports::NewImport {
        id: &id,
        workspace_id: &demo.workspace_id,
        user_id: &user_id,
        kind: RecordKind::Contact,
        file_name: "bench.csv",
        delimiter: ",",
        headers: &serde_json::to_string(&facts.headers).expect("headers"),
        total_rows: facts.total_rows,
        mapping: &mapping,
        match_on: "email",
        date_format: "iso",
    };
    db::imports::insert(&db.pool, new, SystemClock.now_ms()).await.expect("import row");
    let choices = db::imports::Choices { mapping: &mapping, mode: "upsert", match_on: "email", date_format: "iso" };

    // The floor: the same rows written by set-based SQL inside SQLite, then rolled back.
    let floor_time = floor(&file, &demo.workspace_id, &user_id, &id, &csv);

    let before = resident_bytes();
    let peak = Arc::new(AtomicU64::new(before));
    let sampling = Arc::new(AtomicBool::new(true));
    let sampler = {
        let (peak, sampling) = (peak.clone(), sampling.clone());
        std::thread::spawn(move || {
            while sampling.load(Ordering::Relaxed) {
                peak.fetch_max(resident_bytes(), Ordering::Relaxed);
                std::thread::sleep(Duration::from_millis(20));
            }
        })
    };
    let started = Instant::now();
    assert!(db::imports::configure(&db.pool, &demo.workspace_id, &id, choices, SystemClock.now_ms()).await.expect("configure"));
    work_until_not(&state, &demo.workspace_id, &id, "checking").await;
    let check_time = started.elapsed();
    let started = Instant::now();
    assert!(db::imports::queue(&db.pool, &demo.workspace_id, &id, "skip", SystemClock.now_ms()).await.expect("start"));
    work_until_not(&state, &demo.workspace_id, &id, "running").await;
    let import_time = started.elapsed();
    sampling.store(false, Ordering::Relaxed);
    sampler.join().expect("sampler");
    let peak = peak.load(Ordering::Relaxed);
    let done = db::imports::find(&db.pool, &demo.workspace_id, &id).await.expect("read").expect("the import");

    // The raw import: the same file into a table with the indexes the import's rows need (the
    // list's name order and the e-mail lookup), by the sqlite3 command-line tool.
    let raw_db = dir.join("raw.db");
    let setup = "create table people (first_name text, last_name text, email text, phone text, job_title text); \
                 create index people_name_idx on people (last_name, first_name); \
                 create index people_email_idx on people (email);";
    let status = std::process::Command::new("sqlite3").arg(&raw_db).arg(setup).status().expect("run sqlite3 (install the sqlite3 command-line tool)");
    assert!(status.success(), "sqlite3 setup failed");
    let started = Instant::now();
    let status = std::process::Command::new("sqlite3")
        .arg(&raw_db)
        .arg(format!(".import --csv --skip 1 {} people", csv.display()))
        .status()
        .expect("sqlite3 import");
    let raw_time = started.elapsed();
    assert!(status.success(), "sqlite3 .import failed");

    println!();
    println!("file: {rows} rows, {:.1} MB; {} existing contacts, a tenth of the rows match one by e-mail", mb(csv_bytes), contacts);
    println!("check (every row planned, nothing written): {:.2} s = {:.0} rows/s", check_time.as_secs_f64(), rows as f64 / check_time.as_secs_f64());
    println!(
        "import (create and update on email): {:.2} s = {:.0} rows/s; {} created, {} updated, {} unchanged, {} bad",
        import_time.as_secs_f64(),
        rows as f64 / import_time.as_secs_f64(),
        done.created_count,
        done.updated_count,
        done.unchanged_count,
        done.invalid_count
    );
    println!("raw `sqlite3 .import`: {:.2} s = {:.0} rows/s", raw_time.as_secs_f64(), rows as f64 / raw_time.as_secs_f64());
    let ratio = raw_time.as_secs_f64() / import_time.as_secs_f64();
    println!("ratio (raw time / import time): {ratio:.2}  (target at least 0.50: {})", if ratio >= 0.5 { "met" } else { "MISSED" });
    println!(
        "floor (the import's rows written by set-based SQL in sqlite3, import_floor.sql): {:.2} s = {:.0} rows/s; \
         best ratio any import writing them could reach: {:.2}",
        floor_time.as_secs_f64(),
        rows as f64 / floor_time.as_secs_f64(),
        raw_time.as_secs_f64() / floor_time.as_secs_f64()
    );
    // `before` holds what generating the workspace left allocated (its large page cache among
    // it); the import's own figure is what it added on top.
    let added = peak.saturating_sub(before);
    println!(
        "memory: {:.1} MB before, {:.1} MB peak during check and import, {:.1} MB added by the import (target under 300 MB: {})",
        mb(before),
        mb(peak),
        mb(added),
        if added < 300_000_000 { "met" } else { "MISSED" }
    );
    let _ = std::fs::remove_dir_all(&dir);
}
