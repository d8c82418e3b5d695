//! Settings → Security: the person's sessions with browser, system, device and network, ending one
//! or all others, and changing the password (current one required, other sessions end, a notice).

use crate::helpers::*;
use crate::on_both_databases;
use reqwest::StatusCode;
use serde_json::Value;

const FIREFOX: &str = "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0";

async fn sessions(app: &TestApp, client: &reqwest::Client) -> Vec<Value> {
    let response = client.get(app.url("/api/account/sessions")).send().await.unwrap();
    assert_status(&response, StatusCode::OK);
    response.json::<Value>().await.unwrap().as_array().unwrap().clone()
}

async fn signed_in_elsewhere(app: &TestApp, user_agent: &str) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("origin", app.base.parse().unwrap());
    headers.insert("sec-fetch-site", "same-origin".parse().unwrap());
    headers.insert("user-agent", user_agent.parse().unwrap());
    let client = reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).default_headers(headers).build().unwrap();
    assert_status(&app.sign_in_with(&client, "ada@example.com", PASSWORD).await, StatusCode::OK);
    client
}

async fn still_signed_in(app: &TestApp, client: &reqwest::Client) -> bool {
    client.get(app.url("/api/account/sessions")).send().await.unwrap().status() == StatusCode::OK
}

on_both_databases! {
    async fn people_see_their_sessions_and_end_them(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let firefox = signed_in_elsewhere(&app, FIREFOX).await;
        let third = signed_in_elsewhere(&app, "curl/8.0").await;
        let list = sessions(&app, &ada.client).await;
        assert_eq!(list.len(), 3);
        assert_eq!(list[0]["current"], true, "this browser first");
        let fx = list.iter().find(|s| s["browser"].as_str().unwrap().starts_with("Firefox")).expect("the Firefox session");
        assert_eq!((fx["os"].as_str(), fx["device"].as_str()), (Some("Linux"), Some("Computer")));
        assert_eq!(fx["approximate_ip"], "127.0.0.0/24", "the network, not the address");
        assert!(!Value::from(list.clone()).to_string().contains("127.0.0.1"));

        // Ending one: that browser is signed out; this one is refused (sign out instead).
        let current = list[0]["id"].as_str().unwrap().to_owned();
        assert_status(&app.call_with(&ada.client, "account/session-end", &[("id", current)]).await, StatusCode::UNPROCESSABLE_ENTITY);
        assert_status(&app.call_with(&ada.client, "account/session-end", &[("id", fx["id"].as_str().unwrap().to_owned())]).await, StatusCode::OK);
        assert!(!still_signed_in(&app, &firefox).await);
        assert!(still_signed_in(&app, &third).await);

        // Someone else's session id changes nothing.
        let bob = app.owner("bob@example.com", "Bravo").await;
        let bobs = sessions(&app, &bob.client).await[0]["id"].as_str().unwrap().to_owned();
        assert_status(&app.call_with(&ada.client, "account/session-end", &[("id", bobs)]).await, StatusCode::OK);
        assert!(still_signed_in(&app, &bob.client).await);

        // Everywhere else.
        assert_status(&app.call_with(&ada.client, "account/sessions-end-others", &[]).await, StatusCode::OK);
        assert!(!still_signed_in(&app, &third).await);
        assert_eq!(sessions(&app, &ada.client).await.len(), 1);
    }
}

on_both_databases! {
    async fn changing_the_password_needs_the_current_one_and_signs_out_elsewhere(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let other = signed_in_elsewhere(&app, FIREFOX).await;
        let wrong = app.call_with(&ada.client, "account/password", &[("current", "guess guess guess".into()), ("password", "quiet harbour lantern spruce".into())]).await;
        assert!(error_json(wrong).await["fields"]["current"].is_string());
        let weak = app.call_with(&ada.client, "account/password", &[("current", PASSWORD.into()), ("password", "password1234".into())]).await;
        assert!(error_json(weak).await["fields"]["password"].is_string());
        assert!(still_signed_in(&app, &other).await, "a refused change ends nothing");

        // A reset link asked for before the change stops working.
        app.call_with(&browser(&app.base), "auth/forgot-password", &[("email", "ada@example.com".into())]).await;
        let changed = app.call_with(&ada.client, "account/password", &[("current", PASSWORD.into()), ("password", "quiet harbour lantern spruce".into())]).await;
        assert_status(&changed, StatusCode::OK);
        assert!(!still_signed_in(&app, &other).await, "other sessions end");
        assert!(still_signed_in(&app, &ada.client).await, "this one stays");
        let (unused,): (i64,) = sqlx::query_as("select count(*) from password_resets where used_at is null").fetch_one(&app.state.db.pool).await.unwrap();
        assert_eq!(unused, 0);
        let (notices,): (i64,) = sqlx::query_as("select count(*) from mail_outbox where kind = 'password_changed'").fetch_one(&app.state.db.pool).await.unwrap();
        assert_eq!(notices, 1);
        assert_status(&app.sign_in("ada@example.com", PASSWORD).await, StatusCode::UNAUTHORIZED);
        assert_status(&app.sign_in("ada@example.com", "quiet harbour lantern spruce").await, StatusCode::OK);
    }
}

async fn token_in(app: &TestApp, kind: &str, to: &str, path: &str) -> String {
    let (text,): (String,) = sqlx::query_as("select text_body from mail_outbox where kind = $1 and to_address = $2 order by created_at desc, id desc limit 1")
        .bind(kind)
        .bind(to)
        .fetch_one(&app.state.db.pool)
        .await
        .expect("the mail");
    let start = text.find(path).expect("a link") + path.len();
    text[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect()
}

async fn confirm(app: &TestApp, token: &str) -> reqwest::Response {
    app.call_with(&browser(&app.base), "account/email-confirm", &[("token", token.to_owned())]).await
}

on_both_databases! {
    async fn a_new_address_is_used_once_its_link_is_followed(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        app.owner("bob@example.com", "Bravo").await;
        let ask = |password: &str, email: &str| vec![("password", password.to_owned()), ("new_email", email.to_owned())];
        let wrong = app.call_with(&ada.client, "account/email", &ask("not my password", "ada@new.example")).await;
        assert!(error_json(wrong).await["fields"]["password"].is_string());
        let taken = app.call_with(&ada.client, "account/email", &ask(PASSWORD, "bob@example.com")).await;
        assert!(error_json(taken).await["fields"]["new_email"].is_string());
        let same = app.call_with(&ada.client, "account/email", &ask(PASSWORD, "ADA@example.com")).await;
        assert!(error_json(same).await["fields"]["new_email"].is_string());

        assert_status(&app.call_with(&ada.client, "account/email", &ask(PASSWORD, "ada@old.example")).await, StatusCode::OK);
        let older = token_in(&app, "email_change_confirmation", "ada@old.example", "/confirm-email/").await;
        assert_status(&app.call_with(&ada.client, "account/email", &ask(PASSWORD, "ada@new.example")).await, StatusCode::OK);
        let token = token_in(&app, "email_change_confirmation", "ada@new.example", "/confirm-email/").await;
        let (notices,): (i64,) = sqlx::query_as("select count(*) from mail_outbox where kind = 'email_change_notice' and to_address = 'ada@example.com'")
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
        assert_eq!(notices, 2, "the current address is told each time");
        // Nothing changes until the link is followed; a newer request voids the older link.
        assert_status(&app.sign_in("ada@example.com", PASSWORD).await, StatusCode::OK);
        assert_status(&confirm(&app, &older).await, StatusCode::UNPROCESSABLE_ENTITY);
        let done = confirm(&app, &token).await;
        assert_status(&done, StatusCode::OK);
        assert_eq!(done.headers()["location"], "/signin?email_changed=1");
        assert_status(&app.sign_in("ada@new.example", PASSWORD).await, StatusCode::OK);
        assert_status(&app.sign_in("ada@example.com", PASSWORD).await, StatusCode::UNAUTHORIZED);
        assert_status(&confirm(&app, &token).await, StatusCode::UNPROCESSABLE_ENTITY);

        // A link older than a day no longer works.
        let fresh = signed_in_elsewhere_as(&app, "ada@new.example").await;
        assert_status(&app.call_with(&fresh, "account/email", &ask(PASSWORD, "ada@later.example")).await, StatusCode::OK);
        let late = token_in(&app, "email_change_confirmation", "ada@later.example", "/confirm-email/").await;
        app.advance_minutes(24 * 60 + 1);
        assert_status(&confirm(&app, &late).await, StatusCode::UNPROCESSABLE_ENTITY);
    }
}

async fn signed_in_elsewhere_as(app: &TestApp, email: &str) -> reqwest::Client {
    let client = browser(&app.base);
    assert_status(&app.sign_in_with(&client, email, PASSWORD).await, StatusCode::OK);
    client
}

on_both_databases! {
    async fn a_sign_in_from_a_new_device_is_mailed_when_asked_for(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let count = || async {
            let (n,): (i64,) = sqlx::query_as("select count(*) from mail_outbox where kind = 'new_sign_in'").fetch_one(&app.state.db.pool).await.unwrap();
            n
        };
        signed_in_elsewhere(&app, FIREFOX).await;
        assert_eq!(count().await, 0, "off unless asked for");
        let off: Value = ada.client.get(app.url("/api/account/notifications")).send().await.unwrap().json().await.unwrap();
        assert_eq!(off, false);
        assert_status(&app.call_with(&ada.client, "account/notifications-save", &[("on", "true".into())]).await, StatusCode::OK);
        // Firefox has a session already: not a new device. Another browser is.
        signed_in_elsewhere(&app, FIREFOX).await;
        assert_eq!(count().await, 0);
        signed_in_elsewhere(&app, "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1").await;
        assert_eq!(count().await, 1);
        let (text,): (String,) = sqlx::query_as("select text_body from mail_outbox where kind = 'new_sign_in'").fetch_one(&app.state.db.pool).await.unwrap();
        assert!(text.contains("Approximate IP address: 127.0.0.0/24"), "{text}");
        assert_status(&app.call_with(&ada.client, "account/notifications-save", &[]).await, StatusCode::OK);
        let off: Value = ada.client.get(app.url("/api/account/notifications")).send().await.unwrap().json().await.unwrap();
        assert_eq!(off, false);
    }
}
