//! Tickets: create, validate, update with status changes on the timeline, the list by status.

use crate::helpers::*;
use crate::on_both_databases;
use reqwest::StatusCode;
use serde_json::Value;

on_both_databases! {
    async fn tickets_are_listed_by_status_newest_first_and_shown_on_the_contact(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let contact = app.contact(&ada, "Charles", "Babbage", "cb@example.com").await;
        let first = app.ticket(&ada, "Gears jammed", "open", &contact).await;
        app.advance_minutes(1);
        let second = app.ticket(&ada, "Invoice question", "open", "").await;
        app.ticket(&ada, "Old matter", "closed", "").await;

        let open: Value = app.read(&ada, "tickets/list", &[("status", "open"), ("q", ""), ("after", "")]).await.json().await.unwrap();
        let subjects: Vec<&str> = open["rows"].as_array().unwrap().iter().map(|t| t["subject"].as_str().unwrap()).collect();
        assert_eq!(subjects, ["Invoice question", "Gears jammed"]);
        assert_eq!(open["rows"][1]["contact_name"], "Charles Babbage");
        let counts: Vec<(String, i64)> = serde_json::from_value(open["counts"].clone()).unwrap();
        assert!(counts.contains(&("open".into(), 2)) && counts.contains(&("closed".into(), 1)), "{counts:?}");
        let found: Value = app.read(&ada, "tickets/list", &[("status", ""), ("q", "INVOICE"), ("after", "")]).await.json().await.unwrap();
        assert_eq!(found["rows"][0]["id"], second.as_str());
        assert_eq!(found["rows"].as_array().unwrap().len(), 1);

        let on_contact: Value = app.read(&ada, "contacts/get", &[("id", &contact)]).await.json().await.unwrap();
        assert_eq!(on_contact["tickets"][0]["id"], first.as_str());
    }
}

on_both_databases! {
    async fn a_status_change_is_on_the_timeline_and_bad_fields_change_nothing(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let id = app.ticket(&ada, "Printer on fire", "open", "").await;
        let bad = app.act(&ada, "tickets/update", &[
            ("id", id.clone()), ("fields[subject]", "".into()), ("fields[status]", "done".into()), ("fields[priority]", "urgent".into()),
        ]).await;
        assert_status(&bad, StatusCode::UNPROCESSABLE_ENTITY);
        let body = error_json(bad).await;
        assert!(body["fields"]["subject"].is_string() && body["fields"]["status"].is_string(), "{body}");

        app.advance_minutes(3);
        let ok = app.act(&ada, "tickets/update", &[
            ("id", id.clone()), ("fields[subject]", "Printer on fire".into()), ("fields[status]", "resolved".into()), ("fields[priority]", "urgent".into()),
        ]).await;
        assert_status(&ok, StatusCode::OK);
        let detail: Value = app.read(&ada, "tickets/get", &[("id", &id)]).await.json().await.unwrap();
        assert_eq!(detail["fields"]["status"], "resolved");
        let changes = &detail["timeline"][0]["entry"]["Event"]["changes"];
        assert!(changes.as_array().unwrap().iter().any(|c| c[0] == "status" && c[1] == "open" && c[2] == "resolved"), "{changes}");
        assert_eq!(detail["timeline"].as_array().unwrap().len(), 2, "the refused update recorded nothing");
    }
}

on_both_databases! {
    async fn a_ticket_cannot_point_at_another_workspaces_contact_or_a_stranger(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let bob = app.owner("bob@example.com", "Bravo").await;
        let bobs_contact = app.contact(&bob, "Bob", "Brown", "bob@bravo.example").await;
        let response = app.act(&ada, "tickets/create", &[
            ("fields[subject]", "Sneaky".into()), ("fields[status]", "open".into()), ("fields[priority]", "low".into()),
            ("fields[contact_id]", bobs_contact), ("fields[assignee_id]", "someone-else".into()),
        ]).await;
        assert_status(&response, StatusCode::UNPROCESSABLE_ENTITY);
        let body = error_json(response).await;
        assert!(body["fields"]["contact_id"].is_string(), "{body}");
        let list: Value = app.read(&ada, "tickets/list", &[("status", ""), ("q", ""), ("after", "")]).await.json().await.unwrap();
        assert_eq!(list["rows"].as_array().unwrap().len(), 0);
    }
}
