//! Download my data and the workspace export: what the archive holds (records in JSON and
//! formula-escaped CSV, consents, sessions) and never holds (password and token hashes, other
//! people's data); who may download it (the requester only, for 7 days); one request a day; the
//! job's failures, retries and clean-up; and the workspace export for owners and admins only.

use crate::helpers::*;
use crate::on_both_databases;
use crate::roles::{join, user_id, workspace_id};
use app::ssr::exports::{self, Pass};
use reqwest::{Client, StatusCode};
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::Read;

const DAY_MINUTES: i64 = 24 * 60;
const ADA: &str = "ada@engines.example";

/// The archive's entries, by name.
type Entries = BTreeMap<String, Vec<u8>>;

fn unzip(bytes: &[u8]) -> Entries {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a ZIP file");
    let mut entries = Entries::new();
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).unwrap();
        let mut content = Vec::new();
        entry.read_to_end(&mut content).unwrap();
        entries.insert(entry.name().to_owned(), content);
    }
    entries
}

fn text(entries: &Entries, name: &str) -> String {
    String::from_utf8(entries.get(name).unwrap_or_else(|| panic!("{name} in {:?}", entries.keys())).clone()).unwrap()
}

fn json(entries: &Entries, name: &str) -> Vec<Value> {
    serde_json::from_str::<Value>(&text(entries, name)).unwrap().as_array().unwrap().clone()
}

async fn build_pending(app: &TestApp) -> Pass {
    exports::run_pending(&app.state).await.unwrap()
}

async fn request_mine(app: &TestApp, client: &Client) -> reqwest::Response {
    app.call_with(client, "exports/request-mine", &[]).await
}

async fn overview(client: &Client, app: &TestApp) -> Value {
    let response = client.get(app.url("/api/exports/mine")).send().await.unwrap();
    assert_status(&response, StatusCode::OK);
    response.json().await.unwrap()
}

/// Asks for the person's data, runs the job and returns the download address.
async fn ready_download(app: &TestApp, client: &Client) -> String {
    assert_status(&request_mine(app, client).await, StatusCode::OK);
    assert_eq!(build_pending(app).await.ready, 1);
    let overview = overview(client, app).await;
    assert_eq!(overview["exports"][0]["status"], "ready", "{overview}");
    overview["exports"][0]["download_url"].as_str().unwrap().to_owned()
}

async fn download(app: &TestApp, client: &Client, url: &str) -> reqwest::Response {
    download_export(app, client, url).await
}

on_both_databases! {
    async fn a_persons_archive_holds_their_records_consents_and_sessions_in_json_and_escaped_csv_and_no_secrets(app: TestApp) {
        let ada = app.owner(ADA, "Engines").await;
        let ada_id = user_id(&app, ADA).await;
        let grace = app.contact(&ada, "Grace", "Hopper", "grace@navy.example").await;
        app.company(&ada, "=1+2").await;
        let note = app.act(&ada, "notes/create", &[("record_kind", "contact".into()), ("record_id", grace.clone()), ("body", "Met at the harbour".into())]).await;
        assert_status(&note, StatusCode::OK);
        let deal = app.act(&ada, "deals/create", &[("fields[name]", "Relay upgrade".into()), ("fields[currency]", "EUR".into()), ("fields[stage_id]", app.first_stage(&ada).await)]).await;
        assert_status(&deal, StatusCode::OK);
        sqlx::query("insert into consents (id, consent_id, user_id, preferences, analytics, action, policy_version, created_at) values ('consent-row-1', 'browser-7', $1, 1, 0, 'choose', '2026-06-10', $2)")
            .bind(&ada_id).bind(START_MS).execute(&app.state.db.pool).await.unwrap();
        // Someone else's data, which must stay out of Ada's archive.
        let bob = app.owner("bob@looms.example", "Looms").await;
        app.contact(&bob, "Canary", "Bobsdottir", "canary@looms.example").await;

        let asked = request_mine(&app, &ada.client).await;
        assert_status(&asked, StatusCode::OK);
        let answer: Value = asked.json().await.unwrap();
        assert_eq!(answer["exports"][0]["status"], "queued", "the answer shows the new export waiting");
        let id = answer["exports"][0]["id"].as_str().unwrap().to_owned();
        let waiting = overview(&ada.client, &app).await;
        assert_eq!((waiting["exports"][0]["id"].as_str(), waiting["exports"][0]["status"].as_str()), (Some(id.as_str()), Some("queued")));
        assert!(waiting["exports"][0]["download_url"].is_null());

        assert_eq!(build_pending(&app).await, Pass { ready: 1, ..Pass::default() });
        let ready = overview(&ada.client, &app).await;
        let export = &ready["exports"][0];
        assert_eq!(export["status"], "ready");
        assert!(export["parts_total"].as_i64().unwrap() > 20 && export["parts_done"] == export["parts_total"], "{export}");
        assert_eq!(export["expires_at"].as_i64(), Some(START_MS + 7 * DAY_MINUTES * 60_000));
        let url = export["download_url"].as_str().unwrap();
        assert_eq!(url, format!("/exports/{id}/download"));

        let response = download(&app, &ada.client, url).await;
        assert_status(&response, StatusCode::OK);
        let header = |name: &str| response.headers()[name].to_str().unwrap().to_owned();
        assert_eq!(header("content-type"), "application/zip");
        assert_eq!(header("cache-control"), "no-store");
        assert_eq!(header("content-disposition"), "attachment; filename=\"nexacrm-my-data-2026-11-27.zip\"");
        let entries = unzip(&response.bytes().await.unwrap());

        assert!(text(&entries, "README.txt").contains("csv/contacts.csv"));
        let contacts = json(&entries, "json/contacts.json");
        assert_eq!(contacts.len(), 1);
        assert_eq!((contacts[0]["id"].as_str(), contacts[0]["first_name"].as_str()), (Some(grace.as_str()), Some("Grace")));
        assert!(contacts[0]["created_at"].is_i64(), "numbers stay numbers in JSON");
        let csv = text(&entries, "csv/contacts.csv");
        assert!(csv.starts_with("workspace_id,id,first_name,last_name,") && csv.contains(",Grace,Hopper,"), "{csv}");
        assert!(text(&entries, "csv/contact_channels.csv").contains("grace@navy.example"));
        assert_eq!(json(&entries, "json/companies.json")[0]["name"], "=1+2", "JSON stays raw");
        assert!(text(&entries, "csv/companies.csv").contains(",'=1+2,"), "{}", text(&entries, "csv/companies.csv"));
        assert_eq!(json(&entries, "json/notes.json")[0]["body"], "Met at the harbour");
        assert_eq!(json(&entries, "json/note_links.json")[0]["record_id"].as_str(), Some(grace.as_str()));
        assert_eq!(json(&entries, "json/deals.json")[0]["name"], "Relay upgrade");
        let consents = json(&entries, "json/consents.json");
        assert_eq!((consents.len(), consents[0]["id"].as_str(), consents[0]["preferences"].as_i64()), (1, Some("consent-row-1"), Some(1)));
        assert!(text(&entries, "csv/consents.csv").contains("consent-row-1,browser-7,"));
        let sessions = json(&entries, "json/sessions.json");
        assert!(!sessions.is_empty());
        assert!(sessions.iter().all(|s| s["ip"] == "127.0.0.1" && s["browser"].is_string() && s["last_seen_at"].is_i64()), "{sessions:?}");
        let account = json(&entries, "json/account.json");
        assert_eq!((account[0]["email"].as_str(), account[0]["theme"].as_str(), account[0]["language"].as_str()), (Some(ADA), Some("system"), Some("en")));
        assert!(account[0].get("password_hash").is_none() && account[0].get("avatar_png").is_none());
        assert_eq!(json(&entries, "json/memberships.json")[0]["role"], "owner");
        assert!(json(&entries, "json/events.json").iter().any(|e| e["record_id"].as_str() == Some(grace.as_str()) && e["action"] == "created"));
        for name in ["json/page_visits.json", "json/communications.json", "json/communication_replies.json", "json/mail_received.json", "csv/email_drafts.csv", "csv/email_templates.csv"] {
            assert!(entries.contains_key(name), "{name}");
        }

        // No secret, and nobody else's data, in any entry.
        let (password_hash,): (String,) = sqlx::query_as("select password_hash from users where id = $1").bind(&ada_id).fetch_one(&app.state.db.pool).await.unwrap();
        let token_hashes: Vec<(String,)> = sqlx::query_as("select token_hash from sessions where user_id = $1").bind(&ada_id).fetch_all(&app.state.db.pool).await.unwrap();
        assert!(!token_hashes.is_empty());
        let mut secrets: Vec<String> = token_hashes.into_iter().map(|(hash,)| hash).collect();
        secrets.extend([password_hash, "Canary".to_owned(), "token_hash".to_owned(), "password_hash".to_owned()]);
        for (name, content) in &entries {
            let content = String::from_utf8_lossy(content);
            for secret in &secrets {
                assert!(!content.contains(secret.as_str()), "{name} holds {secret}");
            }
        }

        let mail: (String, String, String) = sqlx::query_as("select to_address, subject, text_body from mail_outbox where kind = 'export_ready'")
            .fetch_one(&app.state.db.pool).await.unwrap();
        assert_eq!((mail.0.as_str(), mail.1.as_str()), (ADA, "Your NexaCRM data is ready to download"));
        assert!(mail.2.contains(&app.url(url)) && mail.2.contains(&format!("/w/{}/privacy", ada.slug)), "{}", mail.2);
    }
}

on_both_databases! {
    async fn only_the_requester_downloads_and_the_link_expires_after_seven_days(app: TestApp) {
        let ada = app.owner(ADA, "Engines").await;
        let bob = app.owner("bob@looms.example", "Looms").await;
        let url = ready_download(&app, &ada.client).await;
        let id = url.trim_start_matches("/exports/").trim_end_matches("/download").to_owned();

        assert_status(&download(&app, &bob.client, &url).await, StatusCode::NOT_FOUND);
        assert_status(&download(&app, &browser(&app.base), &url).await, StatusCode::NOT_FOUND);
        let unknown = format!("/exports/{}/download", uuid::Uuid::now_v7());
        assert_eq!(download(&app, &bob.client, &unknown).await.text().await.unwrap(), download(&app, &bob.client, &url).await.text().await.unwrap(), "a stranger cannot tell an archive exists");
        assert_status(&download(&app, &ada.client, &url).await, StatusCode::OK);
        // Each download address works once, and only for Ada; the page's link makes a fresh one.
        let made = ada.client.get(app.url(&url)).send().await.unwrap();
        assert_status(&made, StatusCode::SEE_OTHER);
        let once = made.headers()["location"].to_str().unwrap().to_owned();
        let token = once.split("token=").nth(1).unwrap().to_owned();
        assert_eq!(token.len(), 43, "32 random bytes, URL-safe base64");
        let stored: Option<String> = sqlx::query_scalar("select download_token_hash from data_exports").fetch_one(&app.state.db.pool).await.unwrap();
        assert_eq!(stored.as_deref(), Some(app::ssr::sessions::hash_token(&token).as_str()), "only the hash is kept");
        assert_status(&bob.client.get(app.url(&once)).send().await.unwrap(), StatusCode::NOT_FOUND);
        assert_status(&ada.client.get(app.url(&once)).send().await.unwrap(), StatusCode::OK);
        let again = ada.client.get(app.url(&once)).send().await.unwrap();
        assert_status(&again, StatusCode::GONE);
        assert!(again.text().await.unwrap().contains("This download link was already used"));

        let file = app.state.config.export_dir.join(format!("{id}.zip"));
        assert!(file.exists());
        app.advance_minutes(7 * DAY_MINUTES - 1);
        assert_status(&app.sign_in_with(&ada.client, ADA, PASSWORD).await, StatusCode::OK);
        assert_status(&download(&app, &ada.client, &url).await, StatusCode::OK);
        app.advance_minutes(1);
        let expired = download(&app, &ada.client, &url).await;
        assert_status(&expired, StatusCode::GONE);
        assert!(expired.text().await.unwrap().contains("This download has expired"));
        assert_status(&download(&app, &bob.client, &url).await, StatusCode::NOT_FOUND);

        // Left by a stopped worker, or by an account deleted since; and someone else's file.
        let stray = app.state.config.export_dir.join(format!("{}.attempt1.zip.part", uuid::Uuid::now_v7()));
        let unrelated = app.state.config.export_dir.join("notes.txt");
        std::fs::write(&stray, b"partial").unwrap();
        std::fs::write(&unrelated, b"keep me").unwrap();
        let cleaned = exports::delete_expired(&app.state).await.unwrap();
        assert_eq!(cleaned, exports::CleanUp { expired: 1, orphans: 1 });
        assert!(!file.exists(), "the expired archive's file is deleted");
        assert!(!stray.exists() && unrelated.exists(), "only export files nobody needs are deleted");
        assert_eq!(overview(&ada.client, &app).await["exports"][0]["status"], "expired");
        assert_status(&download(&app, &ada.client, &url).await, StatusCode::GONE);
    }
}

on_both_databases! {
    async fn one_request_a_day_and_a_failed_one_does_not_count(app: TestApp) {
        let ada = app.owner(ADA, "Engines").await;
        // The export folder cannot be created (a file is in its way): the job fails.
        std::fs::write(&app.state.config.export_dir, b"in the way").unwrap();
        assert_status(&request_mine(&app, &ada.client).await, StatusCode::OK);
        assert_eq!(build_pending(&app).await, Pass { failed: 1, ..Pass::default() });
        let failed = overview(&ada.client, &app).await;
        assert_eq!(failed["exports"][0]["status"], "failed");
        assert!(failed["exports"][0]["error"].as_str().unwrap().contains("Ask again"));
        assert!(failed["next_request_at"].is_null(), "a failed request does not count");
        let (subject,): (String,) = sqlx::query_as("select subject from mail_outbox where kind = 'export_failed'").fetch_one(&app.state.db.pool).await.unwrap();
        assert_eq!(subject, "Your NexaCRM data download could not be prepared");

        std::fs::remove_file(&app.state.config.export_dir).unwrap();
        app.advance_minutes(20);
        assert_status(&request_mine(&app, &ada.client).await, StatusCode::OK);
        let second = request_mine(&app, &ada.client).await;
        assert_status(&second, StatusCode::CONFLICT);
        let message = error_json(second).await["message"].as_str().unwrap().to_owned();
        assert!(message.contains("next request is possible after 2026-11-28 00:20 UTC"), "{message}");
        assert_eq!(overview(&ada.client, &app).await["next_request_at"].as_i64(), Some(START_MS + (DAY_MINUTES + 20) * 60_000));
        assert_eq!(build_pending(&app).await.ready, 1);

        app.advance_minutes(DAY_MINUTES - 1);
        assert_status(&app.sign_in_with(&ada.client, ADA, PASSWORD).await, StatusCode::OK);
        assert_status(&request_mine(&app, &ada.client).await, StatusCode::CONFLICT);
        app.advance_minutes(1);
        assert_status(&request_mine(&app, &ada.client).await, StatusCode::OK);
        let rows: Vec<(String,)> = sqlx::query_as("select status from data_exports order by created_at").fetch_all(&app.state.db.pool).await.unwrap();
        assert_eq!(rows, [("failed".to_owned(),), ("ready".to_owned(),), ("queued".to_owned(),)]);
    }
}

on_both_databases! {
    async fn an_export_left_running_by_a_stopped_server_is_retried_then_failed(app: TestApp) {
        let ada = app.owner(ADA, "Engines").await;
        assert_status(&request_mine(&app, &ada.client).await, StatusCode::OK);
        // A server claimed it and stopped.
        sqlx::query("update data_exports set status = 'running', attempts = 1, updated_at = $1").bind(START_MS).execute(&app.state.db.pool).await.unwrap();
        assert_eq!(build_pending(&app).await, Pass::default(), "not stale yet");
        app.advance_minutes(16);
        assert_eq!(build_pending(&app).await, Pass { requeued: 1, ready: 1, ..Pass::default() });
        // The stopped server's claim (attempt 1), were it still going, could not touch a run of attempt 2.
        let (id, attempts): (String, i64) = sqlx::query_as("select id, attempts from data_exports").fetch_one(&app.state.db.pool).await.unwrap();
        assert_eq!(attempts, 2);
        let pool = &app.state.db.pool;
        sqlx::query("update data_exports set status = 'running'").execute(pool).await.unwrap();
        let now = app.state.clock.now_ms();
        assert!(!app::ssr::db::exports::record_progress(pool, &id, 1, 1, 1, now).await.unwrap());
        let mut conn = pool.acquire().await.unwrap();
        assert!(!app::ssr::db::exports::mark_failed(&mut conn, &id, 1, "late", now).await.unwrap());
        assert!(!app::ssr::db::exports::mark_ready(&mut conn, &id, 1, 1, now, now).await.unwrap());
        assert!(app::ssr::db::exports::record_progress(pool, &id, 2, 1, 1, now).await.unwrap());
        drop(conn);
        sqlx::query("update data_exports set status = 'ready'").execute(pool).await.unwrap();

        app.advance_minutes(DAY_MINUTES);
        assert_status(&app.sign_in_with(&ada.client, ADA, PASSWORD).await, StatusCode::OK);
        assert_status(&request_mine(&app, &ada.client).await, StatusCode::OK);
        let now = app.state.clock.now_ms();
        sqlx::query("update data_exports set status = 'running', attempts = 3, updated_at = $1 where status = 'queued'").bind(now).execute(&app.state.db.pool).await.unwrap();
        app.advance_minutes(16);
        assert_eq!(build_pending(&app).await, Pass { failed: 1, ..Pass::default() });
        let newest = &overview(&ada.client, &app).await["exports"][0];
        assert_eq!(newest["status"], "failed");
        assert!(newest["error"].as_str().unwrap().contains("interrupted"));
        let (mails,): (i64,) = sqlx::query_as("select count(*) from mail_outbox where kind = 'export_failed'").fetch_one(&app.state.db.pool).await.unwrap();
        assert_eq!(mails, 1);
    }
}

on_both_databases! {
    async fn only_owners_and_admins_export_the_workspace_and_it_holds_every_contact(app: TestApp) {
        let ada = app.owner(ADA, "Engines").await;
        let ws = workspace_id(&app, &ada.slug).await;
        let ada_id = user_id(&app, ADA).await;
        let (_, admin) = join(&app, &ws, "admin@engines.example", "admin").await;
        let (member_id, member) = join(&app, &ws, "member@engines.example", "member").await;
        let (_, viewer) = join(&app, &ws, "viewer@engines.example", "viewer").await;
        app.contact(&ada, "Grace", "Hopper", "grace@navy.example").await;
        let as_member = Owner { client: member.clone(), slug: ada.slug.clone() };
        app.contact(&as_member, "Member's", "Contact", "m@example.com").await;
        // Enough contacts for several batches of rows.
        for n in 0..1_205 {
            sqlx::query("insert into contacts (workspace_id, id, first_name, last_name, sort_name, job_title, status, linkedin_url, owner_id, created_at, updated_at) \
                         values ($1, $2, 'Bulk', $3, $3, '', 'lead', '', $4, $5, $5)")
                .bind(&ws).bind(format!("bulk-{n:05}")).bind(format!("Person {n}")).bind(&ada_id).bind(START_MS)
                .execute(&app.state.db.pool).await.unwrap();
        }
        let bob = app.owner("bob@looms.example", "Looms").await;
        app.contact(&bob, "Canary", "Bobsdottir", "canary@looms.example").await;

        for client in [&member, &viewer] {
            let refused = app.call_with(client, "exports/request-workspace", &[("slug", ada.slug.clone())]).await;
            assert_status(&refused, StatusCode::FORBIDDEN);
            let listed = client.get(app.url("/api/exports/workspace")).query(&[("slug", &ada.slug)]).send().await.unwrap();
            assert_status(&listed, StatusCode::FORBIDDEN);
        }
        assert_status(&app.call_with(&bob.client, "exports/request-workspace", &[("slug", ada.slug.clone())]).await, StatusCode::NOT_FOUND);
        assert_status(&app.call_with(&admin, "exports/request-workspace", &[("slug", ada.slug.clone())]).await, StatusCode::OK);
        let (queued,): (i64,) = sqlx::query_as("select count(*) from data_exports").fetch_one(&app.state.db.pool).await.unwrap();
        assert_eq!(queued, 1, "refused requests leave nothing behind");

        assert_eq!(build_pending(&app).await.ready, 1);
        let listed: Value = admin.get(app.url("/api/exports/workspace")).query(&[("slug", &ada.slug)]).send().await.unwrap().json().await.unwrap();
        let export = &listed["exports"][0];
        assert!(export["rows_done"].as_i64().unwrap() > 1_207, "{export}");
        let url = export["download_url"].as_str().unwrap();
        assert_status(&download(&app, &ada.client, url).await, StatusCode::NOT_FOUND);
        let response = download(&app, &admin, url).await;
        assert_status(&response, StatusCode::OK);
        assert_eq!(response.headers()["content-disposition"], format!("attachment; filename=\"nexacrm-workspace-{}-2026-11-27.zip\"", ada.slug).as_str());
        let entries = unzip(&response.bytes().await.unwrap());

        let (in_workspace,): (i64,) = sqlx::query_as("select count(*) from contacts where workspace_id = $1").bind(&ws).fetch_one(&app.state.db.pool).await.unwrap();
        assert_eq!(in_workspace, 1_207);
        assert_eq!(json(&entries, "json/contacts.json").len(), 1_207);
        assert_eq!(text(&entries, "csv/contacts.csv").lines().count(), 1_208, "a header and one line per contact");
        let members = json(&entries, "json/members.json");
        let roles: Vec<&str> = members.iter().map(|m| m["role"].as_str().unwrap()).collect();
        assert_eq!(roles, ["owner", "admin", "member", "viewer"]);
        assert!(members.iter().any(|m| m["user_id"].as_str() == Some(member_id.as_str()) && m["email"] == "member@engines.example"));
        assert_eq!(json(&entries, "json/pipeline_stages.json").len(), 6);
        assert!(json(&entries, "json/events.json").len() >= 2);
        for name in ["json/tags.json", "csv/record_tags.csv", "json/workspace.json", "json/deals.json", "json/email_drafts.json", "csv/invitations.csv"] {
            assert!(entries.contains_key(name), "{name}");
        }
        for (name, content) in &entries {
            assert!(!String::from_utf8_lossy(content).contains("Canary"), "{name} holds another workspace's contact");
        }
        let (subject,): (String,) = sqlx::query_as("select subject from mail_outbox where kind = 'export_ready'").fetch_one(&app.state.db.pool).await.unwrap();
        assert_eq!(subject, "The export of Engines is ready to download");
    }
}

on_both_databases! {
    async fn every_table_is_in_an_archive_or_left_out_for_a_reason(app: TestApp) {
        let sql = match app.state.db.dialect {
            app::ssr::db::Dialect::Sqlite => "select name from sqlite_master where type = 'table' and name not like 'sqlite_%' \
                and name not like 'search_fts%' and name <> '_sqlx_migrations'",
            app::ssr::db::Dialect::Postgres => "select table_name::text from information_schema.tables where table_schema = 'public' \
                and table_type = 'BASE TABLE' and table_name <> '_sqlx_migrations'",
        };
        let tables: Vec<(String,)> = sqlx::query_as(sql).fetch_all(&app.state.db.pool).await.unwrap();
        assert!(tables.len() > 30);
        for (kind, parts, left_out) in [
            ("personal", exports::personal::parts(), exports::personal::NOT_INCLUDED),
            ("workspace", exports::workspace::parts(), exports::workspace::NOT_INCLUDED),
        ] {
            for (table,) in &tables {
                let covered = parts.iter().any(|p| p.tables.contains(&table.as_str()));
                let explained = left_out.iter().any(|(t, _)| t == table);
                assert!(covered || explained, "the {kind} archive neither covers nor explains leaving out the table {table}");
            }
        }
    }
}
