//! Times sign-in requests against the real server on loopback (SQLite in a temporary file, or
//! PostgreSQL when `DATABASE_URL` names one). Prints the median, p95 and slowest of 50 sign-ins,
//! each a full HTTP round trip including argon2id verification and the session insert.
//!
//! Run: `cargo bench -p server --bench auth`

#![expect(clippy::expect_used, reason = "a benchmark stops at the first failure")]

use app::ssr::config::Config;
use app::ssr::db::Db;
use app::ssr::AppState;
use std::time::{Duration, Instant};

const ROUNDS: usize = 50;
const PASSWORD: &str = "violet tractor monsoon ledger";

#[tokio::main]
async fn main() {
    let dir = std::env::temp_dir().join(format!("nexacrm-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let database_url = std::env::var("DATABASE_URL")
        .unwrap_or_else(|_| format!("sqlite://{}?mode=rwc", dir.join("bench.db").display()));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let base = format!("http://{addr}");
    let config = Config {
        database_url: database_url.clone(),
        base_url: base.clone(),
        auth_ip_limit_per_minute: 100_000,
        ..Config::default()
    };
    let db = Db::connect(&database_url).await.expect("database");
    let dialect = db.dialect_name();
    let options = leptos::config::LeptosOptions::builder().output_name("nexacrm").site_addr(addr).build();
    tokio::spawn(server::serve(listener, AppState::new(db, config, options)));

    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("client");
    let email = format!("bench-{}@example.com", std::process::id());
    let signup = [
        ("full_name", "Bench Mark"),
        ("email", email.as_str()),
        ("password", PASSWORD),
        ("organisation", "Bench Co"),
        ("job_title", ""),
        ("age_confirmed", "on"),
        ("accept_terms", "on"),
    ];
    let response = client.post(format!("{base}/api/auth/sign-up")).header("accept", "application/json").form(&signup).send().await.expect("sign up");
    assert!(response.status().is_success(), "sign-up failed: {}", response.status());

    let mut times: Vec<Duration> = Vec::with_capacity(ROUNDS);
    for _ in 0..ROUNDS {
        let started = Instant::now();
        let response = client
            .post(format!("{base}/api/auth/sign-in"))
            .header("accept", "application/json")
            .form(&[("email", email.as_str()), ("password", PASSWORD)])
            .send()
            .await
            .expect("sign in");
        assert!(response.status().is_success(), "sign-in failed: {}", response.status());
        times.push(started.elapsed());
    }
    times.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "sign-in over HTTP on {dialect}, {ROUNDS} rounds: median {:.1} ms, p95 {:.1} ms, max {:.1} ms",
        ms(times[ROUNDS / 2]),
        ms(times[ROUNDS * 95 / 100]),
        ms(times[ROUNDS - 1])
    );
    let _ = std::fs::remove_dir_all(&dir);
}
