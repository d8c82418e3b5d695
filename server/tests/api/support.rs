//! Help and feedback: support and feedback messages (validation, storage, confirmation mail),
//! each person sees only their own, the satisfaction survey's timing, and the operators' support
//! inbox (404 for everyone else, replies mailed, status changes).

use crate::helpers::*;
use crate::on_both_databases;
use reqwest::StatusCode;
use serde_json::Value;

const DAY_MINUTES: i64 = 24 * 60;
const OPERATOR: &str = "operator@nexacrm.example";

fn message(kind: &str, category: &str, text: &str) -> Vec<(&'static str, String)> {
    vec![("kind", kind.into()), ("category", category.into()), ("message", text.into()), ("context", "/w/x/deals".into())]
}

async fn mine(app: &TestApp, owner: &Owner) -> Vec<Value> {
    let response = app.read(owner, "support/mine", &[]).await;
    assert_status(&response, StatusCode::OK);
    response.json().await.unwrap()
}

async fn survey_due(app: &TestApp, owner: &Owner) -> bool {
    let response = app.read(owner, "support/survey-due", &[]).await;
    assert_status(&response, StatusCode::OK);
    response.json().await.unwrap()
}

/// Moves the clock on and signs `email` in again (sessions end after 30 idle minutes).
async fn later(app: &TestApp, owner: &Owner, email: &str, days: i64) {
    app.advance_minutes(days * DAY_MINUTES);
    assert_status(&app.sign_in_with(&owner.client, email, PASSWORD).await, StatusCode::OK);
}

on_both_databases! {
    async fn support_and_feedback_are_checked_stored_and_confirmed_by_mail(app: TestApp) {
        let ada = app.owner("ada@engines.example", "Engines").await;
        let response = app.act(&ada, "support/send", &message("support", "praise", "  ")).await;
        assert_status(&response, StatusCode::UNPROCESSABLE_ENTITY);
        let fields = error_json(response).await["fields"].clone();
        assert!(fields["category"].is_string() && fields["message"].is_string(), "{fields}");
        let too_long = "x".repeat(5_001);
        assert_status(&app.act(&ada, "support/send", &message("feedback", "idea", &too_long)).await, StatusCode::UNPROCESSABLE_ENTITY);
        assert_status(&app.act(&ada, "support/send", &message("survey", "recommend", "Hi")).await, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(mine(&app, &ada).await.is_empty(), "nothing stored for bad input");

        assert_status(&app.act(&ada, "support/send", &message("support", "bug", "The <b>export</b> fails\nevery time")).await, StatusCode::OK);
        let mut feedback = message("feedback", "praise", "Lovely pipeline");
        feedback[3].1 = "https://evil.example/".into();
        assert_status(&app.act(&ada, "support/send", &feedback).await, StatusCode::OK);

        let list = mine(&app, &ada).await;
        assert_eq!(list.len(), 2);
        assert_eq!((list[0]["kind"].as_str(), list[0]["category_label"].as_str(), list[0]["context"].as_str()), (Some("feedback"), Some("Praise"), Some("")));
        assert_eq!(list[1]["message"], "The <b>export</b> fails\nevery time");
        assert_eq!((list[1]["status"].as_str(), list[1]["context"].as_str()), (Some("open"), Some("/w/x/deals")));

        let mails: Vec<(String, String, String, String)> =
            sqlx::query_as("select to_address, subject, text_body, html_body from mail_outbox where kind = 'support_received' order by created_at, id")
                .fetch_all(&app.state.db.pool)
                .await
                .unwrap();
        assert_eq!(mails.len(), 2);
        assert!(mails.iter().all(|(to, ..)| to == "ada@engines.example"));
        assert_eq!(mails[0].1, "We received your support message");
        assert!(mails[0].2.contains("The <b>export</b> fails") && mails[0].2.contains(&format!("/w/{}/help", ada.slug)));
        assert!(mails[0].3.contains("The &lt;b&gt;export&lt;/b&gt; fails") && !mails[0].3.contains("<b>export"));
    }
}

on_both_databases! {
    async fn a_person_sees_only_their_own_messages(app: TestApp) {
        let ada = app.owner("ada@engines.example", "Engines").await;
        let bob = app.owner("bob@looms.example", "Looms").await;
        assert_status(&app.act(&ada, "support/send", &message("support", "privacy", "canary-7f3a in Ada's message")).await, StatusCode::OK);
        assert_status(&app.act(&bob, "support/send", &message("feedback", "idea", "Bob's idea")).await, StatusCode::OK);
        let bobs = mine(&app, &bob).await;
        assert_eq!(bobs.len(), 1);
        assert!(!serde_json::to_string(&bobs).unwrap().contains("canary-7f3a"));
        // Bob cannot write from or read through Ada's workspace.
        let as_bob_in_ada = Owner { client: bob.client.clone(), slug: ada.slug.clone() };
        assert_status(&app.read(&as_bob_in_ada, "support/mine", &[]).await, StatusCode::NOT_FOUND);
        assert_status(&app.act(&as_bob_in_ada, "support/send", &message("support", "other", "x")).await, StatusCode::NOT_FOUND);
        assert_eq!(mine(&app, &ada).await.len(), 1);
    }
}

on_both_databases! {
    async fn the_survey_waits_seven_days_and_then_every_ninety(app: TestApp) {
        let email = "ada@engines.example";
        let ada = app.owner(email, "Engines").await;
        assert!(!survey_due(&app, &ada).await, "not for a new account");
        later(&app, &ada, email, 6).await;
        assert!(!survey_due(&app, &ada).await, "not before 7 days");
        later(&app, &ada, email, 1).await;
        assert!(survey_due(&app, &ada).await, "due at 7 days");

        let response = app.act(&ada, "support/survey-answer", &[("score", "11".into()), ("comment", String::new())]).await;
        assert_status(&response, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(error_json(response).await["fields"]["score"].is_string());
        assert_status(&app.act(&ada, "support/survey-answer", &[("score", "9".into()), ("comment", "Keep going".into())]).await, StatusCode::OK);
        assert!(!survey_due(&app, &ada).await, "answered");
        let list = mine(&app, &ada).await;
        assert_eq!((list[0]["kind"].as_str(), list[0]["score"].as_i64(), list[0]["message"].as_str()), (Some("survey"), Some(9), Some("Keep going")));

        later(&app, &ada, email, 89).await;
        assert!(!survey_due(&app, &ada).await, "not again within 90 days");
        later(&app, &ada, email, 1).await;
        assert!(survey_due(&app, &ada).await, "again after 90 days");

        assert_status(&app.act(&ada, "support/survey-dismiss", &[("forever", String::new())]).await, StatusCode::OK);
        assert!(!survey_due(&app, &ada).await, "put off");
        later(&app, &ada, email, 89).await;
        assert!(!survey_due(&app, &ada).await);
        later(&app, &ada, email, 1).await;
        assert!(survey_due(&app, &ada).await, "asked again 90 days after 'not now'");

        assert_status(&app.act(&ada, "support/survey-dismiss", &[("forever", "on".into())]).await, StatusCode::OK);
        later(&app, &ada, email, 400).await;
        assert!(!survey_due(&app, &ada).await, "never after 'don't ask again'");
    }
}

async fn operators_answer_close_and_reopen_and_nobody_else_sees_the_inbox(backend: Backend) {
    let app = spawn_app_with(backend, |config| config.operator_emails = vec![OPERATOR.to_owned()]).await;
    let ada = app.owner("ada@engines.example", "Engines").await;
    let bob = app.owner("bob@looms.example", "Looms").await;
    let operator = app.owner(OPERATOR, "NexaCRM").await;
    assert_status(&app.act(&ada, "support/send", &message("support", "account", "canary-51c2 I cannot sign in")).await, StatusCode::OK);
    assert_status(&app.act(&bob, "support/send", &message("feedback", "idea", "Dark mode")).await, StatusCode::OK);

    // Not an operator: the inbox, its functions and its pages do not exist.
    let stranger = browser(&app.base);
    for client in [&ada.client, &stranger] {
        for path in ["/api/operator/support?status=", "/api/operator/support/get?id=x", "/operator/support", "/operator/support/x"] {
            assert_status(&client.get(app.url(path)).send().await.unwrap(), StatusCode::NOT_FOUND);
        }
        let reply = app.call_with(client, "operator/support/reply", &[("id", "x".into()), ("message", "Hi".into())]).await;
        assert_status(&reply, StatusCode::NOT_FOUND);
        let status = app.call_with(client, "operator/support/status", &[("id", "x".into()), ("status", "closed".into())]).await;
        assert_status(&status, StatusCode::NOT_FOUND);
    }

    let inbox = |status: &'static str| {
        let client = operator.client.clone();
        let url = app.url("/api/operator/support");
        async move {
            let response = client.get(url).query(&[("status", status)]).send().await.unwrap();
            assert_eq!(response.status(), StatusCode::OK);
            response.json::<Vec<Value>>().await.unwrap()
        }
    };
    assert_status(&operator.client.get(app.url("/operator/support")).send().await.unwrap(), StatusCode::OK);
    let all = inbox("").await;
    assert_eq!(all.len(), 2);
    let adas = all.iter().find(|c| c["from_email"] == "ada@engines.example").unwrap()["id"].as_str().unwrap().to_owned();
    assert!(inbox("answered").await.is_empty());

    let empty = app.call_with(&operator.client, "operator/support/reply", &[("id", adas.clone()), ("message", " ".into())]).await;
    assert_status(&empty, StatusCode::UNPROCESSABLE_ENTITY);
    let missing = app.call_with(&operator.client, "operator/support/reply", &[("id", "nope".into()), ("message", "Hi".into())]).await;
    assert_status(&missing, StatusCode::NOT_FOUND);
    let reply = app.call_with(&operator.client, "operator/support/reply", &[("id", adas.clone()), ("message", "Try a <new> password".into())]).await;
    assert_status(&reply, StatusCode::OK);

    let answered = inbox("answered").await;
    assert_eq!(answered.len(), 1);
    assert_eq!(answered[0]["id"].as_str(), Some(adas.as_str()));
    let (to, text, html): (String, String, String) =
        sqlx::query_as("select to_address, text_body, html_body from mail_outbox where kind = 'support_reply'").fetch_one(&app.state.db.pool).await.unwrap();
    assert_eq!(to, "ada@engines.example");
    assert!(text.contains("Try a <new> password") && text.contains("canary-51c2"));
    assert!(html.contains("Try a &lt;new&gt; password"));

    let adas_list = mine(&app, &ada).await;
    assert_eq!(adas_list[0]["status"], "answered");
    assert_eq!(adas_list[0]["replies"][0]["message"], "Try a <new> password");
    let bobs_list = serde_json::to_string(&mine(&app, &bob).await).unwrap();
    assert!(!bobs_list.contains("canary-51c2") && !bobs_list.contains("Try a <new> password"));

    let set = |status: &'static str| {
        let form = vec![("id", adas.clone()), ("status", status.to_owned())];
        let (app, client) = (&app, &operator.client);
        async move { app.call_with(client, "operator/support/status", &form).await }
    };
    assert_status(&set("closed").await, StatusCode::OK);
    assert_eq!(inbox("closed").await.len(), 1);
    assert_status(&set("answered").await, StatusCode::UNPROCESSABLE_ENTITY);
    assert_status(&set("open").await, StatusCode::OK);
    assert_eq!(inbox("open").await.len(), 2);
    let one: Value = operator.client.get(app.url("/api/operator/support/get")).query(&[("id", &adas)]).send().await.unwrap().json().await.unwrap();
    assert_eq!(one["replies"].as_array().map(Vec::len), Some(1));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn operators_answer_close_and_reopen_and_nobody_else_sees_the_inbox_on_sqlite() {
    within_limit(operators_answer_close_and_reopen_and_nobody_else_sees_the_inbox(Backend::Sqlite)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn operators_answer_close_and_reopen_and_nobody_else_sees_the_inbox_on_postgres() {
    within_limit(operators_answer_close_and_reopen_and_nobody_else_sees_the_inbox(Backend::Postgres)).await;
}
