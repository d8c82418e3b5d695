//! The workspace dashboard: open pipeline per stage, won and lost per month (and the deals'
//! `closed_at` behind it), the weighted forecast, my due activities, recent events, the home page.

use crate::helpers::*;
use crate::on_both_databases;
use reqwest::StatusCode;
use serde_json::{json, Value};

async fn stages(app: &TestApp, owner: &Owner) -> Vec<String> {
    let stages: Value = app.read(owner, "deals/stages", &[]).await.json().await.unwrap();
    stages.as_array().unwrap().iter().map(|s| s["id"].as_str().unwrap().to_owned()).collect()
}

async fn deal(app: &TestApp, owner: &Owner, name: &str, amount: &str, currency: &str, stage: &str, close: &str) -> String {
    let response = app.act(owner, "deals/create", &[
        ("fields[name]", name.into()), ("fields[amount]", amount.into()), ("fields[currency]", currency.into()),
        ("fields[stage_id]", stage.into()), ("fields[expected_close]", close.into()),
    ]).await;
    assert_status(&response, StatusCode::OK);
    response.json().await.unwrap()
}

async fn move_to(app: &TestApp, owner: &Owner, id: &str, stage: &str) {
    assert_status(&app.act(owner, "deals/move", &[("id", id.into()), ("stage_id", stage.into())]).await, StatusCode::OK);
}

async fn dashboard(app: &TestApp, owner: &Owner) -> Value {
    let response = app.read(owner, "dashboard/load", &[]).await;
    assert_status(&response, StatusCode::OK);
    response.json().await.unwrap()
}

async fn closed_at(app: &TestApp, id: &str) -> Option<i64> {
    let (at,): (Option<i64>,) = sqlx::query_as("select closed_at from deals where id = $1").bind(id).fetch_one(&app.state.db.pool).await.unwrap();
    at
}

/// The shown amounts of a list of `Amount`s.
fn shown(amounts: &Value) -> Vec<String> {
    amounts.as_array().unwrap().iter().map(|a| a["shown"].as_str().unwrap().to_owned()).collect()
}

on_both_databases! {
    async fn the_pipeline_counts_and_sums_each_open_stage_per_currency(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let empty = dashboard(&app, &ada).await;
        assert_eq!(empty["is_new"], true);
        assert_eq!(empty["pipeline"].as_array().unwrap().len(), 4, "every open stage, even without deals");
        let stage = stages(&app, &ada).await;
        deal(&app, &ada, "Big engine", "12,500.50", "EUR", &stage[0], "").await;
        deal(&app, &ada, "Small engine", "1.000,25", "EUR", &stage[0], "").await;
        deal(&app, &ada, "Export engine", "300", "USD", &stage[0], "").await;
        deal(&app, &ada, "Later", "5", "EUR", &stage[2], "").await;
        deal(&app, &ada, "Done", "999", "EUR", &stage[4], "").await;
        let trashed = deal(&app, &ada, "Trashed", "7", "EUR", &stage[2], "").await;
        assert_status(&app.act(&ada, "trash/delete", &[("kind", "deal".into()), ("id", trashed)]).await, StatusCode::OK);

        let board = dashboard(&app, &ada).await;
        assert_eq!(board["is_new"], false);
        assert_eq!(board["currency"], "EUR");
        let pipeline = board["pipeline"].as_array().unwrap();
        let names: Vec<&str> = pipeline.iter().map(|s| s["name"].as_str().unwrap()).collect();
        assert_eq!(names, ["Qualification", "Meeting", "Proposal", "Negotiation"]);
        assert_eq!(pipeline[0]["deals"], 3);
        assert_eq!(shown(&pipeline[0]["amounts"]), ["13,500.75 EUR", "300.00 USD"]);
        assert_eq!(pipeline[0]["amounts"][0]["minor"], 1_350_075);
        assert_eq!((pipeline[1]["deals"].clone(), pipeline[1]["amounts"].clone()), (json!(0), json!([])));
        assert_eq!(pipeline[2]["deals"], 1);
        assert_eq!(shown(&pipeline[2]["amounts"]), ["5.00 EUR"]);
    }
}

on_both_databases! {
    async fn a_won_deal_counts_in_its_month_until_it_is_reopened(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let stage = stages(&app, &ada).await;
        let id = deal(&app, &ada, "Engine", "1,500", "EUR", &stage[0], "").await;
        assert_eq!(closed_at(&app, &id).await, None);
        let board = dashboard(&app, &ada).await;
        let months = board["months"].as_array().unwrap();
        assert_eq!(months.len(), 12);
        assert_eq!((months[0]["month"].clone(), months[11]["month"].clone()), (json!("2025-12"), json!("2026-11")));
        assert!(months.iter().all(|m| m["won"] == 0 && m["lost"] == 0));

        app.advance_minutes(1);
        move_to(&app, &ada, &id, &stage[4]).await;
        let won_at = START_MS + 60_000;
        assert_eq!(closed_at(&app, &id).await, Some(won_at));
        let board = dashboard(&app, &ada).await;
        let november = &board["months"][11];
        assert_eq!((november["won"].clone(), november["won_minor"].clone(), november["lost"].clone()), (json!(1), json!(150_000), json!(0)));
        assert_eq!(board["pipeline"][0]["deals"], 0, "a won deal is no longer open");

        // Saving the won deal again keeps the day it was won.
        app.advance_minutes(1);
        let saved = app.act(&ada, "deals/update", &[
            ("id", id.clone()), ("fields[name]", "Engine, signed".into()), ("fields[amount]", "1,500".into()),
            ("fields[currency]", "EUR".into()), ("fields[stage_id]", stage[4].clone()),
        ]).await;
        assert_status(&saved, StatusCode::OK);
        assert_eq!(closed_at(&app, &id).await, Some(won_at));

        // Lost instead: closed again, now.
        app.advance_minutes(1);
        move_to(&app, &ada, &id, &stage[5]).await;
        assert_eq!(closed_at(&app, &id).await, Some(START_MS + 3 * 60_000));
        let november = &dashboard(&app, &ada).await["months"][11];
        assert_eq!((november["won"].clone(), november["lost"].clone(), november["lost_minor"].clone()), (json!(0), json!(1), json!(150_000)));

        // Back on the pipeline: open again, no longer closed in any month.
        move_to(&app, &ada, &id, &stage[1]).await;
        assert_eq!(closed_at(&app, &id).await, None);
        let board = dashboard(&app, &ada).await;
        assert!(board["months"].as_array().unwrap().iter().all(|m| m["won"] == 0 && m["lost"] == 0));
        assert_eq!(board["pipeline"][1]["deals"], 1);

        // A deal created straight into Won is closed from the start.
        let signed = deal(&app, &ada, "Signed", "10", "EUR", &stage[4], "").await;
        assert_eq!(closed_at(&app, &signed).await, Some(START_MS + 3 * 60_000));
    }
}

on_both_databases! {
    async fn the_forecast_weighs_open_deals_closing_this_and_next_quarter(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let stage = stages(&app, &ada).await;
        deal(&app, &ada, "Half likely", "10,000.00", "EUR", &stage[2], "2026-12-15").await; // 50 %
        deal(&app, &ada, "Early", "100", "EUR", &stage[0], "2026-10-01").await; // 10 %
        deal(&app, &ada, "Abroad", "1,000", "USD", &stage[3], "2027-03-31").await; // 75 %
        deal(&app, &ada, "Someday", "5,000", "EUR", &stage[2], "").await;
        deal(&app, &ada, "Too late", "5,000", "EUR", &stage[2], "2027-04-01").await;
        deal(&app, &ada, "Already won", "5,000", "EUR", &stage[4], "2026-12-01").await;
        let board = dashboard(&app, &ada).await;
        let this = &board["forecast"][0];
        assert_eq!((this["label"].clone(), this["first_day"].clone(), this["last_day"].clone()), (json!("Q4 2026"), json!("2026-10-01"), json!("2026-12-31")));
        assert_eq!(shown(&this["amounts"]), ["5,010.00 EUR"]);
        let next = &board["forecast"][1];
        assert_eq!(next["label"], "Q1 2027");
        assert_eq!(shown(&next["amounts"]), ["750.00 USD"]);
    }
}

/// The dashboard's closed and forecast figures for the whole workspace (read from the daily totals
/// the triggers keep) and for one owner (added up from the deals themselves), for the twelve
/// months and two quarters the dashboard shows.
async fn kept_and_counted_periods(app: &TestApp, slug: &str, owner_id: &str) -> [(Vec<(String, i64, i64, i64, String)>, Vec<(usize, String, i64)>); 2] {
    use app::ssr::db::dashboard::{closed_in_periods, weighted_in_periods};
    let pool = &app.state.db.pool;
    let (workspace_id,): (String,) = sqlx::query_as("select id from workspaces where slug = $1").bind(slug).fetch_one(pool).await.unwrap();
    let month_starts: Vec<i64> = (0..=12).map(|n| START_MS - START_MS % 86_400_000 + (n - 11) * 30 * 86_400_000).collect();
    let quarter_starts = ["2026-10-01", "2027-01-01", "2027-04-01"].map(String::from);
    let mut both = Vec::new();
    for visible_to in [None, Some(owner_id)] {
        let mut closed: Vec<_> = closed_in_periods(pool, &workspace_id, visible_to, &month_starts)
            .await
            .unwrap()
            .into_iter()
            .map(|row| (row.kind, row.closed_at, row.deals, row.amount_minor, row.currency))
            .collect();
        closed.sort();
        both.push((closed, weighted_in_periods(pool, &workspace_id, visible_to, &quarter_starts).await.unwrap()));
    }
    [both.remove(0), both.remove(0)]
}

on_both_databases! {
    async fn the_kept_daily_totals_follow_every_change_to_a_deal(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let (ada_id,): (String,) =
            sqlx::query_as("select id from users where email = $1").bind("ada@example.com").fetch_one(&app.state.db.pool).await.unwrap();
        let stage = stages(&app, &ada).await;
        let engine = deal(&app, &ada, "Engine", "1,000", "EUR", &stage[2], "2026-12-15").await;
        let boiler = deal(&app, &ada, "Boiler", "250", "EUR", &stage[0], "2027-02-01").await;
        let export = deal(&app, &ada, "Export", "300", "USD", &stage[4], "2026-11-30").await;
        let spare = deal(&app, &ada, "Spare", "40", "EUR", &stage[5], "").await;
        let check = |step: &'static str| {
            let app = &app;
            let (slug, ada_id) = (ada.slug.clone(), ada_id.clone());
            async move {
                let [kept, counted] = kept_and_counted_periods(app, &slug, &ada_id).await;
                assert_eq!(kept, counted, "after {step}");
                kept
            }
        };
        let (closed, weighted) = check("creating").await;
        assert_eq!(closed.len(), 2, "the won and the lost deal: {closed:?}");
        assert_eq!(weighted, [(0, "EUR".to_owned(), 100_000 * 50), (1, "EUR".to_owned(), 25_000 * 10)]);

        // Won a minute later, re-priced in another currency with a new date, reopened, lost.
        app.advance_minutes(1);
        move_to(&app, &ada, &engine, &stage[4]).await;
        check("winning").await;
        let update = [
            ("id", boiler.clone()), ("fields[name]", "Boiler".into()), ("fields[amount]", "400".into()),
            ("fields[currency]", "GBP".into()), ("fields[stage_id]", stage[3].clone()), ("fields[expected_close]", "2027-03-01".into()),
        ];
        assert_status(&app.act(&ada, "deals/update", &update).await, StatusCode::OK);
        check("re-pricing").await;
        move_to(&app, &ada, &export, &stage[1]).await;
        check("reopening").await;
        move_to(&app, &ada, &spare, &stage[4]).await;
        check("winning a lost deal").await;

        // Trashed, restored, trashed and purged for good.
        assert_status(&app.act(&ada, "trash/delete", &[("kind", "deal".into()), ("id", engine.clone())]).await, StatusCode::OK);
        let (closed, _) = check("trashing").await;
        assert_eq!(closed.iter().map(|row| row.3).sum::<i64>(), 4_000, "only the spare is closed: {closed:?}");
        assert_status(&app.act(&ada, "trash/restore", &[("kind", "deal".into()), ("id", engine.clone())]).await, StatusCode::OK);
        check("restoring").await;
        assert_status(&app.act(&ada, "trash/delete", &[("kind", "deal".into()), ("id", boiler.clone())]).await, StatusCode::OK);
        app::ssr::db::trash::purge(&app.state.db.pool, i64::MAX).await.unwrap();
        let (closed, weighted) = check("purging").await;
        assert_eq!(closed.iter().map(|row| row.2).sum::<i64>(), 2, "the engine and the spare are won: {closed:?}");
        assert_eq!(weighted, [(0, "USD".to_owned(), 30_000 * 25)], "the reopened export is in Meeting, 25 %");
    }
}

on_both_databases! {
    async fn another_workspaces_deals_and_events_never_appear(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let grace = app.owner("grace@example.com", "Compilers").await;
        let stage = stages(&app, &grace).await;
        deal(&app, &grace, "Compiler", "100", "EUR", &stage[2], "2026-12-01").await;
        let won = deal(&app, &grace, "Linker", "100", "EUR", &stage[0], "").await;
        move_to(&app, &grace, &won, &stage[4]).await;
        assert_eq!(dashboard(&app, &grace).await["recent"].as_array().unwrap().len(), 3);

        let board = dashboard(&app, &ada).await;
        assert_eq!(board["is_new"], true);
        assert!(board["pipeline"].as_array().unwrap().iter().all(|s| s["deals"] == 0));
        assert!(board["months"].as_array().unwrap().iter().all(|m| m["won"] == 0));
        assert!(board["forecast"].as_array().unwrap().iter().all(|q| q["amounts"] == json!([])));
        assert_eq!(board["recent"], json!([]));
        // Nor can anyone read a workspace they do not belong to.
        let response = ada.client.get(app.url("/api/dashboard/load")).query(&[("slug", grace.slug.as_str())]).send().await.unwrap();
        assert_status(&response, StatusCode::NOT_FOUND);
    }
}

/// Adds an activity straight to the database (its own API is not what is tested here).
async fn activity(app: &TestApp, owner: &Owner, subject: &str, due_at: Option<i64>, done: bool, deleted: bool, mine: bool) -> String {
    let (workspace_id, user_id): (String, String) = sqlx::query_as(
        "select w.id, m.user_id from workspaces w join memberships m on m.workspace_id = w.id where w.slug = $1",
    )
    .bind(&owner.slug)
    .fetch_one(&app.state.db.pool)
    .await
    .unwrap();
    let id = uuid::Uuid::now_v7().to_string();
    sqlx::query(
        "insert into activities (workspace_id, id, kind, subject, description, due_at, done_at, assignee_id, owner_id, \
         created_at, updated_at, deleted_at) values ($1, $2, 'call', $3, '', $4, $5, $6, $7, $8, $8, $9)",
    )
    .bind(workspace_id)
    .bind(&id)
    .bind(subject)
    .bind(due_at)
    .bind(done.then_some(START_MS))
    .bind(mine.then(|| user_id.clone()))
    .bind(&user_id)
    .bind(START_MS)
    .bind(deleted.then_some(START_MS))
    .execute(&app.state.db.pool)
    .await
    .unwrap();
    id
}

on_both_databases! {
    async fn my_overdue_and_due_today_activities_are_listed(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let hour = 3_600_000;
        app.advance_minutes(10 * 60); // 10:00 UTC; the idle session has ended meanwhile
        assert_status(&app.sign_in_with(&ada.client, "ada@example.com", PASSWORD).await, StatusCode::OK);
        let last_week = activity(&app, &ada, "Call back", Some(START_MS - 7 * 24 * hour), false, false, true).await;
        let this_morning = activity(&app, &ada, "Morning call", Some(START_MS + hour), false, false, true).await;
        let tonight = activity(&app, &ada, "Evening call", Some(START_MS + 23 * hour), false, false, true).await;
        activity(&app, &ada, "Tomorrow", Some(START_MS + 25 * hour), false, false, true).await;
        activity(&app, &ada, "Done already", Some(START_MS + hour), true, false, true).await;
        activity(&app, &ada, "In the trash", Some(START_MS + hour), false, true, true).await;
        activity(&app, &ada, "Someone else's", Some(START_MS + hour), false, false, false).await;
        activity(&app, &ada, "Whenever", None, false, false, true).await;
        let board = dashboard(&app, &ada).await;
        let ids = |list: &Value| list["items"].as_array().unwrap().iter().map(|a| a["id"].as_str().unwrap().to_owned()).collect::<Vec<_>>();
        assert_eq!(ids(&board["overdue"]), [last_week, this_morning]);
        assert_eq!(ids(&board["due_today"]), [tonight]);
        assert_eq!(board["due_today"]["items"][0]["subject"], "Evening call");
        assert_eq!(board["overdue"]["more"], false);
        let page = app.get_as(&ada, &format!("/w/{}", ada.slug)).await;
        assert!(page.contains("Evening call"), "{page}");
    }
}

on_both_databases! {
    async fn recent_events_name_their_live_records_newest_first(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let stage = stages(&app, &ada).await;
        let company = app.company(&ada, "Babbage & Co").await;
        app.advance_minutes(1);
        let contact = app.contact(&ada, "Charles", "Babbage", "charles@example.com").await;
        app.advance_minutes(1);
        let id = deal(&app, &ada, "Engine", "1", "EUR", &stage[0], "").await;
        app.advance_minutes(1);
        move_to(&app, &ada, &id, &stage[1]).await;
        let recent = dashboard(&app, &ada).await["recent"].clone();
        let seen: Vec<(String, String, String)> = recent.as_array().unwrap().iter()
            .map(|e| (e["action"].as_str().unwrap().into(), e["kind"].as_str().unwrap().into(), e["record_name"].as_str().unwrap().into()))
            .collect();
        assert_eq!(seen, [
            ("moved".into(), "deal".into(), "Engine".into()),
            ("created".into(), "deal".into(), "Engine".into()),
            ("created".into(), "contact".into(), "Charles Babbage".into()),
            ("created".into(), "company".into(), "Babbage & Co".into()),
        ]);
        assert_eq!(recent[0]["actor_name"], "Ada Lovelace");
        assert_eq!(recent[2]["record_id"], contact);
        // A record in the trash drops out.
        app.advance_minutes(1);
        assert_status(&app.act(&ada, "trash/delete", &[("kind", "company".into()), ("id", company)]).await, StatusCode::OK);
        let recent = dashboard(&app, &ada).await["recent"].clone();
        assert!(recent.as_array().unwrap().iter().all(|e| e["kind"] != "company"), "{recent}");
    }
}

on_both_databases! {
    async fn the_home_page_draws_the_charts_with_text_alternatives(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let home = format!("/w/{}", ada.slug);
        let page = app.get_as(&ada, &home).await;
        assert!(page.contains("Getting started"));
        assert!(page.contains("No open deals"));
        assert!(page.contains("Nothing overdue or due today"));

        let stage = stages(&app, &ada).await;
        deal(&app, &ada, "Engine", "100", "EUR", &stage[0], "2026-12-01").await;
        let won = deal(&app, &ada, "Mill", "250", "EUR", &stage[0], "").await;
        move_to(&app, &ada, &won, &stage[4]).await;
        // Without the empty comments hydration puts between texts.
        let page = app.get_as(&ada, &home).await.replace("<!>", "");
        assert!(!page.contains("Getting started"));
        assert!(page.contains("<svg"));
        assert!(page.contains(r#"aria-label="Open pipeline value by stage, in EUR""#), "{page}");
        assert!(page.contains("<figcaption>Open pipeline value by stage, in EUR</figcaption>"), "{page}");
        assert!(page.contains(r#"<th scope="row">Qualification</th><td>1 deal · 100.00 EUR</td>"#), "the chart's table");
        assert!(page.contains("<figcaption>Deals won and lost per month, last 12 months</figcaption>"));
        assert!(page.contains(r#"<th scope="row">Nov 2026</th><td>1 (250.00 EUR)</td><td>0 (0.00 EUR)</td>"#), "the table of months");
        assert!(page.contains(r#"<dd class="forecast-amount">10.00 EUR</dd>"#), "the weighted forecast");
        assert!(page.contains(&format!("/w/{}/deals/{won}", ada.slug)), "recent activity links the deal");
    }
}
