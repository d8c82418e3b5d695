//! Deleting an account: the password, the 30 pending days (sign-in leads only to the pending page,
//! every workspace function refuses), cancelling, sole owners transferring first, the reminders
//! (each once), the purge (checked against every table and column of the schema, with an
//! unrelated workspace byte-identical), and the operators' under-16 mark.

use crate::helpers::*;
use crate::on_both_databases;
use crate::roles::{user_id, workspace_id};
use app::ssr::config::Config;
use app::ssr::db::Dialect;
use app::ssr::mail::transport::Mailer;
use reqwest::{Response, StatusCode};
use serde_json::Value;

const DAY_MINUTES: i64 = 24 * 60;
const DAY_MS: i64 = 86_400_000;
const OPERATOR: &str = "operator@nexacrm.example";
const ADA: &str = "ada@engines.example";

/// Signs up `email` as `name`, with a workspace `organisation` of their own.
async fn person(app: &TestApp, email: &str, name: &str, organisation: &str) -> Owner {
    let client = browser(&app.base);
    let mut form = signup_form(email);
    form.retain(|(field, _)| *field != "organisation" && *field != "full_name");
    form.push(("organisation", organisation.to_owned()));
    form.push(("full_name", name.to_owned()));
    let response = app.call_with(&client, "auth/sign-up", &form).await;
    assert_status(&response, StatusCode::OK);
    let slug = location(&response).trim_start_matches("/w/").to_owned();
    Owner { client, slug }
}

fn location(response: &Response) -> String {
    response.headers().get("location").map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default()
}

async fn request_deletion(app: &TestApp, owner: &Owner, password: &str) -> Response {
    app.call_with(&owner.client, "deletion/request", &[("password", password.to_owned())]).await
}

async fn add_member(app: &TestApp, workspace_id: &str, user_id: &str, role: &str) {
    sqlx::query("insert into memberships (workspace_id, user_id, role, created_at) values ($1, $2, $3, $4)")
        .bind(workspace_id)
        .bind(user_id)
        .bind(role)
        .bind(START_MS)
        .execute(&app.state.db.pool)
        .await
        .unwrap();
}

/// (to, subject, text) of the outbox mails of a kind, oldest first.
async fn mails(app: &TestApp, kind: &str) -> Vec<(String, String, String)> {
    sqlx::query_as("select to_address, subject, text_body from mail_outbox where kind = $1 order by created_at, id")
        .bind(kind)
        .fetch_all(&app.state.db.pool)
        .await
        .unwrap()
}

async fn due_at(app: &TestApp, email: &str) -> Option<i64> {
    let (due,): (Option<i64>,) = sqlx::query_as("select deletion_due_at from users where email = $1").bind(email).fetch_one(&app.state.db.pool).await.unwrap();
    due
}

async fn session_count(app: &TestApp, user_id: &str) -> i64 {
    let (count,): (i64,) = sqlx::query_as("select count(*) from sessions where user_id = $1").bind(user_id).fetch_one(&app.state.db.pool).await.unwrap();
    count
}

async fn user_exists(app: &TestApp, user_id: &str) -> bool {
    let row: Option<(String,)> = sqlx::query_as("select id from users where id = $1").bind(user_id).fetch_optional(&app.state.db.pool).await.unwrap();
    row.is_some()
}

fn is_redirect_to(response: &Response, path: &str) -> bool {
    response.status().is_redirection() && location(response) == path
}

on_both_databases! {
    async fn deleting_needs_the_password_then_signs_out_everywhere_and_confirms_by_mail(app: TestApp) {
        let ada = person(&app, ADA, "Ada Lovelace", "Engines").await;
        let ada_id = user_id(&app, ADA).await;
        let other_tab = browser(&app.base);
        assert_status(&app.sign_in_with(&other_tab, ADA, PASSWORD).await, StatusCode::OK);
        assert_eq!(session_count(&app, &ada_id).await, 2);

        for wrong in ["", "not the password"] {
            let response = request_deletion(&app, &ada, wrong).await;
            assert_status(&response, StatusCode::UNPROCESSABLE_ENTITY);
            assert!(error_json(response).await["fields"]["password"].is_string());
        }
        assert_eq!(due_at(&app, ADA).await, None, "nothing changes");
        assert_eq!(session_count(&app, &ada_id).await, 2);
        assert!(mails(&app, "deletion_requested").await.is_empty());

        let response = request_deletion(&app, &ada, PASSWORD).await;
        assert_status(&response, StatusCode::OK);
        assert_eq!(location(&response), "/account/deletion?requested=1");
        assert!(session_set_cookie(&response).is_some_and(|c| c.contains("Max-Age=0")), "the cookie is cleared");
        assert_eq!(due_at(&app, ADA).await, Some(START_MS + 30 * DAY_MS));
        assert_eq!(session_count(&app, &ada_id).await, 0, "every session ended");
        for client in [&ada.client, &other_tab] {
            let list = client.get(app.url("/api/contacts/list")).query(&[("slug", ada.slug.as_str()), ("q", ""), ("after", "")]).send().await.unwrap();
            assert_status(&list, StatusCode::UNAUTHORIZED);
        }
        let sent = mails(&app, "deletion_requested").await;
        assert_eq!(sent.len(), 1);
        assert_eq!((sent[0].0.as_str(), sent[0].1.as_str()), (ADA, "Your NexaCRM account will be deleted"));
        assert!(sent[0].2.contains("2026-12-27 00:00 UTC") && sent[0].2.contains(&format!("{}/signin", app.base)), "{}", sent[0].2);

        // Signed out, the page says what happens next.
        let page = ada.client.get(app.url("/account/deletion?requested=1")).send().await.unwrap().text().await.unwrap();
        assert!(page.contains("deleted in 30 days") && page.contains("Sign in"), "{page}");
    }
}

on_both_databases! {
    async fn a_pending_account_reaches_only_its_deletion_page_until_it_cancels(app: TestApp) {
        let ada = person(&app, ADA, "Ada Lovelace", "Engines").await;
        app.contact(&ada, "Grace", "Hopper", "grace@navy.example").await;
        assert_status(&request_deletion(&app, &ada, PASSWORD).await, StatusCode::OK);

        let next = format!("/w/{}/contacts", ada.slug);
        let signed_in = app.call_with(&ada.client, "auth/sign-in", &[("email", ADA.into()), ("password", PASSWORD.into()), ("next", next.clone())]).await;
        assert_status(&signed_in, StatusCode::OK);
        assert_eq!(location(&signed_in), "/account/deletion", "sign-in works and leads to the pending page");

        // Workspace functions, account settings and workspace pages refuse.
        assert_status(&app.read(&ada, "contacts/list", &[("q", ""), ("after", "")]).await, StatusCode::FORBIDDEN);
        assert_status(&app.read(&ada, "workspaces/shell", &[]).await, StatusCode::FORBIDDEN);
        assert_status(&app.read(&ada, "members/list", &[]).await, StatusCode::FORBIDDEN);
        assert_status(&app.act(&ada, "contacts/create", &[("fields[first_name]", "New".into()), ("fields[status]", "lead".into())]).await, StatusCode::FORBIDDEN);
        assert_status(&ada.client.get(app.url("/api/account/sessions")).send().await.unwrap(), StatusCode::FORBIDDEN);
        for page in [format!("/w/{}", ada.slug), next.clone()] {
            let response = ada.client.get(app.url(&page)).header("accept", "text/html").send().await.unwrap();
            assert!(is_redirect_to(&response, "/account/deletion"), "{page}: {} {:?}", response.status(), location(&response));
        }

        // The pending page: the date, the download, cancel; no way into the workspace.
        let page = app.get_as(&ada, "/account/deletion").await;
        for expected in ["Your account will be deleted", "2026-12-27 00:00 UTC", "Download my data", "Cancel deletion"] {
            assert!(page.contains(expected), "{expected}: {page}");
        }
        assert!(!page.contains(&format!("/w/{}", ada.slug)), "no workspace link");
        let status: Value = ada.client.get(app.url("/api/deletion/status")).send().await.unwrap().json().await.unwrap();
        assert_eq!(status["due_at"].as_i64(), Some(START_MS + 30 * DAY_MS));
        // Downloading one's data still works.
        assert_status(&app.call_with(&ada.client, "exports/request-mine", &[]).await, StatusCode::OK);
        app::ssr::exports::run_pending(&app.state).await.unwrap();
        let exports: Value = ada.client.get(app.url("/api/exports/mine")).send().await.unwrap().json().await.unwrap();
        let url = exports["exports"][0]["download_url"].as_str().unwrap_or_else(|| panic!("{exports}")).to_owned();
        let archive = download_export(&app, &ada.client, &url).await;
        assert_status(&archive, StatusCode::OK);
        assert!(archive.bytes().await.unwrap().starts_with(b"PK"), "a ZIP archive");

        let cancelled = app.call_with(&ada.client, "deletion/cancel", &[]).await;
        assert_status(&cancelled, StatusCode::OK);
        assert_eq!(location(&cancelled), format!("/w/{}", ada.slug));
        assert_eq!(due_at(&app, ADA).await, None);
        let list: Value = app.read(&ada, "contacts/list", &[("q", ""), ("after", "")]).await.json().await.unwrap();
        assert_eq!(list["rows"].as_array().unwrap().len(), 1, "back to normal");
        assert_status(&ada.client.get(app.url(&next)).send().await.unwrap(), StatusCode::OK);
        let sent = mails(&app, "deletion_cancelled").await;
        assert_eq!(sent.len(), 1);
        assert_eq!((sent[0].0.as_str(), sent[0].1.as_str()), (ADA, "Your NexaCRM account will not be deleted"));
        assert_status(&app.call_with(&ada.client, "deletion/cancel", &[]).await, StatusCode::CONFLICT);
    }
}

on_both_databases! {
    async fn the_only_owner_of_a_shared_workspace_must_transfer_it_first(app: TestApp) {
        let ada = person(&app, ADA, "Ada Lovelace", "Engines").await;
        person(&app, "bea@looms.example", "Bea Baker", "Looms").await;
        let (engines, bea_id) = (workspace_id(&app, &ada.slug).await, user_id(&app, "bea@looms.example").await);
        add_member(&app, &engines, &bea_id, "member").await;
        let status: Value = ada.client.get(app.url("/api/deletion/status")).send().await.unwrap().json().await.unwrap();
        assert_eq!(status["transfer_first"][0]["name"], "Engines");

        let refused = request_deletion(&app, &ada, PASSWORD).await;
        assert_status(&refused, StatusCode::CONFLICT);
        let message = error_json(refused).await["message"].as_str().unwrap().to_owned();
        assert!(message.contains("“Engines”") && message.contains("Transfer ownership") && message.contains("Members and workspace"), "{message}");
        assert_eq!(due_at(&app, ADA).await, None, "nothing changes");
        assert_eq!(session_count(&app, &user_id(&app, ADA).await).await, 1);

        assert_status(&app.act(&ada, "members/transfer", &[("user_id", bea_id)]).await, StatusCode::OK);
        assert_status(&request_deletion(&app, &ada, PASSWORD).await, StatusCode::OK);
        assert!(due_at(&app, ADA).await.is_some());
    }
}

on_both_databases! {
    async fn reminders_go_seven_days_and_one_day_before_each_once(app: TestApp) {
        let ada = person(&app, ADA, "Ada Lovelace", "Engines").await;
        let ada_id = user_id(&app, ADA).await;
        assert_status(&request_deletion(&app, &ada, PASSWORD).await, StatusCode::OK);
        let subjects = || async { mails(&app, "deletion_reminder").await.into_iter().map(|(to, subject, _)| { assert_eq!(to, ADA); subject }).collect::<Vec<_>>() };

        app.advance_minutes(22 * DAY_MINUTES);
        server::jobs::run_once(&app.state).await;
        assert!(subjects().await.is_empty(), "nothing at day 22");
        app.advance_minutes(DAY_MINUTES);
        server::jobs::run_once(&app.state).await;
        server::jobs::run_once(&app.state).await;
        assert_eq!(subjects().await, ["Your NexaCRM account will be deleted in 7 days"]);
        app.advance_minutes(6 * DAY_MINUTES);
        server::jobs::run_once(&app.state).await;
        server::jobs::run_once(&app.state).await;
        assert_eq!(subjects().await, ["Your NexaCRM account will be deleted in 7 days", "Your NexaCRM account will be deleted tomorrow"]);
        let (seven, one): (Option<i64>, Option<i64>) =
            sqlx::query_as("select deletion_reminded_7_at, deletion_reminded_1_at from users where id = $1").bind(&ada_id).fetch_one(&app.state.db.pool).await.unwrap();
        assert_eq!((seven, one), (Some(START_MS + 23 * DAY_MS), Some(START_MS + 29 * DAY_MS)), "recorded when sent");

        app.advance_minutes(DAY_MINUTES - 1);
        server::jobs::run_once(&app.state).await;
        assert!(user_exists(&app, &ada_id).await, "not before 30 days");
        assert!(mails(&app, "account_deleted").await.is_empty());
        app.advance_minutes(1);
        server::jobs::run_once(&app.state).await;
        assert!(!user_exists(&app, &ada_id).await, "purged at 30 days");
        let done = mails(&app, "account_deleted").await;
        assert_eq!(done.len(), 1);
        assert_eq!((done[0].0.as_str(), done[0].1.as_str()), (ADA, "Your NexaCRM account has been deleted"));
        assert!(mails(&app, "deletion_reminder").await.is_empty(), "mail to the address goes with the account");
        server::jobs::run_once(&app.state).await;
        assert_eq!(mails(&app, "account_deleted").await.len(), 1, "purged once");
    }
}

/// Every (table, column) of the schema, read from the database itself.
async fn schema_columns(app: &TestApp) -> Vec<(String, String)> {
    let pool = &app.state.db.pool;
    match app.state.db.dialect {
        Dialect::Sqlite => {
            let tables: Vec<(String,)> = sqlx::query_as("select name from sqlite_master where type = 'table' order by name").fetch_all(pool).await.unwrap();
            let mut columns = Vec::new();
            for (table,) in tables {
                let names: Vec<(String,)> = sqlx::query_as("select name from pragma_table_info($1) order by cid").bind(&table).fetch_all(pool).await.unwrap();
                columns.extend(names.into_iter().map(|(column,)| (table.clone(), column)));
            }
            columns
        }
        Dialect::Postgres => sqlx::query_as(
            "select table_name::text, column_name::text from information_schema.columns where table_schema = 'public' order by table_name, ordinal_position",
        )
        .fetch_all(pool)
        .await
        .unwrap(),
    }
}

/// The (table, column) pairs where some value, read as text, equals `id` or (lower-cased)
/// contains `text`.
async fn columns_holding(app: &TestApp, id: &str, text: &str) -> (Vec<String>, Vec<String>) {
    let (mut with_id, mut with_text) = (Vec::new(), Vec::new());
    for (table, column) in schema_columns(app).await {
        let sql = format!(
            "select count(*) from \"{table}\" where cast(\"{column}\" as text) = $1 or lower(cast(\"{column}\" as text)) like $2"
        );
        let (count,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(sql.clone())).bind(id).bind(format!("%{}%", text.to_lowercase())).fetch_one(&app.state.db.pool).await.unwrap();
        if count == 0 {
            continue;
        }
        let (ids,): (i64,) = sqlx::query_as(sqlx::AssertSqlSafe(format!("select count(*) from \"{table}\" where cast(\"{column}\" as text) = $1"))).bind(id).fetch_one(&app.state.db.pool).await.unwrap();
        if ids > 0 {
            with_id.push(format!("{table}.{column}"));
        }
        if ids < count {
            with_text.push(format!("{table}.{column}"));
        }
    }
    (with_id, with_text)
}

/// Every row of every table that has a `workspace_id`, for that workspace, as ordered text.
async fn workspace_dump(app: &TestApp, workspace_id: &str) -> Vec<String> {
    let columns = schema_columns(app).await;
    let tables: std::collections::BTreeSet<&String> = columns.iter().filter(|(_, c)| c == "workspace_id").map(|(t, _)| t).collect();
    let mut dump = Vec::new();
    for table in tables {
        let row_text: Vec<String> = columns
            .iter()
            .filter(|(t, _)| t == table)
            .map(|(_, c)| format!("coalesce(cast(\"{c}\" as text), '<null>')"))
            .collect();
        let sql = format!("select '{table}: ' || {} from \"{table}\" where workspace_id = $1 order by 1", row_text.join(" || ' | ' || "));
        let rows: Vec<(String,)> = sqlx::query_as(sqlx::AssertSqlSafe(sql)).bind(workspace_id).fetch_all(&app.state.db.pool).await.unwrap();
        dump.extend(rows.into_iter().map(|(row,)| row));
    }
    dump
}

/// The token in the newest invitation mail to `email`.
async fn invitation_token(app: &TestApp, email: &str) -> String {
    let (text,): (String,) = sqlx::query_as("select text_body from mail_outbox where kind = 'invitation' and to_address = $1 order by created_at desc, id desc limit 1")
        .bind(email)
        .fetch_one(&app.state.db.pool)
        .await
        .unwrap();
    let start = text.find("/invite/").unwrap() + "/invite/".len();
    text[start..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_').collect()
}

on_both_databases! {
    async fn after_30_days_no_row_anywhere_names_the_person_and_other_workspaces_keep_their_records(app: TestApp) {
        let pool = app.state.db.pool.clone();
        // Cyd's workspace has nothing to do with Ada.
        let cyd = person(&app, "cyd@gears.example", "Cyd Cole", "Gears").await;
        let gus = app.contact(&cyd, "Gus", "Gear", "gus@gears.example").await;
        let note = |id: &str, body: &str| vec![("record_kind", "contact".to_owned()), ("record_id", id.to_owned()), ("body", body.to_owned())];
        assert_status(&app.act(&cyd, "notes/create", &note(&gus, "Unrelated note")).await, StatusCode::OK);
        // Bea's workspace, where Ada is an admin through an invitation.
        let bea = person(&app, "bea@looms.example", "Bea Baker", "Looms").await;
        let bea_id = user_id(&app, "bea@looms.example").await;
        // Ada: alone in Engines, with sessions in two browsers.
        let ada = person(&app, ADA, "Ada Lovelace", "Engines").await;
        let ada_id = user_id(&app, ADA).await;
        let engines = workspace_id(&app, &ada.slug).await;
        app.contact(&ada, "Solo", "Client", "solo@client.example").await;
        assert_status(&app.sign_in_with(&browser(&app.base), ADA, PASSWORD).await, StatusCode::OK);
        assert_status(&app.act(&bea, "invitations/create", &[("email", ADA.into()), ("role", "admin".into())]).await, StatusCode::OK);
        let token = invitation_token(&app, ADA).await;
        assert_status(&app.call_with(&ada.client, "invitations/accept", &[("token", token)]).await, StatusCode::OK);
        let ada_in_looms = Owner { client: ada.client.clone(), slug: bea.slug.clone() };

        // What Ada does in Looms: a contact with a note and an activity, a contact Bea then takes
        // over, a company she moves to the trash, an invitation, a support message, a survey answer.
        let kept = app.contact(&ada_in_looms, "Kept", "Customer", "kept@customer.example").await;
        assert_status(&app.act(&ada_in_looms, "notes/create", &note(&kept, "Met at the fair")).await, StatusCode::OK);
        let activity = app.act(&ada_in_looms, "activities/create", &[
            ("fields[kind]", "call".into()), ("fields[subject]", "Follow up".into()), ("fields[due]", "2026-12-01T10:00".into()), ("fields[contact_id]", kept.clone()),
        ]).await;
        assert_status(&activity, StatusCode::OK);
        let activity_id: String = activity.json().await.unwrap();
        let handed = app.contact(&ada_in_looms, "Handed", "Over", "handed@customer.example").await;
        let take_over = [("kind", "contact".to_owned()), ("ids[0]", handed.clone()), ("action", "owner".to_owned()), ("owner_id", bea_id.clone())];
        assert_status(&app.act(&bea, "records/bulk", &take_over).await, StatusCode::OK);
        let company = app.company(&ada_in_looms, "Trashed Co").await;
        assert_status(&app.act(&ada_in_looms, "trash/delete", &[("kind", "company".into()), ("id", company.clone())]).await, StatusCode::OK);
        assert_status(&app.act(&ada_in_looms, "invitations/create", &[("email", "dan@looms.example".into()), ("role", "member".into())]).await, StatusCode::OK);
        let support = [("kind", "support".to_owned()), ("category", "question".to_owned()), ("message", "How do I export?".to_owned()), ("context", "/".to_owned())];
        assert_status(&app.act(&ada_in_looms, "support/send", &support).await, StatusCode::OK);
        assert_status(&app.act(&ada_in_looms, "support/survey-dismiss", &[("forever", "on".into())]).await, StatusCode::OK);
        let erased = app.contact(&ada_in_looms, "Erased", "Person", "erased@person.example").await;
        let erase = [("kind", "contact".to_owned()), ("id", erased), ("confirm", "true".to_owned())];
        assert_status(&app.act(&ada_in_looms, "person-privacy/erase", &erase).await, StatusCode::OK);
        let privacy_request = [("kind", "access".to_owned()), ("message", "A copy of my data, please.".to_owned())];
        assert_status(&app.act(&ada_in_looms, "privacy/request", &privacy_request).await, StatusCode::OK);
        assert_status(&app.call_with(&ada.client, "exports/request-mine", &[]).await, StatusCode::OK);
        // An email to Kept, sent with Ada's address to reply to.
        let draft = app.act(&ada_in_looms, "emails/draft-save", &[
            ("id", String::new()), ("fields[contact_id]", kept.clone()), ("fields[to_address]", String::new()), ("fields[subject]", "Thanks".into()),
            ("fields[body]", "Good to meet you.\n{{me.name}}".into()), ("fields[template_id]", String::new()), ("fields[deal_id]", String::new()),
        ]).await;
        assert_status(&draft, StatusCode::OK);
        let draft_id: String = draft.json().await.unwrap();
        assert_status(&app.act(&ada_in_looms, "emails/draft-send", &[("id", draft_id.clone())]).await, StatusCode::OK);
        app.get_as(&ada_in_looms, &format!("/w/{}/contacts/{kept}", bea.slug)).await;
        // Account-level traces: a reset link, an address change waiting for confirmation, a
        // failed sign-in, consents, page visits; and an aggregate statistic that must survive.
        assert_status(&app.call("auth/forgot-password", &[("email", ADA.into())]).await, StatusCode::OK);
        let change = [("password", PASSWORD.to_owned()), ("new_email", "ada.new@engines.example".to_owned())];
        assert_status(&app.call_with(&ada.client, "account/email", &change).await, StatusCode::OK);
        assert_status(&app.sign_in_with(&browser(&app.base), ADA, "not the password").await, StatusCode::UNAUTHORIZED);
        sqlx::query("insert into consents (id, consent_id, user_id, preferences, analytics, action, policy_version, created_at) values ('c-ada', 'cookie-ada', $1, 1, 1, 'accept_all', 'v1', $2)")
            .bind(&ada_id).bind(START_MS).execute(&pool).await.unwrap();
        sqlx::query("insert into page_visits (id, user_id, workspace_id, route, visited_at) values ('v-ada', $1, $2, '/w/:slug/contacts', $3)")
            .bind(&ada_id).bind(workspace_id(&app, &bea.slug).await).bind(START_MS).execute(&pool).await.unwrap();
        sqlx::query("insert into analytics_daily (day, kind, name, count) values ('2026-11-27', 'page', '/w/:slug/contacts', 7)").execute(&pool).await.unwrap();

        let (with_id, _) = columns_holding(&app, &ada_id, ADA).await;
        assert!(with_id.len() >= 15, "the set-up leaves Ada's id in many places: {with_id:?}");
        // An earlier pass gathered planner statistics, whose samples hold ids (SQLite's sqlite_stat4).
        app.state.db.optimize().await.unwrap();
        assert_status(&request_deletion(&app, &ada, PASSWORD).await, StatusCode::OK);
        let gears = workspace_id(&app, &cyd.slug).await;
        let before = workspace_dump(&app, &gears).await;
        assert!(before.len() >= 4, "{before:?}");

        app.advance_minutes(30 * DAY_MINUTES);
        server::jobs::run_once(&app.state).await;
        assert_status(&app.sign_in_with(&bea.client, "bea@looms.example", PASSWORD).await, StatusCode::OK);

        assert!(!user_exists(&app, &ada_id).await);
        let (with_id, with_address) = columns_holding(&app, &ada_id, ADA).await;
        assert!(with_id.is_empty(), "columns still holding Ada's id: {with_id:?}");
        // The one exception, until it is delivered: the mail telling her the account is gone.
        assert_eq!(with_address, ["mail_outbox.to_address"], "columns still holding Ada's address");
        let notice: Vec<(String, Option<String>)> = sqlx::query_as("select kind, workspace_id from mail_outbox where lower(to_address) = $1").bind(ADA).fetch_all(&pool).await.unwrap();
        assert_eq!(notice, [("account_deleted".to_owned(), None)]);

        // Ada's own workspace is gone with everything in it.
        let engines_rows: (i64,) = sqlx::query_as("select count(*) from contacts where workspace_id = $1").bind(&engines).fetch_one(&pool).await.unwrap();
        let engines_left: Option<(String,)> = sqlx::query_as("select id from workspaces where id = $1").bind(&engines).fetch_optional(&pool).await.unwrap();
        assert_eq!((engines_rows.0, engines_left), (0, None));

        // Looms keeps her records, unowned, shown as by a former member.
        let contact: Value = app.read(&bea, "contacts/get", &[("id", &kept)]).await.json().await.unwrap();
        assert_eq!(contact["owner_name"], Value::Null);
        let owner: (Option<String>,) = sqlx::query_as("select owner_id from contacts where id = $1").bind(&kept).fetch_one(&pool).await.unwrap();
        assert_eq!(owner.0, None);
        let page = app.get_as(&bea, &format!("/w/{}/contacts/{kept}", bea.slug)).await;
        // (Without the empty comments that mark where hydration splits text.)
        let page = page.replace("<!>", "");
        assert!(page.contains("Owner: Former member"), "the owner is shown as a former member: {page}");
        assert!(page.contains("<strong>Former member</strong> added a note") && page.contains("Met at the fair"), "and the note's author: {page}");
        let timeline = contact["timeline"].as_array().unwrap();
        assert!(timeline.iter().all(|item| item["who"].is_null()), "{timeline:?}");
        let activity: Value = app.read(&bea, "activities/get", &[("id", &activity_id)]).await.json().await.unwrap();
        assert_eq!((activity["fields"]["subject"].as_str(), activity["assignee_name"].as_str()), (Some("Follow up"), None));
        let (changes,): (String,) = sqlx::query_as("select changes from events where record_id = $1 and action = 'updated'").bind(&handed).fetch_one(&pool).await.unwrap();
        assert_eq!(serde_json::from_str::<Value>(&changes).unwrap()["owner"], serde_json::json!(["Former member", "Bea Baker"]));
        let trashed: (Option<String>, Option<i64>) = sqlx::query_as("select deleted_by, deleted_at from companies where id = $1").bind(&company).fetch_one(&pool).await.unwrap();
        assert!(trashed.0.is_none() && trashed.1.is_some(), "still in the trash, by nobody named");
        let sent_draft: (Option<String>, String) = sqlx::query_as("select author_id, subject from email_drafts where id = $1").bind(&draft_id).fetch_one(&pool).await.unwrap();
        assert_eq!(sent_draft, (None, "Thanks".to_owned()), "the sent email stays with the workspace, by nobody named");
        let members: Value = app.read(&bea, "members/list", &[]).await.json().await.unwrap();
        assert_eq!(members["members"].as_array().unwrap().len(), 1);

        // Aggregates stay; Gears is exactly as it was.
        let (count,): (i64,) = sqlx::query_as("select count from analytics_daily where day = '2026-11-27' and kind = 'page'").fetch_one(&pool).await.unwrap();
        assert_eq!(count, 7);
        assert_eq!(workspace_dump(&app, &gears).await, before);

        // Once the notice is delivered (here: kept, without SMTP), the next pass forgets it.
        app::ssr::mail::worker::run_once(&app.state, &Mailer::from_config(&Config::default()).unwrap()).await.unwrap();
        server::jobs::run_once(&app.state).await;
        let (with_id, with_address) = columns_holding(&app, &ada_id, ADA).await;
        assert!(with_id.is_empty() && with_address.is_empty(), "{with_id:?} {with_address:?}");
        assert_eq!(workspace_dump(&app, &gears).await, before);
    }
}

async fn operators_mark_an_account_as_under_16_and_the_next_pass_purges_it(backend: Backend) {
    let app = spawn_app_with(backend, |config| config.operator_emails = vec![OPERATOR.to_owned()]).await;
    let kid_email = "kit@school.example";
    let kid = person(&app, kid_email, "Kit Young", "Homework").await;
    let kid_id = user_id(&app, kid_email).await;
    let homework = workspace_id(&app, &kid.slug).await;
    let bea = person(&app, "bea@looms.example", "Bea Baker", "Looms").await;
    add_member(&app, &workspace_id(&app, &bea.slug).await, &kid_id, "member").await;
    let kids_contact = app.contact(&Owner { client: kid.client.clone(), slug: bea.slug.clone() }, "Pen", "Pal", "pen@pal.example").await;
    let operator = person(&app, OPERATOR, "Olga Operator", "NexaCRM").await;
    let operator_id = user_id(&app, OPERATOR).await;

    // Nobody else may use the operator functions or see the page.
    let stranger = browser(&app.base);
    for client in [&kid.client, &bea.client, &stranger] {
        for path in ["/api/operator/accounts/find?email=kit%40school.example", "/api/operator/accounts/reports", "/operator/accounts"] {
            assert_status(&client.get(app.url(path)).send().await.unwrap(), StatusCode::NOT_FOUND);
        }
        let mark = app.call_with(client, "operator/accounts/report-under-16", &[("user_id", kid_id.clone()), ("confirm", "on".into())]).await;
        assert_status(&mark, StatusCode::NOT_FOUND);
    }
    assert!(due_at(&app, kid_email).await.is_none());

    let found: Value = operator.client.get(app.url("/api/operator/accounts/find")).query(&[("email", "KIT@school.example")]).send().await.unwrap().json().await.unwrap();
    assert_eq!((found["id"].as_str(), found["workspaces"].as_i64(), &found["suspended_at"]), (Some(kid_id.as_str()), Some(2), &Value::Null));
    let page = app.get_as(&operator, "/operator/accounts?email=kit%40school.example").await;
    assert!(page.contains("Kit Young") && page.contains("Suspend and delete"), "{page}");

    let unconfirmed = app.call_with(&operator.client, "operator/accounts/report-under-16", &[("user_id", kid_id.clone())]).await;
    assert_status(&unconfirmed, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(error_json(unconfirmed).await["fields"]["confirm"].is_string());
    let own = app.call_with(&operator.client, "operator/accounts/report-under-16", &[("user_id", operator_id.clone()), ("confirm", "on".into())]).await;
    assert_status(&own, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(due_at(&app, kid_email).await.is_none(), "nothing changes");
    assert_eq!(session_count(&app, &kid_id).await, 1);

    let marked = app.call_with(&operator.client, "operator/accounts/report-under-16", &[("user_id", kid_id.clone()), ("confirm", "on".into())]).await;
    assert_status(&marked, StatusCode::OK);
    assert_eq!(due_at(&app, kid_email).await, Some(START_MS), "due at once");
    assert_eq!(session_count(&app, &kid_id).await, 0, "sessions end at once");
    assert_status(&app.read(&kid, "contacts/list", &[("q", ""), ("after", "")]).await, StatusCode::UNAUTHORIZED);
    let refused = app.sign_in_with(&kid.client, kid_email, PASSWORD).await;
    assert_status(&refused, StatusCode::CONFLICT);
    assert!(error_json(refused).await["message"].as_str().unwrap().contains("under 16"));
    assert_eq!(session_count(&app, &kid_id).await, 0, "no session for a suspended account");
    let again = app.call_with(&operator.client, "operator/accounts/report-under-16", &[("user_id", kid_id.clone()), ("confirm", "on".into())]).await;
    assert_status(&again, StatusCode::CONFLICT);
    let reports: Value = operator.client.get(app.url("/api/operator/accounts/reports")).send().await.unwrap().json().await.unwrap();
    assert_eq!(reports.as_array().unwrap().len(), 1);
    assert_eq!((reports[0]["account_email"].as_str(), reports[0]["reported_by"].as_str()), (Some(kid_email), Some("Olga Operator <operator@nexacrm.example>")));
    assert!(mails(&app, "deletion_reminder").await.is_empty());

    server::jobs::run_once(&app.state).await;
    assert!(!user_exists(&app, &kid_id).await, "purged by the next pass, without the 30 days");
    let (with_id, _) = columns_holding(&app, &kid_id, kid_email).await;
    assert!(with_id.is_empty(), "{with_id:?}");
    let homework_left: Option<(String,)> = sqlx::query_as("select id from workspaces where id = $1").bind(&homework).fetch_optional(&app.state.db.pool).await.unwrap();
    assert!(homework_left.is_none());
    let contact: Value = app.read(&bea, "contacts/get", &[("id", &kids_contact)]).await.json().await.unwrap();
    assert_eq!((contact["fields"]["first_name"].as_str(), &contact["owner_name"]), (Some("Pen"), &Value::Null));
    // Who marked an account and when stays; nothing about the child does.
    let row: (Option<String>, Option<String>, i64, Option<i64>) =
        sqlx::query_as("select user_id, reported_by, reported_at, purged_at from account_reports").fetch_one(&app.state.db.pool).await.unwrap();
    assert_eq!(row, (None, Some(operator_id), START_MS, Some(START_MS)));
    let reports: Value = operator.client.get(app.url("/api/operator/accounts/reports")).send().await.unwrap().json().await.unwrap();
    assert_eq!((&reports[0]["account_email"], reports[0]["purged_at"].as_i64()), (&Value::Null, Some(START_MS)));
    let done = mails(&app, "account_deleted").await;
    assert_eq!(done.len(), 1);
    assert!(done[0].0 == kid_email && done[0].2.contains("under 16"));
}

/// An operator whose own account is pending deletion reaches no operator page or function.
async fn a_pending_operator_loses_the_operator_pages(backend: Backend) {
    let app = spawn_app_with(backend, |config| config.operator_emails = vec![OPERATOR.to_owned()]).await;
    let operator = person(&app, OPERATOR, "Olga Operator", "NexaCRM").await;
    assert_status(&operator.client.get(app.url("/api/operator/support?status=")).send().await.unwrap(), StatusCode::OK);
    assert_status(&request_deletion(&app, &operator, PASSWORD).await, StatusCode::OK);
    assert_status(&app.sign_in_with(&operator.client, OPERATOR, PASSWORD).await, StatusCode::OK);
    for path in ["/api/operator/support?status=", "/api/operator/analytics", "/api/operator/policy"] {
        assert_status(&operator.client.get(app.url(path)).send().await.unwrap(), StatusCode::NOT_FOUND);
    }
    let cancelled = app.call_with(&operator.client, "deletion/cancel", &[]).await;
    assert_status(&cancelled, StatusCode::OK);
    assert_status(&operator.client.get(app.url("/api/operator/support?status=")).send().await.unwrap(), StatusCode::OK);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pending_operator_loses_the_operator_pages_on_sqlite() {
    within_limit(a_pending_operator_loses_the_operator_pages(Backend::Sqlite)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_pending_operator_loses_the_operator_pages_on_postgres() {
    within_limit(a_pending_operator_loses_the_operator_pages(Backend::Postgres)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn operators_mark_an_account_as_under_16_and_the_next_pass_purges_it_on_sqlite() {
    within_limit(operators_mark_an_account_as_under_16_and_the_next_pass_purges_it(Backend::Sqlite)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn operators_mark_an_account_as_under_16_and_the_next_pass_purges_it_on_postgres() {
    within_limit(operators_mark_an_account_as_under_16_and_the_next_pass_purges_it(Backend::Postgres)).await;
}
