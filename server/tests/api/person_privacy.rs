//! The people inside a workspace's CRM: "export everything about this person" (a ZIP of JSON and
//! CSV, only for members who see the record), erasure by owners and admins (what goes, what stays,
//! no trace of the name or address left anywhere, the suppression list in that workspace only),
//! and the "do not contact" / "do not process" flags honoured by sending and bulk actions.

use crate::helpers::*;
use crate::on_both_databases;
use crate::roles::{join, workspace_id};
use reqwest::StatusCode;
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::Read;

const EMAIL: &str = "grace.quennell@navy.example";
const LAST: &str = "Quennell";

/// A contact with a note, an activity, a ticket and a deal, and another contact with its own.
struct Fixture {
    grace: String,
    other: String,
    deal: String,
    ticket: String,
}

async fn note(app: &TestApp, owner: &Owner, kind: &str, id: &str, body: &str) {
    let form = [("record_kind", kind.to_owned()), ("record_id", id.to_owned()), ("body", body.to_owned())];
    assert_status(&app.act(owner, "notes/create", &form).await, StatusCode::OK);
}

async fn activity(app: &TestApp, owner: &Owner, subject: &str, links: &[(&'static str, String)]) -> String {
    let mut form = vec![("fields[kind]", "call".to_owned()), ("fields[subject]", subject.to_owned()), ("fields[due]", "2026-12-01T10:00".to_owned())];
    form.extend(links.iter().cloned());
    let response = app.act(owner, "activities/create", &form).await;
    assert_status(&response, StatusCode::OK);
    response.json().await.unwrap()
}

async fn deal(app: &TestApp, owner: &Owner, name: &str, contact: &str) -> String {
    let form = [("fields[name]", name.to_owned()), ("fields[currency]", "EUR".to_owned()), ("fields[stage_id]", app.first_stage(owner).await)];
    let response = app.act(owner, "deals/create", &form).await;
    assert_status(&response, StatusCode::OK);
    let id: String = response.json().await.unwrap();
    let link = [("id", id.clone()), ("contact_id", contact.to_owned()), ("on", "true".to_owned())];
    assert_status(&app.act(owner, "deals/contact", &link).await, StatusCode::OK);
    id
}

async fn fixture(app: &TestApp, owner: &Owner) -> Fixture {
    let grace = app.contact(owner, "Grace", LAST, EMAIL).await;
    note(app, owner, "contact", &grace, "=HYPERLINK(\"http://evil.example\") met at the expo").await;
    activity(app, owner, "Call Grace about the pilot", &[("fields[contact_id]", grace.clone())]).await;
    let ticket = app.ticket(owner, "Pilot login fails", "open", &grace).await;
    let deal = deal(app, owner, "Fleet renewal", &grace).await;
    let other = app.contact(owner, "Otto", "Zweistein", "otto@zweistein.example").await;
    note(app, owner, "contact", &other, "Otto's secret note").await;
    activity(app, owner, "Otto's call", &[("fields[contact_id]", other.clone())]).await;
    app.ticket(owner, "Otto's ticket", "open", &other).await;
    Fixture { grace, other, deal, ticket }
}

async fn export(app: &TestApp, owner: &Owner, kind: &str, id: &str) -> reqwest::Response {
    owner.client.get(app.url(&format!("/w/{}/{kind}/{id}/export", owner.slug))).send().await.unwrap()
}

/// Every file of a ZIP, by name.
fn unzip(bytes: &[u8]) -> BTreeMap<String, String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec())).expect("a ZIP file");
    let mut files = BTreeMap::new();
    for index in 0..archive.len() {
        let mut file = archive.by_index(index).unwrap();
        let mut text = String::new();
        file.read_to_string(&mut text).unwrap();
        files.insert(file.name().to_owned(), text);
    }
    files
}

fn json(files: &BTreeMap<String, String>, name: &str) -> Vec<Value> {
    let text = files.get(&format!("json/{name}.json")).unwrap_or_else(|| panic!("json/{name}.json in {:?}", files.keys()));
    serde_json::from_str::<Value>(text).unwrap().as_array().unwrap().clone()
}

fn csv<'a>(files: &'a BTreeMap<String, String>, name: &str) -> &'a str {
    files.get(&format!("csv/{name}.csv")).unwrap_or_else(|| panic!("csv/{name}.csv in {:?}", files.keys()))
}

on_both_databases! {
    async fn the_export_of_a_contact_holds_its_records_in_json_and_csv_and_nothing_of_another_contact(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let f = fixture(&app, &ada).await;
        app.advance_minutes(1);
        let response = export(&app, &ada, "contacts", &f.grace).await;
        assert_status(&response, StatusCode::OK);
        let headers = response.headers().clone();
        assert_eq!(headers["content-type"], "application/zip");
        assert_eq!(headers["cache-control"], "no-store");
        assert_eq!(headers["content-disposition"], "attachment; filename=\"nexacrm-contact-grace-quennell-2026-11-27.zip\"");
        let bytes = response.bytes().await.unwrap();
        assert_eq!(&bytes[..2], b"PK");
        let files = unzip(&bytes);

        assert_eq!(json(&files, "contact")[0]["last_name"], LAST);
        assert!(csv(&files, "contact").contains(LAST));
        assert_eq!(json(&files, "contact_channels")[0]["value"], EMAIL);
        assert!(csv(&files, "contact_channels").contains(EMAIL));
        let notes = json(&files, "notes");
        assert_eq!(notes.len(), 1);
        assert_eq!(notes[0]["body"], "=HYPERLINK(\"http://evil.example\") met at the expo", "JSON keeps the value as stored");
        assert!(csv(&files, "notes").contains("\"'=HYPERLINK(\"\"http://evil.example\"\") met at the expo\""), "CSV escapes a formula: {}", csv(&files, "notes"));
        assert_eq!(json(&files, "activities")[0]["subject"], "Call Grace about the pilot");
        assert!(csv(&files, "activities").contains("Call Grace about the pilot"));
        assert_eq!(json(&files, "tickets")[0]["id"], f.ticket.as_str());
        assert!(csv(&files, "tickets").contains("Pilot login fails"));
        assert_eq!(json(&files, "deals")[0]["name"], "Fleet renewal");
        assert!(csv(&files, "deals").contains("Fleet renewal"));
        let events = json(&files, "events");
        assert!(events.iter().any(|e| e["record_kind"] == "contact" && e["action"] == "created"));
        assert!(events.iter().any(|e| e["record_kind"] == "ticket" && e["record_id"] == f.ticket.as_str()));
        assert!(csv(&files, "events").contains("created"));
        assert!(files["README.txt"].contains("Grace Quennell"));

        let everything: String = files.values().cloned().collect();
        for foreign in ["Zweistein", "Otto", "otto@zweistein.example", f.other.as_str()] {
            assert!(!everything.contains(foreign), "nothing about the other contact: {foreign}");
        }
        let detail: Value = app.read(&ada, "contacts/get", &[("id", &f.grace)]).await.json().await.unwrap();
        assert_eq!(detail["timeline"][0]["entry"]["Event"]["action"], "exported", "the export is on the record's history");
    }
}

on_both_databases! {
    async fn only_members_who_see_the_record_may_export_it_and_viewers_can(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let ws = workspace_id(&app, &ada.slug).await;
        let grace = app.contact(&ada, "Grace", LAST, EMAIL).await;
        let (_, max) = join(&app, &ws, "max@example.com", "member").await;
        let max = Owner { client: max, slug: ada.slug.clone() };
        let (_, vera) = join(&app, &ws, "vera@example.com", "viewer").await;
        let vera = Owner { client: vera, slug: ada.slug.clone() };
        sqlx::query("update workspaces set member_visibility = 'own' where id = $1").bind(&ws).execute(&app.state.db.pool).await.unwrap();

        assert_status(&export(&app, &max, "contacts", &grace).await, StatusCode::NOT_FOUND);
        let his = app.contact(&max, "Max", "Own", "max.own@example.com").await;
        assert_status(&export(&app, &max, "contacts", &his).await, StatusCode::OK);
        let viewed = export(&app, &vera, "contacts", &grace).await;
        assert_status(&viewed, StatusCode::OK);
        assert!(unzip(&viewed.bytes().await.unwrap())["json/contact.json"].contains(LAST), "a viewer reads the record, so may export it");

        let bob = app.owner("bob@example.com", "Bravo").await;
        let foreign = Owner { client: bob.client.clone(), slug: ada.slug.clone() };
        assert_status(&export(&app, &foreign, "contacts", &grace).await, StatusCode::NOT_FOUND);
        assert_status(&export(&app, &bob, "contacts", &grace).await, StatusCode::NOT_FOUND);
        assert_status(&export(&app, &ada, "contacts", "no-such-contact").await, StatusCode::NOT_FOUND);
        let signed_out = browser(&app.base).get(app.url(&format!("/w/{}/contacts/{grace}/export", ada.slug))).send().await.unwrap();
        assert_status(&signed_out, StatusCode::SEE_OTHER);
        assert!(signed_out.headers()["location"].to_str().unwrap().starts_with("/signin?next="));
    }
}

on_both_databases! {
    async fn members_and_viewers_may_not_erase_and_nothing_changes(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let ws = workspace_id(&app, &ada.slug).await;
        let grace = app.contact(&ada, "Grace", LAST, EMAIL).await;
        for (email, role) in [("max@example.com", "member"), ("vera@example.com", "viewer")] {
            let (_, client) = join(&app, &ws, email, role).await;
            let who = Owner { client, slug: ada.slug.clone() };
            let erase = [("kind", "contact".to_owned()), ("id", grace.clone()), ("confirm", "true".to_owned())];
            assert_status(&app.act(&who, "person-privacy/erase", &erase).await, StatusCode::FORBIDDEN);
            assert_status(&app.read(&who, "person-privacy/erasure-preview", &[("kind", "contact"), ("id", &grace)]).await, StatusCode::FORBIDDEN);
            let page = app.get_as(&who, &format!("/w/{}/contacts/{grace}?erase=1", ada.slug)).await;
            assert!(!page.contains("Erase this person") && !page.contains("Erase permanently"), "no erase control for a {role}");
        }
        let unconfirmed = app.act(&ada, "person-privacy/erase", &[("kind", "contact".to_owned()), ("id", grace.clone())]).await;
        assert_status(&unconfirmed, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(error_json(unconfirmed).await["fields"]["confirm"].is_string());
        let detail: Value = app.read(&ada, "contacts/get", &[("id", &grace)]).await.json().await.unwrap();
        assert_eq!(detail["fields"]["last_name"], LAST, "the contact is still there");
        let (suppressed,): (i64,) = sqlx::query_as("select count(*) from email_suppressions").fetch_one(&app.state.db.pool).await.unwrap();
        assert_eq!(suppressed, 0);
        let page = app.get_as(&ada, &format!("/w/{}/contacts/{grace}", ada.slug)).await;
        assert!(page.contains("Erase this person"), "the owner sees the button");
    }
}

/// Every text column of every table, from the schema.
async fn text_columns(app: &TestApp) -> Vec<(String, String)> {
    let pool = &app.state.db.pool;
    if app.state.db.dialect == app::ssr::db::Dialect::Postgres {
        return sqlx::query_as(
            "select table_name::text, column_name::text from information_schema.columns \
             where table_schema = 'public' and data_type in ('text', 'character varying', 'character') order by 1, 2",
        )
        .fetch_all(pool)
        .await
        .unwrap();
    }
    let tables: Vec<(String,)> = sqlx::query_as("select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name").fetch_all(pool).await.unwrap();
    let mut columns = Vec::new();
    for (table,) in tables {
        let found: Vec<(String, String)> = sqlx::query_as("select name, type from pragma_table_info($1)").bind(&table).fetch_all(pool).await.unwrap();
        columns.extend(found.into_iter().filter(|(_, kind)| kind.to_lowercase().contains("text")).map(|(column, _)| (table.clone(), column)));
    }
    columns
}

/// The (table, column) pairs that still hold `needle` (any case) in some row.
async fn holding(app: &TestApp, needle: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (table, column) in text_columns(app).await {
        let sql = format!("select count(*) from \"{table}\" where lower(cast(\"{column}\" as text)) like $1");
        let (count,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(format!("%{}%", needle.to_lowercase())).fetch_one(&app.state.db.pool).await.unwrap();
        if count > 0 {
            found.push(format!("{table}.{column}"));
        }
    }
    found
}

on_both_databases! {
    async fn an_admin_erases_a_contact_for_good_and_no_row_names_them_anywhere(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let ws = workspace_id(&app, &ada.slug).await;
        let (abe_id, abe) = join(&app, &ws, "abe@example.com", "admin").await;
        let abe = Owner { client: abe, slug: ada.slug.clone() };
        let f = fixture(&app, &ada).await;
        let pool = &app.state.db.pool;
        // A second address and a phone, a tag, a sent email about the deal, a note and a ticket
        // shared with a company (kept without her), and an activity about her and the deal.
        let company = app.company(&ada, "Navy Yard").await;
        let update = app.act(&ada, "contacts/update", &[
            ("id", f.grace.clone()), ("fields[first_name]", "Grace".into()), ("fields[last_name]", LAST.into()), ("fields[status]", "lead".into()),
            ("fields[emails][0][value]", EMAIL.into()), ("fields[emails][1][value]", "GQ@home.example".into()), ("fields[phones][0][value]", "+1 555 0100".into()),
        ]).await;
        assert_status(&update, StatusCode::OK);
        assert_status(&app.act(&ada, "tags/save", &[("id", String::new()), ("fields[name]", "VIP".into()), ("fields[color]", "red".into())]).await, StatusCode::OK);
        let tags: Value = app.read(&ada, "tags/list", &[]).await.json().await.unwrap();
        let tag = tags[0]["id"].as_str().unwrap().to_owned();
        let tagging = [("kind", "contact".to_owned()), ("id", f.grace.clone()), ("tag_id", tag), ("on", "true".to_owned())];
        assert_status(&app.act(&ada, "tags/set", &tagging).await, StatusCode::OK);
        let draft = [
            ("id", String::new()), ("fields[contact_id]", f.grace.clone()), ("fields[to_address]", String::new()), ("fields[subject]", "Hello Grace".into()),
            ("fields[body]", "Dear {{contact.first_name}} {{contact.last_name}}".into()), ("fields[template_id]", String::new()), ("fields[deal_id]", f.deal.clone()),
        ];
        let draft: String = app.act(&ada, "emails/draft-save", &draft).await.json().await.unwrap();
        assert_status(&app.act(&ada, "emails/draft-send", &[("id", draft.clone())]).await, StatusCode::OK);
        app.act(&ada, "notes/create", &[("record_kind", "company".into()), ("record_id", company.clone()), ("body", "Grace Quennell visits the yard".into())]).await;
        let (shared_note,): (String,) = sqlx::query_as("select note_id from note_links where record_id = $1").bind(&company).fetch_one(pool).await.unwrap();
        sqlx::query("insert into note_links (workspace_id, note_id, record_kind, record_id) values ($1, $2, 'contact', $3)").bind(&ws).bind(&shared_note).bind(&f.grace).execute(pool).await.unwrap();
        let kept_ticket = app.act(&ada, "tickets/create", &[
            ("fields[subject]", format!("Yard badge for {EMAIL}")), ("fields[status]", "open".into()), ("fields[priority]", "normal".into()),
            ("fields[contact_id]", f.grace.clone()), ("fields[company_id]", company.clone()),
        ]).await;
        let kept_ticket: String = kept_ticket.json().await.unwrap();
        let kept_activity = activity(&app, &ada, "Quennell renewal call", &[("fields[contact_id]", f.grace.clone()), ("fields[deal_id]", f.deal.clone())]).await;

        let preview = app.read(&abe, "person-privacy/erasure-preview", &[("kind", "contact"), ("id", &f.grace)]).await;
        assert_status(&preview, StatusCode::OK);
        let preview: Value = preview.json().await.unwrap();
        assert_eq!(preview["records"], serde_json::json!([["contact", "Grace Quennell"]]));
        assert_eq!(preview["emails"], serde_json::json!([EMAIL, "GQ@home.example"]));
        assert_eq!((preview["phones"].as_u64(), preview["notes_removed"].as_u64(), preview["notes_kept"].as_u64()), (Some(1), Some(1), Some(1)));
        assert_eq!((preview["tickets_removed"].as_u64(), preview["tickets_kept"].as_u64()), (Some(1), Some(1)));
        assert_eq!((preview["activities_removed"].as_u64(), preview["activities_kept"].as_u64()), (Some(1), Some(1)));
        assert_eq!(preview["deals"], serde_json::json!(["Fleet renewal"]));
        assert_eq!((preview["tag_links"].as_u64(), preview["drafts"].as_u64(), preview["drafts_sent"].as_u64()), (Some(1), Some(1), Some(1)));
        let page = app.get_as(&abe, &format!("/w/{}/contacts/{}?erase=1", ada.slug, f.grace)).await;
        assert!(page.contains("Erase Grace Quennell for good?") && page.contains("Erase permanently"), "the confirmation names the person");

        let before = holding(&app, LAST).await;
        assert!(before.contains(&"contacts.last_name".to_owned()) && before.contains(&"events.changes".to_owned()), "the scan finds her before: {before:?}");
        app.advance_minutes(5);
        let erased = app.act(&abe, "person-privacy/erase", &[("kind", "contact".to_owned()), ("id", f.grace.clone()), ("confirm", "true".to_owned())]).await;
        assert_status(&erased, StatusCode::OK);
        assert_status(&app.read(&ada, "contacts/get", &[("id", &f.grace)]).await, StatusCode::NOT_FOUND);
        for (table, column) in [("contacts", "id"), ("contact_channels", "contact_id"), ("deal_contacts", "contact_id"), ("email_drafts", "contact_id"), ("note_links", "record_id"), ("activity_links", "record_id"), ("record_tags", "record_id"), ("search_index", "record_id"), ("tickets", "contact_id")] {
            let (left,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(format!("select count(*) from {table} where {column} = $1"))).bind(&f.grace).fetch_one(pool).await.unwrap();
            assert_eq!(left, 0, "{table} keeps nothing of hers");
        }
        let (tickets,): (i64,) = sqlx::query_as("select count(*) from tickets where id = $1").bind(&f.ticket).fetch_one(pool).await.unwrap();
        assert_eq!(tickets, 0, "her own ticket is gone");
        let (outbox,): (i64,) = sqlx::query_as("select count(*) from mail_outbox where reference_id = $1").bind(&draft).fetch_one(pool).await.unwrap();
        assert_eq!(outbox, 0, "the sent email's delivery record is gone");
        let deal: Value = app.read(&ada, "deals/get", &[("id", &f.deal)]).await.json().await.unwrap();
        assert_eq!(deal["fields"]["name"], "Fleet renewal", "the deal stays");
        assert_eq!(deal["contacts"], serde_json::json!([]), "without her");
        let (body,): (String,) = sqlx::query_as("select body from notes where id = $1").bind(&shared_note).fetch_one(pool).await.unwrap();
        assert_eq!(body, "[erased] visits the yard", "the company's note stays, without her name");
        let (subject, contact): (String, Option<String>) = sqlx::query_as("select subject, contact_id from tickets where id = $1").bind(&kept_ticket).fetch_one(pool).await.unwrap();
        assert_eq!((subject.as_str(), contact), ("Yard badge for [erased]", None), "the company's ticket stays, without her");
        let (activity_subject,): (String,) = sqlx::query_as("select subject from activities where id = $1").bind(&kept_activity).fetch_one(pool).await.unwrap();
        assert_eq!(activity_subject, "[erased] renewal call", "the deal's activity stays; her name alone as a word goes too");
        let other: Value = app.read(&ada, "contacts/get", &[("id", &f.other)]).await.json().await.unwrap();
        assert_eq!(other["fields"]["last_name"], "Zweistein", "another contact is untouched");

        for needle in [EMAIL, "gq@home.example", LAST] {
            assert_eq!(holding(&app, needle).await, Vec::<String>::new(), "no text column holds {needle}");
        }
        let history: Vec<(String, Option<String>, i64, String)> = sqlx::query_as("select action, actor_id, at, changes from events where record_id = $1 order by at, action")
            .bind(&f.grace)
            .fetch_all(pool)
            .await
            .unwrap();
        assert!(history.iter().all(|(_, _, _, changes)| changes == "{}"), "her history keeps no values: {history:?}");
        let erasure = history.iter().find(|(action, ..)| action == "erased").expect("an erased entry");
        assert_eq!((erasure.1.as_deref(), erasure.2), (Some(abe_id.as_str()), START_MS + 5 * 60_000), "who erased and when");

        let suppressed: Vec<(String, String, i64, Option<String>)> =
            sqlx::query_as("select workspace_id, email_hash, erased_at, erased_by from email_suppressions order by email_hash").fetch_all(pool).await.unwrap();
        let mut expected = vec![app::ssr::db::suppression::email_hash(EMAIL), app::ssr::db::suppression::email_hash("gq@home.example")];
        expected.sort();
        assert_eq!(suppressed.iter().map(|s| s.1.clone()).collect::<Vec<_>>(), expected, "only the hashes");
        assert!(suppressed.iter().all(|s| s.0 == ws && s.3.as_deref() == Some(abe_id.as_str())));
        let columns: Vec<(String,)> = if app.state.db.dialect == app::ssr::db::Dialect::Postgres {
            sqlx::query_as("select column_name::text from information_schema.columns where table_name = 'email_suppressions' order by 1").fetch_all(pool).await.unwrap()
        } else {
            sqlx::query_as("select name from pragma_table_info('email_suppressions') order by 1").fetch_all(pool).await.unwrap()
        };
        assert_eq!(columns, [("email_hash".to_owned(),), ("erased_at".to_owned(),), ("erased_by".to_owned(),), ("workspace_id".to_owned(),)]);
    }
}

on_both_databases! {
    async fn an_erased_address_cannot_be_added_again_in_that_workspace_only(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let grace = app.contact(&ada, "Grace", LAST, EMAIL).await;
        // Another record with the address, from before the erasure (not the same record).
        let old_lead = app.lead(&ada, "G. Quennell", "Navy", EMAIL).await;
        let erase = [("kind", "contact".to_owned()), ("id", grace), ("confirm", "true".to_owned())];
        assert_status(&app.act(&ada, "person-privacy/erase", &erase).await, StatusCode::OK);

        let again = app.act(&ada, "contacts/create", &[
            ("fields[first_name]", "Grace".to_owned()), ("fields[status]", "lead".to_owned()),
            ("fields[emails][0][value]", "  GRACE.Quennell@Navy.EXAMPLE ".to_owned()),
        ]).await;
        assert_status(&again, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(error_json(again).await["fields"]["emails.0"], "This address was erased at the person's request and cannot be added again.");
        let lead = app.act(&ada, "leads/create", &[
            ("fields[name]", "Grace".to_owned()), ("fields[email]", EMAIL.to_uppercase()), ("fields[source]", "web".to_owned()), ("fields[status]", "new".to_owned()),
        ]).await;
        assert_status(&lead, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(error_json(lead).await["fields"]["email"], "This address was erased at the person's request and cannot be added again.");
        let someone = app.contact(&ada, "Some", "One", "some.one@example.com").await;
        let added = app.act(&ada, "contacts/update", &[
            ("id", someone), ("fields[first_name]", "Some".to_owned()), ("fields[status]", "lead".to_owned()),
            ("fields[emails][0][value]", "some.one@example.com".to_owned()), ("fields[emails][1][value]", EMAIL.to_owned()),
        ]).await;
        assert_status(&added, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(error_json(added).await["fields"]["emails.1"].is_string());
        let converted = app.act(&ada, "leads/convert", &[("id", old_lead.clone()), ("conversion[deal_name]", String::new())]).await;
        assert_status(&converted, StatusCode::CONFLICT);
        assert!(error_json(converted).await["message"].as_str().unwrap().contains("erased"));
        let renamed = app.act(&ada, "leads/update", &[
            ("id", old_lead), ("fields[name]", "G. Quennell (Navy)".to_owned()), ("fields[email]", EMAIL.to_owned()), ("fields[source]", "web".to_owned()), ("fields[status]", "new".to_owned()),
        ]).await;
        assert_status(&renamed, StatusCode::OK);

        let bob = app.owner("bob@example.com", "Bravo").await;
        app.contact(&bob, "Grace", LAST, EMAIL).await;
        app.lead(&bob, "Grace Quennell", "Navy", EMAIL).await;
    }
}

async fn flag(app: &TestApp, owner: &Owner, kind: &str, id: &str, flag: &str, on: bool) -> reqwest::Response {
    let form = [("kind", kind.to_owned()), ("id", id.to_owned()), ("flag", flag.to_owned()), ("on", on.to_string())];
    app.act(owner, "person-privacy/flag", &form).await
}

on_both_databases! {
    async fn a_contact_marked_do_not_process_cannot_be_emailed_or_changed_until_an_admin_lifts_it(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let ws = workspace_id(&app, &ada.slug).await;
        let grace = app.contact(&ada, "Grace", LAST, EMAIL).await;
        let draft = [
            ("id", String::new()), ("fields[contact_id]", grace.clone()), ("fields[to_address]", String::new()), ("fields[subject]", "Hello".into()),
            ("fields[body]", "Hi".into()), ("fields[template_id]", String::new()), ("fields[deal_id]", String::new()),
        ];
        let draft: String = app.act(&ada, "emails/draft-save", &draft).await.json().await.unwrap();
        app.advance_minutes(1);
        let marked = flag(&app, &ada, "contact", &grace, "do_not_process", true).await;
        assert_status(&marked, StatusCode::OK);
        assert_eq!(marked.json::<Value>().await.unwrap(), serde_json::json!({"do_not_contact": false, "do_not_process": true}));

        let refused = app.act(&ada, "emails/draft-send", &[("id", draft.clone())]).await;
        assert_status(&refused, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(error_json(refused).await["fields"]["contact_id"].as_str().unwrap().contains("do not process"));
        let (queued,): (i64,) = sqlx::query_as("select count(*) from mail_outbox where reference_id = $1").bind(&draft).fetch_one(&app.state.db.pool).await.unwrap();
        assert_eq!(queued, 0, "nothing is queued");
        let edit = [("id", grace.clone()), ("fields[first_name]", "Renamed".to_owned()), ("fields[status]", "lead".to_owned())];
        assert_status(&app.act(&ada, "contacts/update", &edit).await, StatusCode::CONFLICT);
        let detail: Value = app.read(&ada, "contacts/get", &[("id", &grace)]).await.json().await.unwrap();
        assert_eq!(detail["flags"]["do_not_process"], true);
        assert_eq!(detail["fields"]["first_name"], "Grace");
        assert_eq!(detail["timeline"][0]["entry"]["Event"]["changes"], serde_json::json!([["do_not_process", "no", "yes"]]));
        let list: Value = app.read(&ada, "contacts/list", &[("q", ""), ("after", "")]).await.json().await.unwrap();
        assert_eq!(list["rows"][0]["flags"]["do_not_process"], true, "the list shows the flag");
        // Nothing new is attached to the person either: no tag, note, deal link or activity.
        assert_status(&app.act(&ada, "tags/save", &[("id", String::new()), ("fields[name]", "VIP".into()), ("fields[color]", "blue".into())]).await, StatusCode::OK);
        let tag: String = sqlx::query_scalar("select id from tags").fetch_one(&app.state.db.pool).await.unwrap();
        let tagged = app.act(&ada, "tags/set", &[("kind", "contact".into()), ("id", grace.clone()), ("tag_id", tag.clone()), ("on", "true".into())]).await;
        assert_status(&tagged, StatusCode::CONFLICT);
        let noted = app.act(&ada, "notes/create", &[("record_kind", "contact".into()), ("record_id", grace.clone()), ("body", "Called".into())]).await;
        assert_status(&noted, StatusCode::CONFLICT);
        let deal: String = app.act(&ada, "deals/create", &[("fields[name]", "Boiler".into()), ("fields[currency]", "EUR".into()), ("fields[stage_id]", app.first_stage(&ada).await)]).await.json().await.unwrap();
        let linked = app.act(&ada, "deals/contact", &[("id", deal.clone()), ("contact_id", grace.clone()), ("on", "true".into())]).await;
        assert_status(&linked, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(error_json(linked).await["fields"]["contact_id"].as_str().unwrap().contains("do not process"));
        let planned = app.act(&ada, "activities/create", &[("fields[kind]", "task".into()), ("fields[subject]", "Call".into()), ("fields[contact_id]", grace.clone())]).await;
        assert_status(&planned, StatusCode::UNPROCESSABLE_ENTITY);
        let attached: (i64, i64, i64, i64) = sqlx::query_as(
            "select (select count(*) from record_tags where record_id = $1), (select count(*) from note_links where record_id = $1), \
             (select count(*) from deal_contacts where contact_id = $1), (select count(*) from activity_links where record_id = $1)",
        )
        .bind(&grace)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
        assert_eq!(attached, (0, 0, 0, 0));

        // A member marks their own contact but cannot lift the flag; an admin can.
        let (_, max) = join(&app, &ws, "max@example.com", "member").await;
        let max = Owner { client: max, slug: ada.slug.clone() };
        let his = app.contact(&max, "Hal", "Own", "hal@example.com").await;
        assert_status(&flag(&app, &max, "contact", &his, "do_not_process", true).await, StatusCode::OK);
        assert_status(&flag(&app, &max, "contact", &his, "do_not_process", false).await, StatusCode::FORBIDDEN);
        assert_status(&flag(&app, &max, "contact", &grace, "do_not_contact", true).await, StatusCode::FORBIDDEN);
        let (_, vera) = join(&app, &ws, "vera@example.com", "viewer").await;
        let vera = Owner { client: vera, slug: ada.slug.clone() };
        assert_status(&flag(&app, &vera, "contact", &his, "do_not_contact", true).await, StatusCode::FORBIDDEN);
        assert_status(&flag(&app, &ada, "contact", &his, "do_not_process", false).await, StatusCode::OK);
        assert_status(&flag(&app, &ada, "contact", &grace, "do_not_process", false).await, StatusCode::OK);
        assert_status(&app.act(&ada, "contacts/update", &edit).await, StatusCode::OK);
        assert_status(&app.act(&ada, "emails/draft-send", &[("id", draft)]).await, StatusCode::OK);
        assert_status(&app.act(&ada, "tags/set", &[("kind", "contact".into()), ("id", grace.clone()), ("tag_id", tag), ("on", "true".into())]).await, StatusCode::OK);
        assert_status(&app.act(&ada, "deals/contact", &[("id", deal), ("contact_id", grace.clone()), ("on", "true".into())]).await, StatusCode::OK);
        let page = app.get_as(&ada, &format!("/w/{}/contacts/{grace}", ada.slug)).await;
        assert!(page.contains("Export everything about this person") && page.contains("Mark “do not process”"));
    }
}

on_both_databases! {
    async fn bulk_actions_skip_records_marked_do_not_process_and_say_how_many(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        assert_status(&app.act(&ada, "tags/save", &[("id", String::new()), ("fields[name]", "Hot".into()), ("fields[color]", "red".into())]).await, StatusCode::OK);
        let tags: Value = app.read(&ada, "tags/list", &[]).await.json().await.unwrap();
        let hot = tags[0]["id"].as_str().unwrap().to_owned();
        let ids = [
            app.contact(&ada, "Ann", "Able", "ann@example.com").await,
            app.contact(&ada, "Ben", "Baker", "ben@example.com").await,
            app.contact(&ada, "Cat", "Cole", "cat@example.com").await,
        ];
        assert_status(&flag(&app, &ada, "contact", &ids[1], "do_not_process", true).await, StatusCode::OK);
        assert_status(&flag(&app, &ada, "contact", &ids[2], "do_not_contact", true).await, StatusCode::OK);
        let bulk = |action: &str, extra: (&'static str, String)| {
            let mut form: Vec<(&str, String)> = ids.iter().enumerate().map(|(i, id)| (["ids[0]", "ids[1]", "ids[2]"][i], id.clone())).collect();
            form.extend([("kind", "contact".to_owned()), ("action", action.to_owned()), extra]);
            form
        };
        let tagged = app.act(&ada, "records/bulk", &bulk("tag", ("tag_id", hot.clone()))).await;
        assert_status(&tagged, StatusCode::OK);
        assert_eq!(tagged.json::<Value>().await.unwrap(), serde_json::json!({"changed": 2, "skipped_restricted": 1}));
        let ben: Value = app.read(&ada, "contacts/get", &[("id", &ids[1])]).await.json().await.unwrap();
        assert_eq!(ben["tags"], serde_json::json!([]), "the restricted contact is not tagged");
        let cat: Value = app.read(&ada, "contacts/get", &[("id", &ids[2])]).await.json().await.unwrap();
        assert_eq!(cat["tags"].as_array().unwrap().len(), 1, "“do not contact” does not stop tagging");

        let ws = workspace_id(&app, &ada.slug).await;
        let (max_id, _) = join(&app, &ws, "max@example.com", "member").await;
        let owners = app.act(&ada, "records/bulk", &bulk("owner", ("owner_id", max_id.clone()))).await;
        assert_eq!(owners.json::<Value>().await.unwrap(), serde_json::json!({"changed": 2, "skipped_restricted": 1}));
        let (owner,): (Option<String>,) = sqlx::query_as("select owner_id from contacts where id = $1").bind(&ids[1]).fetch_one(&app.state.db.pool).await.unwrap();
        assert_ne!(owner.as_deref(), Some(max_id.as_str()), "its owner is unchanged");
        let trashed = app.act(&ada, "records/bulk", &bulk("trash", ("tag_id", String::new()))).await;
        assert_eq!(trashed.json::<Value>().await.unwrap()["changed"], 3, "moving to the trash is not processing");
    }
}

on_both_databases! {
    async fn lead_flags_follow_the_person_and_erasing_a_converted_lead_erases_its_contact(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let pool = &app.state.db.pool;
        let lead = app.lead(&ada, "Grace Quennell", "", EMAIL).await;
        assert_status(&flag(&app, &ada, "lead", &lead, "do_not_contact", true).await, StatusCode::OK);
        let export = export(&app, &ada, "leads", &lead).await;
        assert_status(&export, StatusCode::OK);
        let files = unzip(&export.bytes().await.unwrap());
        assert_eq!(json(&files, "lead")[0]["email"], EMAIL);
        assert_eq!(json(&files, "lead")[0]["do_not_contact"], 1);

        let converted = app.act(&ada, "leads/convert", &[("id", lead.clone()), ("conversion[with_deal]", "true".to_owned()), ("conversion[deal_name]", String::new()),
            ("conversion[deal_amount]", "1,000".to_owned()), ("conversion[deal_currency]", "EUR".to_owned())]).await;
        assert_status(&converted, StatusCode::OK);
        let contact: String = converted.json().await.unwrap();
        let detail: Value = app.read(&ada, "contacts/get", &[("id", &contact)]).await.json().await.unwrap();
        assert_eq!(detail["fields"]["do_not_contact"], true, "the wish not to be written to goes with the person");

        let restricted = app.lead(&ada, "Rita Restricted", "", "rita@example.com").await;
        assert_status(&flag(&app, &ada, "lead", &restricted, "do_not_process", true).await, StatusCode::OK);
        let refused = app.act(&ada, "leads/convert", &[("id", restricted.clone()), ("conversion[deal_name]", String::new())]).await;
        assert_status(&refused, StatusCode::CONFLICT);
        let edit = [("id", restricted), ("fields[name]", "Rita".to_owned()), ("fields[source]", "web".to_owned()), ("fields[status]", "new".to_owned())];
        assert_status(&app.act(&ada, "leads/update", &edit).await, StatusCode::CONFLICT);

        let preview: Value = app.read(&ada, "person-privacy/erasure-preview", &[("kind", "lead"), ("id", &lead)]).await.json().await.unwrap();
        assert_eq!(preview["records"], serde_json::json!([["contact", "Grace Quennell"], ["lead", "Grace Quennell"]]));
        let erase = [("kind", "lead".to_owned()), ("id", lead.clone()), ("confirm", "true".to_owned())];
        let erased = app.act(&ada, "person-privacy/erase", &erase).await;
        assert_status(&erased, StatusCode::OK);
        assert_eq!(erased.headers()["location"], format!("/w/{}/leads?erased=1", ada.slug));
        for (table, id) in [("leads", &lead), ("contacts", &contact)] {
            let (left,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(format!("select count(*) from {table} where id = $1"))).bind(id).fetch_one(pool).await.unwrap();
            assert_eq!(left, 0, "{table}: the lead and the contact it became are one person");
        }
        let (deals,): (i64,) = sqlx::query_as("select count(*) from deals").fetch_one(pool).await.unwrap();
        assert_eq!(deals, 1, "the conversion's deal stays");
        assert_eq!(holding(&app, LAST).await, Vec::<String>::new(), "the deal named after her lost the name too");
        let list = app.get_as(&ada, &format!("/w/{}/leads?erased=1", ada.slug)).await;
        assert!(list.contains("The person was erased."));
    }
}
