//! Activities and "My work": due buckets, done and reopened, links and the linked records' timelines.

use crate::helpers::*;
use crate::on_both_databases;
use reqwest::StatusCode;
use serde_json::Value;

/// Plans an activity for the owner; `due` like `2026-11-27T15:00` (or empty).
async fn plan(app: &TestApp, owner: &Owner, subject: &str, due: &str, contact: &str) -> String {
    let response = app
        .act(owner, "activities/create", &[
            ("fields[kind]", "call".into()),
            ("fields[subject]", subject.into()),
            ("fields[due]", due.into()),
            ("fields[contact_id]", contact.into()),
        ])
        .await;
    assert_status(&response, StatusCode::OK);
    response.json().await.unwrap()
}

fn subjects(section: &Value) -> Vec<&str> {
    section.as_array().unwrap().iter().map(|a| a["subject"].as_str().unwrap()).collect()
}

on_both_databases! {
    async fn my_work_sorts_activities_into_overdue_today_upcoming_and_undated(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        // The clock is at 2026-11-27 00:00 UTC; move it to 00:20.
        app.advance_minutes(20);
        plan(&app, &ada, "Yesterday's call", "2026-11-26T09:00", "").await;
        plan(&app, &ada, "Just now", "2026-11-27T00:10", "").await;
        plan(&app, &ada, "This afternoon", "2026-11-27T15:00", "").await;
        plan(&app, &ada, "Next week", "2026-12-04T10:00", "").await;
        plan(&app, &ada, "Someday", "", "").await;
        let work: Value = app.read(&ada, "activities/mine", &[]).await.json().await.unwrap();
        assert_eq!(subjects(&work["overdue"]), ["Yesterday's call", "Just now"]);
        assert_eq!(subjects(&work["today"]), ["This afternoon"]);
        assert_eq!(subjects(&work["upcoming"]), ["Next week"]);
        assert_eq!(subjects(&work["someday"]), ["Someday"]);

        // Another member's work is not mine.
        let bob = app.owner("bob@example.com", "Bravo").await;
        let bobs: Value = app.read(&bob, "activities/mine", &[]).await.json().await.unwrap();
        assert_eq!(bobs["overdue"].as_array().unwrap().len() + bobs["today"].as_array().unwrap().len(), 0);
    }
}

on_both_databases! {
    async fn completing_an_activity_moves_it_to_done_and_shows_on_the_contacts_timeline(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let contact = app.contact(&ada, "Charles", "Babbage", "cb@example.com").await;
        let id = plan(&app, &ada, "Call about the engine", "2026-11-27T10:00", &contact).await;
        let timeline: Value = app.read(&ada, "contacts/get", &[("id", &contact)]).await.json().await.unwrap();
        let activity = timeline["timeline"].as_array().unwrap().iter().find(|i| i["entry"]["Activity"].is_object()).expect("the activity is on the timeline");
        assert_eq!(activity["entry"]["Activity"]["subject"], "Call about the engine");
        assert_eq!(activity["entry"]["Activity"]["done"], false);

        app.advance_minutes(20);
        assert_status(&app.act(&ada, "activities/done", &[("id", id.clone()), ("done", "true".into())]).await, StatusCode::OK);
        let work: Value = app.read(&ada, "activities/mine", &[]).await.json().await.unwrap();
        assert_eq!(subjects(&work["done"]), ["Call about the engine"]);
        assert_eq!(work["today"].as_array().unwrap().len(), 0);
        let detail: Value = app.read(&ada, "activities/get", &[("id", &id)]).await.json().await.unwrap();
        assert_eq!(detail["done_at"].as_i64().unwrap(), START_MS + 20 * 60_000);
        assert_eq!(detail["links"][0]["name"], "Charles Babbage");
        assert_eq!(detail["timeline"][0]["entry"]["Event"]["action"], "completed");

        assert_status(&app.act(&ada, "activities/done", &[("id", id.clone()), ("done", "false".into())]).await, StatusCode::OK);
        let work: Value = app.read(&ada, "activities/mine", &[]).await.json().await.unwrap();
        assert_eq!(subjects(&work["today"]), ["Call about the engine"], "reopened");
    }
}

on_both_databases! {
    async fn bad_activity_fields_are_named_and_nothing_is_planned(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let bob = app.owner("bob@example.com", "Bravo").await;
        let bobs_deal: String = app
            .act(&bob, "deals/create", &[("fields[name]", "Bob's".into()), ("fields[currency]", "EUR".into()), ("fields[stage_id]", app.first_stage(&bob).await)])
            .await
            .json()
            .await
            .unwrap();
        let response = app.act(&ada, "activities/create", &[
            ("fields[kind]", "party".into()), ("fields[subject]", "".into()), ("fields[due]", "2026-02-30T10:00".into()),
        ]).await;
        assert_status(&response, StatusCode::UNPROCESSABLE_ENTITY);
        let body = error_json(response).await;
        for field in ["kind", "subject", "due"] {
            assert!(body["fields"][field].is_string(), "{field}: {body}");
        }
        let foreign = app.act(&ada, "activities/create", &[
            ("fields[kind]", "task".into()), ("fields[subject]", "Peek".into()), ("fields[deal_id]", bobs_deal),
        ]).await;
        assert_status(&foreign, StatusCode::UNPROCESSABLE_ENTITY);
        let work: Value = app.read(&ada, "activities/mine", &[]).await.json().await.unwrap();
        assert_eq!(work["someday"].as_array().unwrap().len(), 0);
    }
}
