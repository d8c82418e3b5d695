//! Privacy choices and requests: page visits recorded by route pattern unless the person objected,
//! and purged with old session addresses after the retention period; product news only to people
//! who opted in, with RFC 8058 one-click unsubscribe that works signed out and cross-site; privacy
//! requests due in 30 days, listed for operators by due date, overdue marked, answered by mail.

use crate::helpers::*;
use crate::on_both_databases;
use app::ssr::clock::Clock;
use app::ssr::config::Config;
use reqwest::StatusCode;
use serde_json::Value;
use std::time::Duration;

const OPERATOR: &str = "operator@nexacrm.example";
const DAY_MS: i64 = 86_400_000;
const DAY_MINUTES: i64 = 24 * 60;

fn with_operator(config: &mut Config) {
    config.operator_emails = vec![OPERATOR.to_owned()];
}

/// Every page visit: (user id, workspace id, route), oldest first.
async fn visits(app: &TestApp) -> Vec<(String, Option<String>, String)> {
    sqlx::query_as("select user_id, workspace_id, route from page_visits order by visited_at, id").fetch_all(&app.state.db.pool).await.unwrap()
}

async fn user_id(app: &TestApp, email: &str) -> String {
    let (id,): (String,) = sqlx::query_as("select id from users where email = $1").bind(email).fetch_one(&app.state.db.pool).await.unwrap();
    id
}

async fn choices(app: &TestApp, client: &reqwest::Client) -> Value {
    let response = client.get(app.url("/api/privacy/choices")).send().await.unwrap();
    assert_status(&response, StatusCode::OK);
    response.json().await.unwrap()
}

/// Saves a choice the way the checkbox form posts it: `on=true` when ticked, nothing otherwise.
async fn choose(app: &TestApp, client: &reqwest::Client, endpoint: &str, on: bool) {
    let form: Vec<(&str, String)> = if on { vec![("on", "true".into())] } else { Vec::new() };
    assert_status(&app.call_with(client, endpoint, &form).await, StatusCode::OK);
}

on_both_databases! {
    async fn a_page_load_records_the_route_pattern_not_the_address(app: TestApp) {
        let ada = app.owner("ada@engines.example", "Engines").await;
        let contact = app.contact(&ada, "Grace", "Hopper", "grace@navy.example").await;
        assert!(visits(&app).await.is_empty(), "server functions are not page visits");

        app.get_as(&ada, &format!("/w/{}/contacts/{contact}", ada.slug)).await;
        let recorded = visits(&app).await;
        let (workspace_id,): (String,) = sqlx::query_as("select id from workspaces where slug = $1").bind(&ada.slug).fetch_one(&app.state.db.pool).await.unwrap();
        assert_eq!(recorded, [(user_id(&app, "ada@engines.example").await, Some(workspace_id), "/w/{slug}/contacts/{id}".to_owned())]);
        let (visited_at,): (i64,) = sqlx::query_as("select visited_at from page_visits").fetch_one(&app.state.db.pool).await.unwrap();
        assert_eq!(visited_at, START_MS);

        // Reads through server functions, files and signed-out pages add nothing.
        assert_status(&app.read(&ada, "contacts/get", &[("id", &contact)]).await, StatusCode::OK);
        assert_status(&browser(&app.base).get(app.url("/privacy")).send().await.unwrap(), StatusCode::OK);
        app.get_as(&ada, "/privacy").await;
        let routes: Vec<String> = visits(&app).await.into_iter().map(|(_, _, route)| route).collect();
        assert_eq!(routes, ["/w/{slug}/contacts/{id}", "/privacy"], "one more visit: Ada's public page load");
        assert!(!routes.iter().any(|r| r.contains(&contact) || r.contains(&ada.slug)));
    }
}

on_both_databases! {
    async fn after_objecting_no_visit_is_recorded_but_sign_ins_and_history_still_are(app: TestApp) {
        let ada = app.owner("ada@engines.example", "Engines").await;
        let fresh = choices(&app, &ada.client).await;
        assert_eq!((fresh["usage_objection"].as_bool(), fresh["usage_objection_at"].as_i64()), (Some(false), None));
        assert_eq!(fresh["usage_retention_days"].as_i64(), Some(90));
        app.get_as(&ada, &format!("/w/{}", ada.slug)).await;
        assert_eq!(visits(&app).await.len(), 1);

        app.advance_minutes(1);
        choose(&app, &ada.client, "privacy/usage-objection", true).await;
        let objected = choices(&app, &ada.client).await;
        assert_eq!((objected["usage_objection"].as_bool(), objected["usage_objection_at"].as_i64()), (Some(true), Some(START_MS + 60_000)));
        assert!(visits(&app).await.is_empty(), "the visits recorded so far are deleted");

        app.get_as(&ada, &format!("/w/{}/contacts", ada.slug)).await;
        app.get_as(&ada, &format!("/w/{}/privacy", ada.slug)).await;
        assert!(visits(&app).await.is_empty(), "no visit recorded after objecting");

        // What security and the audit log need is still kept: a new sign-in's session, a record's history.
        let sessions = |app: &TestApp| {
            let pool = app.state.db.pool.clone();
            async move { sqlx::query_as::<_, (i64,)>("select count(*) from sessions").fetch_one(&pool).await.unwrap().0 }
        };
        let before = sessions(&app).await;
        assert_status(&app.sign_in_with(&browser(&app.base), "ada@engines.example", PASSWORD).await, StatusCode::OK);
        assert_eq!(sessions(&app).await, before + 1);
        let contact = app.contact(&ada, "Grace", "Hopper", "grace@navy.example").await;
        let (events,): (i64,) = sqlx::query_as("select count(*) from events where record_id = $1").bind(&contact).fetch_one(&app.state.db.pool).await.unwrap();
        assert!(events >= 1, "the record's history is kept");

        // Withdrawing the objection records visits again.
        choose(&app, &ada.client, "privacy/usage-objection", false).await;
        app.get_as(&ada, &format!("/w/{}/contacts", ada.slug)).await;
        let routes: Vec<String> = visits(&app).await.into_iter().map(|(_, _, route)| route).collect();
        assert_eq!(routes, ["/w/{slug}/contacts"]);
    }
}

async fn usage_data_past_the_retention_period_is_purged_once(backend: Backend) {
    // Sessions long enough to outlive the retention period, so their addresses are what is purged.
    let app = spawn_app_with(backend, |config| {
        config.session_idle = Duration::from_secs(200 * 86_400);
        config.session_absolute = Duration::from_secs(200 * 86_400);
    })
    .await;
    let ada = app.owner("ada@engines.example", "Engines").await;
    app.get_as(&ada, &format!("/w/{}", ada.slug)).await;
    app.advance_minutes(89 * DAY_MINUTES);
    app.get_as(&ada, &format!("/w/{}/deals", ada.slug)).await;
    assert_status(&app.sign_in_with(&browser(&app.base), "ada@engines.example", PASSWORD).await, StatusCode::OK);
    app.advance_minutes(2 * DAY_MINUTES);

    let sessions = || async {
        sqlx::query_as::<_, (i64, String)>("select created_at, ip from sessions order by created_at, id").fetch_all(&app.state.db.pool).await.unwrap()
    };
    assert_eq!(sessions().await.iter().filter(|(_, ip)| ip.is_empty()).count(), 0);
    server::jobs::run_once(&app.state).await;
    let routes: Vec<String> = visits(&app).await.into_iter().map(|(_, _, route)| route).collect();
    assert_eq!(routes, ["/w/{slug}/deals"], "the 91-day-old visit is gone, the 2-day-old one kept");
    let after = sessions().await;
    assert_eq!(after.len(), 2);
    assert_eq!((after[0].0, after[0].1.as_str()), (START_MS, ""), "the 91-day-old session's address is blanked");
    assert_eq!((after[1].0, after[1].1.as_str()), (START_MS + 89 * DAY_MS, "127.0.0.1"), "the newer one keeps it");
    let accounts: Value = ada.client.get(app.url("/api/account/sessions")).send().await.unwrap().json().await.unwrap();
    assert!(accounts.as_array().unwrap().iter().any(|s| s["approximate_ip"] == "Unknown"), "{accounts}");

    server::jobs::run_once(&app.state).await;
    assert_eq!(visits(&app).await.len(), 1, "a second run changes nothing");
    assert_eq!(sessions().await, after);
    let purged = app::ssr::db::usage::purge_before(&app.state.db.pool, app.clock.now_ms() - 90 * DAY_MS).await.unwrap();
    assert_eq!(purged, app::ssr::db::usage::Purged::default());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn usage_data_past_the_retention_period_is_purged_once_on_sqlite() {
    within_limit(usage_data_past_the_retention_period_is_purged_once(Backend::Sqlite)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn usage_data_past_the_retention_period_is_purged_once_on_postgres() {
    within_limit(usage_data_past_the_retention_period_is_purged_once(Backend::Postgres)).await;
}

/// Sends product news as the operator; answers how many it went to.
async fn send_news(app: &TestApp, operator: &Owner, subject: &str) -> u64 {
    let response = app.call_with(&operator.client, "operator/news", &[("subject", subject.into()), ("body", "Dark mode is here.\nEnjoy.".into())]).await;
    assert_status(&response, StatusCode::OK);
    response.json().await.unwrap()
}

/// The outbox's news mails: (to, subject, List-Unsubscribe address), oldest first.
async fn news_mails(app: &TestApp) -> Vec<(String, String, Option<String>)> {
    sqlx::query_as("select to_address, subject, list_unsubscribe from mail_outbox where kind = 'marketing_news' order by created_at, id")
        .fetch_all(&app.state.db.pool)
        .await
        .unwrap()
}

async fn news_goes_only_to_people_who_opted_in(backend: Backend) {
    let app = spawn_app_with(backend, with_operator).await;
    let ada = app.owner("ada@engines.example", "Engines").await;
    let bob = app.owner("bob@looms.example", "Looms").await;
    let carol = app.owner("carol@mills.example", "Mills").await;
    let dave = app.owner("dave@forges.example", "Forges").await;
    let operator = app.owner(OPERATOR, "NexaCRM").await;
    assert_eq!(choices(&app, &bob.client).await["marketing_opt_in"], false, "off unless the person opts in");

    app.advance_minutes(1);
    choose(&app, &ada.client, "privacy/marketing", true).await;
    choose(&app, &carol.client, "privacy/marketing", true).await;
    choose(&app, &carol.client, "privacy/marketing", false).await;
    // Dave opted in, then asked for his account to be deleted: no more marketing for him.
    choose(&app, &dave.client, "privacy/marketing", true).await;
    sqlx::query("update users set deletion_requested_at = $1, deletion_due_at = $2 where email = 'dave@forges.example'")
        .bind(START_MS)
        .bind(START_MS + 30 * DAY_MS)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
    let adas = choices(&app, &ada.client).await;
    assert_eq!((adas["marketing_opt_in"].as_bool(), adas["marketing_choice_at"].as_i64()), (Some(true), Some(START_MS + 60_000)));

    // Only operators send news or see requests: the functions and pages do not exist for others.
    let stranger = browser(&app.base);
    for client in [&ada.client, &stranger] {
        let news = app.call_with(client, "operator/news", &[("subject", "Hi".into()), ("body", "Spam".into())]).await;
        assert_status(&news, StatusCode::NOT_FOUND);
        for path in ["/api/operator/privacy-requests?status=open", "/operator/privacy-requests", "/operator/news"] {
            assert_status(&client.get(app.url(path)).send().await.unwrap(), StatusCode::NOT_FOUND);
        }
        let answer = app.call_with(client, "operator/privacy-requests/answer", &[("id", "x".into()), ("answer", "Hi".into())]).await;
        assert_status(&answer, StatusCode::NOT_FOUND);
    }
    assert!(news_mails(&app).await.is_empty());
    assert_status(&operator.client.get(app.url("/operator/privacy-requests")).send().await.unwrap(), StatusCode::OK);
    let news_page = operator.client.get(app.url("/operator/news")).send().await.unwrap();
    assert_status(&news_page, StatusCode::OK);
    assert!(news_page.text().await.unwrap().contains("1 person has opted in."), "Ada, not Carol who opted out nor Dave who is leaving");

    let bad = app.call_with(&operator.client, "operator/news", &[("subject", "Two\nlines".into()), ("body", " ".into())]).await;
    assert_status(&bad, StatusCode::UNPROCESSABLE_ENTITY);
    let fields = error_json(bad).await["fields"].clone();
    assert!(fields["subject"].is_string() && fields["body"].is_string(), "{fields}");
    assert_eq!(send_news(&app, &operator, "Dark mode").await, 1);
    let mails = news_mails(&app).await;
    assert_eq!(mails.len(), 1);
    let (to, subject, unsubscribe) = &mails[0];
    assert_eq!((to.as_str(), subject.as_str()), ("ada@engines.example", "Dark mode"));
    let url = unsubscribe.clone().expect("a List-Unsubscribe address");
    assert!(url.starts_with(&format!("{}/unsubscribe/", app.base)), "{url}");

    // The built message carries both RFC 8058 headers, and the link is in the body too.
    let (id,): (String,) = sqlx::query_as("select id from mail_outbox where kind = 'marketing_news'").fetch_one(&app.state.db.pool).await.unwrap();
    let row = app::ssr::db::mail::find(&app.state.db.pool, &id).await.unwrap().unwrap();
    assert!(row.text_body.contains(&url));
    let from = app::ssr::mail::mailbox("NexaCRM", "no-reply@nexacrm.localhost").unwrap();
    let formatted = String::from_utf8(app::ssr::mail::transport::build(&from, &row).unwrap().formatted()).unwrap();
    assert!(formatted.contains(&format!("List-Unsubscribe: <{url}>\r\n")), "{formatted}");
    assert!(formatted.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"), "{formatted}");

    // Transactional mail still goes to the people who never opted in or opted out.
    for email in ["bob@looms.example", "carol@mills.example"] {
        assert_status(&app.call_with(&browser(&app.base), "auth/forgot-password", &[("email", email.into())]).await, StatusCode::OK);
    }
    let resets: Vec<(String, Option<String>)> =
        sqlx::query_as("select to_address, list_unsubscribe from mail_outbox where kind = 'password_reset' order by to_address").fetch_all(&app.state.db.pool).await.unwrap();
    assert_eq!(resets, [("bob@looms.example".to_owned(), None), ("carol@mills.example".to_owned(), None)]);
    assert_eq!(choices(&app, &bob.client).await["marketing_choice_at"], Value::Null, "Bob never chose");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn news_goes_only_to_people_who_opted_in_on_sqlite() {
    within_limit(news_goes_only_to_people_who_opted_in(Backend::Sqlite)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn news_goes_only_to_people_who_opted_in_on_postgres() {
    within_limit(news_goes_only_to_people_who_opted_in(Backend::Postgres)).await;
}

/// A client like a mail program: no cookies, no Origin, no redirects followed.
fn mail_client() -> reqwest::Client {
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap()
}

async fn one_click_unsubscribe_works_signed_out_and_cross_site(backend: Backend) {
    let app = spawn_app_with(backend, with_operator).await;
    let ada = app.owner("ada@engines.example", "Engines").await;
    let operator = app.owner(OPERATOR, "NexaCRM").await;
    choose(&app, &ada.client, "privacy/marketing", true).await;
    assert_eq!(send_news(&app, &operator, "First news").await, 1);
    let url = news_mails(&app).await[0].2.clone().unwrap();
    let token = url.rsplit('/').next().unwrap().to_owned();
    let (stored,): (i64,) = sqlx::query_as("select count(*) from unsubscribe_tokens where token_hash = $1").bind(&token).fetch_one(&app.state.db.pool).await.unwrap();
    assert_eq!(stored, 0, "only the token's hash is kept");

    // Opening the link (or a scanner following it) shows a button and changes nothing.
    let page = mail_client().get(&url).send().await.unwrap();
    assert_status(&page, StatusCode::OK);
    assert_eq!(page.headers()["cache-control"], "no-store");
    let html = page.text().await.unwrap();
    assert!(html.contains("ada@engines.example") && html.contains(&format!("<form method=\"post\" action=\"/unsubscribe/{token}\">")), "{html}");
    assert_eq!(choices(&app, &ada.client).await["marketing_opt_in"], true);

    // The RFC 8058 POST: no Origin, no session.
    app.advance_minutes(5);
    let posted = mail_client()
        .post(&url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_status(&posted, StatusCode::OK);
    assert!(posted.text().await.unwrap().contains("You are unsubscribed"));
    let after = choices(&app, &ada.client).await;
    assert_eq!((after["marketing_opt_in"].as_bool(), after["marketing_choice_at"].as_i64()), (Some(false), Some(START_MS + 5 * 60_000)));
    assert_eq!(send_news(&app, &operator, "Second news").await, 0, "no more news after unsubscribing");
    let again = mail_client().get(&url).send().await.unwrap().text().await.unwrap();
    assert!(again.contains("not subscribed"), "{again}");

    // From a webmail's page (a foreign Origin, cross-site): still only this one setting, still works.
    choose(&app, &ada.client, "privacy/marketing", true).await;
    let cross = mail_client()
        .post(&url)
        .header("origin", "https://webmail.example")
        .header("sec-fetch-site", "cross-site")
        .header("content-type", "multipart/form-data; boundary=x")
        .body("--x\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--x--\r\n")
        .send()
        .await
        .unwrap();
    assert_status(&cross, StatusCode::OK);
    assert_eq!(choices(&app, &ada.client).await["marketing_opt_in"], false);
    // The exemption is that path only: other cross-site posts are still refused.
    let refused = mail_client().post(app.url("/api/privacy/marketing")).header("origin", "https://webmail.example").form(&[("on", "true")]).send().await.unwrap();
    assert_status(&refused, StatusCode::FORBIDDEN);

    // A token that matches nothing gets a clear page, never a 500.
    for bad in ["nope".to_owned(), format!("{token}x"), "x".repeat(500)] {
        let bad_url = app.url(&format!("/unsubscribe/{bad}"));
        for response in [mail_client().get(&bad_url).send().await.unwrap(), mail_client().post(&bad_url).body("List-Unsubscribe=One-Click").send().await.unwrap()] {
            assert_status(&response, StatusCode::NOT_FOUND);
            assert!(response.text().await.unwrap().contains("This unsubscribe link is not valid"));
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_click_unsubscribe_works_signed_out_and_cross_site_on_sqlite() {
    within_limit(one_click_unsubscribe_works_signed_out_and_cross_site(Backend::Sqlite)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn one_click_unsubscribe_works_signed_out_and_cross_site_on_postgres() {
    within_limit(one_click_unsubscribe_works_signed_out_and_cross_site(Backend::Postgres)).await;
}

async fn open_requests(app: &TestApp, operator: &Owner) -> Vec<Value> {
    let response = operator.client.get(app.url("/api/operator/privacy-requests")).query(&[("status", "open")]).send().await.unwrap();
    assert_status(&response, StatusCode::OK);
    response.json().await.unwrap()
}

async fn my_requests(app: &TestApp, owner: &Owner) -> Vec<Value> {
    let response = owner.client.get(app.url("/api/privacy/requests")).send().await.unwrap();
    assert_status(&response, StatusCode::OK);
    response.json().await.unwrap()
}

async fn privacy_requests_are_due_in_30_days_and_answered_by_mail(backend: Backend) {
    let app = spawn_app_with(backend, with_operator).await;
    let ada = app.owner("ada@engines.example", "Engines").await;
    let bob = app.owner("bob@looms.example", "Looms").await;
    let operator = app.owner(OPERATOR, "NexaCRM").await;

    let bad = app.act(&ada, "privacy/request", &[("kind", "deletion".into()), ("message", " ".into())]).await;
    assert_status(&bad, StatusCode::UNPROCESSABLE_ENTITY);
    let fields = error_json(bad).await["fields"].clone();
    assert!(fields["kind"].is_string() && fields["message"].is_string(), "{fields}");
    assert!(my_requests(&app, &ada).await.is_empty(), "nothing stored for bad input");

    let created = app.act(&ada, "privacy/request", &[("kind", "erasure".into()), ("message", "Please erase canary-9d1e".into())]).await;
    assert_status(&created, StatusCode::OK);
    let adas_id: String = created.json().await.unwrap();
    app.advance_minutes(DAY_MINUTES);
    sign_in_again(&app, &bob, "bob@looms.example").await;
    sign_in_again(&app, &operator, OPERATOR).await;
    assert_status(&app.act(&bob, "privacy/request", &[("kind", "access".into()), ("message", "A copy, please".into())]).await, StatusCode::OK);

    sign_in_again(&app, &ada, "ada@engines.example").await;
    let adas = my_requests(&app, &ada).await;
    assert_eq!(adas.len(), 1);
    assert_eq!((adas[0]["status"].as_str(), adas[0]["kind"].as_str(), adas[0]["overdue"].as_bool()), (Some("open"), Some("erasure"), Some(false)));
    assert_eq!((adas[0]["created_at"].as_i64(), adas[0]["due_at"].as_i64()), (Some(START_MS), Some(START_MS + 30 * DAY_MS)));
    let (confirmation,): (String,) = sqlx::query_as("select text_body from mail_outbox where kind = 'privacy_request_received' and to_address = 'ada@engines.example'")
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    assert!(confirmation.contains("2026-12-27 00:00 UTC"), "the confirmation gives the due date: {confirmation}");

    // Listed for the operator by due date; none overdue yet.
    let open = open_requests(&app, &operator).await;
    let order: Vec<(&str, &str)> = open.iter().map(|r| (r["from_email"].as_str().unwrap(), r["kind"].as_str().unwrap())).collect();
    assert_eq!(order, [("ada@engines.example", "erasure"), ("bob@looms.example", "access")]);
    assert!(open.iter().all(|r| r["overdue"] == false));

    // 31 days after Ada's request: hers is overdue; Bob's is due this very moment, not overdue yet.
    app.advance_minutes(30 * DAY_MINUTES);
    sign_in_again(&app, &operator, OPERATOR).await;
    let open = open_requests(&app, &operator).await;
    let marks: Vec<(&str, bool)> = open.iter().map(|r| (r["from_email"].as_str().unwrap(), r["overdue"].as_bool().unwrap())).collect();
    assert_eq!(marks, [("ada@engines.example", true), ("bob@looms.example", false)]);
    let page = operator.client.get(app.url("/operator/privacy-requests")).send().await.unwrap().text().await.unwrap();
    assert!(page.contains("Overdue") && page.contains("canary-9d1e"), "the page marks the overdue request");

    // The answer: checked, stored once, mailed and shown to the person only.
    let answer = |id: &str, text: &str| {
        let form = vec![("id", id.to_owned()), ("answer", text.to_owned())];
        let (app, client) = (&app, &operator.client);
        async move { app.call_with(client, "operator/privacy-requests/answer", &form).await }
    };
    assert_status(&answer(&adas_id, " ").await, StatusCode::UNPROCESSABLE_ENTITY);
    assert_status(&answer("no-such-request", "Done").await, StatusCode::NOT_FOUND);
    assert_status(&answer(&adas_id, "Your account is <erased>.").await, StatusCode::OK);
    assert_status(&answer(&adas_id, "Again").await, StatusCode::CONFLICT);
    let (to, text, html): (String, String, String) =
        sqlx::query_as("select to_address, text_body, html_body from mail_outbox where kind = 'privacy_request_answer'").fetch_one(&app.state.db.pool).await.unwrap();
    assert_eq!(to, "ada@engines.example");
    assert!(text.contains("Your account is <erased>.") && text.contains("canary-9d1e"));
    assert!(html.contains("Your account is &lt;erased&gt;."));

    sign_in_again(&app, &ada, "ada@engines.example").await;
    let adas = my_requests(&app, &ada).await;
    assert_eq!((adas[0]["status"].as_str(), adas[0]["answer"].as_str(), adas[0]["overdue"].as_bool()), (Some("answered"), Some("Your account is <erased>."), Some(false)));
    assert_eq!(adas[0]["answered_at"].as_i64(), Some(START_MS + 31 * DAY_MS));
    sign_in_again(&app, &bob, "bob@looms.example").await;
    let bobs = serde_json::to_string(&my_requests(&app, &bob).await).unwrap();
    assert!(!bobs.contains("canary-9d1e") && !bobs.contains("erased"), "Bob sees only his own");
    let open = open_requests(&app, &operator).await;
    assert_eq!(open.len(), 1);
    assert_eq!(open[0]["from_email"], "bob@looms.example");
    let answered: Vec<Value> = operator.client.get(app.url("/api/operator/privacy-requests")).query(&[("status", "answered")]).send().await.unwrap().json().await.unwrap();
    assert_eq!(answered.len(), 1);
    assert_eq!(answered[0]["answer"], "Your account is <erased>.");
}

/// Signs `owner` in again in their tab (after the clock moved past their idle expiry).
async fn sign_in_again(app: &TestApp, owner: &Owner, email: &str) {
    assert_status(&app.sign_in_with(&owner.client, email, PASSWORD).await, StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn privacy_requests_are_due_in_30_days_and_answered_by_mail_on_sqlite() {
    within_limit(privacy_requests_are_due_in_30_days_and_answered_by_mail(Backend::Sqlite)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn privacy_requests_are_due_in_30_days_and_answered_by_mail_on_postgres() {
    within_limit(privacy_requests_are_due_in_30_days_and_answered_by_mail(Backend::Postgres)).await;
}
