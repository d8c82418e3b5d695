//! Contacts: emails and phones with one primary, the company link, notes on the timeline.

use crate::helpers::*;
use crate::on_both_databases;
use reqwest::StatusCode;
use serde_json::Value;

on_both_databases! {
    async fn a_contact_keeps_several_labelled_emails_and_phones_with_one_primary(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let company = app.company(&ada, "Babbage & Co").await;
        let response = app.act(&ada, "contacts/create", &[
            ("fields[first_name]", "Charles".into()),
            ("fields[last_name]", "Babbage".into()),
            ("fields[job_title]", "Inventor".into()),
            ("fields[company_id]", company.clone()),
            ("fields[status]", "customer".into()),
            ("fields[linkedin_url]", "linkedin.com/in/babbage".into()),
            ("fields[emails][0][value]", "charles@babbage.example".into()),
            ("fields[emails][0][label]", "work".into()),
            ("fields[emails][1][value]", "cb@home.example".into()),
            ("fields[emails][1][label]", "home".into()),
            ("primary_email", "1".into()),
            ("fields[phones][0][value]", "+44 020 1234".into()),
            ("fields[phones][0][label]", "mobile".into()),
        ]).await;
        assert_status(&response, StatusCode::OK);
        let id: String = response.json().await.unwrap();
        let detail: Value = app.read(&ada, "contacts/get", &[("id", &id)]).await.json().await.unwrap();
        assert_eq!(detail["company_name"], "Babbage & Co");
        assert_eq!(detail["fields"]["linkedin_url"], "https://linkedin.com/in/babbage");
        let emails = detail["fields"]["emails"].as_array().unwrap();
        assert_eq!(emails.len(), 2);
        assert_eq!(emails[1]["primary"], true);
        assert_eq!(emails[0]["primary"], false);
        assert_eq!(detail["fields"]["phones"][0]["value"], "+44 020 1234");

        let list: Value = app.read(&ada, "contacts/list", &[("q", "charl"), ("mine", "false"), ("after", "")]).await.json().await.unwrap();
        assert_eq!(list["rows"][0]["email"], "cb@home.example", "the list shows the primary email");
        assert_eq!(list["rows"][0]["initials"], "CB");
        let company_page: Value = app.read(&ada, "companies/get", &[("id", &company)]).await.json().await.unwrap();
        assert_eq!(company_page["contacts"][0]["name"], "Charles Babbage");
        let created = detail["timeline"][0]["entry"]["Event"]["changes"].as_array().unwrap().clone();
        assert!(created.contains(&serde_json::json!(["company", "", "Babbage & Co"])), "the timeline names the company: {created:?}");
    }
}

on_both_databases! {
    async fn a_contact_cannot_point_at_another_workspaces_company(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let grace = app.owner("grace@example.com", "Compilers").await;
        let foreign = app.company(&grace, "Navy Labs").await;
        let response = app.act(&ada, "contacts/create", &[
            ("fields[first_name]", "Mallory".into()),
            ("fields[status]", "lead".into()),
            ("fields[company_id]", foreign),
        ]).await;
        assert_status(&response, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(error_json(response).await["fields"]["company_id"].is_string());
    }
}

on_both_databases! {
    async fn bad_contact_fields_are_named(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let response = app.act(&ada, "contacts/create", &[
            ("fields[status]", "vip".into()),
            ("fields[linkedin_url]", "javascript:alert(1)".into()),
            ("fields[emails][0][value]", "not-an-email".into()),
            ("fields[phones][0][value]", "call me".into()),
        ]).await;
        assert_status(&response, StatusCode::UNPROCESSABLE_ENTITY);
        let body = error_json(response).await;
        for field in ["first_name", "status", "linkedin_url", "emails.0", "phones.0"] {
            assert!(body["fields"][field].is_string(), "{field}: {body}");
        }
    }
}

on_both_databases! {
    async fn notes_appear_on_the_timeline_newest_first_and_escaped(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let id = app.contact(&ada, "Ada", "Byron", "ada.byron@example.com").await;
        app.advance_minutes(1);
        let note = |body: &str| vec![("record_kind", "contact".to_owned()), ("record_id", id.clone()), ("body", body.to_owned())];
        assert_status(&app.act(&ada, "notes/create", &note("First call went well.\nSee https://example.com/notes")).await, StatusCode::OK);
        app.advance_minutes(1);
        assert_status(&app.act(&ada, "notes/create", &note("<script>alert(1)</script>")).await, StatusCode::OK);
        let detail: Value = app.read(&ada, "contacts/get", &[("id", &id)]).await.json().await.unwrap();
        let timeline = detail["timeline"].as_array().unwrap();
        assert_eq!(timeline[0]["entry"]["Note"]["body"], "<script>alert(1)</script>");
        assert_eq!(timeline[1]["entry"]["Note"]["body"], "First call went well.\nSee https://example.com/notes");
        assert_eq!(timeline[2]["entry"]["Event"]["action"], "created");

        let page = app.get_as(&ada, &format!("/w/{}/contacts/{id}", ada.slug)).await;
        assert!(!page.contains("<script>alert(1)</script>"), "note text is escaped");
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(page.contains("href=\"https://example.com/notes\""), "links are clickable");

        let empty = app.act(&ada, "notes/create", &note("   ")).await;
        assert_status(&empty, StatusCode::UNPROCESSABLE_ENTITY);
    }
}
