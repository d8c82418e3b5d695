//! The demo workspace (`server demo`): generated into a fresh database, signed in to with the
//! printed password, its records listed, on the board and found, with search documents exactly as
//! the app writes them; a second run adds nothing.

use crate::helpers::*;
use crate::on_both_databases;
use app::domain::records::RecordKind;
use app::domain::search::index_words;
use reqwest::StatusCode;
use serde_json::Value;
use server::demo::{generate, DemoSize};

/// Every search document of the workspace as (kind, id, title, detail, terms), in a stable order.
async fn documents(app: &TestApp, workspace_id: &str) -> Vec<(String, String, String, String, String)> {
    sqlx::query_as(
        "select record_kind, record_id, title, detail, terms from search_index where workspace_id = $1 order by record_kind, record_id",
    )
    .bind(workspace_id)
    .fetch_all(&app.state.db.pool)
    .await
    .unwrap()
}

async fn count(app: &TestApp, table: &str, workspace_id: &str) -> i64 {
    let (n,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(format!("select count(*) from {table} where workspace_id = $1")))
        .bind(workspace_id)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    n
}

on_both_databases! {
    async fn a_tiny_demo_workspace_can_be_signed_in_to_listed_searched_and_is_made_once(app: TestApp) {
        let size = DemoSize::with_contacts(20);
        let demo = generate(&app.state.db, size, START_MS).await.unwrap();
        assert!(demo.created);
        let ws = demo.workspace_id.clone();
        assert_eq!(count(&app, "contacts", &ws).await, 20);
        assert_eq!(count(&app, "contact_channels", &ws).await, 40, "an email and a phone each");
        assert_eq!(count(&app, "deals", &ws).await as usize, size.deals);
        assert_eq!(count(&app, "activities", &ws).await as usize, size.activities);
        assert_eq!(count(&app, "notes", &ws).await as usize, size.notes);
        let records = size.companies + size.contacts + size.leads + size.deals + size.tickets;
        assert_eq!(count(&app, "search_index", &ws).await as usize, records);
        assert_eq!(count(&app, "events", &ws).await as usize, records + size.activities, "one created event per record");

        assert_status(&app.sign_in(&demo.email, &demo.password).await, StatusCode::OK);
        let owner = Owner { client: app.client.clone(), slug: demo.slug.clone() };

        let response = app.read(&owner, "contacts/list", &[("q", ""), ("after", "")]).await;
        assert_status(&response, StatusCode::OK);
        let page: Value = response.json().await.unwrap();
        let rows = page["rows"].as_array().unwrap();
        assert_eq!(rows.len(), 20);
        assert!(rows.iter().all(|r| r["email"].as_str().is_some_and(|e| e.contains('@')) && r["phone"].as_str().is_some()), "{rows:?}");

        let response = app.read(&owner, "deals/board", &[("mine", "false")]).await;
        assert_status(&response, StatusCode::OK);
        let board: Value = response.json().await.unwrap();
        let columns = board["columns"].as_array().unwrap();
        assert_eq!(columns.len(), 6);
        assert!(columns.iter().all(|c| !c["deals"].as_array().unwrap().is_empty()), "deals in every stage: {columns:?}");

        let name = rows[0]["name"].as_str().unwrap().to_owned();
        let response = app.read(&owner, "search", &[("q", name.as_str())]).await;
        assert_status(&response, StatusCode::OK);
        let groups: Value = response.json().await.unwrap();
        assert_eq!(groups[0]["kind"], "contact");
        assert_eq!(groups[0]["hits"][0]["title"], name.as_str(), "an exact name first");

        let response = app.read(&owner, "dashboard/load", &[]).await;
        assert_status(&response, StatusCode::OK);
        let dashboard: Value = response.json().await.unwrap();
        assert_eq!(dashboard["is_new"], false);

        // One contact's words, built here from its row and channels.
        let contact = rows[0]["id"].as_str().unwrap();
        let (first, last): (String, String) = sqlx::query_as("select first_name, last_name from contacts where workspace_id = $1 and id = $2")
            .bind(&ws).bind(contact).fetch_one(&app.state.db.pool).await.unwrap();
        let channels: Vec<(String, String)> = sqlx::query_as("select kind, value from contact_channels where workspace_id = $1 and contact_id = $2 order by kind, position")
            .bind(&ws).bind(contact).fetch_all(&app.state.db.pool).await.unwrap();
        let title = format!("{first} {last}");
        let emails: Vec<&str> = channels.iter().filter(|(k, _)| k == "email").map(|(_, v)| v.as_str()).collect();
        let phones: Vec<&str> = channels.iter().filter(|(k, _)| k == "phone").map(|(_, v)| v.as_str()).collect();
        let values: Vec<&str> = [title.as_str()].into_iter().chain(emails.iter().copied()).collect();
        let generated = documents(&app, &ws).await;
        let stored = generated.iter().find(|d| d.0 == "contact" && d.1 == contact).unwrap();
        assert_eq!(stored.4, index_words(&values, &phones));
        assert_eq!((stored.2.as_str(), stored.3.as_str()), (title.as_str(), emails[0]));

        // Every document equals the one the app writes for the same record.
        let mut conn = app.state.db.pool.acquire().await.unwrap();
        for (kind, id, ..) in &generated {
            app::ssr::db::search::refresh(&mut conn, &ws, RecordKind::parse(kind).unwrap(), id).await.unwrap();
        }
        drop(conn);
        assert_eq!(documents(&app, &ws).await, generated);

        let again = generate(&app.state.db, size, START_MS).await.unwrap();
        assert!(!again.created, "the second run finds the demo owner");
        assert_eq!(again.slug, demo.slug);
        assert_eq!(count(&app, "contacts", &ws).await, 20);
    }
}
