//! Deals and the pipeline board: default stages, amounts, totals per currency, stage moves.

use crate::helpers::*;
use crate::on_both_databases;
use reqwest::StatusCode;
use serde_json::Value;

async fn stages(app: &TestApp, owner: &Owner) -> Vec<(String, String)> {
    let stages: Value = app.read(owner, "deals/stages", &[]).await.json().await.unwrap();
    stages.as_array().unwrap().iter().map(|s| (s["id"].as_str().unwrap().to_owned(), s["name"].as_str().unwrap().to_owned())).collect()
}

async fn deal(app: &TestApp, owner: &Owner, name: &str, amount: &str, currency: &str, stage: &str) -> String {
    let response = app.act(owner, "deals/create", &[
        ("fields[name]", name.into()), ("fields[amount]", amount.into()),
        ("fields[currency]", currency.into()), ("fields[stage_id]", stage.into()),
    ]).await;
    assert_status(&response, StatusCode::OK);
    response.json().await.unwrap()
}

on_both_databases! {
    async fn a_new_workspace_has_the_default_pipeline(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let names: Vec<String> = stages(&app, &ada).await.into_iter().map(|(_, n)| n).collect();
        assert_eq!(names, ["Qualification", "Meeting", "Proposal", "Negotiation", "Won", "Lost"]);
        let stages: Value = app.read(&ada, "deals/stages", &[]).await.json().await.unwrap();
        assert_eq!(stages[2]["probability"], 50);
        assert_eq!(stages[4]["kind"], "won");
    }
}

on_both_databases! {
    async fn the_board_counts_and_totals_each_column_per_currency(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let stage = stages(&app, &ada).await;
        deal(&app, &ada, "Big engine", "12,500.50", "EUR", &stage[0].0).await;
        deal(&app, &ada, "Small engine", "1.000,25", "EUR", &stage[0].0).await;
        deal(&app, &ada, "Export engine", "300", "USD", &stage[0].0).await;
        deal(&app, &ada, "Later", "5", "EUR", &stage[2].0).await;
        let board: Value = app.read(&ada, "deals/board", &[("mine", "false")]).await.json().await.unwrap();
        let first = &board["columns"][0];
        assert_eq!(first["deals"].as_array().unwrap().len(), 3);
        assert_eq!(first["totals"], serde_json::json!(["13,500.75 EUR", "300.00 USD"]));
        assert_eq!(board["columns"][2]["totals"], serde_json::json!(["5.00 EUR"]));
        assert_eq!(board["columns"][1]["deals"].as_array().unwrap().len(), 0);
    }
}

on_both_databases! {
    async fn moving_a_deal_changes_the_columns_and_records_the_stage_change(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let stage = stages(&app, &ada).await;
        let id = deal(&app, &ada, "Engine", "100", "EUR", &stage[0].0).await;
        app.advance_minutes(1);
        assert_status(&app.act(&ada, "deals/move", &[("id", id.clone()), ("stage_id", stage[3].0.clone())]).await, StatusCode::OK);
        let board: Value = app.read(&ada, "deals/board", &[("mine", "false")]).await.json().await.unwrap();
        assert_eq!(board["columns"][0]["deals"].as_array().unwrap().len(), 0);
        assert_eq!(board["columns"][3]["deals"][0]["name"], "Engine");
        let detail: Value = app.read(&ada, "deals/get", &[("id", &id)]).await.json().await.unwrap();
        assert_eq!(detail["probability"], 75);
        let event = &detail["timeline"][0]["entry"]["Event"];
        assert_eq!(event["action"], "moved");
        assert_eq!(event["changes"][0], serde_json::json!(["stage", "Qualification", "Negotiation"]));
        // A stage of another workspace is refused.
        let grace = app.owner("grace@example.com", "Compilers").await;
        let foreign = stages(&app, &grace).await;
        let refused = app.act(&ada, "deals/move", &[("id", id.clone()), ("stage_id", foreign[1].0.clone())]).await;
        assert_status(&refused, StatusCode::UNPROCESSABLE_ENTITY);
        // And another workspace cannot move Ada's deal.
        let hijack = app.act(&grace, "deals/move", &[("id", id), ("stage_id", foreign[1].0.clone())]).await;
        assert_status(&hijack, StatusCode::NOT_FOUND);
    }
}

on_both_databases! {
    async fn bad_deal_fields_are_named(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let response = app.act(&ada, "deals/create", &[
            ("fields[name]", "".into()), ("fields[amount]", "a lot".into()), ("fields[currency]", "EUR".into()),
            ("fields[stage_id]", "nope".into()), ("fields[expected_close]", "next week".into()),
        ]).await;
        assert_status(&response, StatusCode::UNPROCESSABLE_ENTITY);
        let body = error_json(response).await;
        for field in ["name", "amount", "expected_close"] {
            assert!(body["fields"][field].is_string(), "{field}: {body}");
        }
        let response = app.act(&ada, "deals/create", &[
            ("fields[name]", "Valid".into()), ("fields[currency]", "XXX".into()), ("fields[stage_id]", "nope".into()),
        ]).await;
        assert!(error_json(response).await["fields"]["currency"].is_string());
    }
}

on_both_databases! {
    async fn a_deal_goes_to_the_trash_and_its_company_page_lists_it(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let stage = stages(&app, &ada).await;
        let company = app.company(&ada, "Babbage & Co").await;
        let response = app.act(&ada, "deals/create", &[
            ("fields[name]", "Analytical".into()), ("fields[amount]", "10".into()), ("fields[currency]", "GBP".into()),
            ("fields[stage_id]", stage[0].0.clone()), ("fields[company_id]", company.clone()),
        ]).await;
        let id: String = response.json().await.unwrap();
        let page: Value = app.read(&ada, "companies/get", &[("id", &company)]).await.json().await.unwrap();
        assert_eq!(page["deals"][0]["amount"], "10.00 GBP");
        assert_status(&app.act(&ada, "trash/delete", &[("kind", "deal".into()), ("id", id.clone())]).await, StatusCode::OK);
        let trash: Value = app.read(&ada, "trash/list", &[]).await.json().await.unwrap();
        assert_eq!(trash[0]["kind"], "deal");
        let board: Value = app.read(&ada, "deals/board", &[("mine", "false")]).await.json().await.unwrap();
        assert_eq!(board["columns"][0]["deals"].as_array().unwrap().len(), 0);
    }
}

on_both_databases! {
    async fn contacts_are_involved_in_a_deal_and_see_it_on_their_page(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let bob = app.owner("bob@example.com", "Bravo").await;
        let stage = app.first_stage(&ada).await;
        let deal: String = app
            .act(&ada, "deals/create", &[("fields[name]", "Engine".into()), ("fields[currency]", "EUR".into()), ("fields[stage_id]", stage)])
            .await
            .json()
            .await
            .unwrap();
        let grace = app.contact(&ada, "Grace", "Hopper", "grace@navy.example").await;
        let bobs = app.contact(&bob, "Bob", "Brown", "bob@bravo.example").await;

        let involve = |contact: &str, on: &str| vec![("id", deal.clone()), ("contact_id", contact.to_owned()), ("on", on.to_owned())];
        assert_status(&app.act(&ada, "deals/contact", &involve(&grace, "true")).await, StatusCode::OK);
        let detail: Value = app.read(&ada, "deals/get", &[("id", &deal)]).await.json().await.unwrap();
        assert_eq!(detail["contacts"][0][1], "Grace Hopper");
        let change = &detail["timeline"][0]["entry"]["Event"]["changes"][0];
        assert_eq!((change[0].as_str(), change[2].as_str()), (Some("contact"), Some("Grace Hopper")));
        let contact: Value = app.read(&ada, "contacts/get", &[("id", &grace)]).await.json().await.unwrap();
        assert_eq!(contact["deals"][0]["name"], "Engine");

        assert_status(&app.act(&ada, "deals/contact", &involve(&bobs, "true")).await, StatusCode::UNPROCESSABLE_ENTITY);
        let bob_on_ada = vec![("id", deal.clone()), ("contact_id", bobs.clone()), ("on", "true".to_owned())];
        assert_status(&app.act(&bob, "deals/contact", &bob_on_ada).await, StatusCode::NOT_FOUND);

        assert_status(&app.act(&ada, "deals/contact", &involve(&grace, "false")).await, StatusCode::OK);
        let detail: Value = app.read(&ada, "deals/get", &[("id", &deal)]).await.json().await.unwrap();
        assert_eq!(detail["contacts"].as_array().unwrap().len(), 0);
    }
}

on_both_databases! {
    async fn a_full_column_shows_its_newest_cards_but_counts_and_totals_every_deal(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let stage = app.first_stage(&ada).await;
        for n in 0..105 {
            let form = [("fields[name]", format!("Deal {n:03}")), ("fields[amount]", "10".into()), ("fields[currency]", "EUR".into()), ("fields[stage_id]", stage.clone())];
            assert_status(&app.act(&ada, "deals/create", &form).await, StatusCode::OK);
        }
        let board: Value = app.read(&ada, "deals/board", &[("mine", "false")]).await.json().await.unwrap();
        let column = &board["columns"][0];
        assert_eq!(column["count"], 105);
        assert_eq!(column["deals"].as_array().unwrap().len(), 100);
        assert_eq!(column["totals"][0], "1,050.00 EUR");
    }
}

/// The kept totals (`deal_totals`) and the totals added up from the deals themselves, per stage
/// and currency, for every workspace.
async fn kept_and_counted(app: &TestApp) -> (Vec<(String, String, String, i64, i64)>, Vec<(String, String, String, i64, i64)>) {
    let pool = &app.state.db.pool;
    let kept = sqlx::query_as(
        "select workspace_id, stage_id, currency, cast(deals as bigint), cast(amount_minor as bigint) from deal_totals \
         where deals > 0 order by workspace_id, stage_id, currency",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    let counted = sqlx::query_as(
        "select workspace_id, stage_id, currency, count(*), cast(sum(amount_minor) as bigint) from deals where deleted_at is null \
         group by workspace_id, stage_id, currency order by workspace_id, stage_id, currency",
    )
    .fetch_all(pool)
    .await
    .unwrap();
    (kept, counted)
}

/// Each board column's totals line.
async fn column_totals(app: &TestApp, owner: &Owner) -> Vec<Value> {
    let board: Value = app.read(owner, "deals/board", &[("mine", "false")]).await.json().await.unwrap();
    board["columns"].as_array().unwrap().iter().map(|c| c["totals"].clone()).collect()
}

on_both_databases! {
    async fn the_kept_column_totals_follow_every_change_to_a_deal(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let stage = stages(&app, &ada).await;
        let engine = deal(&app, &ada, "Engine", "1000", "EUR", &stage[0].0).await;
        let boiler = deal(&app, &ada, "Boiler", "250", "EUR", &stage[0].0).await;
        let export = deal(&app, &ada, "Export", "300", "USD", &stage[1].0).await;
        assert_eq!(column_totals(&app, &ada).await[0], serde_json::json!(["1,250.00 EUR"]));

        // Moved, re-priced in another currency, trashed, restored, trashed and purged for good.
        assert_status(&app.act(&ada, "deals/move", &[("id", boiler.clone()), ("stage_id", stage[2].0.clone())]).await, StatusCode::OK);
        let update = [
            ("id", export.clone()), ("fields[name]", "Export".into()), ("fields[amount]", "400".into()),
            ("fields[currency]", "GBP".into()), ("fields[stage_id]", stage[1].0.clone()),
        ];
        assert_status(&app.act(&ada, "deals/update", &update).await, StatusCode::OK);
        let totals = column_totals(&app, &ada).await;
        assert_eq!((&totals[0], &totals[1], &totals[2]), (&serde_json::json!(["1,000.00 EUR"]), &serde_json::json!(["400.00 GBP"]), &serde_json::json!(["250.00 EUR"])));
        assert_status(&app.act(&ada, "trash/delete", &[("kind", "deal".into()), ("id", engine.clone())]).await, StatusCode::OK);
        assert_eq!(column_totals(&app, &ada).await[0], serde_json::json!([]));
        assert_status(&app.act(&ada, "trash/restore", &[("kind", "deal".into()), ("id", engine.clone())]).await, StatusCode::OK);
        assert_eq!(column_totals(&app, &ada).await[0], serde_json::json!(["1,000.00 EUR"]));
        assert_status(&app.act(&ada, "trash/delete", &[("kind", "deal".into()), ("id", boiler.clone())]).await, StatusCode::OK);
        app::ssr::db::trash::purge(&app.state.db.pool, i64::MAX).await.unwrap();
        assert_eq!(column_totals(&app, &ada).await[2], serde_json::json!([]));

        // The dashboard's open pipeline reads the same totals.
        let dashboard: Value = app.read(&ada, "dashboard/load", &[]).await.json().await.unwrap();
        let text = dashboard.to_string();
        assert!(text.contains("1,000.00") && text.contains("400.00"), "the open pipeline shows the live deals: {text}");
        let (kept, counted) = kept_and_counted(&app).await;
        assert_eq!(kept, counted);
    }
}
