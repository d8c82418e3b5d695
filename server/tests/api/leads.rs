//! Leads: create, validate, update, and conversion into a contact, a company and a deal.

use crate::helpers::*;
use crate::on_both_databases;
use reqwest::StatusCode;
use serde_json::Value;

fn list_query() -> [(&'static str, &'static str); 4] {
    [("q", ""), ("status", ""), ("open", "false"), ("after", "")]
}

on_both_databases! {
    async fn a_lead_is_created_listed_updated_and_its_changes_recorded(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let id = app.lead(&ada, "Grace Hopper", "Navy Labs", "Grace@Navy.example").await;
        let list: Value = app.read(&ada, "leads/list", &list_query()).await.json().await.unwrap();
        assert_eq!(list["rows"][0]["name"], "Grace Hopper");
        assert_eq!(list["rows"][0]["email"], "Grace@navy.example", "the domain is lower-cased, the local part kept");

        app.advance_minutes(1);
        let response = app.act(&ada, "leads/update", &[
            ("id", id.clone()), ("fields[name]", "Grace Hopper".into()), ("fields[company_name]", "Navy Labs".into()),
            ("fields[email]", "grace@navy.example".into()), ("fields[phone]", "+1 555 0100".into()),
            ("fields[source]", "referral".into()), ("fields[status]", "contacted".into()),
        ]).await;
        assert_status(&response, StatusCode::OK);
        let detail: Value = app.read(&ada, "leads/get", &[("id", &id)]).await.json().await.unwrap();
        assert_eq!(detail["fields"]["status"], "contacted");
        let changes = &detail["timeline"][0]["entry"]["Event"]["changes"];
        let fields: Vec<&str> = changes.as_array().unwrap().iter().map(|c| c[0].as_str().unwrap()).collect();
        assert_eq!(fields, ["email", "phone", "source", "status"]);

        let by_status: Value = app.read(&ada, "leads/list", &[("q", ""), ("status", "new"), ("open", "false"), ("after", "")]).await.json().await.unwrap();
        assert_eq!(by_status["rows"].as_array().unwrap().len(), 0, "the status filter applies");
    }
}

on_both_databases! {
    async fn bad_lead_fields_are_named_and_nothing_is_created(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let response = app.act(&ada, "leads/create", &[
            ("fields[name]", "".into()), ("fields[email]", "not-an-email".into()), ("fields[phone]", "call me".into()),
            ("fields[source]", "tv".into()), ("fields[status]", "hot".into()),
        ]).await;
        assert_status(&response, StatusCode::UNPROCESSABLE_ENTITY);
        let body = error_json(response).await;
        for field in ["name", "email", "phone", "source", "status"] {
            assert!(body["fields"][field].is_string(), "{field}: {body}");
        }
        let list: Value = app.read(&ada, "leads/list", &list_query()).await.json().await.unwrap();
        assert_eq!(list["rows"].as_array().unwrap().len(), 0);
    }
}

on_both_databases! {
    async fn converting_makes_a_contact_matches_the_company_and_opens_a_deal_in_one_step(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let existing = app.company(&ada, "Navy Labs").await;
        let id = app.lead(&ada, "Grace Brewster Hopper", "navy labs", "grace@navy.example").await;
        let response = app.act(&ada, "leads/convert", &[
            ("id", id.clone()), ("conversion[with_company]", "true".into()), ("conversion[with_deal]", "true".into()),
            ("conversion[deal_name]", "".into()), ("conversion[deal_amount]", "12,000".into()), ("conversion[deal_currency]", "USD".into()),
        ]).await;
        assert_status(&response, StatusCode::OK);
        let contact_id: String = response.json().await.unwrap();

        let contact: Value = app.read(&ada, "contacts/get", &[("id", &contact_id)]).await.json().await.unwrap();
        assert_eq!(contact["fields"]["first_name"], "Grace Brewster");
        assert_eq!(contact["fields"]["last_name"], "Hopper");
        assert_eq!(contact["fields"]["emails"][0]["value"], "grace@navy.example");
        assert_eq!(contact["fields"]["company_id"], existing.as_str(), "matched the existing company by name");
        assert_eq!(contact["deals"][0]["amount"], "12,000.00 USD");
        assert_eq!(contact["deals"][0]["name"], "navy labs deal");

        let lead: Value = app.read(&ada, "leads/get", &[("id", &id)]).await.json().await.unwrap();
        assert_eq!(lead["fields"]["status"], "qualified");
        assert_eq!(lead["converted"]["contact"][0], contact_id.as_str());
        assert_eq!(lead["converted"]["company"][0], existing.as_str());
        assert!(lead["converted"]["deal"][0].is_string());
        assert_eq!(lead["timeline"][0]["entry"]["Event"]["action"], "converted");
        let companies: Value = app.read(&ada, "companies/list", &[("q", ""), ("after", "")]).await.json().await.unwrap();
        assert_eq!(companies["rows"].as_array().unwrap().len(), 1, "no second company");

        // Converting twice is refused and creates nothing more.
        let again = app.act(&ada, "leads/convert", &[("id", id.clone()), ("conversion[deal_name]", "".into())]).await;
        assert_status(&again, StatusCode::CONFLICT);
        let open: Value = app.read(&ada, "leads/list", &[("q", ""), ("status", ""), ("open", "true"), ("after", "")]).await.json().await.unwrap();
        assert_eq!(open["rows"].as_array().unwrap().len(), 0, "a converted lead is not open");
    }
}

on_both_databases! {
    async fn a_new_company_comes_from_the_email_domain_and_a_bad_amount_changes_nothing(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let id = app.lead(&ada, "Linus", "", "linus@kernel.example").await;
        let bad = app.act(&ada, "leads/convert", &[
            ("id", id.clone()), ("conversion[with_company]", "true".into()), ("conversion[with_deal]", "true".into()),
            ("conversion[deal_name]", "".into()), ("conversion[deal_amount]", "lots".into()), ("conversion[deal_currency]", "EUR".into()),
        ]).await;
        assert_status(&bad, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(error_json(bad).await["fields"]["deal_amount"].is_string());
        let contacts: Value = app.read(&ada, "contacts/list", &[("q", ""), ("after", "")]).await.json().await.unwrap();
        assert_eq!(contacts["rows"].as_array().unwrap().len(), 0, "nothing was created");

        let response = app.act(&ada, "leads/convert", &[
            ("id", id.clone()), ("conversion[with_company]", "true".into()), ("conversion[deal_name]", "".into()),
        ]).await;
        assert_status(&response, StatusCode::OK);
        let companies: Value = app.read(&ada, "companies/list", &[("q", ""), ("after", "")]).await.json().await.unwrap();
        assert_eq!(companies["rows"][0]["name"], "kernel.example");
        assert_eq!(companies["rows"][0]["domain"], "kernel.example");
        let lead: Value = app.read(&ada, "leads/get", &[("id", &id)]).await.json().await.unwrap();
        assert!(lead["converted"]["deal"].is_null(), "no deal was asked for");
    }
}
