//! The trash: delete, restore (by an admin or the owner), and the purge after 30 days.

use crate::helpers::*;
use crate::on_both_databases;
use reqwest::StatusCode;
use serde_json::Value;

async fn count(app: &TestApp, sql: &'static str) -> i64 {
    let (n,): (i64,) = sqlx::query_as(sql).fetch_one(&app.state.db.pool).await.unwrap();
    n
}

on_both_databases! {
    async fn a_deleted_record_leaves_the_list_and_comes_back_on_restore(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let id = app.contact(&ada, "Charles", "Babbage", "cb@example.com").await;
        assert_status(&app.act(&ada, "trash/delete", &[("kind", "contact".into()), ("id", id.clone())]).await, StatusCode::OK);
        let list: Value = app.read(&ada, "contacts/list", &[("q", ""), ("mine", "false"), ("after", "")]).await.json().await.unwrap();
        assert_eq!(list["rows"].as_array().unwrap().len(), 0);
        let trash: Value = app.read(&ada, "trash/list", &[]).await.json().await.unwrap();
        assert_eq!(trash[0]["name"], "Charles Babbage");
        assert_eq!(trash[0]["purge_at"].as_i64().unwrap() - trash[0]["deleted_at"].as_i64().unwrap(), 30 * 24 * 3_600_000);
        // A second delete of the same record finds nothing live.
        assert_status(&app.act(&ada, "trash/delete", &[("kind", "contact".into()), ("id", id.clone())]).await, StatusCode::NOT_FOUND);

        assert_status(&app.act(&ada, "trash/restore", &[("kind", "contact".into()), ("id", id.clone())]).await, StatusCode::OK);
        let list: Value = app.read(&ada, "contacts/list", &[("q", ""), ("mine", "false"), ("after", "")]).await.json().await.unwrap();
        assert_eq!(list["rows"][0]["name"], "Charles Babbage");
        let detail: Value = app.read(&ada, "contacts/get", &[("id", &id)]).await.json().await.unwrap();
        let actions: Vec<&str> = detail["timeline"].as_array().unwrap().iter().map(|i| i["entry"]["Event"]["action"].as_str().unwrap()).collect();
        assert_eq!(actions, ["restored", "deleted", "created"]);
    }
}

on_both_databases! {
    async fn only_an_admin_or_the_owner_may_restore(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let id = app.company(&ada, "Owned By Ada").await;
        app.act(&ada, "trash/delete", &[("kind", "company".into()), ("id", id.clone())]).await;
        // Ada becomes a plain member, and the company is made someone else's.
        let other = app.owner("grace@example.com", "Elsewhere").await;
        let _ = other;
        let (grace_id,): (String,) = sqlx::query_as("select id from users where email = 'grace@example.com'").fetch_one(&app.state.db.pool).await.unwrap();
        sqlx::query("update companies set owner_id = $1").bind(&grace_id).execute(&app.state.db.pool).await.unwrap();
        sqlx::query("update memberships set role = 'member' where user_id <> $1").bind(&grace_id).execute(&app.state.db.pool).await.unwrap();
        let refused = app.act(&ada, "trash/restore", &[("kind", "company".into()), ("id", id.clone())]).await;
        assert_status(&refused, StatusCode::FORBIDDEN);
        sqlx::query("update memberships set role = 'admin' where user_id <> $1").bind(&grace_id).execute(&app.state.db.pool).await.unwrap();
        assert_status(&app.act(&ada, "trash/restore", &[("kind", "company".into()), ("id", id)]).await, StatusCode::OK);
    }
}

on_both_databases! {
    async fn after_30_days_the_purge_removes_the_record_and_what_only_served_it(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let company = app.company(&ada, "Short Lived").await;
        let contact = app.contact(&ada, "Brief", "Encounter", "brief@example.com").await;
        let keep = app.contact(&ada, "Stays", "Around", "stays@example.com").await;
        app.act(&ada, "contacts/update", &[
            ("id", keep.clone()), ("fields[first_name]", "Stays".into()), ("fields[last_name]", "Around".into()),
            ("fields[status]", "lead".into()), ("fields[company_id]", company.clone()),
        ]).await;
        app.act(&ada, "notes/create", &[("record_kind", "contact".into()), ("record_id", contact.clone()), ("body", "gone soon".into())]).await;
        app.act(&ada, "trash/delete", &[("kind", "contact".into()), ("id", contact.clone())]).await;
        app.act(&ada, "trash/delete", &[("kind", "company".into()), ("id", company.clone())]).await;

        app.advance_minutes(29 * 24 * 60);
        server::jobs::run_once(&app.state).await;
        assert_eq!(count(&app, "select count(*) from contacts where deleted_at is not null").await, 1, "29 days: still restorable");

        app.advance_minutes(2 * 24 * 60);
        server::jobs::run_once(&app.state).await;
        server::jobs::run_once(&app.state).await; // idempotent
        assert_eq!(count(&app, "select count(*) from contacts").await, 1);
        assert_eq!(count(&app, "select count(*) from companies").await, 0);
        assert_eq!(count(&app, "select count(*) from notes").await, 0);
        assert_eq!(count(&app, "select count(*) from note_links").await, 0);
        assert_eq!(count(&app, "select count(*) from contact_channels where search_value = 'brief@example.com'").await, 0);
        assert_eq!(count(&app, "select count(*) from events where record_kind = 'company'").await, 0);
        // A month later the session has long ended: sign in again to look.
        app.sign_in_with(&ada.client, "ada@example.com", PASSWORD).await;
        let kept: Value = app.read(&ada, "contacts/get", &[("id", &keep)]).await.json().await.unwrap();
        assert_eq!(kept["fields"]["company_id"], "", "the surviving contact no longer points at the purged company: {kept}");
    }
}
