//! Email templates and drafts: template CRUD, the merge-field preview, drafts saved from a
//! template, validation, tenancy, viewers, and the trash purge of what a draft links to.

use crate::helpers::*;
use crate::on_both_databases;
use reqwest::StatusCode;
use serde_json::Value;

async fn save_template(app: &TestApp, owner: &Owner, id: &str, name: &str, subject: &str, body: &str) -> reqwest::Response {
    app.act(owner, "emails/template-save", &[
        ("id", id.to_owned()), ("fields[name]", name.to_owned()), ("fields[subject]", subject.to_owned()), ("fields[body]", body.to_owned()),
    ])
    .await
}

async fn template(app: &TestApp, owner: &Owner, name: &str, subject: &str, body: &str) -> String {
    let response = save_template(app, owner, "", name, subject, body).await;
    assert_status(&response, StatusCode::OK);
    response.json().await.unwrap()
}

/// A company with a domain, and a contact at it with a job title; returns the contact's id.
async fn contact_at_company(app: &TestApp, owner: &Owner) -> String {
    let company = app.act(owner, "companies/create", &[("fields[name]", "Navy Labs".into()), ("fields[domain]", "navy.example".into()), ("fields[size]", "".into())]).await;
    assert_status(&company, StatusCode::OK);
    let company_id: String = company.json().await.unwrap();
    let response = app
        .act(owner, "contacts/create", &[
            ("fields[first_name]", "Grace".into()), ("fields[last_name]", "Hopper".into()), ("fields[job_title]", "Rear Admiral".into()),
            ("fields[status]", "lead".into()), ("fields[company_id]", company_id),
            ("fields[emails][0][value]", "grace@navy.example".into()), ("fields[emails][0][label]", "work".into()),
        ])
        .await;
    assert_status(&response, StatusCode::OK);
    response.json().await.unwrap()
}

fn draft_form(id: &str, contact_id: &str, to: &str, subject: &str, body: &str, template_id: &str) -> Vec<(&'static str, String)> {
    vec![
        ("id", id.to_owned()), ("fields[contact_id]", contact_id.to_owned()), ("fields[to_address]", to.to_owned()),
        ("fields[subject]", subject.to_owned()), ("fields[body]", body.to_owned()), ("fields[template_id]", template_id.to_owned()),
        ("fields[deal_id]", String::new()),
    ]
}

async fn drafts(app: &TestApp, owner: &Owner) -> Vec<Value> {
    let page: Value = app.read(owner, "emails/drafts", &[("contact", ""), ("after", "")]).await.json().await.unwrap();
    page["rows"].as_array().unwrap().clone()
}

async fn count(app: &TestApp, sql: &'static str) -> i64 {
    let (n,): (i64,) = sqlx::query_as(sql).fetch_one(&app.state.db.pool).await.unwrap();
    n
}

on_both_databases! {
    async fn templates_are_created_listed_changed_and_deleted(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let id = template(&app, &ada, "Intro", "Hello {{contact.first_name}}", "Dear {{contact.first_name}},\n\nBest,\n{{me.name}}").await;
        template(&app, &ada, "another one", "", "Short note").await;
        let list: Value = app.read(&ada, "emails/templates", &[]).await.json().await.unwrap();
        let names: Vec<&str> = list.as_array().unwrap().iter().map(|t| t["name"].as_str().unwrap()).collect();
        assert_eq!(names, ["another one", "Intro"], "by name, ignoring case");

        app.advance_minutes(1);
        assert_status(&save_template(&app, &ada, &id, "Introduction", "Hi {{ contact.first_name }}", "New body").await, StatusCode::OK);
        let got: Value = app.read(&ada, "emails/template-get", &[("id", &id)]).await.json().await.unwrap();
        assert_eq!(got["fields"]["name"], "Introduction");
        assert_eq!(got["fields"]["subject"], "Hi {{ contact.first_name }}", "merge fields are stored as typed");
        assert_eq!(got["fields"]["body"], "New body");
        assert_eq!(got["updated_at"].as_i64().unwrap() - got["created_at"].as_i64().unwrap(), 60_000);

        let bad = save_template(&app, &ada, &id, "", "two\nlines", "").await;
        assert_status(&bad, StatusCode::UNPROCESSABLE_ENTITY);
        let body = error_json(bad).await;
        for field in ["name", "subject", "body"] {
            assert!(body["fields"][field].is_string(), "{field}: {body}");
        }
        let unchanged: Value = app.read(&ada, "emails/template-get", &[("id", &id)]).await.json().await.unwrap();
        assert_eq!(unchanged["fields"]["name"], "Introduction", "a refused save changes nothing");

        assert_status(&app.act(&ada, "emails/template-delete", &[("id", id.clone())]).await, StatusCode::OK);
        assert_status(&app.act(&ada, "emails/template-delete", &[("id", id.clone())]).await, StatusCode::NOT_FOUND);
        assert_status(&app.read(&ada, "emails/template-get", &[("id", &id)]).await, StatusCode::NOT_FOUND);
        assert_status(&save_template(&app, &ada, &id, "Back", "", "Again").await, StatusCode::NOT_FOUND);
        let list: Value = app.read(&ada, "emails/templates", &[]).await.json().await.unwrap();
        assert_eq!(list.as_array().unwrap().len(), 1);
    }
}

on_both_databases! {
    async fn the_preview_fills_contact_company_deal_and_me_and_names_unknown_fields(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let grace = contact_at_company(&app, &ada).await;
        let deal = app.act(&ada, "deals/create", &[
            ("fields[name]", "Relay upgrade".into()), ("fields[amount]", "12000".into()), ("fields[currency]", "EUR".into()),
            ("fields[stage_id]", app.first_stage(&ada).await),
        ]).await;
        assert_status(&deal, StatusCode::OK);
        let deal_id: String = deal.json().await.unwrap();
        let id = template(&app, &ada, "Intro", "{{contact.first_name}} at {{ company.name }}",
            "Dear {{contact.full_name}} ({{contact.job_title}}, {{company.domain}}),\nabout {{deal.name}} for {{deal.amount}}.\n{{me.name}} <{{me.email}}>, {{workspace.name}}. {{contact.nickname}} {{ oops }}").await;

        let preview: Value = app.read(&ada, "emails/preview", &[("template_id", &id), ("contact_id", &grace), ("deal_id", &deal_id)]).await.json().await.unwrap();
        assert_eq!(preview["to"], "grace@navy.example");
        assert_eq!(preview["subject"], "Grace at Navy Labs");
        assert_eq!(
            preview["body"],
            "Dear Grace Hopper (Rear Admiral, navy.example),\nabout Relay upgrade for 12,000.00 EUR.\nAda Lovelace <ada@example.com>, Engines. {{contact.nickname}} {{ oops }}"
        );
        assert_eq!(preview["unknown"], serde_json::json!(["contact.nickname", "oops"]));
        assert_eq!(preview["values"]["contact_first_name"], "Grace");

        // Typed text instead of a template; without a deal its fields are empty and reported.
        let typed: Value = app.read(&ada, "emails/preview", &[("subject", "Re: {{deal.name}}"), ("body", "<b>{{contact.last_name}}</b>"), ("contact_id", &grace)]).await.json().await.unwrap();
        assert_eq!(typed["subject"], "Re: ");
        assert_eq!(typed["body"], "<b>Hopper</b>", "plain text: nothing is escaped or interpreted");
        assert_eq!(typed["empty"], serde_json::json!(["deal.name"]));
        assert_eq!(typed["unknown"], serde_json::json!([]));
    }
}

on_both_databases! {
    async fn a_draft_from_a_template_holds_the_rendered_text_and_is_listed_edited_and_deleted(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let grace = contact_at_company(&app, &ada).await;
        let template_id = template(&app, &ada, "Intro", "Hello {{contact.first_name}}", "Dear {{contact.first_name}},\n\n{{me.name}}").await;

        // The page for a new draft to Grace from the template starts with its text and her address.
        let form: Value = app.read(&ada, "emails/draft-form", &[("contact", &grace), ("template", &template_id)]).await.json().await.unwrap();
        assert_eq!(form["fields"]["to_address"], "grace@navy.example");
        assert_eq!(form["fields"]["subject"], "Hello {{contact.first_name}}", "the form holds the template; the preview fills it in");
        assert_eq!(form["values"]["contact_first_name"], "Grace");
        assert_eq!(form["contacts"][0][1], "Grace Hopper");
        assert_eq!(form["templates"][0][1], "Intro");
        assert!(form["draft"].is_null());

        // Empty subject, body and address: the template's text, rendered, and the contact's email.
        let response = app.act(&ada, "emails/draft-save", &draft_form("", &grace, "", "", "", &template_id)).await;
        assert_status(&response, StatusCode::OK);
        let location = response.headers().get("location").map(|v| v.to_str().unwrap().to_owned());
        let id: String = response.json().await.unwrap();
        assert_eq!(location.as_deref(), Some(format!("/w/{}/emails/{id}?saved=1", ada.slug).as_str()), "a new draft opens");
        let draft: Value = app.read(&ada, "emails/draft-get", &[("id", &id)]).await.json().await.unwrap();
        assert_eq!(draft["fields"]["subject"], "Hello Grace");
        assert_eq!(draft["fields"]["body"], "Dear Grace,\n\nAda Lovelace");
        assert_eq!(draft["fields"]["to_address"], "grace@navy.example");
        assert_eq!(draft["fields"]["template_id"], template_id.as_str());
        assert_eq!(draft["template_name"], "Intro");
        assert_eq!(draft["contact_name"], "Grace Hopper");
        let form: Value = app.read(&ada, "emails/draft-form", &[("id", &id)]).await.json().await.unwrap();
        assert_eq!(form["draft"]["id"], id.as_str());
        assert_eq!(form["fields"]["body"], "Dear Grace,\n\nAda Lovelace");

        // Changing the template later does not change the draft: its text is its own.
        assert_status(&save_template(&app, &ada, &template_id, "Intro", "Changed", "Changed").await, StatusCode::OK);
        let list = drafts(&app, &ada).await;
        assert_eq!(list.len(), 1);
        assert_eq!(list[0]["subject"], "Hello Grace");
        assert_eq!(list[0]["contact_name"], "Grace Hopper");

        app.advance_minutes(5);
        let edited = app.act(&ada, "emails/draft-save", &draft_form(&id, &grace, "g.hopper@navy.example", "Hello again", "My own words", &template_id)).await;
        assert_status(&edited, StatusCode::OK);
        let draft: Value = app.read(&ada, "emails/draft-get", &[("id", &id)]).await.json().await.unwrap();
        assert_eq!(draft["fields"]["subject"], "Hello again");
        assert_eq!(draft["fields"]["body"], "My own words");
        assert_eq!(draft["fields"]["to_address"], "g.hopper@navy.example");

        // A second draft, newer: listed first; the contact filter keeps only Grace's.
        let other = app.contact(&ada, "Charles", "Babbage", "charles@engines.example").await;
        app.advance_minutes(1);
        let second = app.act(&ada, "emails/draft-save", &draft_form("", &other, "", "Engines", "Hi {{contact.first_name}}", "")).await;
        assert_status(&second, StatusCode::OK);
        let list = drafts(&app, &ada).await;
        let subjects: Vec<&str> = list.iter().map(|d| d["subject"].as_str().unwrap()).collect();
        assert_eq!(subjects, ["Engines", "Hello again"], "newest first");
        let for_grace: Value = app.read(&ada, "emails/drafts", &[("contact", &grace), ("after", "")]).await.json().await.unwrap();
        assert_eq!(for_grace["rows"].as_array().unwrap().len(), 1);

        // Deleting the template keeps the draft, unlinked.
        assert_status(&app.act(&ada, "emails/template-delete", &[("id", template_id.clone())]).await, StatusCode::OK);
        let draft: Value = app.read(&ada, "emails/draft-get", &[("id", &id)]).await.json().await.unwrap();
        assert_eq!(draft["fields"]["template_id"], "");
        assert_eq!(draft["fields"]["body"], "My own words");

        let deleted = app.act(&ada, "emails/draft-delete", &[("id", id.clone())]).await;
        assert_status(&deleted, StatusCode::OK);
        assert_status(&app.read(&ada, "emails/draft-get", &[("id", &id)]).await, StatusCode::NOT_FOUND);
        assert_status(&app.act(&ada, "emails/draft-delete", &[("id", id.clone())]).await, StatusCode::NOT_FOUND);
        assert_eq!(drafts(&app, &ada).await.len(), 1);
    }
}

on_both_databases! {
    async fn bad_draft_fields_are_named_and_change_nothing(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let grace = app.contact(&ada, "Grace", "Hopper", "grace@navy.example").await;
        let response = app.act(&ada, "emails/draft-save", &draft_form("", "", "not-an-email", &"x".repeat(201), "ok", "")).await;
        assert_status(&response, StatusCode::UNPROCESSABLE_ENTITY);
        let body = error_json(response).await;
        for field in ["contact_id", "to_address", "subject"] {
            assert!(body["fields"][field].is_string(), "{field}: {body}");
        }
        let unknown_links = app.act(&ada, "emails/draft-save", &[
            ("fields[contact_id]", grace.clone()), ("fields[to_address]", "grace@navy.example".into()),
            ("fields[template_id]", "no-such-template".into()), ("fields[deal_id]", "no-such-deal".into()), ("fields[subject]", "a\nb".into()),
        ]).await;
        assert_status(&unknown_links, StatusCode::UNPROCESSABLE_ENTITY);
        let body = error_json(unknown_links).await;
        for field in ["template_id", "deal_id", "subject"] {
            assert!(body["fields"][field].is_string(), "{field}: {body}");
        }
        assert!(drafts(&app, &ada).await.is_empty(), "nothing was saved");

        let id: String = app.act(&ada, "emails/draft-save", &draft_form("", &grace, "", "Kept", "Kept", "")).await.json().await.unwrap();
        let refused = app.act(&ada, "emails/draft-save", &draft_form(&id, &grace, "nope", "Changed", "Changed", "")).await;
        assert_status(&refused, StatusCode::UNPROCESSABLE_ENTITY);
        let draft: Value = app.read(&ada, "emails/draft-get", &[("id", &id)]).await.json().await.unwrap();
        assert_eq!(draft["fields"]["subject"], "Kept");
        assert_eq!(draft["fields"]["to_address"], "grace@navy.example");
    }
}

on_both_databases! {
    async fn another_workspaces_contacts_templates_and_drafts_are_not_found(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let bob = app.owner("bob@example.com", "Babbage & Co").await;
        let bobs_contact = app.contact(&bob, "Charles", "Babbage", "charles@engines.example").await;
        let bobs_template = template(&app, &bob, "Bob's", "Secret", "Bob's text").await;
        let bobs_draft: String = app.act(&bob, "emails/draft-save", &draft_form("", &bobs_contact, "", "Bob's draft", "Bob's body", "")).await.json().await.unwrap();
        let grace = app.contact(&ada, "Grace", "Hopper", "grace@navy.example").await;

        assert_status(&app.read(&ada, "emails/draft-get", &[("id", &bobs_draft)]).await, StatusCode::NOT_FOUND);
        assert_status(&app.read(&ada, "emails/draft-form", &[("id", &bobs_draft)]).await, StatusCode::NOT_FOUND);
        let form: Value = app.read(&ada, "emails/draft-form", &[("contact", &bobs_contact), ("template", &bobs_template)]).await.json().await.unwrap();
        assert_eq!(form["fields"]["contact_id"], "", "another workspace's contact is left out: {form}");
        assert_eq!(form["fields"]["to_address"], "");
        assert_eq!(form["fields"]["body"], "", "and so is its template");
        assert_eq!(form["contacts"].as_array().unwrap().len(), 1, "only Ada's contacts are offered");
        assert_status(&app.read(&ada, "emails/template-get", &[("id", &bobs_template)]).await, StatusCode::NOT_FOUND);
        assert_status(&app.read(&ada, "emails/preview", &[("template_id", &bobs_template), ("contact_id", &grace)]).await, StatusCode::NOT_FOUND);
        assert_status(&app.read(&ada, "emails/preview", &[("subject", "Hi"), ("contact_id", &bobs_contact)]).await, StatusCode::NOT_FOUND);
        assert_status(&app.act(&ada, "emails/draft-save", &draft_form(&bobs_draft, &grace, "", "Mine now", "x", "")).await, StatusCode::NOT_FOUND);
        assert_status(&app.act(&ada, "emails/draft-delete", &[("id", bobs_draft.clone())]).await, StatusCode::NOT_FOUND);
        assert_status(&save_template(&app, &ada, &bobs_template, "Mine now", "", "x").await, StatusCode::NOT_FOUND);
        assert_status(&app.act(&ada, "emails/template-delete", &[("id", bobs_template.clone())]).await, StatusCode::NOT_FOUND);

        let with_bobs = app.act(&ada, "emails/draft-save", &draft_form("", &bobs_contact, "x@y.example", "Hi", "x", &bobs_template)).await;
        assert_status(&with_bobs, StatusCode::UNPROCESSABLE_ENTITY);
        let body = error_json(with_bobs).await;
        assert!(body["fields"]["contact_id"].is_string() && body["fields"]["template_id"].is_string(), "{body}");
        assert!(drafts(&app, &ada).await.is_empty());

        let bobs: Value = app.read(&bob, "emails/draft-get", &[("id", &bobs_draft)]).await.json().await.unwrap();
        assert_eq!(bobs["fields"]["subject"], "Bob's draft", "Bob's draft is untouched");
        let template: Value = app.read(&bob, "emails/template-get", &[("id", &bobs_template)]).await.json().await.unwrap();
        assert_eq!(template["fields"]["name"], "Bob's");
        assert_eq!(drafts(&app, &bob).await.len(), 1);
    }
}

on_both_databases! {
    async fn a_viewer_can_read_drafts_but_not_save_or_delete(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let grace = app.contact(&ada, "Grace", "Hopper", "grace@navy.example").await;
        let template_id = template(&app, &ada, "Intro", "", "Hello").await;
        let id: String = app.act(&ada, "emails/draft-save", &draft_form("", &grace, "", "Hi", "x", "")).await.json().await.unwrap();
        sqlx::query("update memberships set role = 'viewer'").execute(&app.state.db.pool).await.unwrap();
        assert_eq!(drafts(&app, &ada).await.len(), 1);
        assert_status(&app.act(&ada, "emails/draft-save", &draft_form("", &grace, "", "New", "x", "")).await, StatusCode::FORBIDDEN);
        assert_status(&app.act(&ada, "emails/draft-save", &draft_form(&id, &grace, "", "Changed", "x", "")).await, StatusCode::FORBIDDEN);
        assert_status(&app.act(&ada, "emails/draft-delete", &[("id", id.clone())]).await, StatusCode::FORBIDDEN);
        assert_status(&save_template(&app, &ada, "", "New", "", "x").await, StatusCode::FORBIDDEN);
        assert_status(&app.act(&ada, "emails/template-delete", &[("id", template_id)]).await, StatusCode::FORBIDDEN);
        let draft: Value = app.read(&ada, "emails/draft-get", &[("id", &id)]).await.json().await.unwrap();
        assert_eq!(draft["fields"]["subject"], "Hi");
    }
}

on_both_databases! {
    async fn purging_a_deal_unlinks_its_drafts_and_purging_a_contact_removes_theirs(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let grace = app.contact(&ada, "Grace", "Hopper", "grace@navy.example").await;
        let charles = app.contact(&ada, "Charles", "Babbage", "charles@engines.example").await;
        let deal = app.act(&ada, "deals/create", &[
            ("fields[name]", "Relay upgrade".into()), ("fields[currency]", "EUR".into()), ("fields[stage_id]", app.first_stage(&ada).await),
        ]).await;
        let deal_id: String = deal.json().await.unwrap();
        let mut form = draft_form("", &grace, "", "About {{deal.name}}", "x", "");
        form.retain(|(name, _)| *name != "fields[deal_id]");
        form.push(("fields[deal_id]", deal_id.clone()));
        let to_grace: String = app.act(&ada, "emails/draft-save", &form).await.json().await.unwrap();
        let to_charles: String = app.act(&ada, "emails/draft-save", &draft_form("", &charles, "", "Hi", "x", "")).await.json().await.unwrap();
        let draft: Value = app.read(&ada, "emails/draft-get", &[("id", &to_grace)]).await.json().await.unwrap();
        assert_eq!(draft["fields"]["subject"], "About Relay upgrade");
        assert_eq!(draft["deal_name"], "Relay upgrade");

        assert_status(&app.act(&ada, "trash/delete", &[("kind", "deal".into()), ("id", deal_id.clone())]).await, StatusCode::OK);
        assert_status(&app.act(&ada, "trash/delete", &[("kind", "contact".into()), ("id", charles.clone())]).await, StatusCode::OK);
        app.advance_minutes(31 * 24 * 60);
        server::jobs::run_once(&app.state).await;
        assert_eq!(count(&app, "select count(*) from deals").await, 0, "the deal was purged");
        assert_eq!(count(&app, "select count(*) from contacts").await, 1, "Charles was purged");
        assert_eq!(count(&app, "select count(*) from email_drafts").await, 1, "Charles's draft went with him");
        assert_eq!(count(&app, "select count(*) from email_drafts where deal_id is not null").await, 0, "Grace's draft lost the deal link");

        app.sign_in_with(&ada.client, "ada@example.com", PASSWORD).await;
        let draft: Value = app.read(&ada, "emails/draft-get", &[("id", &to_grace)]).await.json().await.unwrap();
        assert_eq!(draft["fields"]["subject"], "About Relay upgrade", "the draft keeps its text");
        assert_eq!(draft["fields"]["deal_id"], "");
        assert_status(&app.read(&ada, "emails/draft-get", &[("id", &to_charles)]).await, StatusCode::NOT_FOUND);
    }
}

on_both_databases! {
    async fn the_drafts_list_pages_newest_first_even_when_drafts_share_a_time(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let grace = app.contact(&ada, "Grace", "Hopper", "grace@navy.example").await;
        for n in 0..52 {
            if n % 10 == 0 {
                app.advance_minutes(1);
            }
            let response = app.act(&ada, "emails/draft-save", &draft_form("", &grace, "", &format!("Draft {n:02}"), "x", "")).await;
            assert_status(&response, StatusCode::OK);
        }
        let first: Value = app.read(&ada, "emails/drafts", &[("contact", ""), ("after", "")]).await.json().await.unwrap();
        let rows = first["rows"].as_array().unwrap();
        assert_eq!(rows.len(), 50);
        assert_eq!(rows[0]["subject"], "Draft 51");
        let cursor = first["next"].as_str().unwrap();
        let second: Value = app.read(&ada, "emails/drafts", &[("contact", ""), ("after", cursor)]).await.json().await.unwrap();
        let subjects: Vec<&str> = second["rows"].as_array().unwrap().iter().map(|d| d["subject"].as_str().unwrap()).collect();
        assert_eq!(subjects, ["Draft 01", "Draft 00"]);
        assert!(second["next"].is_null());
    }
}
