//! `spawn_app`: a NexaCRM server on port 0 with its own database and a clock the test moves.

use app::ssr::clock::ManualClock;
use app::ssr::config::Config;
use app::ssr::db::Db;
use app::ssr::AppState;
use reqwest::{Client, Response, StatusCode};
use std::sync::Arc;

/// Which database a test runs on.
#[derive(Clone, Copy, Debug)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// Runs one async test body on SQLite and on PostgreSQL, as two tests.
#[macro_export]
macro_rules! on_both_databases {
    ($(#[$meta:meta])* async fn $name:ident($app:ident: TestApp) $body:block) => {
        $crate::on_both_databases! {
            $(#[$meta])* async fn $name(backend: Backend) {
                let $app = $crate::helpers::spawn_app(backend).await;
                $body
            }
        }
    };
    // A test that starts its own app (another configuration): it is given the backend.
    ($(#[$meta:meta])* async fn $name:ident($backend:ident: Backend) $body:block) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;
            async fn run($backend: $crate::helpers::Backend) $body
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                $crate::helpers::within_limit(run($crate::helpers::Backend::Sqlite)).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                $crate::helpers::within_limit(run($crate::helpers::Backend::Postgres)).await
            }
        }
    };
}

/// Fails a test that has not finished in two minutes (a hang would otherwise stall the whole run).
pub async fn within_limit(test: impl std::future::Future<Output = ()>) {
    if tokio::time::timeout(std::time::Duration::from_secs(120), test).await.is_err() {
        panic!("the test did not finish within 120 s");
    }
}

pub struct TestApp {
    pub base: String,
    pub state: AppState,
    pub clock: Arc<ManualClock>,
    /// A browser-like client: keeps cookies, does not follow redirects, sends same-origin headers.
    pub client: Client,
}

/// A test's export folder (archives, uploaded imports) goes with it.
impl Drop for TestApp {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.state.config.export_dir);
    }
}

/// 2026-11-27T00:00:00Z, where every test's clock starts.
pub const START_MS: i64 = 1_795_737_600_000;

pub const PASSWORD: &str = "violet tractor monsoon ledger";

pub async fn spawn_app(backend: Backend) -> TestApp {
    spawn_app_with(backend, |_| {}).await
}

pub async fn spawn_app_with(backend: Backend, adjust: impl FnOnce(&mut Config)) -> TestApp {
    spawn_app_serving(backend, adjust, "target/site").await
}

/// As [`spawn_app_with`], serving the static files (`/pkg/…`) from `site_root`.
pub async fn spawn_app_serving(backend: Backend, adjust: impl FnOnce(&mut Config), site_root: &str) -> TestApp {
    let database_url = fresh_database(backend).await;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("addr");
    let base = format!("http://{addr}");
    let mut config = Config { database_url: database_url.clone(), base_url: base.clone(), ..Config::default() };
    config.auth_ip_limit_per_minute = 10_000;
    // Export archives of this test only, never the project's ./data.
    config.export_dir = std::env::temp_dir().join(format!("nexacrm_test_exports_{}", uuid::Uuid::now_v7().simple()));
    adjust(&mut config);
    let db = Db::connect(&database_url).await.expect("connect and migrate");
    let options = leptos::config::LeptosOptions::builder()
        .output_name("nexacrm")
        .site_root(site_root)
        .site_pkg_dir("pkg")
        .site_addr(addr)
        .build();
    let clock = Arc::new(ManualClock::starting_at(START_MS));
    let state = AppState::with_clock(db, config, options, clock.clone());
    tokio::spawn(server::serve(listener, state.clone()));
    TestApp { client: browser(&base), base, state, clock }
}

/// A client that behaves like a same-origin browser tab.
pub fn browser(base: &str) -> Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("origin", base.parse().expect("origin header"));
    headers.insert("sec-fetch-site", "same-origin".parse().expect("header"));
    Client::builder()
        .cookie_store(true)
        .redirect(reqwest::redirect::Policy::none())
        .default_headers(headers)
        .build()
        .expect("client")
}

async fn fresh_database(backend: Backend) -> String {
    let name = format!("nexacrm_test_{}", uuid::Uuid::now_v7().simple());
    match backend {
        Backend::Sqlite => {
            let path = std::env::temp_dir().join(format!("{name}.db"));
            format!("sqlite://{}?mode=rwc", path.display())
        }
        Backend::Postgres => {
            let admin = std::env::var("NEXACRM_TEST_POSTGRES_URL").expect(
                "NEXACRM_TEST_POSTGRES_URL must name a PostgreSQL server for the postgres tests \
                 (scripts/test.sh starts one)",
            );
            use sqlx::Connection;
            sqlx::any::install_default_drivers();
            let mut conn = sqlx::AnyConnection::connect(&admin).await.expect("connect to test PostgreSQL");
            sqlx::query(sqlx::AssertSqlSafe(format!("create database {name}"))).execute(&mut conn).await.expect("create database");
            let (prefix, _) = admin.rsplit_once('/').expect("postgres url has a database");
            format!("{prefix}/{name}")
        }
    }
}

/// A sign-up form with valid values and a unique email.
pub fn signup_form(email: &str) -> Vec<(&'static str, String)> {
    vec![
        ("full_name", "Ada Lovelace".into()),
        ("email", email.into()),
        ("password", PASSWORD.into()),
        ("organisation", "Analytical Engines".into()),
        ("job_title", "Founder".into()),
        ("age_confirmed", "on".into()),
        ("accept_terms", "on".into()),
    ]
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Posts a form to a server function the way the hydrated app does (JSON answer, no redirect-back).
    pub async fn call(&self, endpoint: &str, form: &[(&str, String)]) -> Response {
        self.call_with(&self.client, endpoint, form).await
    }

    pub async fn call_with(&self, client: &Client, endpoint: &str, form: &[(&str, String)]) -> Response {
        client
            .post(self.url(&format!("/api/{endpoint}")))
            .header("accept", "application/json")
            .form(form)
            .send()
            .await
            .expect("request")
    }

    pub async fn sign_up(&self, email: &str) -> Response {
        self.call("auth/sign-up", &signup_form(email)).await
    }

    pub async fn sign_in(&self, email: &str, password: &str) -> Response {
        self.sign_in_with(&self.client, email, password).await
    }

    pub async fn sign_in_with(&self, client: &Client, email: &str, password: &str) -> Response {
        self.call_with(client, "auth/sign-in", &[("email", email.into()), ("password", password.into())]).await
    }

    pub async fn get(&self, path: &str) -> Response {
        self.client.get(self.url(path)).send().await.expect("request")
    }

    pub fn advance_minutes(&self, minutes: i64) {
        self.clock.advance_ms(minutes * 60_000);
    }
}

/// GETs an export's download link as `client`, following the redirect to its one-time address.
pub async fn download_export(app: &TestApp, client: &Client, url: &str) -> Response {
    let first = client.get(app.url(url)).send().await.expect("request");
    if first.status() != StatusCode::SEE_OTHER {
        return first;
    }
    let to = first.headers()["location"].to_str().expect("location").to_owned();
    assert!(to.starts_with(url) && to.contains("?token="), "{to}");
    client.get(app.url(&to)).send().await.expect("request")
}

/// The `AppError` JSON of a failed server-function call.
pub async fn error_json(response: Response) -> serde_json::Value {
    response.json().await.expect("error body is JSON")
}

pub fn assert_status(response: &Response, expected: StatusCode) {
    assert_eq!(response.status(), expected, "unexpected status for {}", response.url());
}

/// The session cookie's `Set-Cookie` line in a response, if any.
pub fn session_set_cookie(response: &Response) -> Option<String> {
    response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with("nexacrm_session="))
        .map(str::to_owned)
}

/// The token in a session `Set-Cookie` line.
pub fn token_of(set_cookie: &str) -> String {
    set_cookie.split(';').next().unwrap_or("").trim_start_matches("nexacrm_session=").to_owned()
}

/// A signed-in person with their own workspace, for CRM tests.
pub struct Owner {
    pub client: Client,
    pub slug: String,
}

impl TestApp {
    /// Signs up a new person whose organisation is `organisation`; returns their tab and slug.
    pub async fn owner(&self, email: &str, organisation: &str) -> Owner {
        let client = browser(&self.base);
        let mut form = signup_form(email);
        form.retain(|(name, _)| *name != "organisation");
        form.push(("organisation", organisation.to_owned()));
        let response = self.call_with(&client, "auth/sign-up", &form).await;
        assert_eq!(response.status(), StatusCode::OK, "sign-up of {email}");
        let slug = response.headers()["location"].to_str().unwrap().trim_start_matches("/w/").to_owned();
        Owner { client, slug }
    }

    /// Calls a server function as `owner` in their workspace (the slug is added to the form).
    pub async fn act(&self, owner: &Owner, endpoint: &str, form: &[(&str, String)]) -> Response {
        let mut full = vec![("slug", owner.slug.clone())];
        full.extend(form.iter().map(|(k, v)| (*k, v.clone())));
        self.call_with(&owner.client, endpoint, &full).await
    }

    /// GETs a server function as `owner` with query parameters (the slug is added).
    pub async fn read(&self, owner: &Owner, endpoint: &str, query: &[(&str, &str)]) -> Response {
        let mut full = vec![("slug", owner.slug.as_str())];
        full.extend_from_slice(query);
        owner.client.get(self.url(&format!("/api/{endpoint}"))).query(&full).send().await.expect("request")
    }

    /// Creates a company named `name` and returns its id.
    pub async fn company(&self, owner: &Owner, name: &str) -> String {
        let response = self.act(owner, "companies/create", &[("fields[name]", name.to_owned()), ("fields[size]", String::new())]).await;
        assert_eq!(response.status(), StatusCode::OK, "create company {name}");
        response.json().await.expect("id")
    }

    /// Creates a contact and returns its id.
    pub async fn contact(&self, owner: &Owner, first: &str, last: &str, email: &str) -> String {
        let response = self
            .act(owner, "contacts/create", &[
                ("fields[first_name]", first.to_owned()),
                ("fields[last_name]", last.to_owned()),
                ("fields[status]", "lead".to_owned()),
                ("fields[emails][0][value]", email.to_owned()),
                ("fields[emails][0][label]", "work".to_owned()),
            ])
            .await;
        assert_eq!(response.status(), StatusCode::OK, "create contact {first} {last}");
        response.json().await.expect("id")
    }
}

impl TestApp {
    /// The HTML of a page as `owner` sees it.
    pub async fn get_as(&self, owner: &Owner, path: &str) -> String {
        let response = owner.client.get(self.url(path)).send().await.expect("request");
        assert_eq!(response.status(), StatusCode::OK, "GET {path}");
        response.text().await.expect("body")
    }
}

impl TestApp {
    /// Creates a lead (source web, status new) and returns its id.
    pub async fn lead(&self, owner: &Owner, name: &str, company: &str, email: &str) -> String {
        let response = self
            .act(owner, "leads/create", &[
                ("fields[name]", name.to_owned()),
                ("fields[company_name]", company.to_owned()),
                ("fields[email]", email.to_owned()),
                ("fields[source]", "web".to_owned()),
                ("fields[status]", "new".to_owned()),
            ])
            .await;
        assert_eq!(response.status(), StatusCode::OK, "create lead {name}");
        response.json().await.expect("id")
    }

    /// Opens a ticket (normal priority) with the given status and returns its id.
    pub async fn ticket(&self, owner: &Owner, subject: &str, status: &str, contact_id: &str) -> String {
        let response = self
            .act(owner, "tickets/create", &[
                ("fields[subject]", subject.to_owned()),
                ("fields[status]", status.to_owned()),
                ("fields[priority]", "normal".to_owned()),
                ("fields[contact_id]", contact_id.to_owned()),
            ])
            .await;
        assert_eq!(response.status(), StatusCode::OK, "open ticket {subject}");
        response.json().await.expect("id")
    }

    /// The first stage of the owner's pipeline.
    pub async fn first_stage(&self, owner: &Owner) -> String {
        let stages: serde_json::Value = self.read(owner, "deals/stages", &[]).await.json().await.expect("stages");
        stages[0]["id"].as_str().expect("a stage").to_owned()
    }
}

impl TestApp {
    /// Uploads `file` as a CSV import of `kind` (multipart, as the wizard's form posts it) and
    /// returns the response (a redirect to the wizard, or back with `?error=`).
    pub async fn upload_import(&self, owner: &Owner, kind: &str, file: &[u8]) -> Response {
        self.try_upload_import(owner, kind, file).await.expect("upload")
    }

    /// The same, keeping a failed request (a server refusing a body may close the connection
    /// before the client has sent it all).
    pub async fn try_upload_import(&self, owner: &Owner, kind: &str, file: &[u8]) -> reqwest::Result<Response> {
        let boundary = "nexacrm-test-boundary-7d1f";
        let mut body = format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"kind\"\r\n\r\n{kind}\r\n\
             --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"people.csv\"\r\nContent-Type: text/csv\r\n\r\n"
        )
        .into_bytes();
        body.extend_from_slice(file);
        body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
        owner
            .client
            .post(self.url(&format!("/w/{}/imports", owner.slug)))
            .header("content-type", format!("multipart/form-data; boundary={boundary}"))
            .body(body)
            .send()
            .await
    }

    /// Uploads a CSV import and returns its id (from the redirect to the wizard).
    pub async fn import_id(&self, owner: &Owner, kind: &str, file: &str) -> String {
        let response = self.upload_import(owner, kind, file.as_bytes()).await;
        assert_eq!(response.status(), StatusCode::SEE_OTHER, "upload of a {kind} import");
        let location = response.headers()["location"].to_str().unwrap().to_owned();
        let prefix = format!("/w/{}/imports/", owner.slug);
        assert!(location.starts_with(&prefix), "sent to the wizard, not {location}");
        location[prefix.len()..].to_owned()
    }
}
