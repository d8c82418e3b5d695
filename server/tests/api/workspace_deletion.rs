//! Deleting a whole workspace on the 30-day schedule: the owner asks with their password and the
//! workspace's name, every member is told, reminded 7 days and 1 day before, the owner can cancel,
//! and the job deletes the workspace with everything in it on the day, leaving others untouched.

use crate::helpers::*;
use crate::on_both_databases;
use crate::roles::{join, workspace_id};
use reqwest::StatusCode;
use serde_json::Value;

const DAY_MINUTES: i64 = 24 * 60;
const DAY_MS: i64 = 86_400_000;

/// (to, subject) of the workspace-deletion mails, oldest first.
async fn mails(app: &TestApp) -> Vec<(String, String)> {
    sqlx::query_as("select to_address, subject from mail_outbox where kind = 'workspace_deletion' order by created_at, to_address")
        .fetch_all(&app.state.db.pool)
        .await
        .unwrap()
}

async fn due_at(app: &TestApp, ws: &str) -> Option<i64> {
    let (due,): (Option<i64>,) = sqlx::query_as("select deletion_due_at from workspaces where id = $1").bind(ws).fetch_one(&app.state.db.pool).await.unwrap();
    due
}

async fn rows_left(app: &TestApp, ws: &str) -> i64 {
    let mut left = 0;
    for table in ["contacts", "notes", "events", "memberships", "search_index", "pipeline_stages", "workspaces"] {
        let column = if table == "workspaces" { "id" } else { "workspace_id" };
        let (count,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(format!("select count(*) from {table} where {column} = $1")))
            .bind(ws)
            .fetch_one(&app.state.db.pool)
            .await
            .unwrap();
        left += count;
    }
    left
}

on_both_databases! {
    async fn the_owner_schedules_a_workspace_deletion_members_are_told_and_it_goes_on_day_30(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let ws = workspace_id(&app, &ada.slug).await;
        let (_, abe_client) = join(&app, &ws, "abe@example.com", "admin").await;
        let abe = Owner { client: abe_client, slug: ada.slug.clone() };
        let contact = app.contact(&ada, "Grace", "Hopper", "grace@example.com").await;
        app.act(&ada, "notes/create", &[("record_kind", "contact".into()), ("record_id", contact.clone()), ("body", "A note".into())]).await;
        let bob = app.owner("bob@example.com", "Bravo").await;
        app.contact(&bob, "Bob's", "Contact", "b@example.com").await;
        let request = |confirm: &str, password: &str| vec![("confirm", confirm.to_owned()), ("password", password.to_owned())];

        // Only the owner, with the name and the password; a refusal changes nothing.
        assert_status(&app.act(&abe, "workspace/request-deletion", &request("Engines", PASSWORD)).await, StatusCode::FORBIDDEN);
        let wrong = error_json(app.act(&ada, "workspace/request-deletion", &request("engines!", "not my password")).await).await;
        assert_eq!(wrong["fields"]["confirm"], "Type the workspace's name, Engines, to confirm.");
        assert_eq!(wrong["fields"]["password"], "That is not your password.");
        assert_eq!(due_at(&app, &ws).await, None);
        assert!(mails(&app).await.is_empty());

        assert_status(&app.act(&ada, "workspace/request-deletion", &request("Engines", PASSWORD)).await, StatusCode::OK);
        assert_eq!(due_at(&app, &ws).await, Some(START_MS + 30 * DAY_MS));
        let told = mails(&app).await;
        assert_eq!(told.len(), 2, "{told:?}");
        for (to, subject) in &told {
            assert!(to == "ada@example.com" || to == "abe@example.com");
            assert_eq!(subject, "The workspace “Engines” will be deleted");
        }
        assert_status(&app.act(&ada, "workspace/request-deletion", &request("Engines", PASSWORD)).await, StatusCode::CONFLICT);
        // The workspace works as usual meanwhile, and every page says when it goes.
        assert_status(&app.read(&abe, "contacts/list", &[("q", ""), ("after", "")]).await, StatusCode::OK);
        let page = app.get_as(&abe, &format!("/w/{}/contacts", ada.slug)).await;
        assert!(page.contains("This workspace will be deleted on "), "the notice is on every page");
        let shell: Value = app.read(&abe, "workspaces/shell", &[]).await.json().await.unwrap();
        assert_eq!(shell["deletion_due_at"], START_MS + 30 * DAY_MS);

        // Cancelling (the owner only) takes it off the schedule and tells everyone; asking again restarts the 30 days.
        assert_status(&app.act(&abe, "workspace/cancel-deletion", &[]).await, StatusCode::FORBIDDEN);
        assert_status(&app.act(&ada, "workspace/cancel-deletion", &[]).await, StatusCode::OK);
        assert_eq!(due_at(&app, &ws).await, None);
        assert_eq!(mails(&app).await.iter().filter(|(_, s)| s == "The workspace “Engines” will not be deleted").count(), 2);
        assert_status(&app.act(&ada, "workspace/cancel-deletion", &[]).await, StatusCode::CONFLICT);
        assert_status(&app.act(&ada, "workspace/request-deletion", &request("Engines", PASSWORD)).await, StatusCode::OK);
        let bob_ws = workspace_id(&app, &bob.slug).await;
        let bob_rows = rows_left(&app, &bob_ws).await;

        let reminders = |subject: &'static str| {
            let app = &app;
            async move { mails(app).await.into_iter().filter(|(_, s)| s == subject).count() }
        };
        app.advance_minutes(22 * DAY_MINUTES);
        server::jobs::run_once(&app.state).await;
        assert_eq!(reminders("The workspace “Engines” will be deleted in 7 days").await, 0, "nothing at day 22");
        app.advance_minutes(DAY_MINUTES);
        server::jobs::run_once(&app.state).await;
        server::jobs::run_once(&app.state).await;
        assert_eq!(reminders("The workspace “Engines” will be deleted in 7 days").await, 2, "each member once");
        app.advance_minutes(6 * DAY_MINUTES);
        server::jobs::run_once(&app.state).await;
        server::jobs::run_once(&app.state).await;
        assert_eq!(reminders("The workspace “Engines” will be deleted tomorrow").await, 2);

        app.advance_minutes(DAY_MINUTES - 1);
        server::jobs::run_once(&app.state).await;
        assert!(rows_left(&app, &ws).await > 0, "not before the day");
        app.advance_minutes(1);
        server::jobs::run_once(&app.state).await;
        assert_eq!(rows_left(&app, &ws).await, 0, "everything in it is gone");
        let (channels,): (i64,) = sqlx::query_as("select count(*) from contact_channels where contact_id = $1").bind(&contact).fetch_one(&app.state.db.pool).await.unwrap();
        assert_eq!(channels, 0);
        assert_eq!(reminders("The workspace “Engines” has been deleted").await, 2, "the last mails outlive the workspace");
        assert_eq!(rows_left(&app, &bob_ws).await, bob_rows, "other workspaces are untouched");
        server::jobs::run_once(&app.state).await;
        assert_eq!(reminders("The workspace “Engines” has been deleted").await, 2, "done once");
    }
}
