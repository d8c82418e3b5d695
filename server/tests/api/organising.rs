//! Organising records: tags (admins manage them; anyone who writes puts them on records), bulk
//! actions on ticked rows, list filters and orders with keyset pages, and the pipeline editor.

use crate::helpers::*;
use crate::on_both_databases;
use reqwest::StatusCode;
use serde_json::Value;

async fn tag(app: &TestApp, owner: &Owner, name: &str, color: &str) -> String {
    assert_status(&app.act(owner, "tags/save", &[("id", String::new()), ("fields[name]", name.into()), ("fields[color]", color.into())]).await, StatusCode::OK);
    let tags: Value = app.read(owner, "tags/list", &[]).await.json().await.unwrap();
    tags.as_array().unwrap().iter().find(|t| t["name"] == name).unwrap()["id"].as_str().unwrap().to_owned()
}

async fn contacts(app: &TestApp, owner: &Owner, query: &[(&str, &str)]) -> Value {
    let mut full = vec![("q", ""), ("after", "")];
    full.retain(|(k, _)| !query.iter().any(|(q, _)| q == k));
    full.extend_from_slice(query);
    let response = app.read(owner, "contacts/list", &full).await;
    assert_status(&response, StatusCode::OK);
    response.json().await.unwrap()
}

fn names(page: &Value) -> Vec<String> {
    page["rows"].as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap().to_owned()).collect()
}

on_both_databases! {
    async fn tags_go_on_records_filter_lists_and_show_on_the_timeline(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let vip = tag(&app, &ada, "VIP", "red").await;
        let duplicate = app.act(&ada, "tags/save", &[("id", String::new()), ("fields[name]", " vip ".into()), ("fields[color]", "blue".into())]).await;
        assert_status(&duplicate, StatusCode::UNPROCESSABLE_ENTITY);
        let bad = app.act(&ada, "tags/save", &[("id", String::new()), ("fields[name]", "".into()), ("fields[color]", "plaid".into())]).await;
        let body = error_json(bad).await;
        assert!(body["fields"]["name"].is_string() && body["fields"]["color"].is_string(), "{body}");

        let grace = app.contact(&ada, "Grace", "Hopper", "grace@navy.example").await;
        app.contact(&ada, "Charles", "Babbage", "cb@example.com").await;
        let set = [("kind", "contact".to_owned()), ("id", grace.clone()), ("tag_id", vip.clone()), ("on", "true".to_owned())];
        assert_status(&app.act(&ada, "tags/set", &set).await, StatusCode::OK);
        let on: Value = app.read(&ada, "tags/on-record", &[("kind", "contact"), ("id", &grace)]).await.json().await.unwrap();
        assert_eq!(on[0]["name"], "VIP");
        assert_eq!(on[0]["color"], "red");

        let tagged = contacts(&app, &ada, &[("tag", &vip)]).await;
        assert_eq!(names(&tagged), ["Grace Hopper"]);
        assert_eq!(tagged["rows"][0]["tags"][0]["name"], "VIP");
        let detail: Value = app.read(&ada, "contacts/get", &[("id", &grace)]).await.json().await.unwrap();
        let change = &detail["timeline"][0]["entry"]["Event"]["changes"][0];
        assert_eq!((change[0].as_str(), change[2].as_str()), (Some("tag"), Some("VIP")));

        // Deleting the tag takes it off every record.
        assert_status(&app.act(&ada, "tags/delete", &[("id", vip.clone())]).await, StatusCode::OK);
        let on: Value = app.read(&ada, "tags/on-record", &[("kind", "contact"), ("id", &grace)]).await.json().await.unwrap();
        assert_eq!(on.as_array().unwrap().len(), 0);

        // Another workspace can neither use nor see the tag or the record.
        let bob = app.owner("bob@example.com", "Bravo").await;
        let bobs = tag(&app, &bob, "Secret", "gray").await;
        let foreign = [("kind", "contact".to_owned()), ("id", grace.clone()), ("tag_id", bobs.clone()), ("on", "true".to_owned())];
        assert_status(&app.act(&bob, "tags/set", &foreign).await, StatusCode::NOT_FOUND);
        let foreign_tag = [("kind", "contact".to_owned()), ("id", grace.clone()), ("tag_id", bobs), ("on", "true".to_owned())];
        assert_status(&app.act(&ada, "tags/set", &foreign_tag).await, StatusCode::UNPROCESSABLE_ENTITY);
    }
}

on_both_databases! {
    async fn bulk_actions_tag_reassign_and_trash_only_the_ticked_rows_of_this_workspace(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let bob = app.owner("bob@example.com", "Bravo").await;
        let bobs_contact = app.contact(&bob, "Bob", "Brown", "bob@bravo.example").await;
        let hot = tag(&app, &ada, "Hot", "orange").await;
        let a = app.contact(&ada, "Ann", "Able", "ann@example.com").await;
        let b = app.contact(&ada, "Ben", "Baker", "ben@example.com").await;
        app.contact(&ada, "Cat", "Cole", "cat@example.com").await;

        let bulk = |action: &str, extra: Vec<(&'static str, String)>| {
            let mut form = vec![("kind", "contact".to_owned()), ("ids[0]", a.clone()), ("ids[1]", b.clone()), ("ids[2]", bobs_contact.clone()), ("action", action.to_owned())];
            form.extend(extra);
            form
        };
        let tagged = app.act(&ada, "records/bulk", &bulk("tag", vec![("tag_id", hot.clone())])).await;
        assert_status(&tagged, StatusCode::OK);
        assert_eq!(tagged.json::<Value>().await.unwrap()["changed"], 2, "Bob's contact is skipped");
        assert_eq!(names(&contacts(&app, &ada, &[("tag", &hot)]).await), ["Ann Able", "Ben Baker"]);

        let none = app.act(&ada, "records/bulk", &[("kind", "contact".to_owned()), ("action", "trash".to_owned())]).await;
        assert_status(&none, StatusCode::UNPROCESSABLE_ENTITY);
        let bad_owner = app.act(&ada, "records/bulk", &bulk("owner", vec![("owner_id", "stranger".into())])).await;
        assert_status(&bad_owner, StatusCode::UNPROCESSABLE_ENTITY);

        assert_status(&app.act(&ada, "records/bulk", &bulk("trash", vec![])).await, StatusCode::OK);
        assert_eq!(names(&contacts(&app, &ada, &[]).await), ["Cat Cole"]);
        let trash: Value = app.read(&ada, "trash/list", &[]).await.json().await.unwrap();
        assert_eq!(trash.as_array().unwrap().len(), 2);
        let bobs: Value = app.read(&bob, "contacts/get", &[("id", &bobs_contact)]).await.json().await.unwrap();
        assert_eq!(bobs["in_trash"], false, "another workspace's record is untouched");
    }
}

on_both_databases! {
    async fn lists_sort_by_name_or_date_and_filter_by_owner_and_date_without_gaps(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let mut created = Vec::new();
        for n in 0..55 {
            let last = format!("N{:02}", (n * 7) % 55);
            app.contact(&ada, "Person", &last, &format!("p{n}@example.com")).await;
            created.push(format!("Person {last}"));
            app.advance_minutes(1);
        }
        // Newest first, across two pages.
        let first = contacts(&app, &ada, &[("sort", "-created")]).await;
        let cursor = first["next"].as_str().unwrap().to_owned();
        let second = contacts(&app, &ada, &[("sort", "-created"), ("after", &cursor)]).await;
        let mut seen = names(&first);
        seen.extend(names(&second));
        let mut newest = created.clone();
        newest.reverse();
        assert_eq!(seen, newest);

        // Name Z–A.
        let first = contacts(&app, &ada, &[("sort", "-name")]).await;
        let cursor = first["next"].as_str().unwrap().to_owned();
        let second = contacts(&app, &ada, &[("sort", "-name"), ("after", &cursor)]).await;
        let mut seen = names(&first);
        seen.extend(names(&second));
        let mut descending = created.clone();
        descending.sort();
        descending.reverse();
        assert_eq!(seen, descending);

        // Owner filter: "me" and another member's id.
        assert_eq!(names(&contacts(&app, &ada, &[("owner", "me")]).await).len(), 50);
        assert_eq!(names(&contacts(&app, &ada, &[("owner", "someone-else")]).await).len(), 0);
        // Added since a day.
        assert_eq!(names(&contacts(&app, &ada, &[("since", "2026-11-27")]).await).len(), 50);
        assert_eq!(names(&contacts(&app, &ada, &[("since", "2026-11-28")]).await).len(), 0);
        assert_status(&app.read(&ada, "contacts/list", &[("q", ""), ("after", ""), ("since", "yesterday")]).await, StatusCode::UNPROCESSABLE_ENTITY);
    }
}

on_both_databases! {
    async fn admins_edit_the_pipeline_and_deals_of_a_removed_stage_move(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let stages: Value = app.read(&ada, "deals/stages", &[]).await.json().await.unwrap();
        let stages = stages.as_array().unwrap().clone();
        let meeting = stages[1]["id"].as_str().unwrap().to_owned();
        let proposal = stages[2]["id"].as_str().unwrap().to_owned();
        let deal: String = app
            .act(&ada, "deals/create", &[("fields[name]", "Engine".into()), ("fields[currency]", "EUR".into()), ("fields[stage_id]", meeting.clone())])
            .await
            .json()
            .await
            .unwrap();

        // Rename the first stage, remove "Meeting", add "Demo" after "Proposal".
        let mut form: Vec<(String, String)> = Vec::new();
        for (index, stage) in stages.iter().enumerate() {
            let field = |name: &str| format!("stages[{index}][{name}]");
            let name = if index == 0 { "Discovery".to_owned() } else { stage["name"].as_str().unwrap().to_owned() };
            form.push((field("id"), stage["id"].as_str().unwrap().to_owned()));
            form.push((field("name"), name));
            form.push((field("probability"), stage["probability"].to_string()));
            form.push((field("kind"), stage["kind"].as_str().unwrap().to_lowercase()));
            form.push((field("position"), ((index + 1) * 10).to_string()));
            if index == 1 {
                form.push((field("remove"), "true".into()));
            }
        }
        let new = stages.len();
        for (name, value) in [("id", ""), ("name", "Demo"), ("probability", "60"), ("kind", "open"), ("position", "35")] {
            form.push((format!("stages[{new}][{name}]"), value.into()));
        }
        form.push(("move_to".into(), proposal.clone()));
        let borrowed: Vec<(&str, String)> = form.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
        assert_status(&app.act(&ada, "pipeline/save", &borrowed).await, StatusCode::OK);

        let after: Value = app.read(&ada, "deals/stages", &[]).await.json().await.unwrap();
        let names: Vec<&str> = after.as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
        assert_eq!(names, ["Discovery", "Proposal", "Demo", "Negotiation", "Won", "Lost"]);
        let detail: Value = app.read(&ada, "deals/get", &[("id", &deal)]).await.json().await.unwrap();
        assert_eq!(detail["stage_name"], "Proposal");
        assert_eq!(detail["timeline"][0]["entry"]["Event"]["action"], "moved");

        // Only open/won/lost kinds, and at least one open stage.
        let all_won: Vec<(&str, String)> = vec![
            ("stages[0][id]", proposal.clone()), ("stages[0][name]", "Proposal".into()), ("stages[0][probability]", "50".into()), ("stages[0][kind]", "won".into()),
        ];
        assert_status(&app.act(&ada, "pipeline/save", &all_won).await, StatusCode::UNPROCESSABLE_ENTITY);
        let again: Value = app.read(&ada, "deals/stages", &[]).await.json().await.unwrap();
        assert_eq!(again.as_array().unwrap().len(), 6, "a refused save changes nothing");

        // Another workspace's admin naming these stages finds nothing and changes nothing.
        let bob = app.owner("bob@example.com", "Bravo").await;
        let foreign: Vec<(&str, String)> = vec![
            ("stages[0][id]", proposal.clone()), ("stages[0][name]", "Hijacked".into()), ("stages[0][probability]", "50".into()), ("stages[0][kind]", "open".into()),
        ];
        assert_status(&app.act(&bob, "pipeline/save", &foreign).await, StatusCode::NOT_FOUND);
        let again: Value = app.read(&ada, "deals/stages", &[]).await.json().await.unwrap();
        assert!(again.as_array().unwrap().iter().all(|s| s["name"] != "Hijacked"));
    }
}

on_both_databases! {
    async fn only_admins_manage_stages_and_tags_and_viewers_change_nothing(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let vip = tag(&app, &ada, "VIP", "red").await;
        let contact = app.contact(&ada, "Grace", "Hopper", "grace@navy.example").await;
        sqlx::query("update memberships set role = 'member'").execute(&app.state.db.pool).await.unwrap();
        let stages: Value = app.read(&ada, "deals/stages", &[]).await.json().await.unwrap();
        let first = &stages[0];
        let rename = [
            ("stages[0][id]", first["id"].as_str().unwrap().to_owned()), ("stages[0][name]", "Renamed".to_owned()),
            ("stages[0][probability]", "10".to_owned()), ("stages[0][kind]", "open".to_owned()),
        ];
        assert_status(&app.act(&ada, "pipeline/save", &rename).await, StatusCode::FORBIDDEN);
        assert_status(&app.act(&ada, "tags/save", &[("id", String::new()), ("fields[name]", "New".into()), ("fields[color]", "red".into())]).await, StatusCode::FORBIDDEN);
        assert_status(&app.act(&ada, "tags/delete", &[("id", vip.clone())]).await, StatusCode::FORBIDDEN);
        // A member still tags records.
        let set = [("kind", "contact".to_owned()), ("id", contact.clone()), ("tag_id", vip.clone()), ("on", "true".to_owned())];
        assert_status(&app.act(&ada, "tags/set", &set).await, StatusCode::OK);

        sqlx::query("update memberships set role = 'viewer'").execute(&app.state.db.pool).await.unwrap();
        let unset = [("kind", "contact".to_owned()), ("id", contact.clone()), ("tag_id", vip.clone()), ("on", "false".to_owned())];
        assert_status(&app.act(&ada, "tags/set", &unset).await, StatusCode::FORBIDDEN);
        let bulk = [("kind", "contact".to_owned()), ("ids[0]", contact.clone()), ("action", "trash".to_owned())];
        assert_status(&app.act(&ada, "records/bulk", &bulk).await, StatusCode::FORBIDDEN);
        let on: Value = app.read(&ada, "tags/on-record", &[("kind", "contact"), ("id", &contact)]).await.json().await.unwrap();
        assert_eq!(on[0]["name"], "VIP", "nothing changed");
        let after: Value = app.read(&ada, "deals/stages", &[]).await.json().await.unwrap();
        assert_eq!(after[0]["name"], first["name"]);
    }
}

on_both_databases! {
    async fn leads_and_tickets_take_bulk_trash_and_owner_changes_but_not_tags(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let hot = tag(&app, &ada, "Hot", "orange").await;
        let lead = app.lead(&ada, "Grace Hopper", "Navy", "grace@navy.example").await;
        let ticket = app.ticket(&ada, "Printer on fire", "open", "").await;
        let (user_id,): (String,) = sqlx::query_as("select id from users where email = 'ada@example.com'").fetch_one(&app.state.db.pool).await.unwrap();

        let tag_lead = [("kind", "lead".to_owned()), ("ids[0]", lead.clone()), ("action", "tag".to_owned()), ("tag_id", hot)];
        assert_status(&app.act(&ada, "records/bulk", &tag_lead).await, StatusCode::UNPROCESSABLE_ENTITY);
        let owner = [("kind", "ticket".to_owned()), ("ids[0]", ticket.clone()), ("action", "owner".to_owned()), ("owner_id", user_id)];
        let same_owner = app.act(&ada, "records/bulk", &owner).await;
        assert_status(&same_owner, StatusCode::OK);
        assert_eq!(same_owner.json::<Value>().await.unwrap()["changed"], 0, "already the owner: nothing changed");
        let trash = [("kind", "lead".to_owned()), ("ids[0]", lead.clone()), ("action", "trash".to_owned())];
        assert_status(&app.act(&ada, "records/bulk", &trash).await, StatusCode::OK);
        let leads: Value = app.read(&ada, "leads/list", &[("q", ""), ("status", ""), ("open", "false"), ("after", "")]).await.json().await.unwrap();
        assert_eq!(leads["rows"].as_array().unwrap().len(), 0);
        let trash_list: Value = app.read(&ada, "trash/list", &[]).await.json().await.unwrap();
        assert_eq!(trash_list[0]["name"], "Grace Hopper");
    }
}
