//! Invitations: an admin invites by email with a role no higher than their own; the mail's link
//! lets a new person sign up straight into the workspace, or a signed-in person with that
//! address join; the link works once, for 7 days, for that address, and not after a resend or
//! a revoke.

use crate::helpers::*;
use crate::on_both_databases;
use crate::roles::{join, workspace_id};
use reqwest::StatusCode;
use serde_json::Value;

/// The token in the newest invitation mail to `email` (from the outbox's text part).
async fn invitation_token(app: &TestApp, email: &str) -> String {
    let (text,): (String,) = sqlx::query_as("select text_body from mail_outbox where kind = 'invitation' and to_address = $1 order by created_at desc, id desc limit 1")
        .bind(email)
        .fetch_one(&app.state.db.pool)
        .await
        .expect("an invitation mail");
    let start = text.find("/invite/").expect("a link in the mail") + "/invite/".len();
    text[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect()
}

async fn lookup(app: &TestApp, token: &str) -> (StatusCode, Value) {
    let response = app.client.get(app.url("/api/invitations/lookup")).query(&[("token", token)]).send().await.unwrap();
    let status = response.status();
    (status, response.json().await.unwrap_or(Value::Null))
}

fn invited_signup(email: &str, token: &str) -> Vec<(&'static str, String)> {
    let mut form = signup_form(email);
    form.retain(|(name, _)| *name != "organisation");
    form.push(("invite", token.to_owned()));
    form
}

on_both_databases! {
    async fn a_new_person_signs_up_through_the_invitation_into_the_workspace(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        assert_status(&app.act(&ada, "invitations/create", &[("email", "Grace@Navy.example".into()), ("role", "member".into())]).await, StatusCode::OK);
        let (link,): (String,) = sqlx::query_as("select text_body from mail_outbox where kind = 'invitation'").fetch_one(&app.state.db.pool).await.unwrap();
        assert!(link.contains(&format!("{}/invite/", app.base)), "the link is built from the configured base URL: {link}");
        let token = invitation_token(&app, "grace@navy.example").await;
        let (stored,): (i64,) = sqlx::query_as("select count(*) from invitations where token_hash = $1").bind(&token).fetch_one(&app.state.db.pool).await.unwrap();
        assert_eq!(stored, 0, "only a hash of the token is stored");

        let (status, view) = lookup(&app, &token).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!((view["email"].as_str(), view["state"].as_str(), view["workspace_name"].as_str()), (Some("grace@navy.example"), Some("Open"), Some("Engines")));

        // Another address cannot use it; the address it was sent to signs up and is in.
        let grace = browser(&app.base);
        let wrong = app.call_with(&grace, "auth/sign-up", &invited_signup("someone@else.example", &token)).await;
        assert_eq!(error_json(wrong).await["fields"]["invite"].as_str().map(|m| m.contains("grace@navy.example")), Some(true));
        let joined = app.call_with(&grace, "auth/sign-up", &invited_signup("grace@navy.example", &token)).await;
        assert_status(&joined, StatusCode::OK);
        assert_eq!(joined.headers()["location"], format!("/w/{}", ada.slug));
        let memberships: Vec<(String,)> = sqlx::query_as("select m.role from memberships m join users u on u.id = m.user_id where u.email = 'grace@navy.example'")
            .fetch_all(&app.state.db.pool)
            .await
            .unwrap();
        assert_eq!(memberships, [("member".to_owned(),)], "joined as a member, and no workspace of her own");

        // Used up.
        assert_eq!(lookup(&app, &token).await.1["state"], "Used");
        let again = browser(&app.base);
        let reused = app.call_with(&again, "auth/sign-up", &invited_signup("grace@navy.example", &token)).await;
        assert_status(&reused, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(lookup(&app, "not-a-token").await.0, StatusCode::NOT_FOUND);
        // Already a member: no second invitation.
        let twice = app.act(&ada, "invitations/create", &[("email", "grace@navy.example".into()), ("role", "viewer".into())]).await;
        assert!(error_json(twice).await["fields"]["email"].is_string());
    }
}

on_both_databases! {
    async fn invitations_expire_are_revoked_and_replaced_by_a_resend_and_never_raise_a_role(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let ws = workspace_id(&app, &ada.slug).await;
        let (_, abe_client) = join(&app, &ws, "abe@example.com", "admin").await;
        let abe = Owner { client: abe_client, slug: ada.slug.clone() };
        let (_, max_client) = join(&app, &ws, "max@example.com", "member").await;
        let max = Owner { client: max_client, slug: ada.slug.clone() };

        // Roles: no one invites an owner, members invite nobody, admins invite admins.
        assert_status(&app.act(&abe, "invitations/create", &[("email", "x@example.com".into()), ("role", "owner".into())]).await, StatusCode::UNPROCESSABLE_ENTITY);
        assert_status(&app.act(&max, "invitations/create", &[("email", "x@example.com".into()), ("role", "viewer".into())]).await, StatusCode::FORBIDDEN);
        let bad = app.act(&abe, "invitations/create", &[("email", "not an address".into()), ("role", "boss".into())]).await;
        let body = error_json(bad).await;
        assert!(body["fields"]["email"].is_string() && body["fields"]["role"].is_string(), "{body}");
        assert_status(&app.act(&abe, "invitations/create", &[("email", "bob@example.com".into()), ("role", "admin".into())]).await, StatusCode::OK);

        // An existing user with that address accepts while signed in.
        let bob = app.owner("bob@example.com", "Bravo").await;
        let token = invitation_token(&app, "bob@example.com").await;
        // Someone else signed in cannot use Bob's link.
        let wrong = app.call_with(&max.client, "invitations/accept", &[("token", token.clone())]).await;
        assert_status(&wrong, StatusCode::UNPROCESSABLE_ENTITY);
        let accepted = app.call_with(&bob.client, "invitations/accept", &[("token", token.clone())]).await;
        assert_status(&accepted, StatusCode::OK);
        let shell: Value = bob.client.get(app.url("/api/workspaces/shell")).query(&[("slug", ada.slug.as_str())]).send().await.unwrap().json().await.unwrap();
        assert_eq!(shell["workspace"]["role"], "admin");

        // Resend: the old link stops working, the new one works.
        assert_status(&app.act(&ada, "invitations/create", &[("email", "cy@example.com".into()), ("role", "viewer".into())]).await, StatusCode::OK);
        let first = invitation_token(&app, "cy@example.com").await;
        let open: Value = app.read(&ada, "invitations/list", &[]).await.json().await.unwrap();
        let id = open.as_array().unwrap().iter().find(|i| i["email"] == "cy@example.com").unwrap()["id"].as_str().unwrap().to_owned();
        app.advance_minutes(1);
        assert_status(&app.act(&ada, "invitations/resend", &[("id", id.clone())]).await, StatusCode::OK);
        let second = invitation_token(&app, "cy@example.com").await;
        assert_ne!(first, second);
        assert_eq!(lookup(&app, &first).await.0, StatusCode::NOT_FOUND);
        assert_eq!(lookup(&app, &second).await.1["state"], "Open");

        // Seven days later it has expired.
        app.advance_minutes(7 * 24 * 60 + 1);
        assert_eq!(lookup(&app, &second).await.1["state"], "Expired");
        let late = app.call_with(&browser(&app.base), "auth/sign-up", &invited_signup("cy@example.com", &second)).await;
        assert_status(&late, StatusCode::UNPROCESSABLE_ENTITY);

        // Revoked: the link is dead at once (after signing in again: a week has passed).
        assert_status(&app.sign_in_with(&ada.client, "ada@example.com", PASSWORD).await, StatusCode::OK);
        assert_status(&app.sign_in_with(&max.client, "max@example.com", PASSWORD).await, StatusCode::OK);
        assert_status(&app.act(&ada, "invitations/create", &[("email", "dee@example.com".into()), ("role", "member".into())]).await, StatusCode::OK);
        let token = invitation_token(&app, "dee@example.com").await;
        let open: Value = app.read(&ada, "invitations/list", &[]).await.json().await.unwrap();
        let id = open.as_array().unwrap().iter().find(|i| i["email"] == "dee@example.com").unwrap()["id"].as_str().unwrap().to_owned();
        assert_status(&app.act(&max, "invitations/revoke", &[("id", id.clone())]).await, StatusCode::FORBIDDEN);
        assert_status(&app.act(&ada, "invitations/revoke", &[("id", id)]).await, StatusCode::OK);
        assert_eq!(lookup(&app, &token).await.1["state"], "Revoked");
        let dee = app.owner("dee@example.com", "Delta").await;
        assert_status(&app.call_with(&dee.client, "invitations/accept", &[("token", token)]).await, StatusCode::UNPROCESSABLE_ENTITY);
    }
}
