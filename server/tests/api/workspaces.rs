//! Workspaces: members only; another workspace answers exactly like a missing one.

use crate::helpers::*;
use crate::on_both_databases;
use reqwest::StatusCode;

on_both_databases! {
    async fn another_workspace_answers_not_found_like_a_missing_one(app: TestApp) {
        app.sign_up("ada@example.com").await;
        let grace = browser(&app.base);
        let mut form = signup_form("grace@example.com");
        form.retain(|(name, _)| *name != "organisation");
        form.push(("organisation", "Secret Canary Works".into()));
        app.call_with(&grace, "auth/sign-up", &form).await;

        let foreign = app.get("/w/secret-canary-works").await;
        assert_status(&foreign, StatusCode::NOT_FOUND);
        let foreign_html = foreign.text().await.unwrap();
        assert!(!foreign_html.contains("Secret Canary Works"));
        let missing = app.get("/w/no-such-workspace").await;
        assert_status(&missing, StatusCode::NOT_FOUND);

        let api = app.get("/api/workspaces/shell?slug=secret-canary-works").await;
        assert_status(&api, StatusCode::NOT_FOUND);
        let api_missing = app.get("/api/workspaces/shell?slug=no-such-workspace").await;
        assert_eq!(api.text().await.unwrap(), api_missing.text().await.unwrap());
    }
}

on_both_databases! {
    async fn a_signed_out_visitor_is_sent_to_sign_in_and_back(app: TestApp) {
        let response = app.get("/w/anything/account?tab=1").await;
        assert_status(&response, StatusCode::SEE_OTHER);
        assert_eq!(response.headers()["location"], "/signin?next=/w/anything/account%3Ftab%3D1");
    }
}

on_both_databases! {
    async fn the_shell_lists_every_workspace_of_the_person(app: TestApp) {
        app.sign_up("ada@example.com").await;
        // A second membership, as an invitation will later create.
        let (user_id,): (String,) = sqlx::query_as("select id from users").fetch_one(&app.state.db.pool).await.unwrap();
        let mut conn = app.state.db.pool.acquire().await.unwrap();
        app::ssr::db::workspaces::insert_workspace(&mut conn, "w2", "Second Co", "second-co", START_MS).await.unwrap();
        app::ssr::db::workspaces::insert_membership(&mut conn, "w2", &user_id, "viewer", START_MS + 1).await.unwrap();
        let shell: serde_json::Value = app.get("/api/workspaces/shell?slug=second-co").await.json().await.unwrap();
        assert_eq!(shell["workspace"]["role"], "viewer");
        assert_eq!(shell["workspaces"].as_array().unwrap().len(), 2);
    }
}
