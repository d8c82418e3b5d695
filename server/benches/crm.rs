//! Times the CRM's everyday requests on a large demo workspace, against the real server on
//! loopback: the contacts list (first page and page 500), search, the pipeline board, the
//! dashboard, a contact's page with its timeline, and creating a contact. Each is asked 5 times to
//! warm up, then 100 times; the table shows the median, p95 and slowest round trip (client and
//! loopback included, so a little above the server's own time) against the targets: reads under
//! 50 ms at p95, creating under 10 ms.
//!
//! Run: `cargo bench -p server --bench crm` (a fresh SQLite file; the default demo size, 100,000
//! contacts). `NEXACRM_BENCH_SCALE=0.1` shrinks the workspace; `NEXACRM_BENCH_ROUNDS=N` changes
//! the rounds; `DATABASE_URL=postgres://…/empty_db` runs on PostgreSQL instead (the database must
//! not hold a demo workspace yet).

#![expect(clippy::expect_used, reason = "a benchmark stops at the first failure")]

use app::ssr::clock::{Clock, SystemClock};
use app::ssr::config::Config;
use app::ssr::db::{Db, Dialect};
use app::ssr::AppState;
use reqwest::{Client, StatusCode};
use server::demo::{generate, DemoSize};
use std::time::{Duration, Instant};

const WARM_UP: usize = 5;
const READ_TARGET_MS: f64 = 50.0;
const CREATE_TARGET_MS: f64 = 10.0;
const BUDGET: Duration = Duration::from_secs(90);

/// One measured case.
struct Case {
    name: String,
    target_ms: f64,
    outcome: Result<Stats, String>,
}

struct Stats {
    rounds: usize,
    p50: Duration,
    p95: Duration,
    max: Duration,
    bytes: usize,
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// Asks `request` `WARM_UP + rounds` times and keeps the last `rounds` timings; stops at the first
/// answer that is not 200 OK. A case that has used up `BUDGET` stops early (after at least three
/// timed rounds) so one pathological request cannot hold the run for hours.
async fn measure<F, Fut>(rounds: usize, mut request: F) -> Result<Stats, String>
where
    F: FnMut(usize) -> Fut,
    Fut: std::future::Future<Output = reqwest::Result<reqwest::Response>>,
{
    let started_case = Instant::now();
    let mut times = Vec::with_capacity(rounds);
    let mut bytes = 0;
    let mut warm_ups = WARM_UP;
    for round in 0.. {
        let started = Instant::now();
        let response = request(round).await.map_err(|e| format!("request failed: {e}"))?;
        let status = response.status();
        let body = response.bytes().await.map_err(|e| format!("body: {e}"))?;
        let took = started.elapsed();
        if status != StatusCode::OK {
            return Err(format!("answered {status}: {}", String::from_utf8_lossy(&body[..body.len().min(200)])));
        }
        bytes = body.len();
        if round >= warm_ups {
            times.push(took);
        } else if took > Duration::from_secs(1) {
            warm_ups = round + 1;
        }
        if times.len() >= rounds || (times.len() >= 3 && started_case.elapsed() > BUDGET) {
            break;
        }
    }
    times.sort();
    let at = |q: f64| times[((times.len() as f64 * q).ceil() as usize).clamp(1, times.len()) - 1];
    Ok(Stats { rounds: times.len(), p50: at(0.5), p95: at(0.95), max: times[times.len() - 1], bytes })
}

/// Measures one case and prints its line at once.
async fn run_case(name: String, target_ms: f64, outcome: impl std::future::Future<Output = Result<Stats, String>>) -> Case {
    let case = Case { name, target_ms, outcome: outcome.await };
    println!("{}", case.line());
    case
}

impl Case {
    fn met(&self) -> bool {
        self.outcome.as_ref().is_ok_and(|stats| ms(stats.p95) < self.target_ms)
    }

    fn line(&self) -> String {
        match &self.outcome {
            Ok(stats) => format!(
                "{:<52} {:>8.1} {:>8.1} {:>8.1} {:>9.1} {:>6}  p95 < {} ms: {}",
                self.name,
                ms(stats.p50),
                ms(stats.p95),
                ms(stats.max),
                stats.bytes as f64 / 1000.0,
                stats.rounds,
                self.target_ms,
                if self.met() { "target met" } else { "target MISSED" }
            ),
            Err(error) => format!("{:<52} not measured: {error}", self.name),
        }
    }
}

/// The median time of `f` over 20 calls, in milliseconds.
async fn median_ms<F, Fut, T>(mut f: F) -> f64
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, sqlx::Error>>,
{
    let mut times: Vec<f64> = Vec::new();
    for _ in 0..20 {
        let started = Instant::now();
        f().await.expect("dashboard query");
        times.push(ms(started.elapsed()));
    }
    times.sort_by(f64::total_cmp);
    times[times.len() / 2]
}

/// Where the dashboard's time goes: each of its queries on its own (server side, no HTTP).
async fn dashboard_parts(db: &Db, workspace_id: &str) {
    use app::ssr::db::dashboard;
    let pool = &db.pool;
    let now = SystemClock.now_ms();
    let month_ms = 30 * 86_400_000;
    let months: Vec<i64> = (0..=12).rev().map(|back| now - back * month_ms).collect();
    let quarters = ["2026-10-01".to_owned(), "2027-01-01".to_owned(), "2027-04-01".to_owned()];
    let pipeline = median_ms(|| dashboard::open_pipeline(pool, workspace_id, None)).await;
    let closed = median_ms(|| dashboard::closed_in_periods(pool, workspace_id, None, &months)).await;
    let forecast = median_ms(|| dashboard::weighted_in_periods(pool, workspace_id, None, &quarters)).await;
    let recent = median_ms(|| dashboard::recent_events(pool, workspace_id, None, 15)).await;
    println!(
        "dashboard parts (median ms): open pipeline {pipeline:.1}, 12 months closed {closed:.1}, 2 quarters forecast {forecast:.1}, recent events {recent:.1}"
    );
}

#[tokio::main]
async fn main() {
    let scale: f64 = env_or("NEXACRM_BENCH_SCALE", 1.0);
    let rounds: usize = env_or("NEXACRM_BENCH_ROUNDS", 100).max(1);
    let dir = std::env::temp_dir().join(format!("nexacrm-crm-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let sqlite_file = dir.join("crm.db");
    let database_url = std::env::var("DATABASE_URL").unwrap_or_else(|_| format!("sqlite://{}?mode=rwc", sqlite_file.display()));
    let db = Db::connect(&database_url).await.expect("database");
    let dialect = db.dialect_name();

    let size = DemoSize::scaled(scale);
    println!(
        "Generating the demo workspace on {dialect} (scale {scale}): {} companies, {} contacts, {} leads, {} deals, {} activities, {} notes, {} tickets",
        size.companies, size.contacts, size.leads, size.deals, size.activities, size.notes, size.tickets
    );
    let demo = generate(&db, size, SystemClock.now_ms()).await.expect("demo data");
    assert!(demo.created, "this database already holds a demo workspace: point DATABASE_URL at an empty database");
    let generation = format!(
        "generation: {} rows in {:.1} s = {:.0} rows/s",
        demo.rows,
        demo.elapsed.as_secs_f64(),
        demo.rows as f64 / demo.elapsed.as_secs_f64().max(0.001)
    );
    println!("{generation}");
    if db.dialect == Dialect::Postgres {
        // What autovacuum does shortly after a bulk load; without it the planner guesses sizes.
        let started = Instant::now();
        sqlx::query("analyze").execute(&db.pool).await.expect("analyze");
        println!("analyze: {:.1} s", started.elapsed().as_secs_f64());
    } else {
        // What the server's start-up job does (`Db::optimize`): planner statistics.
        let started = Instant::now();
        db.optimize().await.expect("optimize");
        println!("optimize: {:.1} s", started.elapsed().as_secs_f64());
        let on_disk: u64 = ["crm.db", "crm.db-wal"].iter().filter_map(|f| std::fs::metadata(dir.join(f)).ok()).map(|m| m.len()).sum();
        println!("SQLite file and WAL: {} MB", on_disk / 1_000_000);
    }

    // The contact with the longest timeline, and the first one in name order.
    let (busiest, links): (String, i64) = sqlx::query_as(
        "select record_id, count(*) from activity_links where workspace_id = $1 and record_kind = 'contact' \
         group by record_id order by count(*) desc, record_id limit 1",
    )
    .bind(&demo.workspace_id)
    .fetch_one(&db.pool)
    .await
    .expect("busiest contact");
    let (typical,): (String,) = sqlx::query_as(
        "select id from contacts where workspace_id = $1 and deleted_at is null order by sort_name, id limit 1",
    )
    .bind(&demo.workspace_id)
    .fetch_one(&db.pool)
    .await
    .expect("a contact");

    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let base = format!("http://{addr}");
    let config = Config { database_url: database_url.clone(), base_url: base.clone(), auth_ip_limit_per_minute: 100_000, ..Config::default() };
    let options = leptos::config::LeptosOptions::builder().output_name("nexacrm").site_addr(addr).build();
    tokio::spawn(server::serve(listener, AppState::new(db.clone(), config, options)));

    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("origin", base.parse().expect("origin header"));
    headers.insert("sec-fetch-site", "same-origin".parse().expect("header"));
    let client = Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .default_headers(headers)
        .build()
        .expect("client");
    let response = client
        .post(format!("{base}/api/auth/sign-in"))
        .header("accept", "application/json")
        .form(&[("email", demo.email.as_str()), ("password", demo.password.as_str())])
        .send()
        .await
        .expect("sign in");
    assert!(response.status().is_success(), "sign-in failed: {}", response.status());
    let slug = demo.slug.clone();
    let get = |path: &str, query: Vec<(&'static str, String)>| {
        let mut full = vec![("slug", slug.clone())];
        full.extend(query);
        client.get(format!("{base}/api/{path}")).query(&full).send()
    };
    let list = |after: String| get("contacts/list", vec![("q", String::new()), ("after", after)]);

    let mut cases: Vec<Case> = Vec::new();
    println!("Measuring {rounds} rounds per case after {WARM_UP} to warm up…");
    println!("{:<52} {:>8} {:>8} {:>8} {:>9} {:>6}  target", "case (ms)", "p50", "p95", "max", "body KB", "rounds");
    cases.push(run_case("contacts list, first page".into(), READ_TARGET_MS, measure(rounds, |_| list(String::new()))).await);

    // Page 500 (or the last page of a smaller workspace), reached through the `next` cursors.
    let mut cursor = String::new();
    let mut page = 1;
    while page < 500 {
        let body: serde_json::Value = list(cursor.clone()).await.expect("list").json().await.expect("page JSON");
        match body["next"].as_str() {
            Some(next) => {
                cursor = next.to_owned();
                page += 1;
            }
            None => break,
        }
    }
    cases.push(run_case(format!("contacts list, page {page}"), READ_TARGET_MS, measure(rounds, |_| list(cursor.clone()))).await);

    for prefix in ["mar", "schmi"] {
        let outcome = measure(rounds, |_| get("search", vec![("q", prefix.to_owned())]));
        cases.push(run_case(format!("search {prefix:?}"), READ_TARGET_MS, outcome).await);
    }
    let board = measure(rounds, |_| get("deals/board", vec![("mine", "false".into())]));
    cases.push(run_case("pipeline board (all deals)".into(), READ_TARGET_MS, board).await);
    cases.push(run_case("dashboard".into(), READ_TARGET_MS, measure(rounds, |_| get("dashboard/load", vec![]))).await);
    let busiest_page = measure(rounds, |_| get("contacts/get", vec![("id", busiest.clone())]));
    cases.push(run_case(format!("contact page + timeline (busiest, {links} activities)"), READ_TARGET_MS, busiest_page).await);
    let typical_page = measure(rounds, |_| get("contacts/get", vec![("id", typical.clone())]));
    cases.push(run_case("contact page + timeline (first by name)".into(), READ_TARGET_MS, typical_page).await);
    let create = measure(rounds, |round| {
        client
            .post(format!("{base}/api/contacts/create"))
            .header("accept", "application/json")
            .form(&[
                ("slug", slug.clone()),
                ("fields[first_name]", "Bench".into()),
                ("fields[last_name]", format!("Contact {round}")),
                ("fields[status]", "lead".into()),
            ])
            .send()
    });
    cases.push(run_case("create a contact".into(), CREATE_TARGET_MS, create).await);

    println!();
    println!("NexaCRM on {dialect}, {} contacts, up to {rounds} rounds per case (loopback round trip)", size.contacts);
    println!("{generation}");
    println!("{:<52} {:>8} {:>8} {:>8} {:>9} {:>6}  target", "case (ms)", "p50", "p95", "max", "body KB", "rounds");
    for case in &cases {
        println!("{}", case.line());
    }
    let met = cases.iter().filter(|c| c.met()).count();
    println!("{met} of {} cases met their target", cases.len());
    dashboard_parts(&db, &demo.workspace_id).await;
    drop(db);
    let _ = std::fs::remove_dir_all(&dir);
}
