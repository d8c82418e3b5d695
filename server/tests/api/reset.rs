//! Forgotten passwords: the same answer for known and unknown addresses, a 60-minute single-use
//! link from the configured base URL, newer links voiding older ones, every session ended by a
//! reset, and a notice sent.

use crate::helpers::*;
use crate::on_both_databases;
use reqwest::StatusCode;
use serde_json::Value;

async fn ask(app: &TestApp, email: &str) -> (StatusCode, String) {
    let response = app.call_with(&browser(&app.base), "auth/forgot-password", &[("email", email.to_owned())]).await;
    (response.status(), response.text().await.unwrap())
}

/// The newest reset link's token for `email`, from the outbox.
async fn reset_token(app: &TestApp, email: &str) -> String {
    let (text,): (String,) = sqlx::query_as("select text_body from mail_outbox where kind = 'password_reset' and to_address = $1 order by created_at desc, id desc limit 1")
        .bind(email)
        .fetch_one(&app.state.db.pool)
        .await
        .expect("a reset mail");
    assert!(text.contains(&format!("{}/reset-password/", app.base)), "the link is built from the configured base URL");
    let start = text.find("/reset-password/").unwrap() + "/reset-password/".len();
    text[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect()
}

async fn state(app: &TestApp, token: &str) -> Value {
    app.client.get(app.url("/api/auth/reset-lookup")).query(&[("token", token)]).send().await.unwrap().json().await.unwrap()
}

async fn reset(app: &TestApp, token: &str, password: &str) -> reqwest::Response {
    app.call_with(&browser(&app.base), "auth/reset-password", &[("token", token.to_owned()), ("password", password.to_owned())]).await
}

const NEW_PASSWORD: &str = "quiet harbour lantern spruce";

on_both_databases! {
    async fn a_reset_link_sets_a_new_password_once_and_ends_every_session(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let known = ask(&app, "ADA@example.com").await;
        let unknown = ask(&app, "nobody@example.com").await;
        assert_eq!(known, unknown, "the same answer whether or not the account exists");
        assert_eq!(known.0, StatusCode::OK);
        let (mails,): (i64,) = sqlx::query_as("select count(*) from mail_outbox where kind = 'password_reset'").fetch_one(&app.state.db.pool).await.unwrap();
        assert_eq!(mails, 1, "a mail only to the account that exists");
        let token = reset_token(&app, "ada@example.com").await;
        let (stored,): (i64,) = sqlx::query_as("select count(*) from password_resets where token_hash = $1").bind(&token).fetch_one(&app.state.db.pool).await.unwrap();
        assert_eq!(stored, 0, "only a hash of the token is stored");
        assert_eq!(state(&app, &token).await, "Open");
        assert_eq!(state(&app, "nonsense").await, "Invalid");

        // A weak password is refused and the link still works.
        let weak = reset(&app, &token, "password1234").await;
        assert!(error_json(weak).await["fields"]["password"].is_string());
        let done = reset(&app, &token, NEW_PASSWORD).await;
        assert_status(&done, StatusCode::OK);
        assert_eq!(done.headers()["location"], "/signin?reset=1");

        // Every session ended; the old password no longer works, the new one does; the link is spent.
        assert_status(&app.read(&ada, "contacts/list", &[("q", ""), ("after", "")]).await, StatusCode::UNAUTHORIZED);
        assert_status(&app.sign_in("ada@example.com", PASSWORD).await, StatusCode::UNAUTHORIZED);
        assert_status(&app.sign_in("ada@example.com", NEW_PASSWORD).await, StatusCode::OK);
        assert_eq!(state(&app, &token).await, "Used");
        assert_status(&reset(&app, &token, "another fine long passphrase").await, StatusCode::UNPROCESSABLE_ENTITY);
        let (notices,): (i64,) = sqlx::query_as("select count(*) from mail_outbox where kind = 'password_changed' and to_address = 'ada@example.com'")
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
        assert_eq!(notices, 1, "a notice of the change");
    }
}

on_both_databases! {
    async fn a_reset_link_expires_after_an_hour_and_a_newer_one_voids_it(app: TestApp) {
        app.owner("ada@example.com", "Engines").await;
        ask(&app, "ada@example.com").await;
        let first = reset_token(&app, "ada@example.com").await;
        app.advance_minutes(1);
        ask(&app, "ada@example.com").await;
        let second = reset_token(&app, "ada@example.com").await;
        assert_ne!(first, second);
        assert_eq!(state(&app, &first).await, "Used", "the newer link voids the older one");
        assert_status(&reset(&app, &first, NEW_PASSWORD).await, StatusCode::UNPROCESSABLE_ENTITY);

        app.advance_minutes(61);
        assert_eq!(state(&app, &second).await, "Expired");
        assert_status(&reset(&app, &second, NEW_PASSWORD).await, StatusCode::UNPROCESSABLE_ENTITY);
        assert_status(&app.sign_in("ada@example.com", PASSWORD).await, StatusCode::OK);

        // A reset page does not send its address (with the token) to other sites.
        let page = app.get(&format!("/reset-password/{second}")).await;
        assert_eq!(page.headers()["referrer-policy"], "no-referrer");
        assert_eq!(page.headers()["cache-control"], "no-store");
    }
}
