//! Companies: create, validate, update (with the change on the timeline), list paging and search.

use crate::helpers::*;
use crate::on_both_databases;
use reqwest::StatusCode;
use serde_json::Value;

on_both_databases! {
    async fn a_company_is_created_listed_and_shown_with_its_creation_on_the_timeline(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let response = app.act(&ada, "companies/create", &[
            ("fields[name]", "Babbage & Co".into()),
            ("fields[domain]", "https://www.Babbage.example/about".into()),
            ("fields[size]", "11-50".into()),
            ("fields[phone]", "+44 020 7946 0958".into()),
            ("fields[city]", "London".into()),
        ]).await;
        assert_status(&response, StatusCode::OK);
        let id: String = response.json().await.unwrap();

        let list: Value = app.read(&ada, "companies/list", &[("q", ""), ("after", "")]).await.json().await.unwrap();
        assert_eq!(list["rows"][0]["name"], "Babbage & Co");
        assert_eq!(list["rows"][0]["domain"], "babbage.example");

        let detail: Value = app.read(&ada, "companies/get", &[("id", &id)]).await.json().await.unwrap();
        assert_eq!(detail["fields"]["phone"], "+44 020 7946 0958", "leading zeros and plus kept");
        assert_eq!(detail["owner_name"], "Ada Lovelace");
        let first = &detail["timeline"][0];
        assert_eq!(first["entry"]["Event"]["action"], "created");
        assert_eq!(first["who"], "Ada Lovelace");
    }
}

on_both_databases! {
    async fn bad_company_fields_are_named_and_nothing_is_created(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let response = app.act(&ada, "companies/create", &[
            ("fields[name]", "  ".into()),
            ("fields[domain]", "not a domain".into()),
            ("fields[size]", "enormous".into()),
            ("fields[phone]", "call me maybe".into()),
        ]).await;
        assert_status(&response, StatusCode::UNPROCESSABLE_ENTITY);
        let body = error_json(response).await;
        for field in ["name", "domain", "size", "phone"] {
            assert!(body["fields"][field].is_string(), "{field}: {body}");
        }
        let list: Value = app.read(&ada, "companies/list", &[("q", ""), ("after", "")]).await.json().await.unwrap();
        assert_eq!(list["rows"].as_array().unwrap().len(), 0);
    }
}

on_both_databases! {
    async fn an_update_records_each_changed_field_with_before_and_after(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let id = app.company(&ada, "Difference Engines").await;
        app.advance_minutes(5);
        let response = app.act(&ada, "companies/update", &[
            ("id", id.clone()),
            ("fields[name]", "Difference Engines Ltd".into()),
            ("fields[size]", "".into()),
            ("fields[city]", "London".into()),
        ]).await;
        assert_status(&response, StatusCode::OK);
        let detail: Value = app.read(&ada, "companies/get", &[("id", &id)]).await.json().await.unwrap();
        let newest = &detail["timeline"][0]["entry"]["Event"];
        assert_eq!(newest["action"], "updated");
        let changes = newest["changes"].as_array().unwrap();
        assert!(changes.contains(&serde_json::json!(["name", "Difference Engines", "Difference Engines Ltd"])));
        assert!(changes.contains(&serde_json::json!(["city", "", "London"])));
        assert_eq!(changes.len(), 2, "unchanged fields are not listed");
        assert_eq!(detail["timeline"][1]["entry"]["Event"]["action"], "created", "newest first");
    }
}

on_both_databases! {
    async fn pages_have_no_gaps_or_repeats_even_when_rows_arrive_between_pages(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let mut expected = Vec::new();
        for n in 0..60 {
            let name = format!("Company {n:03}");
            app.company(&ada, &name).await;
            expected.push(name);
        }
        let first: Value = app.read(&ada, "companies/list", &[("q", ""), ("after", "")]).await.json().await.unwrap();
        let mut seen: Vec<String> = first["rows"].as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap().to_owned()).collect();
        assert_eq!(seen.len(), 50);
        // New rows on both sides of the cursor while someone reads.
        app.company(&ada, "Aardvark Ltd").await;
        app.company(&ada, "Company 055b").await;
        expected.push("Company 055b".into());
        let cursor = first["next"].as_str().unwrap().to_owned();
        let second: Value = app.read(&ada, "companies/list", &[("q", ""), ("after", &cursor)]).await.json().await.unwrap();
        seen.extend(second["rows"].as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap().to_owned()));
        assert!(second["next"].is_null());
        expected.sort();
        assert_eq!(seen, expected);
    }
}

on_both_databases! {
    async fn search_matches_the_start_of_the_name_without_regard_to_case(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        for name in ["Acme Corp", "acme labs", "Beta Acme", "Zeta"] {
            app.company(&ada, name).await;
        }
        let found: Value = app.read(&ada, "companies/list", &[("q", "ACME"), ("after", "")]).await.json().await.unwrap();
        let names: Vec<&str> = found["rows"].as_array().unwrap().iter().map(|r| r["name"].as_str().unwrap()).collect();
        assert_eq!(names, ["Acme Corp", "acme labs"]);
    }
}

on_both_databases! {
    async fn a_viewer_can_read_but_not_create(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        app.company(&ada, "Visible Co").await;
        sqlx::query("update memberships set role = 'viewer'").execute(&app.state.db.pool).await.unwrap();
        let list: Value = app.read(&ada, "companies/list", &[("q", ""), ("after", "")]).await.json().await.unwrap();
        assert_eq!(list["rows"].as_array().unwrap().len(), 1);
        let response = app.act(&ada, "companies/create", &[("fields[name]", "Hidden Co".into()), ("fields[size]", "".into())]).await;
        assert_status(&response, StatusCode::FORBIDDEN);
    }
}
