//! Anonymised analytics: nothing is counted without analytics consent; with it, page views by
//! route pattern, feature use and daily visitors are counted; the tables cannot hold an
//! identifier; salts and visitor hashes go after 48 hours while the counts stay; only operators
//! see the report.

use crate::helpers::*;
use crate::on_both_databases;
use app::content::POLICY_VERSION;
use reqwest::{Client, StatusCode};
use serde_json::Value;

const OPERATOR: &str = "operator@nexacrm.example";

async fn counts(app: &TestApp) -> Vec<(String, String, i64)> {
    sqlx::query_as("select kind, name, count from analytics_daily order by kind, name")
        .fetch_all(&app.state.db.pool)
        .await
        .unwrap()
}

fn count_of(counts: &[(String, String, i64)], kind: &str, name: &str) -> i64 {
    counts.iter().find(|c| c.0 == kind && c.1 == name).map(|c| c.2).unwrap_or(0)
}

/// A browser that already made a choice in the banner.
fn visitor_with(app: &TestApp, flags: &str, user_agent: &str) -> Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("cookie", format!("nexacrm_consent=c0ffee.{POLICY_VERSION}.{flags}").parse().unwrap());
    headers.insert("user-agent", user_agent.parse().unwrap());
    let _ = app;
    Client::builder().redirect(reqwest::redirect::Policy::none()).default_headers(headers).build().unwrap()
}

async fn visit(app: &TestApp, client: &Client, path: &str) {
    assert_status(&client.get(app.url(path)).send().await.unwrap(), StatusCode::OK);
}

on_both_databases! {
    async fn nothing_is_counted_without_analytics_consent(app: TestApp) {
        let no_choice = Client::new();
        visit(&app, &no_choice, "/privacy").await;
        visit(&app, &visitor_with(&app, "00", "Firefox"), "/privacy").await;
        visit(&app, &visitor_with(&app, "10", "Firefox"), "/privacy").await;
        // A choice made under an older policy version does not count either.
        let stale = Client::builder().default_headers({
            let mut h = reqwest::header::HeaderMap::new();
            h.insert("cookie", "nexacrm_consent=c0ffee.2025-01-01.11".parse().unwrap());
            h
        }).build().unwrap();
        visit(&app, &stale, "/privacy").await;
        // Nor does a deal moved by someone without consent.
        let ada = app.owner("ada@engines.example", "Engines").await;
        let deal: String = app.act(&ada, "deals/create", &[("fields[name]", "Boiler".into()), ("fields[currency]", "EUR".into()), ("fields[stage_id]", app.first_stage(&ada).await)]).await.json().await.unwrap();
        let stages: Vec<String> = sqlx::query_scalar("select id from pipeline_stages order by position").fetch_all(&app.state.db.pool).await.unwrap();
        assert_status(&app.act(&ada, "deals/move", &[("id", deal), ("stage_id", stages[1].clone())]).await, StatusCode::OK);
        assert_status(&app.call_with(&ada.client, "exports/request-mine", &[]).await, StatusCode::OK);
        assert!(counts(&app).await.is_empty(), "{:?}", counts(&app).await);
        let salts: i64 = sqlx::query_scalar("select count(*) from analytics_salts").fetch_one(&app.state.db.pool).await.unwrap();
        assert_eq!(salts, 0);
    }
}

on_both_databases! {
    async fn with_consent_pages_features_and_visitors_are_counted_without_identifiers(app: TestApp) {
        let firefox = visitor_with(&app, "01", "Firefox/140");
        let chrome = visitor_with(&app, "11", "Chrome/141");
        visit(&app, &firefox, "/privacy").await;
        visit(&app, &firefox, "/privacy").await;
        visit(&app, &chrome, "/privacy").await;
        visit(&app, &chrome, "/terms").await;
        // Not pages: a missing page, a server function.
        assert_status(&chrome.get(app.url("/no-such-page")).send().await.unwrap(), StatusCode::NOT_FOUND);
        assert_status(&chrome.get(app.url("/api/auth/session-status")).send().await.unwrap(), StatusCode::OK);

        // A signed-in person with consent: the route pattern is counted, not the record's address.
        let ada = app.owner("ada@engines.example", "Engines").await;
        assert_status(&app.call_with(&ada.client, "consent/save", &[("choice", "accept_all".into())]).await, StatusCode::OK);
        let contact = app.contact(&ada, "Grace", "Hopper", "grace@navy.example").await;
        app.get_as(&ada, &format!("/w/{}/contacts/{contact}", ada.slug)).await;
        let stage = app.first_stage(&ada).await;
        let deal_id: String = app.act(&ada, "deals/create", &[("fields[name]", "Boiler".into()), ("fields[currency]", "EUR".into()), ("fields[stage_id]", stage)]).await.json().await.unwrap();
        let stages: Vec<String> = sqlx::query_scalar("select id from pipeline_stages order by position").fetch_all(&app.state.db.pool).await.unwrap();
        let moved = app.act(&ada, "deals/move", &[("id", deal_id.clone()), ("stage_id", stages[1].clone())]).await;
        assert_status(&moved, StatusCode::OK);
        assert_status(&app.call_with(&ada.client, "exports/request-mine", &[]).await, StatusCode::OK);

        let counts = counts(&app).await;
        assert_eq!(count_of(&counts, "page", "/privacy"), 3);
        assert_eq!(count_of(&counts, "page", "/terms"), 1);
        assert_eq!(count_of(&counts, "page", "/w/{slug}/contacts/{id}"), 1);
        assert_eq!(count_of(&counts, "feature", "deal moved"), 1);
        assert_eq!(count_of(&counts, "feature", "export requested"), 1);
        assert_eq!(count_of(&counts, "visitors", ""), 3, "two browsers and Ada's, once each today");
        assert!(counts.iter().all(|c| !c.1.contains(&contact) && !c.1.contains(&ada.slug)), "{counts:?}");

        // The schema cannot hold an identifier: only days, kinds, names, counts, salts and hashes.
        let columns = table_columns(&app, &["analytics_daily", "analytics_salts", "analytics_visitors"]).await;
        assert_eq!(
            columns,
            ["analytics_daily.count", "analytics_daily.day", "analytics_daily.kind", "analytics_daily.name", "analytics_salts.created_at",
             "analytics_salts.day", "analytics_salts.salt", "analytics_visitors.day", "analytics_visitors.visitor"]
        );
        let visitors: Vec<String> = sqlx::query_scalar("select visitor from analytics_visitors").fetch_all(&app.state.db.pool).await.unwrap();
        assert_eq!(visitors.len(), 3);
        assert!(visitors.iter().all(|v| v.len() == 64 && !v.contains("127.0.0.1") && !v.contains("Firefox")));

        // 48 hours on, the salt and the hashes are gone; the counts stay.
        app.advance_minutes(49 * 60);
        server::jobs::run_once(&app.state).await;
        let left: (i64, i64) = sqlx::query_as("select (select count(*) from analytics_salts), (select count(*) from analytics_visitors)")
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
        assert_eq!(left, (0, 0));
        assert_eq!(count_of(&crate::analytics::counts(&app).await, "visitors", ""), 3);
        // A visit on the new day uses a new salt: the same browser is a new, unlinkable visitor.
        visit(&app, &firefox, "/privacy").await;
        let salts: Vec<String> = sqlx::query_scalar("select salt from analytics_salts").fetch_all(&app.state.db.pool).await.unwrap();
        assert_eq!(salts.len(), 1);
        assert!(!visitors.contains(&sqlx::query_scalar::<_, String>("select visitor from analytics_visitors").fetch_one(&app.state.db.pool).await.unwrap()));
    }
}

/// `table.column` for every column of the named tables, sorted.
async fn table_columns(app: &TestApp, tables: &[&str]) -> Vec<String> {
    let mut columns = Vec::new();
    for table in tables {
        let names: Vec<String> = match app.state.db.dialect {
            app::ssr::db::Dialect::Sqlite => sqlx::query_scalar(sqlx::AssertSqlSafe(format!("select name from pragma_table_info('{table}')")))
                .fetch_all(&app.state.db.pool)
                .await
                .unwrap(),
            app::ssr::db::Dialect::Postgres => sqlx::query_scalar("select column_name::text from information_schema.columns where table_name = $1")
                .bind(*table)
                .fetch_all(&app.state.db.pool)
                .await
                .unwrap(),
        };
        columns.extend(names.into_iter().map(|name| format!("{table}.{name}")));
    }
    columns.sort();
    columns
}

async fn operators_alone_see_the_report(backend: Backend) {
    let app = spawn_app_with(backend, |config| config.operator_emails = vec![OPERATOR.to_owned()]).await;
    visit(&app, &visitor_with(&app, "01", "Firefox"), "/privacy").await;
    let ada = app.owner("ada@engines.example", "Engines").await;
    for client in [&ada.client, &browser(&app.base)] {
        assert_status(&client.get(app.url("/api/operator/analytics")).send().await.unwrap(), StatusCode::NOT_FOUND);
    }
    let operator = app.owner(OPERATOR, "NexaCRM").await;
    let response = operator.client.get(app.url("/api/operator/analytics")).send().await.unwrap();
    assert_status(&response, StatusCode::OK);
    let report: Value = response.json().await.unwrap();
    assert_eq!(report["days"].as_array().unwrap().len(), 30);
    let today = report["days"].as_array().unwrap().last().unwrap().clone();
    assert_eq!((today["day"].as_str(), today["visitors"].as_i64(), today["page_views"].as_i64()), (Some("2026-11-27"), Some(1), Some(1)));
    assert_eq!(report["pages"][0]["name"], "/privacy");
    let html = operator.client.get(app.url("/operator/analytics")).send().await.unwrap().text().await.unwrap();
    assert!(html.contains("Visitors and page views per day") && html.contains("/privacy"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn operators_alone_see_the_report_sqlite() {
    within_limit(operators_alone_see_the_report(Backend::Sqlite)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn operators_alone_see_the_report_postgres() {
    within_limit(operators_alone_see_the_report(Backend::Postgres)).await;
}
