//! The interface language: chosen from the language cookie, else the browser's Accept-Language,
//! else English; switched from the banner or the user menu (kept like the theme: a lasting
//! cookie only with the preferences consent, and on the account); server messages follow it.

use crate::helpers::*;
use crate::on_both_databases;
use reqwest::StatusCode;

fn set_cookies(response: &reqwest::Response) -> Vec<String> {
    response.headers().get_all("set-cookie").iter().filter_map(|v| v.to_str().ok()).map(str::to_owned).collect()
}

fn language_cookie(response: &reqwest::Response) -> Option<String> {
    set_cookies(response).into_iter().find(|line| line.starts_with("nexacrm_language="))
}

async fn home(app: &TestApp, headers: &[(&str, &str)]) -> String {
    let mut request = reqwest::Client::new().get(app.url("/privacy"));
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = request.send().await.unwrap();
    assert_status(&response, StatusCode::OK);
    response.text().await.unwrap()
}

on_both_databases! {
    async fn pages_render_in_the_cookie_language_else_the_browser_language_else_english(app: TestApp) {
        let english = home(&app, &[]).await;
        assert!(english.contains(r#"<html lang="en""#) && english.contains("Cookies and your preferences"));
        let german = home(&app, &[("accept-language", "de-DE,de;q=0.9,en;q=0.5")]).await;
        assert!(german.contains(r#"<html lang="de""#), "Accept-Language picks German");
        assert!(german.contains("Cookies und Ihre Einstellungen") && !german.contains("Cookies and your preferences"));
        let chosen = home(&app, &[("accept-language", "de"), ("cookie", "nexacrm_language=en")]).await;
        assert!(chosen.contains(r#"<html lang="en""#) && chosen.contains("Cookies and your preferences"), "the choice wins over the browser");
        let cookie = home(&app, &[("cookie", "nexacrm_language=de")]).await;
        assert!(cookie.contains(r#"<html lang="de""#) && cookie.contains("Cookies und Ihre Einstellungen"));
        let unknown = home(&app, &[("accept-language", "fr-FR"), ("cookie", "nexacrm_language=xx")]).await;
        assert!(unknown.contains(r#"<html lang="en""#), "unknown languages fall back to English");
    }
}

on_both_databases! {
    async fn switching_language_keeps_it_like_the_theme_and_on_the_account(app: TestApp) {
        // Without the preferences consent: for this browser session only.
        let response = app.call("consent/language", &[("language", "de".into())]).await;
        assert_status(&response, StatusCode::OK);
        let cookie = language_cookie(&response).expect("language cookie");
        assert!(cookie.starts_with("nexacrm_language=de;") && !cookie.contains("Max-Age"), "{cookie}");
        let refused = app.call("consent/language", &[("language", "klingon".into())]).await;
        assert_eq!(error_json(refused).await["fields"]["language"], "Wählen Sie English oder Deutsch.", "answered in the language in use");

        // With it: six months; and a signed-in person's choice goes on the account and follows them.
        let ada = app.owner("ada@example.com", "Engines").await;
        let client = &ada.client;
        let consent = app.call_with(client, "consent/save", &[("choice", "accept_all".into())]).await;
        assert_status(&consent, StatusCode::OK);
        let response = app.call_with(client, "consent/language", &[("language", "de".into())]).await;
        assert!(language_cookie(&response).unwrap().contains("Max-Age=15724800"), "lasting with the consent");
        let (saved,): (String,) = sqlx::query_as("select language from users where email = 'ada@example.com'").fetch_one(&app.state.db.pool).await.unwrap();
        assert_eq!(saved, "de");
        let elsewhere = browser(&app.base);
        let signed_in = app.sign_in_with(&elsewhere, "ada@example.com", PASSWORD).await;
        assert!(language_cookie(&signed_in).expect("the account's language comes along").starts_with("nexacrm_language=de;"));
        let page = app.get_as(&Owner { client: elsewhere, slug: ada.slug.clone() }, &format!("/w/{}/contacts", ada.slug)).await;
        assert!(page.contains(r#"<html lang="de""#));

        // Rejecting preferences removes the cookie at once.
        let rejected = app.call_with(client, "consent/save", &[("choice", "reject_all".into())]).await;
        assert!(language_cookie(&rejected).unwrap().contains("Max-Age=0"));
    }
}

on_both_databases! {
    async fn the_banner_saves_a_language_with_the_preferences_and_sign_up_keeps_the_language(app: TestApp) {
        let client = browser(&app.base);
        let form = [("choice", "choose".to_owned()), ("preferences", "on".to_owned()), ("language", "de".to_owned())];
        let response = app.call_with(&client, "consent/save", &form).await;
        assert_status(&response, StatusCode::OK);
        assert!(language_cookie(&response).unwrap().contains("Max-Age=15724800"));
        let saved: serde_json::Value = response.json().await.unwrap();
        assert_eq!(saved["language"], "de", "the page reloads in the new language");

        let german = reqwest::Client::builder().cookie_store(true).redirect(reqwest::redirect::Policy::none()).build().unwrap();
        let response = german
            .post(app.url("/api/auth/sign-up"))
            .header("accept", "application/json")
            .header("origin", app.base.as_str())
            .header("accept-language", "de")
            .form(&signup_form("grace@example.com"))
            .send()
            .await
            .unwrap();
        assert!(response.status().is_success() || response.status().is_redirection(), "{}", response.status());
        let (language,): (String,) = sqlx::query_as("select language from users where email = 'grace@example.com'").fetch_one(&app.state.db.pool).await.unwrap();
        assert_eq!(language, "de");
    }
}

on_both_databases! {
    async fn server_messages_and_dates_follow_the_language(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        app.call_with(&ada.client, "consent/language", &[("language", "de".into())]).await;
        let wrong = app.act(&ada, "workspace/request-deletion", &[("confirm", "nope".into()), ("password", "".into())]).await;
        let fields = error_json(wrong).await["fields"].clone();
        assert_eq!(fields["password"], "Geben Sie Ihr Passwort ein.");
        assert_eq!(fields["confirm"], "Geben Sie zur Bestätigung den Namen des Arbeitsbereichs ein: Engines.");
        assert_status(&app.act(&ada, "workspace/request-deletion", &[("confirm", "Engines".into()), ("password", PASSWORD.into())]).await, StatusCode::OK);
        let page = app.get_as(&ada, &format!("/w/{}/settings/members", ada.slug)).await;
        // 2026-11-27 00:00 UTC plus 30 days, written the German way.
        assert!(page.contains("Dieser Arbeitsbereich wird am 27.12.2026 00:00 UTC gelöscht"), "German date on the notice");
    }
}
