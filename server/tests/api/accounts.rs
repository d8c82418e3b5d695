//! Sign-up, sign-in, sign-out, password rules and hashing, throttling.

use crate::helpers::*;
use crate::on_both_databases;
use reqwest::StatusCode;

fn with(form: Vec<(&'static str, String)>, field: &'static str, value: Option<&str>) -> Vec<(&'static str, String)> {
    let mut form: Vec<_> = form.into_iter().filter(|(name, _)| *name != field).collect();
    if let Some(value) = value {
        form.push((field, value.to_owned()));
    }
    form
}

async fn field_error(app: &TestApp, form: &[(&str, String)], field: &str) -> String {
    let response = app.call("auth/sign-up", form).await;
    assert_status(&response, StatusCode::UNPROCESSABLE_ENTITY);
    let body = error_json(response).await;
    assert_eq!(body["kind"], "validation", "{body}");
    body["fields"][field].as_str().unwrap_or_else(|| panic!("no error for {field}: {body}")).to_owned()
}

async fn user_count(app: &TestApp) -> i64 {
    let (n,): (i64,) = sqlx::query_as("select count(*) from users").fetch_one(&app.state.db.pool).await.unwrap();
    n
}

on_both_databases! {
    async fn sign_up_creates_the_user_workspace_and_owner_membership_and_signs_in(app: TestApp) {
        let response = app.sign_up("Ada@Example.COM").await;
        assert_status(&response, StatusCode::OK);
        assert_eq!(response.headers()["location"], "/w/analytical-engines");
        assert!(session_set_cookie(&response).is_some(), "sign-up signs the person in");

        let (email, role, slug, version): (String, String, String, String) = sqlx::query_as(
            "select u.email, m.role, w.slug, p.policy_version from users u \
             join memberships m on m.user_id = u.id join workspaces w on w.id = m.workspace_id \
             join policy_acceptances p on p.user_id = u.id",
        )
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
        assert_eq!(email, "Ada@example.com");
        assert_eq!(role, "owner");
        assert_eq!(slug, "analytical-engines");
        assert_eq!(version, app::content::POLICY_VERSION);

        let page = app.get("/w/analytical-engines").await;
        assert_status(&page, StatusCode::OK);
        let html = page.text().await.unwrap();
        assert!(html.contains("Analytical Engines") && html.contains("Getting started"));
    }
}

on_both_databases! {
    async fn a_second_workspace_with_the_same_name_gets_its_own_slug(app: TestApp) {
        app.sign_up("ada@example.com").await;
        let other = browser(&app.base);
        let response = app.call_with(&other, "auth/sign-up", &signup_form("grace@example.com")).await;
        assert_eq!(response.headers()["location"], "/w/analytical-engines-2");
    }
}

on_both_databases! {
    async fn each_bad_field_is_named_and_nothing_is_created(app: TestApp) {
        let good = signup_form("ada@example.com");
        let too_long = "x".repeat(101);
        let cases: Vec<(&str, Option<&str>)> = vec![
            ("full_name", Some("")),
            ("full_name", Some("Ada\r\nBcc: someone@example.com")),
            ("email", Some("not-an-email")),
            ("email", Some("")),
            ("password", Some("short")),
            ("organisation", Some("   ")),
            ("job_title", Some(too_long.as_str())),
        ];
        for (field, value) in cases {
            field_error(&app, &with(good.clone(), field, value), field).await;
        }
        field_error(&app, &with(good.clone(), "age_confirmed", None), "age_confirmed").await;
        field_error(&app, &with(good.clone(), "accept_terms", None), "accept_terms").await;
        assert_eq!(user_count(&app).await, 0);
    }
}

on_both_databases! {
    async fn a_taken_email_is_refused_on_the_email_field_whatever_its_case(app: TestApp) {
        app.sign_up("ada@example.com").await;
        let other = browser(&app.base);
        let response = app.call_with(&other, "auth/sign-up", &signup_form("  ADA@EXAMPLE.com ")).await;
        assert_status(&response, StatusCode::UNPROCESSABLE_ENTITY);
        let body = error_json(response).await;
        assert!(body["fields"]["email"].as_str().unwrap().contains("already exists"));
        assert_eq!(user_count(&app).await, 1);
    }
}

on_both_databases! {
    async fn passwords_of_11_and_129_characters_are_refused_12_and_128_accepted(app: TestApp) {
        // Varied characters, so only the length decides.
        let of_length = |n: usize| "Zq7!mK2#pW9$vX4&rT6*yB8@nC3%".chars().cycle().take(n).collect::<String>();
        for (n, ok) in [(11, false), (12, true), (128, true), (129, false)] {
            let client = browser(&app.base);
            let form = with(signup_form(&format!("user{n}@example.com")), "password", Some(&of_length(n)));
            let response = app.call_with(&client, "auth/sign-up", &form).await;
            if ok {
                assert_status(&response, StatusCode::OK);
            } else {
                let body = error_json(response).await;
                assert!(body["fields"]["password"].is_string(), "{n} characters: {body}");
            }
        }
    }
}

on_both_databases! {
    async fn a_common_password_is_refused(app: TestApp) {
        let form = with(signup_form("ada@example.com"), "password", Some("1qaz2wsx3edc"));
        let message = field_error(&app, &form, "password").await;
        assert!(message.contains("common"), "{message}");
    }
}

on_both_databases! {
    async fn passwords_are_stored_as_argon2id_with_owasp_parameters(app: TestApp) {
        app.sign_up("ada@example.com").await;
        let (hash,): (String,) = sqlx::query_as("select password_hash from users").fetch_one(&app.state.db.pool).await.unwrap();
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{hash}");
        assert!(!hash.contains(PASSWORD));
    }
}

on_both_databases! {
    async fn a_weaker_stored_hash_is_upgraded_at_the_next_sign_in(app: TestApp) {
        use argon2::password_hash::{PasswordHasher, SaltString};
        app.sign_up("ada@example.com").await;
        let weak = argon2::Argon2::new(
            argon2::Algorithm::Argon2id,
            argon2::Version::V0x13,
            argon2::Params::new(4096, 1, 1, None).unwrap(),
        );
        let salt = SaltString::generate(&mut argon2::password_hash::rand_core::OsRng);
        let weak_hash = weak.hash_password(PASSWORD.as_bytes(), &salt).unwrap().to_string();
        sqlx::query("update users set password_hash = $1").bind(&weak_hash).execute(&app.state.db.pool).await.unwrap();
        let response = app.sign_in_with(&browser(&app.base), "ada@example.com", PASSWORD).await;
        assert_status(&response, StatusCode::OK);
        let (hash,): (String,) = sqlx::query_as("select password_hash from users").fetch_one(&app.state.db.pool).await.unwrap();
        assert!(hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{hash}");
    }
}

on_both_databases! {
    async fn sign_in_and_sign_out(app: TestApp) {
        app.sign_up("ada@example.com").await;
        let tab = browser(&app.base);
        let response = app.sign_in_with(&tab, "ADA@example.com", PASSWORD).await;
        assert_status(&response, StatusCode::OK);
        assert_eq!(response.headers()["location"], "/w/analytical-engines");
        let page = tab.get(app.url("/w/analytical-engines")).send().await.unwrap();
        assert_status(&page, StatusCode::OK);

        let out = app.call_with(&tab, "auth/sign-out", &[]).await;
        assert_status(&out, StatusCode::OK);
        let cleared = session_set_cookie(&out).expect("sign-out clears the cookie");
        assert!(cleared.contains("Max-Age=0"));
        let page = tab.get(app.url("/w/analytical-engines")).send().await.unwrap();
        assert_status(&page, StatusCode::SEE_OTHER);
    }
}

on_both_databases! {
    async fn sign_in_returns_to_the_page_that_asked(app: TestApp) {
        app.sign_up("ada@example.com").await;
        let tab = browser(&app.base);
        let form = [("email", "ada@example.com".to_owned()), ("password", PASSWORD.to_owned()), ("next", "/w/analytical-engines/account".to_owned())];
        let response = app.call_with(&tab, "auth/sign-in", &form).await;
        assert_eq!(response.headers()["location"], "/w/analytical-engines/account");
        let evil = [("email", "ada@example.com".to_owned()), ("password", PASSWORD.to_owned()), ("next", "//evil.example/".to_owned())];
        let response = app.call_with(&browser(&app.base), "auth/sign-in", &evil).await;
        assert_eq!(response.headers()["location"], "/w/analytical-engines");
    }
}

on_both_databases! {
    async fn unknown_email_and_wrong_password_get_byte_identical_answers(app: TestApp) {
        app.sign_up("ada@example.com").await;
        let wrong_password = app.sign_in_with(&browser(&app.base), "ada@example.com", "not the password at all").await;
        let unknown_email = app.sign_in_with(&browser(&app.base), "nobody@example.com", "not the password at all").await;
        assert_eq!(wrong_password.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(wrong_password.status(), unknown_email.status());
        let headers = |r: &reqwest::Response| {
            let mut h: Vec<(String, String)> = r
                .headers()
                .iter()
                .filter(|(name, _)| !matches!(name.as_str(), "date" | "content-security-policy"))
                .map(|(n, v)| (n.to_string(), v.to_str().unwrap_or("").to_owned()))
                .collect();
            h.sort();
            h
        };
        assert_eq!(headers(&wrong_password), headers(&unknown_email));
        assert_eq!(wrong_password.bytes().await.unwrap(), unknown_email.bytes().await.unwrap());
    }
}

on_both_databases! {
    async fn the_101st_failed_sign_in_within_an_hour_is_refused_even_with_the_right_password(app: TestApp) {
        app.sign_up("ada@example.com").await;
        // Seed 100 failures directly (100 argon2 runs would only slow the test down).
        for i in 0..100 {
            app::ssr::db::accounts::record_login_failure(&app.state.db.pool, "ada@example.com", START_MS - i * 1000).await.unwrap();
        }
        let response = app.sign_in_with(&browser(&app.base), "ada@example.com", PASSWORD).await;
        assert_status(&response, StatusCode::TOO_MANY_REQUESTS);
        assert!(response.headers().contains_key("retry-after"));
        // Unknown accounts are limited the same way.
        for i in 0..100 {
            app::ssr::db::accounts::record_login_failure(&app.state.db.pool, "nobody@example.com", START_MS - i * 1000).await.unwrap();
        }
        let unknown = app.sign_in_with(&browser(&app.base), "nobody@example.com", PASSWORD).await;
        assert_status(&unknown, StatusCode::TOO_MANY_REQUESTS);
        // An hour later the failures no longer count.
        app.advance_minutes(61);
        let response = app.sign_in_with(&browser(&app.base), "ada@example.com", PASSWORD).await;
        assert_status(&response, StatusCode::OK);
    }
}

mod per_ip_limit {
    use super::*;

    async fn run(backend: Backend) {
        let app = spawn_app_with(backend, |config| config.auth_ip_limit_per_minute = 3).await;
        for _ in 0..3 {
            let response = app.sign_in_with(&browser(&app.base), "nobody@example.com", "wrong password here").await;
            assert_status(&response, StatusCode::UNAUTHORIZED);
        }
        let limited = app.sign_in_with(&browser(&app.base), "nobody@example.com", "wrong password here").await;
        assert_status(&limited, StatusCode::TOO_MANY_REQUESTS);
        let retry_after: u64 = limited.headers()["retry-after"].to_str().unwrap().parse().unwrap();
        assert!((1..=60).contains(&retry_after), "{retry_after}");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn sqlite() {
        run(Backend::Sqlite).await
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn postgres() {
        run(Backend::Postgres).await
    }
}

on_both_databases! {
    async fn the_strength_meter_rates_passwords_without_storing_anything(app: TestApp) {
        let weak = app.call("auth/password-strength", &[("password", "1qaz2wsx3edc".into()), ("full_name", "".into()), ("email", "".into())]).await;
        let weak: serde_json::Value = weak.json().await.unwrap();
        assert_eq!(weak["acceptable"], false);
        let strong = app.call("auth/password-strength", &[("password", PASSWORD.into()), ("full_name", "".into()), ("email", "".into())]).await;
        let strong: serde_json::Value = strong.json().await.unwrap();
        assert_eq!(strong["acceptable"], true);
        assert!(strong["score"].as_u64().unwrap() >= 3);
    }
}

on_both_databases! {
    async fn a_plain_html_form_post_signs_up_and_redirects_without_javascript(app: TestApp) {
        let response = app
            .client
            .post(app.url("/api/auth/sign-up"))
            .header("accept", "text/html,application/xhtml+xml")
            .header("referer", app.url("/signup"))
            .form(&signup_form("ada@example.com"))
            .send()
            .await
            .unwrap();
        assert_status(&response, StatusCode::FOUND);
        assert_eq!(response.headers()["location"], "/w/analytical-engines");
        let page = app.get("/w/analytical-engines").await;
        assert_status(&page, StatusCode::OK);
    }
}

on_both_databases! {
    async fn a_plain_html_form_post_with_errors_goes_back_to_the_form_with_the_messages(app: TestApp) {
        let form = with(signup_form("ada@example.com"), "email", Some("nope"));
        let response = app
            .client
            .post(app.url("/api/auth/sign-up"))
            .header("accept", "text/html")
            .header("referer", app.url("/signup"))
            .form(&form)
            .send()
            .await
            .unwrap();
        assert_status(&response, StatusCode::FOUND);
        let location = response.headers()["location"].to_str().unwrap().to_owned();
        assert!(location.contains("/signup?") && location.contains("__err="), "{location}");
        let path = location.strip_prefix(&app.base).unwrap_or(&location).to_owned();
        let page = app.get(&path).await;
        let html = page.text().await.unwrap();
        assert!(html.contains("Enter an email address like name@company.com."), "the message shows next to the field");
    }
}

