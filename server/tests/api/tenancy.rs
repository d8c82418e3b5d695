//! Tenant isolation: another workspace's ids answer "not found" and change nothing, and nothing
//! stored in workspace B ever shows in workspace A.

use crate::helpers::*;
use crate::on_both_databases;
use reqwest::StatusCode;
use serde_json::Value;

const CANARY: &str = "Canary Zebra Quokka";

on_both_databases! {
    async fn another_workspaces_ids_answer_not_found_and_change_nothing(app: TestApp) {
        let alice = app.owner("alice@example.com", "Alpha").await;
        let bob = app.owner("bob@example.com", "Bravo").await;
        let company = app.company(&bob, CANARY).await;
        let contact = app.contact(&bob, "Canary", "Zebra", "canary@bravo.example").await;
        let stages: Value = app.read(&bob, "deals/stages", &[]).await.json().await.unwrap();
        let stage = stages[0]["id"].as_str().unwrap().to_owned();
        let deal: String = app.act(&bob, "deals/create", &[("fields[name]", CANARY.into()), ("fields[currency]", "EUR".into()), ("fields[stage_id]", stage.clone())]).await.json().await.unwrap();

        for (endpoint, id) in [("companies/get", &company), ("contacts/get", &contact), ("deals/get", &deal)] {
            assert_status(&app.read(&alice, endpoint, &[("id", id)]).await, StatusCode::NOT_FOUND);
        }
        let writes: Vec<(&str, Vec<(&str, String)>)> = vec![
            ("companies/update", vec![("id", company.clone()), ("fields[name]", "Hijacked".into()), ("fields[size]", "".into())]),
            ("contacts/update", vec![("id", contact.clone()), ("fields[first_name]", "Hijacked".into()), ("fields[status]", "lead".into())]),
            ("trash/delete", vec![("kind", "company".into()), ("id", company.clone())]),
            ("trash/delete", vec![("kind", "contact".into()), ("id", contact.clone())]),
            ("trash/restore", vec![("kind", "company".into()), ("id", company.clone())]),
            ("notes/create", vec![("record_kind", "contact".into()), ("record_id", contact.clone()), ("body", "sneaky".into())]),
            ("deals/update", vec![("id", deal.clone()), ("fields[name]", "Hijacked".into()), ("fields[currency]", "EUR".into()), ("fields[stage_id]", stage.clone())]),
            ("deals/move", vec![("id", deal.clone()), ("stage_id", stage.clone())]),
            ("trash/delete", vec![("kind", "deal".into()), ("id", deal.clone())]),
        ];
        for (endpoint, form) in writes {
            assert_status(&app.act(&alice, endpoint, &form).await, StatusCode::NOT_FOUND);
        }
        // Bob's records are as he left them.
        let detail: Value = app.read(&bob, "companies/get", &[("id", &company)]).await.json().await.unwrap();
        assert_eq!(detail["fields"]["name"], CANARY);
        assert_eq!(detail["in_trash"], false);
        assert_eq!(detail["timeline"].as_array().unwrap().len(), 1);
        // Using Bob's slug is "not found" too.
        let foreign_slug = Owner { client: alice.client.clone(), slug: bob.slug.clone() };
        assert_status(&app.read(&foreign_slug, "companies/list", &[("q", ""), ("after", "")]).await, StatusCode::NOT_FOUND);
    }
}

on_both_databases! {
    async fn a_canary_in_one_workspace_never_shows_in_another(app: TestApp) {
        let alice = app.owner("alice@example.com", "Alpha").await;
        let bob = app.owner("bob@example.com", "Bravo").await;
        app.company(&alice, "Alpha Widgets").await;
        app.contact(&alice, "Ann", "Alpha", "ann@alpha.example").await;
        let company = app.company(&bob, CANARY).await;
        let contact = app.contact(&bob, "Canary", "Zebra", "canary@bravo.example").await;
        app.act(&bob, "notes/create", &[("record_kind", "company".into()), ("record_id", company.clone()), ("body", CANARY.into())]).await;
        app.act(&bob, "trash/delete", &[("kind", "contact".into()), ("id", contact)]).await;
        let stages: Value = app.read(&bob, "deals/stages", &[]).await.json().await.unwrap();
        app.act(&bob, "deals/create", &[("fields[name]", CANARY.into()), ("fields[currency]", "EUR".into()), ("fields[stage_id]", stages[0]["id"].as_str().unwrap().into())]).await;

        let empty = [("q", ""), ("after", "")];
        let canary_prefix = [("q", "canary"), ("after", "")];
        let mut seen = String::new();
        for (endpoint, query) in [("companies/list", &empty[..]), ("contacts/list", &empty[..]), ("companies/list", &canary_prefix[..]), ("contacts/list", &canary_prefix[..]), ("trash/list", &[][..]), ("companies/names", &[][..]), ("deals/board", &[("mine", "false")][..]), ("deals/list", &empty[..]), ("deals/list", &canary_prefix[..])] {
            seen.push_str(&app.read(&alice, endpoint, query).await.text().await.unwrap());
        }
        for path in ["", "/companies", "/contacts", "/trash", "/contacts/new", "/deals", "/deals/list"] {
            seen.push_str(&app.get_as(&alice, &format!("/w/{}{path}", alice.slug)).await);
        }
        assert!(seen.contains("Alpha Widgets"), "the check reads real pages");
        assert!(!seen.contains("Canary"), "workspace B's data leaked into A");
    }
}

on_both_databases! {
    async fn leads_tickets_and_activities_of_another_workspace_are_not_found(app: TestApp) {
        let alice = app.owner("alice@example.com", "Alpha").await;
        let bob = app.owner("bob@example.com", "Bravo").await;
        let lead = app.lead(&bob, CANARY, CANARY, "canary@bravo.example").await;
        let ticket = app.ticket(&bob, CANARY, "open", "").await;
        let activity: String = app
            .act(&bob, "activities/create", &[("fields[kind]", "task".into()), ("fields[subject]", CANARY.into()), ("fields[due]", "2026-11-27T10:00".into())])
            .await
            .json()
            .await
            .unwrap();
        for (endpoint, id) in [("leads/get", &lead), ("tickets/get", &ticket), ("activities/get", &activity)] {
            assert_status(&app.read(&alice, endpoint, &[("id", id)]).await, StatusCode::NOT_FOUND);
        }
        let writes: Vec<(&str, Vec<(&str, String)>)> = vec![
            ("leads/update", vec![("id", lead.clone()), ("fields[name]", "Hijacked".into()), ("fields[source]", "web".into()), ("fields[status]", "new".into())]),
            ("leads/convert", vec![("id", lead.clone()), ("conversion[deal_name]", "".into())]),
            ("tickets/update", vec![("id", ticket.clone()), ("fields[subject]", "Hijacked".into()), ("fields[status]", "open".into()), ("fields[priority]", "low".into())]),
            ("activities/update", vec![("id", activity.clone()), ("fields[kind]", "task".into()), ("fields[subject]", "Hijacked".into())]),
            ("activities/done", vec![("id", activity.clone()), ("done", "true".into())]),
            ("notes/create", vec![("record_kind", "ticket".into()), ("record_id", ticket.clone()), ("body", "sneaky".into())]),
            ("trash/delete", vec![("kind", "lead".into()), ("id", lead.clone())]),
            ("trash/delete", vec![("kind", "ticket".into()), ("id", ticket.clone())]),
            ("trash/delete", vec![("kind", "activity".into()), ("id", activity.clone())]),
        ];
        for (endpoint, form) in writes {
            assert_status(&app.act(&alice, endpoint, &form).await, StatusCode::NOT_FOUND);
        }
        let detail: Value = app.read(&bob, "leads/get", &[("id", &lead)]).await.json().await.unwrap();
        assert_eq!(detail["fields"]["name"], CANARY);
        assert!(detail["converted"].is_null());
        let detail: Value = app.read(&bob, "activities/get", &[("id", &activity)]).await.json().await.unwrap();
        assert!(detail["done_at"].is_null());

        let mut seen = String::new();
        let reads: [(&str, &[(&str, &str)]); 6] = [
            ("leads/list", &[("q", ""), ("status", ""), ("open", "false"), ("after", "")]),
            ("tickets/list", &[("status", ""), ("q", ""), ("after", "")]),
            ("activities/mine", &[]),
            ("search", &[("q", "canary")]),
            ("records/names", &[("kind", "ticket")]),
            ("trash/list", &[]),
        ];
        for (endpoint, query) in reads {
            seen.push_str(&app.read(&alice, endpoint, query).await.text().await.unwrap());
        }
        for path in ["/leads", "/tickets", "/work", "/search?q=canary"] {
            seen.push_str(&app.get_as(&alice, &format!("/w/{}{path}", alice.slug)).await);
        }
        assert!(!seen.contains("Canary"), "workspace B's data leaked into A");
    }
}
