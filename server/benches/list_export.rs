//! Times the streamed export of the contacts list to CSV against the raw `sqlite3 -csv` dump of
//! the same rows, on a demo workspace with NEXACRM_BENCH_CONTACTS contacts (default 1,000,000,
//! with the demo's proportions of companies, deals, activities…), and samples the server's
//! resident memory while the export runs.
//!
//! The export goes through the real server on loopback (sign-in, the `/w/{slug}/export/contacts/csv`
//! route, the list's keyset pages, formula escaping, HTTP); the raw dump is the `sqlite3`
//! command-line tool running the same query (the list's columns, joins and order) into a file.
//! Prints both times, rows per second, the ratio (raw time ÷ export time; the target is at least
//! 0.5) and the memory figures.
//!
//! Run: `cargo bench -p server --bench list_export` (SQLite only: the comparison is with `sqlite3`).

#![expect(clippy::expect_used, reason = "a benchmark stops at the first failure")]

use app::ssr::clock::{Clock, SystemClock};
use app::ssr::config::Config;
use app::ssr::db::Db;
use app::ssr::AppState;
use futures_util::StreamExt as _;
use reqwest::Client;
use server::demo::{generate, DemoSize};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The process's resident memory now, in bytes (Linux).
fn resident_bytes() -> u64 {
    std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|s| s.split_whitespace().nth(1).and_then(|pages| pages.parse::<u64>().ok()))
        .map_or(0, |pages| pages * 4096)
}

fn mb(bytes: u64) -> f64 {
    bytes as f64 / 1_000_000.0
}

/// The export's rows as a plain query: the list's columns, joins and order.
const RAW_QUERY: &str = "select c.id, c.first_name, c.last_name, \
    (select value from contact_channels ch where ch.workspace_id = c.workspace_id and ch.contact_id = c.id and ch.kind = 'email' and ch.is_primary = 1), \
    (select value from contact_channels ch where ch.workspace_id = c.workspace_id and ch.contact_id = c.id and ch.kind = 'phone' and ch.is_primary = 1), \
    c.job_title, co.name, c.status, c.linkedin_url, u.full_name, c.created_at, c.updated_at \
    from contacts c left join users u on u.id = c.owner_id \
    left join companies co on co.workspace_id = c.workspace_id and co.id = c.company_id and co.deleted_at is null \
    where c.workspace_id = '{ws}' and c.deleted_at is null order by c.sort_name, c.id";

#[tokio::main]
async fn main() {
    let contacts: usize = std::env::var("NEXACRM_BENCH_CONTACTS").ok().and_then(|v| v.parse().ok()).unwrap_or(1_000_000);
    let dir = std::env::temp_dir().join(format!("nexacrm-export-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("export.db");
    let database_url = format!("sqlite://{}?mode=rwc", file.display());
    let db = Db::connect(&database_url).await.expect("database");

    let size = DemoSize::with_contacts(contacts);
    println!(
        "Generating the demo workspace: {} contacts, {} companies, {} deals, {} activities, {} leads, {} notes, {} tickets",
        size.contacts, size.companies, size.deals, size.activities, size.leads, size.notes, size.tickets
    );
    let demo = generate(&db, size, SystemClock.now_ms()).await.expect("demo data");
    println!("generation: {} rows in {:.1} s", demo.rows, demo.elapsed.as_secs_f64());
    db.optimize().await.expect("optimize");

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let base = format!("http://{addr}");
    let config = Config { database_url: database_url.clone(), base_url: base.clone(), auth_ip_limit_per_minute: 100_000, ..Config::default() };
    let options = leptos::config::LeptosOptions::builder().output_name("nexacrm").site_addr(addr).build();
    tokio::spawn(server::serve(listener, AppState::new(db.clone(), config, options)));
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("origin", base.parse().expect("origin header"));
    let client = Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).default_headers(headers).build().expect("client");
    let signed_in = client
        .post(format!("{base}/api/auth/sign-in"))
        .header("accept", "application/json")
        .form(&[("email", demo.email.as_str()), ("password", demo.password.as_str())])
        .send()
        .await
        .expect("sign in");
    assert!(signed_in.status().is_success(), "sign-in failed: {}", signed_in.status());

    // Memory: sampled every 20 ms while the export runs, against what the process held before.
    let before = resident_bytes();
    let peak = Arc::new(AtomicU64::new(before));
    let sampling = Arc::new(std::sync::atomic::AtomicBool::new(true));
    let sampler = {
        let (peak, sampling) = (peak.clone(), sampling.clone());
        tokio::spawn(async move {
            while sampling.load(Ordering::Relaxed) {
                peak.fetch_max(resident_bytes(), Ordering::Relaxed);
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        })
    };
    let started = Instant::now();
    let response = client.get(format!("{base}/w/{}/export/contacts/csv", demo.slug)).send().await.expect("export");
    assert!(response.status().is_success(), "export answered {}", response.status());
    let (mut bytes, mut lines) = (0_u64, 0_u64);
    let mut body = response.bytes_stream();
    while let Some(chunk) = body.next().await {
        let chunk = chunk.expect("export body");
        bytes += chunk.len() as u64;
        lines += chunk.iter().filter(|b| **b == b'\n').count() as u64;
    }
    let export_time = started.elapsed();
    sampling.store(false, Ordering::Relaxed);
    sampler.await.expect("sampler");
    let peak = peak.load(Ordering::Relaxed);

    let raw_file = dir.join("raw.csv");
    let started = Instant::now();
    let raw = std::process::Command::new("sqlite3")
        .arg("-csv")
        .arg(&file)
        .arg(RAW_QUERY.replace("{ws}", &demo.workspace_id))
        .stdout(std::fs::File::create(&raw_file).expect("raw output file"))
        .status()
        .expect("run sqlite3 (install the sqlite3 command-line tool)");
    let raw_time = started.elapsed();
    assert!(raw.success(), "sqlite3 failed");
    let raw_bytes = std::fs::metadata(&raw_file).map(|m| m.len()).unwrap_or(0);

    let rows = lines.saturating_sub(1);
    println!();
    println!("streamed CSV export (HTTP):  {rows} rows, {:.1} MB in {:.2} s = {:.0} rows/s", mb(bytes), export_time.as_secs_f64(), rows as f64 / export_time.as_secs_f64());
    println!("raw `sqlite3 -csv` dump:      {:.1} MB in {:.2} s = {:.0} rows/s", mb(raw_bytes), raw_time.as_secs_f64(), contacts as f64 / raw_time.as_secs_f64());
    let ratio = raw_time.as_secs_f64() / export_time.as_secs_f64();
    println!("ratio (raw time / export time): {ratio:.2}  (target at least 0.50: {})", if ratio >= 0.5 { "met" } else { "MISSED" });
    println!("server memory: {:.1} MB before, {:.1} MB peak during the export (+{:.1} MB)", mb(before), mb(peak), mb(peak.saturating_sub(before)));
    let _ = std::fs::remove_dir_all(&dir);
}
