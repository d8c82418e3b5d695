//! Global search: by name, email, phone and domain, an exact name first, grouped by kind; trashed
//! records and other workspaces never found.

use crate::helpers::*;
use crate::on_both_databases;
use reqwest::StatusCode;
use serde_json::Value;

async fn search(app: &TestApp, owner: &Owner, q: &str) -> Value {
    let response = app.read(owner, "search", &[("q", q)]).await;
    assert_status(&response, StatusCode::OK);
    response.json().await.unwrap()
}

/// (kind, title) of every hit, in order.
fn hits(groups: &Value) -> Vec<(String, String)> {
    groups
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|g| g["hits"].as_array().unwrap().iter().map(move |h| (g["kind"].as_str().unwrap().to_owned(), h["title"].as_str().unwrap().to_owned())))
        .collect()
}

on_both_databases! {
    async fn records_are_found_by_name_email_phone_and_domain(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let company = app.company(&ada, "Analytical Engines").await;
        app.act(&ada, "companies/update", &[("id", company.clone()), ("fields[name]", "Analytical Engines".into()), ("fields[domain]", "engines.example".into()), ("fields[size]", "".into())]).await;
        app.act(&ada, "contacts/create", &[
            ("fields[first_name]", "Charles".into()), ("fields[last_name]", "Babbage".into()), ("fields[status]", "lead".into()),
            ("fields[emails][0][value]", "charles@difference.example".into()), ("fields[emails][0][label]", "work".into()),
            ("fields[phones][0][value]", "+44 (0)20 7946 0958".into()), ("fields[phones][0][label]", "work".into()),
        ]).await;
        app.lead(&ada, "Grace Hopper", "Navy Labs", "grace@navy.example").await;
        app.ticket(&ada, "Engine overheats", "open", "").await;

        assert_eq!(hits(&search(&app, &ada, "charl").await), [("contact".into(), "Charles Babbage".into())]);
        assert_eq!(hits(&search(&app, &ada, "charles@difference.example").await)[0].1, "Charles Babbage");
        assert_eq!(hits(&search(&app, &ada, "7946 0958").await)[0].1, "Charles Babbage");
        assert_eq!(hits(&search(&app, &ada, "+44 20 7946").await)[0].1, "Charles Babbage");
        assert_eq!(hits(&search(&app, &ada, "4402079").await)[0].1, "Charles Babbage", "digits typed without spaces");
        assert_eq!(hits(&search(&app, &ada, "engines.example").await), [("company".into(), "Analytical Engines".into())]);
        assert_eq!(hits(&search(&app, &ada, "navy").await), [("lead".into(), "Grace Hopper".into())]);
        let engine = hits(&search(&app, &ada, "engine").await);
        assert!(engine.contains(&("ticket".into(), "Engine overheats".into())) && engine.contains(&("company".into(), "Analytical Engines".into())), "{engine:?}");
        // Query syntax is only text.
        assert_eq!(hits(&search(&app, &ada, "\"charles\" OR * NEAR(").await).len(), 0);
        assert_eq!(hits(&search(&app, &ada, "   ").await).len(), 0);
    }
}

on_both_databases! {
    async fn an_exact_name_comes_first(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        for (first, last) in [("Anna", "Annabelle"), ("Ann", "Lee Smith"), ("Annie", "Lee"), ("Ann", "Lee")] {
            app.contact(&ada, first, last, &format!("{}.{}@example.com", first.to_lowercase(), last.to_lowercase().replace(' ', ""))).await;
        }
        let found = hits(&search(&app, &ada, "ann lee").await);
        assert_eq!(found[0].1, "Ann Lee", "{found:?}");
        assert_eq!(found.len(), 3, "Anna Annabelle does not match 'lee': {found:?}");
    }
}

on_both_databases! {
    async fn names_that_start_with_the_query_come_before_other_matches_of_every_kind(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        // Ten contacts matched only by their addresses, where "mar" starts several words (the
        // most relevant matches by word counts), and one whose name starts with it.
        for n in 0..10 {
            app.contact(&ada, "Zed", &format!("Zulu{n}"), &format!("mar.mark{n}@market.example")).await;
        }
        app.contact(&ada, "Mara", "Jones", "mj@jones.example").await;
        app.company(&ada, "Marvel Engines").await;
        let groups = search(&app, &ada, "mar").await;
        let found = hits(&groups);
        assert_eq!(found[0], ("contact".into(), "Mara Jones".into()), "{found:?}");
        assert!(found.contains(&("company".into(), "Marvel Engines".into())), "{found:?}");
        let contacts = groups.as_array().unwrap().iter().find(|g| g["kind"] == "contact").unwrap();
        assert_eq!(contacts["hits"].as_array().unwrap().len(), 8, "then the address matches, up to a group's eight");
    }
}

on_both_databases! {
    async fn renamed_trashed_and_foreign_records_are_found_as_they_are(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let bob = app.owner("bob@example.com", "Bravo").await;
        let id = app.company(&ada, "Old Name Ltd").await;
        app.act(&ada, "companies/update", &[("id", id.clone()), ("fields[name]", "Fresh Name Ltd".into()), ("fields[size]", "".into())]).await;
        assert_eq!(hits(&search(&app, &ada, "old").await).len(), 0);
        assert_eq!(hits(&search(&app, &ada, "fresh").await).len(), 1);

        app.act(&ada, "trash/delete", &[("kind", "company".into()), ("id", id.clone())]).await;
        assert_eq!(hits(&search(&app, &ada, "fresh").await).len(), 0, "the trash is not searched");
        app.act(&ada, "trash/restore", &[("kind", "company".into()), ("id", id.clone())]).await;
        assert_eq!(hits(&search(&app, &ada, "fresh").await).len(), 1, "restored records are found again");

        assert_eq!(hits(&search(&app, &bob, "fresh").await).len(), 0, "another workspace finds nothing");
    }
}
