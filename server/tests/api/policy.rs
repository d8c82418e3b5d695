//! Privacy Policy versions: an operator publishes a new version at least 14 days ahead, every
//! account is mailed, pages show a notice until the date, then the new version is in force (the
//! privacy page shows it and keeps the earlier one readable), the banner asks again with what
//! changed, and consents and sign-ups are recorded under it.

use crate::helpers::*;
use app::content::POLICY_VERSION;
use reqwest::StatusCode;

const OPERATOR: &str = "operator@nexacrm.example";
const NEXT: &str = "2026-12-17";

fn publication(effective: &str, summary: &str, body: &str) -> Vec<(&'static str, String)> {
    vec![("effective", effective.into()), ("summary", summary.into()), ("body", body.into())]
}

async fn html(app: &TestApp, client: &reqwest::Client, path: &str, cookie: Option<&str>) -> String {
    let mut request = client.get(app.url(path));
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    let response = request.send().await.unwrap();
    assert_status(&response, StatusCode::OK);
    response.text().await.unwrap()
}

async fn a_new_version_is_announced_then_takes_effect(backend: Backend) {
    let app = spawn_app_with(backend, |config| config.operator_emails = vec![OPERATOR.to_owned()]).await;
    let ada = app.owner("ada@engines.example", "Engines").await;
    let _bob = app.owner("bob@looms.example", "Looms").await;
    let operator = app.owner(OPERATOR, "NexaCRM").await;
    let body = "Privacy Policy\n\nWe keep page visits for 60 days.\n\n- Hosting moves to Frankfurt.\n- Sessions last 8 hours.";
    let summary = "Page visits are kept for 60 days instead of 90.\nHosting moves to Frankfurt.";

    // Nobody but an operator may publish or list versions.
    for client in [&ada.client, &browser(&app.base)] {
        let refused = app.call_with(client, "operator/policy/publish", &publication(NEXT, summary, body)).await;
        assert_status(&refused, StatusCode::NOT_FOUND);
        assert_status(&client.get(app.url("/api/operator/policy")).send().await.unwrap(), StatusCode::NOT_FOUND);
    }
    // Too soon, malformed, or empty: the field says why and nothing is published.
    for (form, field) in [
        (publication("2026-12-10", summary, body), "effective"),
        (publication("17/12/2026", summary, body), "effective"),
        (publication(NEXT, "  \n ", body), "summary"),
        (publication(NEXT, summary, " "), "body"),
    ] {
        let response = app.call_with(&operator.client, "operator/policy/publish", &form).await;
        assert_status(&response, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(error_json(response).await["fields"][field].is_string(), "{field}");
    }
    let mails = |kind: &'static str| {
        let pool = app.state.db.pool.clone();
        async move {
            sqlx::query_as::<_, (String, String)>("select to_address, subject from mail_outbox where kind = $1 order by to_address")
                .bind(kind)
                .fetch_all(&pool)
                .await
                .unwrap()
        }
    };
    assert!(mails("policy_change").await.is_empty());

    // Published 20 days ahead: everyone is mailed, pages carry a notice, the old version stays in force.
    let published = app.call_with(&operator.client, "operator/policy/publish", &publication(NEXT, summary, body)).await;
    assert_status(&published, StatusCode::OK);
    let sent = mails("policy_change").await;
    assert_eq!(sent.iter().map(|m| m.0.as_str()).collect::<Vec<_>>(), ["ada@engines.example", "bob@looms.example", OPERATOR]);
    assert!(sent.iter().all(|m| m.1 == "Our Privacy Policy changes on December 17, 2026"));
    let answered = format!("nexacrm_consent=ab12.{POLICY_VERSION}.00");
    assert_status(&app.call_with(&ada.client, "consent/save", &[("choice", "reject_all".into())]).await, StatusCode::OK);
    let home = html(&app, &ada.client, &format!("/w/{}", ada.slug), None).await;
    assert!(home.contains("Our Privacy Policy changes on December 17, 2026") && home.contains("Hosting moves to Frankfurt."));
    assert!(!home.contains("Reject non-essential"), "the banner waits for the date");
    let privacy = html(&app, &ada.client, "/privacy", None).await;
    assert!(privacy.contains("Last updated: June 10, 2026") && privacy.contains(&format!("href=\"/privacy/versions/{NEXT}\"")));
    let ahead = html(&app, &ada.client, &format!("/privacy/versions/{NEXT}"), None).await;
    assert!(ahead.contains("We keep page visits for 60 days.") && ahead.contains("<li>Sessions last 8 hours."), "{ahead}");
    // Not a second version on or before the announced one.
    let again = app.call_with(&operator.client, "operator/policy/publish", &publication(NEXT, summary, body)).await;
    assert_status(&again, StatusCode::UNPROCESSABLE_ENTITY);

    // The date comes: the new version is in force, the notice is gone, the banner asks again.
    app.advance_minutes(20 * 24 * 60);
    let home = html(&app, &browser(&app.base), "/", Some(&answered)).await;
    assert!(home.contains("Our Privacy Policy changed on December 17, 2026") && home.contains("Page visits are kept for 60 days instead of 90."));
    assert!(!home.contains("Our Privacy Policy changes on"), "no more notice");
    let privacy = html(&app, &browser(&app.base), "/privacy", None).await;
    assert!(privacy.contains("Last updated: December 17, 2026") && privacy.contains("Hosting moves to Frankfurt."));
    assert!(privacy.contains("href=\"/privacy/versions/2026-06-10\""), "the earlier version stays readable");
    assert!(html(&app, &browser(&app.base), "/privacy/versions/2026-06-10", None).await.contains("Children"));

    // Choices and sign-ups are now recorded under the new version.
    let visitor = browser(&app.base);
    let saved = app.call_with(&visitor, "consent/save", &[("choice", "accept_all".into())]).await;
    assert!(saved.headers().get_all("set-cookie").iter().any(|v| v.to_str().unwrap().contains(&format!(".{NEXT}.11"))));
    let logged: String = sqlx::query_scalar("select policy_version from consents order by created_at desc, id desc").fetch_one(&app.state.db.pool).await.unwrap();
    assert_eq!(logged, NEXT);
    app.owner("cy@late.example", "Late").await;
    let accepted: String = sqlx::query_scalar(
        "select a.policy_version from policy_acceptances a join users u on u.id = a.user_id where u.email = 'cy@late.example'",
    )
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    assert_eq!(accepted, NEXT);
    assert_status(&app.sign_in_with(&operator.client, OPERATOR, PASSWORD).await, StatusCode::OK);
    let listed: serde_json::Value = operator.client.get(app.url("/api/operator/policy")).send().await.unwrap().json().await.unwrap();
    assert_eq!((listed[0]["version"].as_str(), listed[0]["current"].as_bool()), (Some(NEXT), Some(true)));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_version_is_announced_then_takes_effect_sqlite() {
    within_limit(a_new_version_is_announced_then_takes_effect(Backend::Sqlite)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_version_is_announced_then_takes_effect_postgres() {
    within_limit(a_new_version_is_announced_then_takes_effect(Backend::Postgres)).await;
}
