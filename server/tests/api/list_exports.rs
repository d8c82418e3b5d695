//! Exports of a record list with its filters, as CSV (formula-escaped) or JSON, streamed page by
//! page: the rows are exactly the list's rows (every page of them), a member who sees only their
//! own records exports only those, and outsiders get nothing.

use crate::helpers::*;
use crate::on_both_databases;
use crate::roles::{join, user_id, workspace_id};
use reqwest::StatusCode;
use serde_json::Value;

async fn export(app: &TestApp, who: &Owner, list: &str, format: &str, query: &str) -> reqwest::Response {
    who.client.get(app.url(&format!("/w/{}/export/{list}/{format}?{query}", who.slug))).send().await.unwrap()
}

async fn csv_rows(response: reqwest::Response) -> Vec<csv::StringRecord> {
    assert_status(&response, StatusCode::OK);
    assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    let disposition = response.headers()["content-disposition"].to_str().unwrap().to_owned();
    assert!(disposition.starts_with("attachment; filename=\"") && disposition.ends_with(".csv\""), "{disposition}");
    let body = response.bytes().await.unwrap();
    csv::Reader::from_reader(body.as_ref()).records().map(Result::unwrap).collect()
}

/// How many rows the list itself shows with `query`, following every page.
async fn list_count(app: &TestApp, who: &Owner, endpoint: &str, query: &[(&str, &str)]) -> usize {
    let (mut count, mut after) = (0, String::new());
    loop {
        let mut full = query.to_vec();
        full.push(("after", after.as_str()));
        let page: Value = app.read(who, endpoint, &full).await.json().await.unwrap();
        count += page["rows"].as_array().unwrap().len();
        match page["next"].as_str() {
            Some(next) => after = next.to_owned(),
            None => return count,
        }
    }
}

on_both_databases! {
    async fn a_list_exports_its_filtered_rows_as_escaped_csv_and_raw_json(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        app.contact(&ada, "=1+2", "Formula", "f@example.com").await;
        app.contact(&ada, "Grace", "Hopper", "grace@example.com").await;
        app.contact(&ada, "Grete", "Hansen", "grete@example.com").await;

        let all = csv_rows(export(&app, &ada, "contacts", "csv", "").await).await;
        assert_eq!(all.len(), 3);
        let formula = all.iter().find(|r| r[2] == *"Formula").unwrap();
        assert_eq!(&formula[1], "'=1+2", "escaped in CSV");
        assert_eq!(&formula[3], "f@example.com");
        assert!(formula[10].ends_with('Z'), "times in UTC ISO 8601");

        // The same filters and order as the list: a name prefix, newest first.
        let grs = csv_rows(export(&app, &ada, "contacts", "csv", "q=gr&sort=-name").await).await;
        let names: Vec<&str> = grs.iter().map(|r| &r[1]).collect();
        assert_eq!(names, ["Grete", "Grace"]);
        assert_eq!(grs.len(), list_count(&app, &ada, "contacts/list", &[("q", "gr")]).await);

        let json = export(&app, &ada, "contacts", "json", "q=%3D").await;
        assert_status(&json, StatusCode::OK);
        assert_eq!(json.headers()["content-type"], "application/json");
        let rows: Vec<Value> = json.json().await.unwrap();
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0]["first_name"], "=1+2", "JSON stays raw");
        let none: Vec<Value> = export(&app, &ada, "contacts", "json", "q=zzz").await.json().await.unwrap();
        assert!(none.is_empty());

        // Every kind of list exports; unknown lists, formats and bad filters are refused.
        app.company(&ada, "Babbage & Co").await;
        assert_eq!(csv_rows(export(&app, &ada, "companies", "csv", "").await).await.len(), 1);
        for list in ["leads", "deals", "tickets"] {
            assert_status(&export(&app, &ada, list, "csv", "").await, StatusCode::OK);
        }
        assert_status(&export(&app, &ada, "notes", "csv", "").await, StatusCode::NOT_FOUND);
        assert_status(&export(&app, &ada, "contacts", "xlsx", "").await, StatusCode::NOT_FOUND);
        assert_status(&export(&app, &ada, "contacts", "csv", "since=not-a-date").await, StatusCode::UNPROCESSABLE_ENTITY);
    }
}

/// A list, a record's id, and the values that must follow it in its row, by column name.
type ExpectedRow<'a> = (&'a str, &'a str, &'a [(&'a str, &'a str)]);

on_both_databases! {
    async fn every_kind_of_list_exports_each_records_values(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let company = app.company(&ada, "Babbage & Co").await;
        let contact = app.contact(&ada, "Grace", "Hopper", "grace@example.com").await;
        let lead = app.lead(&ada, "Alan Turing", "Bletchley", "alan@example.com").await;
        let ticket = app.ticket(&ada, "Engine overheats", "open", &contact).await;
        let stage = app.first_stage(&ada).await;
        let deal = app.act(&ada, "deals/create", &[
            ("fields[name]", "Analytical engine".into()), ("fields[amount]", "1,250.50".into()), ("fields[currency]", "EUR".into()),
            ("fields[stage_id]", stage), ("fields[company_id]", company.clone()), ("fields[expected_close]", "2027-01-31".into()),
        ]).await;
        assert_status(&deal, StatusCode::OK);
        let deal: String = deal.json().await.unwrap();

        let expected: [ExpectedRow; 5] = [
            ("contacts", &contact, &[("first_name", "Grace"), ("last_name", "Hopper"), ("email", "grace@example.com"), ("status", "lead")]),
            ("companies", &company, &[("name", "Babbage & Co")]),
            ("leads", &lead, &[("name", "Alan Turing"), ("company", "Bletchley"), ("email", "alan@example.com"), ("source", "web"), ("status", "new")]),
            ("deals", &deal, &[("name", "Analytical engine"), ("company", "Babbage & Co"), ("amount", "1250.50"), ("currency", "EUR"), ("expected_close", "2027-01-31")]),
            ("tickets", &ticket, &[("subject", "Engine overheats"), ("status", "open"), ("priority", "normal"), ("contact", "Grace Hopper")]),
        ];
        for (list, id, values) in expected {
            let response = export(&app, &ada, list, "csv", "").await;
            let body = response.bytes().await.unwrap();
            let mut reader = csv::Reader::from_reader(body.as_ref());
            let header = reader.headers().unwrap().clone();
            let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
            assert_eq!(rows.len(), 1, "{list}");
            let cell = |name: &str| rows[0].get(header.iter().position(|h| h == name).unwrap()).unwrap().to_owned();
            assert_eq!(cell("id"), id, "{list}");
            assert!(cell("created_at").ends_with('Z'), "{list}");
            let json: Vec<Value> = export(&app, &ada, list, "json", "").await.json().await.unwrap();
            assert_eq!(json.len(), 1, "{list}");
            for (column, value) in values {
                assert_eq!(cell(column), *value, "{list} CSV {column}");
                assert_eq!(json[0][column], *value, "{list} JSON {column}");
            }
        }
    }
}

on_both_databases! {
    async fn every_page_is_exported_and_members_limited_to_their_own_export_only_those(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let ws = workspace_id(&app, &ada.slug).await;
        let ada_id = user_id(&app, "ada@example.com").await;
        // More rows than one page of the export reads at a time.
        let mut tx = app.state.db.pool.begin().await.unwrap();
        for n in 0..2_345 {
            sqlx::query(
                "insert into contacts (workspace_id, id, first_name, last_name, sort_name, job_title, status, linkedin_url, owner_id, created_at, updated_at) \
                 values ($1, $2, $3, 'Bulk', $4, '', 'lead', '', $5, $6, $6)",
            )
            .bind(&ws)
            .bind(format!("bulk-{n:05}"))
            .bind(format!("Person{n:05}"))
            .bind(format!("person{n:05} bulk"))
            .bind(&ada_id)
            .bind(START_MS)
            .execute(&mut *tx)
            .await
            .unwrap();
        }
        tx.commit().await.unwrap();
        let (_, max_client) = join(&app, &ws, "max@example.com", "member").await;
        let max = Owner { client: max_client, slug: ada.slug.clone() };
        app.contact(&max, "Maxi", "Owncontact", "maxi@example.com").await;

        let rows = csv_rows(export(&app, &ada, "contacts", "csv", "").await).await;
        assert_eq!(rows.len(), 2_346);
        let ids: std::collections::HashSet<&str> = rows.iter().map(|r| &r[0]).collect();
        assert_eq!(ids.len(), 2_346, "no row twice");
        assert_eq!(rows.len(), list_count(&app, &ada, "contacts/list", &[("q", "")]).await);

        // "Members see only what they own": Max's export holds his contact alone.
        assert_eq!(csv_rows(export(&app, &max, "contacts", "csv", "").await).await.len(), 2_346, "all records while the workspace shows all");
        let own = [("name", "Engines".to_owned()), ("visibility", "own".to_owned())];
        assert_status(&app.act(&ada, "workspace/settings", &own).await, StatusCode::OK);
        let mine = csv_rows(export(&app, &max, "contacts", "csv", "").await).await;
        assert_eq!(mine.iter().map(|r| r[1].to_owned()).collect::<Vec<_>>(), ["Maxi"]);

        // Outsiders and signed-out visitors get nothing.
        let bob = app.owner("bob@example.com", "Bravo").await;
        let outsider = Owner { client: bob.client, slug: ada.slug.clone() };
        assert_status(&export(&app, &outsider, "contacts", "csv", "").await, StatusCode::NOT_FOUND);
        let signed_out = browser(&app.base).get(app.url(&format!("/w/{}/export/contacts/csv", ada.slug))).send().await.unwrap();
        assert!(signed_out.status().is_redirection());
        assert!(signed_out.headers()["location"].to_str().unwrap().starts_with("/signin?next="));
    }
}
