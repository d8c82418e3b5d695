//! CSV imports: a file is uploaded (BOM, separators, quoted newlines), its columns mapped from
//! English or German headers, every row checked before anything is written (bad rows reported and
//! downloadable), then written in the background in batches: create, update or both, matched on
//! e-mail, domain, name or an external id; a killed worker's import resumes without duplicates; a
//! cancel stops after a batch; undo puts everything back except what changed since; erased people
//! are not imported again; formula-looking cells stay text.

use crate::helpers::*;
use crate::on_both_databases;
use crate::roles::{join, workspace_id};
use app::ssr::imports;
use reqwest::StatusCode;
use serde_json::Value;

/// Lets the import worker do everything that is waiting.
async fn work(app: &TestApp) {
    imports::run_pending(&app.state, None).await.unwrap();
}

async fn view(app: &TestApp, who: &Owner, id: &str) -> Value {
    let response = app.read(who, "imports/get", &[("id", id)]).await;
    assert_status(&response, StatusCode::OK);
    response.json().await.unwrap()
}

/// Saves the mapping and choices, lets the check run and returns the checked import.
async fn check(app: &TestApp, who: &Owner, id: &str, mapping: &[&str], mode: &str, match_on: &str) -> Value {
    let mut form = vec![("id", id.to_owned()), ("mode", mode.to_owned()), ("match_on", match_on.to_owned())];
    let names: Vec<String> = (0..mapping.len()).map(|i| format!("mapping[{i}]")).collect();
    form.extend(names.iter().map(String::as_str).zip(mapping.iter().map(|m| (*m).to_owned())));
    let saved = app.act(who, "imports/configure", &form).await;
    assert_eq!(saved.status(), StatusCode::OK, "configure: {}", saved.text().await.unwrap());
    work(app).await;
    let checked = view(app, who, id).await;
    assert_eq!(checked["status"], "checked", "{checked}");
    checked
}

/// Starts a checked import and lets it run to the end.
async fn run_import(app: &TestApp, who: &Owner, id: &str) -> Value {
    assert_status(&app.act(who, "imports/start", &[("id", id.to_owned())]).await, StatusCode::OK);
    work(app).await;
    view(app, who, id).await
}

async fn contacts(app: &TestApp, who: &Owner) -> Vec<Value> {
    let page: Value = app.read(who, "contacts/list", &[("q", ""), ("after", "")]).await.json().await.unwrap();
    page["rows"].as_array().unwrap().clone()
}

async fn count(app: &TestApp, table: &str, workspace: &str) -> i64 {
    let sql = format!("select count(*) from {table} where workspace_id = $1 and deleted_at is null");
    let (n,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(workspace).fetch_one(&app.state.db.pool).await.unwrap();
    n
}

on_both_databases! {
    async fn a_german_semicolon_file_with_a_bom_is_mapped_checked_imported_and_undone(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let file = "\u{feff}Vorname;Nachname;E-Mail;Telefon;Notiz;Bemerkung\n\
                    Grace;Hopper;grace@navy.example;0049 30 1234;\"Rear admiral; retired\";\"Met in 1952,\nagain in 1969\"\n\
                    Ada;=1+2;ada@looms.example;+44 20 7946 0000;Countess;\n\
                    \n\
                    Alan;Turing;alan@bletchley.example;;;\n";
        let id = app.import_id(&ada, "contact", file).await;
        let uploaded = view(&app, &ada, &id).await;
        assert_eq!(uploaded["status"], "uploaded");
        assert_eq!(uploaded["total_rows"], 3, "the blank line is not a row");
        assert_eq!(uploaded["headers"], serde_json::json!(["Vorname", "Nachname", "E-Mail", "Telefon", "Notiz", "Bemerkung"]));
        assert_eq!(uploaded["mapping"], serde_json::json!(["first_name", "last_name", "email", "phone", "", ""]), "German headers map by themselves");
        assert_eq!(uploaded["preview"][0][5], "Met in 1952,\nagain in 1969", "a quoted field keeps its newline");

        // "Notiz" is remapped to the job title.
        let checked = check(&app, &ada, &id, &["first_name", "last_name", "email", "phone", "job_title", ""], "create", "").await;
        assert_eq!(checked["counts"]["created"], 3, "would create three");
        assert!(contacts(&app, &ada).await.is_empty(), "a check writes nothing");

        let done = run_import(&app, &ada, &id).await;
        assert_eq!(done["status"], "done");
        assert_eq!((done["counts"]["created"].as_i64(), done["rows_done"].as_i64()), (Some(3), Some(3)));
        let rows = contacts(&app, &ada).await;
        let grace = rows.iter().find(|r| r["name"] == "Grace Hopper").expect("Grace imported");
        assert_eq!(grace["phone"], "0049 30 1234", "leading zeros kept");
        assert_eq!(grace["job_title"], "Rear admiral; retired", "a quoted separator stays in its cell");
        assert!(rows.iter().any(|r| r["name"] == "Ada =1+2"), "a formula-looking cell is stored as text");
        let ada_row = rows.iter().find(|r| r["name"] == "Ada =1+2").unwrap();
        assert_eq!(ada_row["phone"], "+44 20 7946 0000", "the plus sign kept");
        let detail: Value = app.read(&ada, "contacts/get", &[("id", grace["id"].as_str().unwrap())]).await.json().await.unwrap();
        assert!(detail["timeline"].as_array().unwrap().iter().any(|e| e.to_string().contains("created")), "the timeline says it was created");
        // Found by name, address and phone digits, as a contact made by hand.
        for q in ["hopper", "grace@navy", "4930"] {
            let found: Value = app.read(&ada, "search", &[("q", q)]).await.json().await.unwrap();
            assert!(found.to_string().contains("Grace Hopper"), "search {q}: {found}");
        }

        assert_status(&app.act(&ada, "imports/undo", &[("id", id.clone())]).await, StatusCode::OK);
        work(&app).await;
        let undone = view(&app, &ada, &id).await;
        assert_eq!(undone["status"], "undone");
        assert_eq!((undone["counts"]["undone"].as_i64(), undone["counts"]["kept"].as_i64()), (Some(3), Some(0)));
        assert!(contacts(&app, &ada).await.is_empty(), "undo removes what the import created");
        let again = app.act(&ada, "imports/undo", &[("id", id.clone())]).await;
        assert_status(&again, StatusCode::CONFLICT);
    }
}

on_both_databases! {
    async fn update_and_upsert_match_on_email_and_external_id_and_undo_keeps_later_changes(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let grace = app.contact(&ada, "Grace", "Hopper", "Grace@Navy.example").await;

        // Update only: Grace (matched on her e-mail in any case) changes; Bob is not found.
        let file = "Email,Job title\ngrace@navy.example,Rear admiral\nbob@nowhere.example,Builder\n";
        let id = app.import_id(&ada, "contact", file).await;
        let checked = check(&app, &ada, &id, &["email", "job_title"], "update", "email").await;
        assert_eq!((checked["counts"]["updated"].as_i64(), checked["counts"]["not_found"].as_i64()), (Some(1), Some(1)));
        let done = run_import(&app, &ada, &id).await;
        assert_eq!((done["counts"]["updated"].as_i64(), done["counts"]["created"].as_i64()), (Some(1), Some(0)));
        let rows = contacts(&app, &ada).await;
        assert_eq!(rows.len(), 1, "update only creates nothing");
        assert_eq!(rows[0]["job_title"], "Rear admiral");
        assert_eq!(rows[0]["name"], "Grace Hopper", "an empty or unmapped cell keeps the value");

        // The same file again: nothing changes.
        let same = app.import_id(&ada, "contact", file).await;
        let unchanged = check(&app, &ada, &same, &["email", "job_title"], "update", "email").await;
        assert_eq!(unchanged["counts"]["unchanged"], 1);

        // Upsert on an external id: created once, then updated, never duplicated.
        let first = app.import_id(&ada, "contact", "ID,Name,Email\nX-1,Bob Builder,bob@nowhere.example\n").await;
        check(&app, &ada, &first, &["external_id", "full_name", "email"], "upsert", "external_id").await;
        assert_eq!(run_import(&app, &ada, &first).await["counts"]["created"], 1);
        let second = app.import_id(&ada, "contact", "ID,Name\nX-1,Robert Builder\nX-2,Wendy Builder\n").await;
        let upserted = check(&app, &ada, &second, &["external_id", "full_name"], "upsert", "external_id").await;
        assert_eq!((upserted["counts"]["updated"].as_i64(), upserted["counts"]["created"].as_i64()), (Some(1), Some(1)));
        run_import(&app, &ada, &second).await;
        let names: Vec<String> = contacts(&app, &ada).await.iter().map(|r| r["name"].as_str().unwrap().to_owned()).collect();
        assert_eq!(names, ["Grace Hopper", "Robert Builder", "Wendy Builder"]);

        // Grace is edited by hand after the first import: undoing it keeps her edit.
        let form = [
            ("id", grace.clone()), ("fields[first_name]", "Grace".to_owned()), ("fields[last_name]", "Hopper".to_owned()),
            ("fields[job_title]", "Admiral".to_owned()), ("fields[status]", "lead".to_owned()),
            ("fields[emails][0][value]", "Grace@Navy.example".to_owned()), ("fields[emails][0][label]", "work".to_owned()),
        ];
        app.clock.advance_ms(1000);
        assert_status(&app.act(&ada, "contacts/update", &form).await, StatusCode::OK);
        assert_status(&app.act(&ada, "imports/undo", &[("id", id.clone())]).await, StatusCode::OK);
        work(&app).await;
        let undone = view(&app, &ada, &id).await;
        assert_eq!((undone["counts"]["undone"].as_i64(), undone["counts"]["kept"].as_i64()), (Some(0), Some(1)));
        assert_eq!(contacts(&app, &ada).await[0]["job_title"], "Admiral");

        // Undoing the upsert gives Bob his old name back and removes Wendy.
        assert_status(&app.act(&ada, "imports/undo", &[("id", second.clone())]).await, StatusCode::OK);
        work(&app).await;
        let names: Vec<String> = contacts(&app, &ada).await.iter().map(|r| r["name"].as_str().unwrap().to_owned()).collect();
        assert_eq!(names, ["Bob Builder", "Grace Hopper"]);

        // The same address twice in one file: created by the first row, updated by the second.
        let twice = app.import_id(&ada, "contact", "Name,Email\nZed One,zed@zeds.example\nZed Two,ZED@zeds.example\n").await;
        check(&app, &ada, &twice, &["full_name", "email"], "upsert", "email").await;
        let done = run_import(&app, &ada, &twice).await;
        assert_eq!((done["counts"]["created"].as_i64(), done["counts"]["updated"].as_i64()), (Some(1), Some(1)));
        let zeds: Vec<String> = contacts(&app, &ada).await.iter().map(|r| r["name"].as_str().unwrap().to_owned()).filter(|n| n.starts_with("Zed")).collect();
        assert_eq!(zeds, ["Zed Two"]);
    }
}

on_both_databases! {
    async fn bad_rows_are_reported_and_downloadable_and_stop_imports_nothing_while_skip_imports_the_rest(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let file = "First name,Last name,Email\nGrace,Hopper,grace@navy.example\n,,nobody@example.com\nAlan,Turing,not-an-address\nAda,Lovelace,ada@looms.example\n";
        let stop = app.import_id(&ada, "contact", file).await;
        let checked = check(&app, &ada, &stop, &["first_name", "last_name", "email"], "create", "").await;
        assert_eq!((checked["counts"]["created"].as_i64(), checked["counts"]["invalid"].as_i64()), (Some(2), Some(2)));
        let problems = checked["problems"].as_array().unwrap();
        assert_eq!(problems.iter().map(|p| p["row"].as_i64().unwrap()).collect::<Vec<_>>(), [2, 3]);
        assert!(problems[1]["message"].as_str().unwrap().starts_with("Email: "), "named by the column: {problems:?}");

        let report = ada.client.get(app.url(&format!("/w/{}/imports/{stop}/problems.csv", ada.slug))).send().await.unwrap();
        assert_status(&report, StatusCode::OK);
        let body = report.text().await.unwrap();
        let rows: Vec<csv::StringRecord> = csv::Reader::from_reader(body.as_bytes()).records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 2);
        assert_eq!((&rows[1][0], &rows[1][2], &rows[1][4]), ("3", "Alan", "not-an-address"));

        // Stop: nothing is imported.
        assert_status(&app.act(&ada, "imports/cancel", &[("id", stop.clone())]).await, StatusCode::OK);
        work(&app).await;
        assert_eq!(view(&app, &ada, &stop).await["status"], "cancelled");
        assert!(contacts(&app, &ada).await.is_empty());
        assert_status(&app.act(&ada, "imports/start", &[("id", stop.clone())]).await, StatusCode::CONFLICT);

        // Skip: the good rows go in.
        let skip = app.import_id(&ada, "contact", file).await;
        check(&app, &ada, &skip, &["first_name", "last_name", "email"], "create", "").await;
        let done = run_import(&app, &ada, &skip).await;
        assert_eq!((done["counts"]["created"].as_i64(), done["counts"]["invalid"].as_i64()), (Some(2), Some(2)));
        assert_eq!(contacts(&app, &ada).await.len(), 2);
    }
}

on_both_databases! {
    async fn a_killed_worker_is_resumed_without_duplicates_and_a_cancel_stops_after_a_batch(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let workspace = workspace_id(&app, &ada.slug).await;
        // Two full batches and a part of one.
        let batch = i64::try_from(imports::BATCH_ROWS).unwrap();
        let rows = batch * 12 / 5;
        let file: String = std::iter::once("First name,Last name,Email\n".to_owned())
            .chain((0..rows).map(|i| format!("Person,N{i:04},p{i}@example.com\n")))
            .collect();
        let id = app.import_id(&ada, "contact", &file).await;
        check(&app, &ada, &id, &["first_name", "last_name", "email"], "create", "").await;
        assert_status(&app.act(&ada, "imports/start", &[("id", id.clone())]).await, StatusCode::OK);
        // One batch, then the worker "dies" holding the import.
        imports::run_pending(&app.state, Some(1)).await.unwrap();
        let half = view(&app, &ada, &id).await;
        assert_eq!((half["status"].as_str(), half["rows_done"].as_i64()), (Some("running"), Some(batch)));
        assert_eq!(count(&app, "contacts", &workspace).await, batch, "the batch is committed with its progress");
        work(&app).await;
        assert_eq!(view(&app, &ada, &id).await["rows_done"], batch, "a live worker's import is not taken over");
        app.clock.advance_ms(imports::STALE_MS + 1);
        work(&app).await;
        let done = view(&app, &ada, &id).await;
        assert_eq!((done["status"].as_str(), done["counts"]["created"].as_i64()), (Some("done"), Some(rows)));
        assert_eq!(count(&app, "contacts", &workspace).await, rows, "no duplicates after the resume");

        let second = app.import_id(&ada, "contact", &file.replace("@example.com", "@other.example")).await;
        check(&app, &ada, &second, &["first_name", "last_name", "email"], "create", "").await;
        assert_status(&app.act(&ada, "imports/start", &[("id", second.clone())]).await, StatusCode::OK);
        imports::run_pending(&app.state, Some(1)).await.unwrap();
        assert_status(&app.act(&ada, "imports/cancel", &[("id", second.clone())]).await, StatusCode::OK);
        app.clock.advance_ms(imports::STALE_MS + 1);
        work(&app).await;
        let cancelled = view(&app, &ada, &second).await;
        assert_eq!((cancelled["status"].as_str(), cancelled["counts"]["created"].as_i64()), (Some("cancelled"), Some(2 * batch)));
        assert_eq!(count(&app, "contacts", &workspace).await, rows + 2 * batch);
        assert_status(&app.act(&ada, "imports/undo", &[("id", second.clone())]).await, StatusCode::OK);
        work(&app).await;
        assert_eq!(count(&app, "contacts", &workspace).await, rows, "a cancelled import can be undone");
    }
}

on_both_databases! {
    async fn erased_people_are_not_imported_again_and_are_counted(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let grace = app.contact(&ada, "Grace", "Hopper", "grace@navy.example").await;
        let erase = [("kind", "contact".to_owned()), ("id", grace), ("confirm", "true".to_owned())];
        assert_status(&app.act(&ada, "person-privacy/erase", &erase).await, StatusCode::OK);
        let id = app.import_id(&ada, "contact", "Name,Email\nGrace Hopper, GRACE@navy.example \nAlan Turing,alan@bletchley.example\n").await;
        let checked = check(&app, &ada, &id, &["full_name", "email"], "create", "").await;
        assert_eq!((checked["counts"]["suppressed"].as_i64(), checked["counts"]["created"].as_i64()), (Some(1), Some(1)));
        let done = run_import(&app, &ada, &id).await;
        assert_eq!(done["counts"]["suppressed"], 1);
        let names: Vec<String> = contacts(&app, &ada).await.iter().map(|r| r["name"].as_str().unwrap().to_owned()).collect();
        assert_eq!(names, ["Alan Turing"]);
    }
}

on_both_databases! {
    async fn erasing_a_person_removes_what_imports_kept_of_them_and_files_go_when_an_import_ends(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let workspace = workspace_id(&app, &ada.slug).await;
        let id = app.import_id(&ada, "contact", "ID,Name,Email\nG-1,Grace Hopper,grace@navy.example\nA-1,Alan Turing,alan@bletchley.example\n").await;
        assert!(imports::file_path(&app.state, &id).exists(), "kept while the import is set up");
        check(&app, &ada, &id, &["external_id", "full_name", "email"], "upsert", "external_id").await;
        run_import(&app, &ada, &id).await;
        assert!(!imports::file_path(&app.state, &id).exists(), "deleted once the import is done");
        let done = view(&app, &ada, &id).await;
        assert_eq!(done["headers"], serde_json::json!(["ID", "Name", "Email"]), "the header row stays with the import");
        // A later file names her in a bad row and updates her.
        let bad = app.import_id(&ada, "contact", "ID,Name,Email\nG-1,Grace Hopper,grace@navy\n").await;
        check(&app, &ada, &bad, &["external_id", "full_name", "email"], "upsert", "external_id").await;
        assert_status(&app.act(&ada, "imports/cancel", &[("id", bad.clone())]).await, StatusCode::OK);
        assert!(!imports::file_path(&app.state, &bad).exists(), "deleted when cancelled before it ran");
        let grace = contacts(&app, &ada).await.iter().find(|r| r["name"] == "Grace Hopper").unwrap()["id"].as_str().unwrap().to_owned();
        let traces = |sql: &'static str| {
            let (pool, workspace) = (app.state.db.pool.clone(), workspace.clone());
            async move {
                let (n,): (i64,) = sqlx::query_as(sql).bind(workspace).fetch_one(&pool).await.unwrap();
                n
            }
        };
        assert_eq!(traces("select count(*) from import_problems where workspace_id = $1 and cells like '%grace@navy%'").await, 1);
        assert_eq!(traces("select count(*) from record_external_ids where workspace_id = $1").await, 2);

        let erase = [("kind", "contact".to_owned()), ("id", grace), ("confirm", "true".to_owned())];
        assert_status(&app.act(&ada, "person-privacy/erase", &erase).await, StatusCode::OK);
        assert_eq!(traces("select count(*) from import_problems where workspace_id = $1").await, 0, "the bad row naming her is gone");
        assert_eq!(traces("select count(*) from record_external_ids where workspace_id = $1").await, 1, "only Alan's external id stays");
        assert_eq!(traces("select count(*) from import_records where workspace_id = $1").await, 1, "only Alan's undo note stays");
        // Undo still puts back what is left (Alan).
        assert_status(&app.act(&ada, "imports/undo", &[("id", id.clone())]).await, StatusCode::OK);
        work(&app).await;
        assert!(contacts(&app, &ada).await.is_empty());
    }
}

on_both_databases! {
    async fn companies_leads_and_deals_import_with_their_keys_stages_amounts_and_dates(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let workspace = workspace_id(&app, &ada.slug).await;
        let companies = app.import_id(&ada, "company", "Firmenname,Webseite,Stadt\nLooms Ltd,https://www.looms.example/about,Leeds\nGears AG,gears.example,Basel\n").await;
        check(&app, &ada, &companies, &["name", "domain", "city"], "create", "").await;
        assert_eq!(run_import(&app, &ada, &companies).await["counts"]["created"], 2);
        // Matched on the domain as stored.
        let again = app.import_id(&ada, "company", "Domain,City\nlooms.example,York\n").await;
        let checked = check(&app, &ada, &again, &["domain", "city"], "update", "domain").await;
        assert_eq!(checked["counts"]["updated"], 1);
        run_import(&app, &ada, &again).await;
        let (city,): (String,) = sqlx::query_as("select city from companies where workspace_id = $1 and domain = 'looms.example'").bind(&workspace).fetch_one(&app.state.db.pool).await.unwrap();
        assert_eq!(city, "York");

        let leads = app.import_id(&ada, "lead", "Name,Company,Email,Source\nMia Moss,Moss & Co,mia@moss.example,Referral\n").await;
        check(&app, &ada, &leads, &["name", "company_name", "email", "source"], "upsert", "email").await;
        assert_eq!(run_import(&app, &ada, &leads).await["counts"]["created"], 1);
        let (source,): (String,) = sqlx::query_as("select source from leads where workspace_id = $1").bind(&workspace).fetch_one(&app.state.db.pool).await.unwrap();
        assert_eq!(source, "referral", "labels are read as the options they name");

        let deals = app.import_id(&ada, "deal", "Deal,Firma,Betrag,Phase,Abschlussdatum\nLooms renewal,Looms Ltd,\"EUR 1.250,50\",Proposal,31.12.2026\nGears pilot,Gears AG,$900,Nowhere,01.02.2027\n").await;
        let uploaded = view(&app, &ada, &deals).await;
        assert_eq!(uploaded["date_format"], "dmy_dots", "the date format is recognised");
        let checked = check(&app, &ada, &deals, &["name", "company", "amount", "stage", "expected_close"], "create", "").await;
        assert_eq!((checked["counts"]["created"].as_i64(), checked["counts"]["invalid"].as_i64()), (Some(1), Some(1)), "{}", checked["problems"]);
        assert!(checked["problems"][0]["message"].as_str().unwrap().contains("Nowhere"), "{checked}");
        run_import(&app, &ada, &deals).await;
        let (amount, currency, close, company): (i64, String, String, Option<String>) = sqlx::query_as(
            "select d.amount_minor, d.currency, d.expected_close, c.name from deals d left join companies c on c.id = d.company_id where d.workspace_id = $1",
        )
        .bind(&workspace)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
        assert_eq!((amount, currency.as_str(), close.as_str(), company.as_deref()), (125_050, "EUR", "2026-12-31", Some("Looms Ltd")));
    }
}

on_both_databases! {
    async fn files_are_checked_on_upload_and_imports_are_private_to_their_uploader_and_admins(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let refused = |response: reqwest::Response| response.headers()["location"].to_str().unwrap().to_owned();
        let empty = app.upload_import(&ada, "contact", b"").await;
        assert!(refused(empty).ends_with("kind=contact&error=missing"));
        let header_only = app.upload_import(&ada, "lead", b"Name,Email\n").await;
        assert!(refused(header_only).ends_with("kind=lead&error=empty"));
        let latin1 = app.upload_import(&ada, "contact", b"Name\nJ\xfcrgen\n").await;
        assert!(refused(latin1).ends_with("error=encoding"));

        let workspace = workspace_id(&app, &ada.slug).await;
        let id = app.import_id(&ada, "contact", "Name\nAda Lovelace\n").await;
        let (_, member_client) = join(&app, &workspace, "max@example.com", "member").await;
        let max = Owner { client: member_client, slug: ada.slug.clone() };
        assert_status(&app.read(&max, "imports/get", &[("id", &id)]).await, StatusCode::NOT_FOUND);
        let list: Value = app.read(&max, "imports/list", &[]).await.json().await.unwrap();
        assert_eq!(list, serde_json::json!([]), "a member sees only their own imports");
        let (_, viewer_client) = join(&app, &workspace, "vera@example.com", "viewer").await;
        let vera = Owner { client: viewer_client, slug: ada.slug.clone() };
        assert_status(&app.upload_import(&vera, "contact", b"Name\nVera\n").await, StatusCode::FORBIDDEN);
        let other = app.owner("cyd@example.com", "Gears").await;
        assert_status(&app.read(&other, "imports/get", &[("id", &id)]).await, StatusCode::NOT_FOUND);
        let report = other.client.get(app.url(&format!("/w/{}/imports/{id}/problems.csv", other.slug))).send().await.unwrap();
        assert_status(&report, StatusCode::NOT_FOUND);
        // A mapping naming a field the kind does not have changes nothing.
        let bad = app.act(&ada, "imports/configure", &[("id", id.clone()), ("mode", "create".into()), ("mapping[0]", "stage".into())]).await;
        assert_status(&bad, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(view(&app, &ada, &id).await["status"], "uploaded");
    }
}

on_both_databases! {
    /// A file over `NEXACRM_IMPORT_LIMIT_MB` (here 1 MB) is refused with the message for the
    /// field (read through, so the browser gets the answer), and nothing is kept.
    async fn import_limit(backend: Backend) {
        let app = spawn_app_with(backend, |config| config.import_limit_bytes = 1024 * 1024).await;
        let ada = app.owner("ada@example.com", "Engines").await;
        for over in [1, 512 * 1024] {
            let big = format!("Name\n{}", "A".repeat(1024 * 1024 + over));
            let response = app.try_upload_import(&ada, "contact", big.as_bytes()).await.expect("an answer, not a closed connection");
            assert_eq!(response.status(), StatusCode::SEE_OTHER);
            assert!(response.headers()["location"].to_str().unwrap().ends_with("&error=size"), "{:?}", response.headers());
        }
        // Far beyond the limit: refused, with a 413 or the connection closed before all was sent.
        let huge = format!("Name\n{}", "A".repeat(3 * 1024 * 1024));
        if let Ok(response) = app.try_upload_import(&ada, "contact", huge.as_bytes()).await {
            let location = response.headers().get("location").map(|l| l.to_str().unwrap().to_owned()).unwrap_or_default();
            assert!(location.ends_with("error=size") || response.status() == StatusCode::PAYLOAD_TOO_LARGE, "{:?} {location}", response.status());
        }
        let left = std::fs::read_dir(imports::dir(&app.state)).map(|d| d.count()).unwrap_or(0);
        assert_eq!(left, 0, "no file is left behind");
        // A smaller file goes in (on a new connection if the refused one was closed).
        let small = format!("Name\n{}", "A".repeat(1000));
        let response = match app.try_upload_import(&ada, "contact", small.as_bytes()).await {
            Ok(response) => response,
            Err(_) => app.upload_import(&ada, "contact", small.as_bytes()).await,
        };
        assert_eq!(response.status(), StatusCode::SEE_OTHER);
        assert!(response.headers()["location"].to_str().unwrap().contains("/imports/"));
    }
}

on_both_databases! {
    /// A file that changes one contact twice, the second time by her other address: the rows
    /// apply in order (the second sees the first's change), her channels and search entry follow,
    /// and undoing the import gives her back as she was before it.
    async fn a_contact_changed_twice_in_one_file_ends_as_the_last_row_says_and_undo_restores_her(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let created = app.act(&ada, "contacts/create", &[
            ("fields[first_name]", "Grace".to_owned()), ("fields[last_name]", "Hopper".to_owned()), ("fields[status]", "lead".to_owned()),
            ("fields[emails][0][value]", "grace@navy.example".to_owned()), ("fields[emails][0][label]", "work".to_owned()),
            ("fields[emails][1][value]", "hopper@home.example".to_owned()), ("fields[emails][1][label]", "home".to_owned()),
        ]).await;
        assert_status(&created, StatusCode::OK);
        let grace: String = created.json().await.unwrap();
        app.clock.advance_ms(1000);

        let file = "Email,Job title,Phone\ngrace@navy.example,Captain,\nhopper@home.example,Commodore,+1 555 0100\n";
        let id = app.import_id(&ada, "contact", file).await;
        check(&app, &ada, &id, &["email", "job_title", "phone"], "update", "email").await;
        let done = run_import(&app, &ada, &id).await;
        assert_eq!((done["counts"]["updated"].as_i64(), done["counts"]["created"].as_i64()), (Some(2), Some(0)));
        let detail: Value = app.read(&ada, "contacts/get", &[("id", &grace)]).await.json().await.unwrap();
        assert_eq!(detail["fields"]["job_title"], "Commodore");
        assert_eq!(detail["fields"]["phones"][0]["value"], "+1 555 0100");
        assert_eq!(detail["fields"]["emails"].as_array().unwrap().len(), 2, "both addresses kept");
        let updates = detail["timeline"].as_array().unwrap().iter().filter(|e| e.to_string().contains("updated")).count();
        assert_eq!(updates, 2, "one timeline entry per row: {}", detail["timeline"]);
        let found: Value = app.read(&ada, "search", &[("q", "1555")]).await.json().await.unwrap();
        assert!(found.to_string().contains("Grace Hopper"), "found by her new phone: {found}");

        assert_status(&app.act(&ada, "imports/undo", &[("id", id.clone())]).await, StatusCode::OK);
        work(&app).await;
        let undone = view(&app, &ada, &id).await;
        assert_eq!((undone["counts"]["undone"].as_i64(), undone["counts"]["kept"].as_i64()), (Some(1), Some(0)));
        let detail: Value = app.read(&ada, "contacts/get", &[("id", &grace)]).await.json().await.unwrap();
        assert_eq!(detail["fields"]["job_title"], "");
        assert_eq!(detail["fields"]["phones"].as_array().unwrap().len(), 0);
        let found: Value = app.read(&ada, "search", &[("q", "1555")]).await.json().await.unwrap();
        assert!(!found.to_string().contains("Grace Hopper"), "the phone is gone from search: {found}");
    }
}
