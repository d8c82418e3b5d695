//! The cookie banner and the consent log: a first visit sets no cookie, each choice sets the
//! consent cookie and is logged, refusing preferences removes the theme cookie, the theme is
//! rendered by the server (no flash), follows the account to a new sign-in, and a new policy
//! version asks again.

use crate::helpers::*;
use crate::on_both_databases;
use app::content::POLICY_VERSION;
use reqwest::{Client, StatusCode};

fn set_cookies(response: &reqwest::Response) -> Vec<String> {
    response.headers().get_all("set-cookie").iter().filter_map(|v| v.to_str().ok()).map(str::to_owned).collect()
}

fn cookie_line<'a>(lines: &'a [String], name: &str) -> Option<&'a String> {
    lines.iter().find(|line| line.starts_with(&format!("{name}=")))
}

async fn choose(app: &TestApp, client: &Client, form: &[(&str, &str)]) -> reqwest::Response {
    let form: Vec<(&str, String)> = form.iter().map(|(k, v)| (*k, (*v).to_owned())).collect();
    app.call_with(client, "consent/save", &form).await
}

async fn page(app: &TestApp, client: &Client, path: &str) -> String {
    let response = client.get(app.url(path)).send().await.unwrap();
    assert_status(&response, StatusCode::OK);
    response.text().await.unwrap()
}

type LogRow = (String, Option<String>, i32, i32, String, String);

async fn log(app: &TestApp) -> Vec<LogRow> {
    sqlx::query_as("select consent_id, user_id, preferences, analytics, action, policy_version from consents order by created_at, id")
        .fetch_all(&app.state.db.pool)
        .await
        .unwrap()
}

on_both_databases! {
    async fn a_first_visit_sets_no_cookie_and_shows_the_banner(app: TestApp) {
        let visitor = browser(&app.base);
        for path in ["/", "/privacy", "/signin", "/signup"] {
            let response = visitor.get(app.url(path)).send().await.unwrap();
            assert_status(&response, StatusCode::OK);
            assert!(set_cookies(&response).is_empty(), "{path} set {:?}", set_cookies(&response));
            let html = response.text().await.unwrap();
            assert!(html.contains("Cookies and your preferences") && html.contains("Reject non-essential"), "{path} shows the banner");
            assert!(html.contains("data-theme=\"system\""), "{path} follows the system's theme");
        }
        // The privacy policy stays readable with the banner there.
        assert!(page(&app, &visitor, "/privacy").await.contains("Children"));
    }
}

on_both_databases! {
    async fn each_choice_sets_the_consent_cookie_and_is_logged(app: TestApp) {
        let visitor = browser(&app.base);
        let refused = choose(&app, &visitor, &[("choice", "reject_all"), ("theme", "system")]).await;
        assert_status(&refused, StatusCode::OK);
        let lines = set_cookies(&refused);
        let consent = cookie_line(&lines, "nexacrm_consent").expect("consent cookie");
        assert!(consent.contains(&format!(".{POLICY_VERSION}.00;")), "{consent}");
        assert!(consent.contains("Max-Age=15724800") && consent.contains("SameSite=Lax") && consent.contains("Path=/"), "182 days: {consent}");
        assert!(!consent.contains("HttpOnly"), "the page reads it to draw the banner");
        let theme = cookie_line(&lines, "nexacrm_theme").expect("theme cookie removed");
        assert!(theme.contains("Max-Age=0"), "refusing preferences removes the theme cookie: {theme}");
        let html = page(&app, &visitor, "/").await;
        assert!(!html.contains("Reject non-essential"), "the banner is gone once chosen");

        // Choose per category: preferences with the dark theme, no analytics.
        let chosen = choose(&app, &visitor, &[("choice", "choose"), ("preferences", "on"), ("theme", "dark")]).await;
        assert_status(&chosen, StatusCode::OK);
        let lines = set_cookies(&chosen);
        assert!(cookie_line(&lines, "nexacrm_consent").unwrap().contains(&format!(".{POLICY_VERSION}.10;")));
        let theme = cookie_line(&lines, "nexacrm_theme").expect("theme cookie");
        assert!(theme.starts_with("nexacrm_theme=dark;") && theme.contains("Max-Age=15724800"), "{theme}");
        assert!(page(&app, &visitor, "/privacy").await.contains("data-theme=\"dark\""), "rendered dark by the server: no flash");

        // Withdrawing preferences removes the theme cookie at once.
        let withdrawn = choose(&app, &visitor, &[("choice", "choose"), ("analytics", "on")]).await;
        assert!(cookie_line(&set_cookies(&withdrawn), "nexacrm_theme").unwrap().contains("Max-Age=0"));
        assert!(page(&app, &visitor, "/").await.contains("data-theme=\"system\""));

        // A signed-in choice names the person; every row has the policy version and one consent id per browser.
        let ada = app.owner("ada@engines.example", "Engines").await;
        assert_status(&choose(&app, &ada.client, &[("choice", "accept_all")]).await, StatusCode::OK);
        let rows = log(&app).await;
        assert_eq!(rows.len(), 4);
        let actions: Vec<(&str, i32, i32)> = rows.iter().map(|r| (r.4.as_str(), r.2, r.3)).collect();
        assert_eq!(actions, [("reject_all", 0, 0), ("choose", 1, 0), ("choose", 0, 1), ("accept_all", 1, 1)]);
        assert!(rows[..3].iter().all(|r| r.0 == rows[0].0 && r.1.is_none()), "one browser, signed out");
        assert_ne!(rows[3].0, rows[0].0);
        let ada_id: String = sqlx::query_scalar("select id from users where email = 'ada@engines.example'").fetch_one(&app.state.db.pool).await.unwrap();
        assert_eq!(rows[3].1.as_deref(), Some(ada_id.as_str()));
        assert!(rows.iter().all(|r| r.5 == POLICY_VERSION));
    }
}

on_both_databases! {
    async fn a_wrong_choice_or_theme_changes_nothing(app: TestApp) {
        let visitor = browser(&app.base);
        for form in [vec![("choice", "everything")], vec![("choice", "choose"), ("preferences", "on"), ("theme", "purple")]] {
            let response = choose(&app, &visitor, &form).await;
            assert_status(&response, StatusCode::UNPROCESSABLE_ENTITY);
            assert!(set_cookies(&response).is_empty());
        }
        let theme = app.call_with(&visitor, "consent/theme", &[("theme", "sepia".into())]).await;
        assert_status(&theme, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(error_json(theme).await["fields"]["theme"].is_string());
        assert!(log(&app).await.is_empty());
    }
}

on_both_databases! {
    async fn the_theme_is_kept_on_the_account_and_follows_a_new_sign_in(app: TestApp) {
        let ada = app.owner("ada@engines.example", "Engines").await;
        // No consent given: the theme lasts for the browser session only.
        let switched = app.call_with(&ada.client, "consent/theme", &[("theme", "dark".into())]).await;
        assert_status(&switched, StatusCode::OK);
        let theme = cookie_line(&set_cookies(&switched), "nexacrm_theme").cloned().expect("theme cookie");
        assert!(theme.starts_with("nexacrm_theme=dark;") && !theme.contains("Max-Age"), "session only: {theme}");
        let stored: String = sqlx::query_scalar("select theme from users where email = 'ada@engines.example'").fetch_one(&app.state.db.pool).await.unwrap();
        assert_eq!(stored, "dark");
        assert!(page(&app, &ada.client, &format!("/w/{}", ada.slug)).await.contains("data-theme=\"dark\""));

        // Another browser: signing in brings the account's theme.
        let laptop = browser(&app.base);
        let signed_in = app.sign_in_with(&laptop, "ada@engines.example", PASSWORD).await;
        assert_status(&signed_in, StatusCode::OK);
        assert!(cookie_line(&set_cookies(&signed_in), "nexacrm_theme").is_some_and(|c| c.starts_with("nexacrm_theme=dark;")));
        assert!(page(&app, &laptop, "/").await.contains("data-theme=\"dark\""));
    }
}

on_both_databases! {
    async fn a_new_policy_version_asks_again_and_says_what_changed(app: TestApp) {
        let visitor = browser(&app.base);
        let stale = "nexacrm_consent=ab12cd.2025-01-01.11";
        let html = visitor.get(app.url("/")).header("cookie", stale).send().await.unwrap().text().await.unwrap();
        assert!(html.contains("Our Privacy Policy changed on") && html.contains("Reject non-essential"), "asks again");
        assert!(html.contains("The first published version of the policy."), "says what changed");
        let current = format!("nexacrm_consent=ab12cd.{POLICY_VERSION}.11");
        let html = visitor.get(app.url("/")).header("cookie", current).send().await.unwrap().text().await.unwrap();
        assert!(!html.contains("Reject non-essential"));
        // The cookie page always offers the choices, and the footer links to it.
        let cookies_page = page(&app, &visitor, "/cookies").await;
        assert!(cookies_page.contains("Save my choices") && cookies_page.contains("Cookie settings"));
        assert!(page(&app, &visitor, "/terms").await.contains("href=\"/cookies\""));
    }
}
