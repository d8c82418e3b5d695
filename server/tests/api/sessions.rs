//! Sessions: cookie attributes, a new token at sign-in, idle and absolute expiry, logout replay.

use crate::helpers::*;
use crate::on_both_databases;
use reqwest::StatusCode;

/// A client that sends exactly the given session cookie (no cookie jar).
fn with_cookie(app: &TestApp, token: &str) -> reqwest::Client {
    let mut headers = reqwest::header::HeaderMap::new();
    headers.insert("cookie", format!("nexacrm_session={token}").parse().unwrap());
    headers.insert("origin", app.base.parse().unwrap());
    reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).default_headers(headers).build().unwrap()
}

async fn status_of(client: &reqwest::Client, app: &TestApp, path: &str) -> StatusCode {
    client.get(app.url(path)).send().await.unwrap().status()
}

on_both_databases! {
    async fn the_session_cookie_is_http_only_lax_host_wide_and_holds_a_long_random_token(app: TestApp) {
        let response = app.sign_up("ada@example.com").await;
        let cookie = session_set_cookie(&response).unwrap();
        assert!(cookie.contains("HttpOnly"));
        assert!(cookie.contains("SameSite=Lax"));
        assert!(cookie.contains("Path=/"));
        assert!(!cookie.to_ascii_lowercase().contains("domain="));
        let token = token_of(&cookie);
        assert!(token.len() >= 43, "256 random bits in base64: {token}");
        // Only a hash is stored.
        let (hash,): (String,) = sqlx::query_as("select token_hash from sessions").fetch_one(&app.state.db.pool).await.unwrap();
        assert_ne!(hash, token);
        assert_eq!(hash, app::ssr::sessions::hash_token(&token));
    }
}

on_both_databases! {
    async fn over_https_the_cookie_is_secure_with_the_host_prefix(app: TestApp) {
        let mut config = (*app.state.config).clone();
        config.base_url = "https://crm.example.com".into();
        let state = app::ssr::AppState { config: std::sync::Arc::new(config), ..app.state.clone() };
        let cookie = app::ssr::sessions::session_cookie(&state, "token");
        assert!(cookie.starts_with("__Host-nexacrm_session=token;"), "{cookie}");
        assert!(cookie.contains("; Secure"));
    }
}

on_both_databases! {
    async fn signing_in_issues_a_new_token_and_the_old_one_stops_working(app: TestApp) {
        let first = app.sign_up("ada@example.com").await;
        let old_token = token_of(&session_set_cookie(&first).unwrap());
        let second = app.sign_in("ada@example.com", PASSWORD).await;
        let new_token = token_of(&session_set_cookie(&second).unwrap());
        assert_ne!(old_token, new_token);
        assert_eq!(status_of(&with_cookie(&app, &old_token), &app, "/w/analytical-engines").await, StatusCode::SEE_OTHER);
        assert_eq!(status_of(&with_cookie(&app, &new_token), &app, "/w/analytical-engines").await, StatusCode::OK);
    }
}

on_both_databases! {
    async fn a_session_ends_after_30_idle_minutes_and_activity_extends_it(app: TestApp) {
        let token = token_of(&session_set_cookie(&app.sign_up("ada@example.com").await).unwrap());
        let tab = with_cookie(&app, &token);
        app.advance_minutes(29);
        assert_eq!(status_of(&tab, &app, "/w/analytical-engines").await, StatusCode::OK);
        app.advance_minutes(29);
        assert_eq!(status_of(&tab, &app, "/w/analytical-engines").await, StatusCode::OK, "activity extended it");
        app.advance_minutes(31);
        let response = tab.get(app.url("/w/analytical-engines")).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        let location = response.headers()["location"].to_str().unwrap();
        assert!(location.starts_with("/signin?expired=1&next=/w/analytical-engines"), "{location}");
        let (left,): (i64,) = sqlx::query_as("select count(*) from sessions").fetch_one(&app.state.db.pool).await.unwrap();
        assert_eq!(left, 0, "the expired session is gone from the server");
    }
}

on_both_databases! {
    async fn a_session_ends_12_hours_after_sign_in_however_active(app: TestApp) {
        let token = token_of(&session_set_cookie(&app.sign_up("ada@example.com").await).unwrap());
        let tab = with_cookie(&app, &token);
        for _ in 0..(11 * 60 / 20) {
            app.advance_minutes(20);
            assert_eq!(status_of(&tab, &app, "/w/analytical-engines").await, StatusCode::OK);
        }
        app.advance_minutes(60);
        assert_eq!(status_of(&tab, &app, "/w/analytical-engines").await, StatusCode::SEE_OTHER);
    }
}

on_both_databases! {
    async fn asking_for_the_session_status_does_not_extend_it(app: TestApp) {
        let token = token_of(&session_set_cookie(&app.sign_up("ada@example.com").await).unwrap());
        let tab = with_cookie(&app, &token);
        app.advance_minutes(20);
        let status: serde_json::Value = tab.get(app.url("/api/auth/session-status")).send().await.unwrap().json().await.unwrap();
        assert_eq!(status["signed_in"], true);
        assert_eq!(status["remaining_ms"], 10 * 60_000);
        app.advance_minutes(11);
        let status: serde_json::Value = tab.get(app.url("/api/auth/session-status")).send().await.unwrap().json().await.unwrap();
        assert_eq!(status["signed_in"], false);
    }
}

on_both_databases! {
    async fn a_signed_out_cookie_replayed_gets_nothing(app: TestApp) {
        let token = token_of(&session_set_cookie(&app.sign_up("ada@example.com").await).unwrap());
        let replay = with_cookie(&app, &token);
        let out = app.call_with(&replay, "auth/sign-out", &[]).await;
        assert_status(&out, StatusCode::OK);
        assert_eq!(status_of(&replay, &app, "/w/analytical-engines").await, StatusCode::SEE_OTHER);
        let shell = replay.get(app.url("/api/workspaces/shell?slug=analytical-engines")).send().await.unwrap();
        assert_status(&shell, StatusCode::UNAUTHORIZED);
    }
}

on_both_databases! {
    async fn sessions_record_user_agent_ip_and_times(app: TestApp) {
        let response = app
            .client
            .post(app.url("/api/auth/sign-up"))
            .header("accept", "application/json")
            .header("user-agent", "Mozilla/5.0 (X11; Linux x86_64) Chrome/156.0")
            .form(&signup_form("ada@example.com"))
            .send()
            .await
            .unwrap();
        assert_status(&response, StatusCode::OK);
        let (ua, ip, created, seen, expires): (String, String, i64, i64, i64) =
            sqlx::query_as("select user_agent, ip, created_at, last_seen_at, expires_at from sessions")
                .fetch_one(&app.state.db.pool)
                .await
                .unwrap();
        assert!(ua.contains("Chrome/156.0"));
        assert_eq!(ip, "127.0.0.1");
        assert_eq!(created, START_MS);
        assert_eq!(seen, START_MS);
        assert_eq!(expires, START_MS + 30 * 60_000);
    }
}

on_both_databases! {
    async fn signing_in_with_an_expired_cookie_keeps_the_new_session(app: TestApp) {
        app.sign_up("ada@example.com").await;
        app.advance_minutes(31);
        let response = app.sign_in("ada@example.com", PASSWORD).await;
        assert_status(&response, StatusCode::OK);
        let cookies: Vec<&str> = response.headers().get_all("set-cookie").iter().filter_map(|v| v.to_str().ok()).collect();
        assert_eq!(cookies.len(), 1, "only the new session cookie: {cookies:?}");
        assert_status(&app.get("/w/analytical-engines").await, StatusCode::OK);
    }
}

