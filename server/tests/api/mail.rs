//! Email delivery: a draft sent through the outbox to a real SMTP server process (the test's sink),
//! with both MIME parts and escaped values; no second delivery after a repeat or a restart;
//! retries with backoff; do-not-contact; header injection; the development mailbox; roles and
//! tenancy of sending.

use crate::helpers::*;
use crate::on_both_databases;
use crate::smtp_sink::SmtpSink;
use app::ssr::clock::Clock;
use app::ssr::config::{Config, Environment, Secret};
use app::ssr::mail::transport::Mailer;
use app::ssr::mail::worker::{self, Pass};
use reqwest::StatusCode;
use serde_json::Value;

/// The mailer the server builds for `NEXACRM_SMTP_URL` pointing at the sink.
fn mailer_for(sink: &SmtpSink) -> Mailer {
    let config = Config { smtp_url: Some(Secret::new(&sink.url)), ..Config::default() };
    Mailer::from_config(&config).unwrap()
}

async fn pass(app: &TestApp, mailer: &Mailer) -> Pass {
    worker::run_once(&app.state, mailer).await.unwrap()
}

/// Ada's workspace with Grace (at a company whose name needs escaping) and a saved draft to her
/// about a deal; returns (ada, contact id, deal id, draft id).
async fn draft_to_grace(app: &TestApp) -> (Owner, String, String, String) {
    let ada = app.owner("ada@example.com", "Engines").await;
    let company = app.act(&ada, "companies/create", &[("fields[name]", "<b>Navy</b> & Labs".into()), ("fields[size]", "".into())]).await;
    assert_status(&company, StatusCode::OK);
    let company_id: String = company.json().await.unwrap();
    let contact = app
        .act(&ada, "contacts/create", &[
            ("fields[first_name]", "Grace".into()), ("fields[last_name]", "Hopper".into()), ("fields[status]", "lead".into()),
            ("fields[company_id]", company_id), ("fields[emails][0][value]", "grace@navy.example".into()), ("fields[emails][0][label]", "work".into()),
        ])
        .await;
    assert_status(&contact, StatusCode::OK);
    let contact_id: String = contact.json().await.unwrap();
    let deal = app
        .act(&ada, "deals/create", &[
            ("fields[name]", "Relay upgrade".into()), ("fields[currency]", "EUR".into()), ("fields[stage_id]", app.first_stage(&ada).await),
        ])
        .await;
    assert_status(&deal, StatusCode::OK);
    let deal_id: String = deal.json().await.unwrap();
    let draft = app
        .act(&ada, "emails/draft-save", &[
            ("id", String::new()), ("fields[contact_id]", contact_id.clone()), ("fields[to_address]", String::new()),
            ("fields[subject]", "Hello {{contact.first_name}}".into()),
            ("fields[body]", "Dear {{contact.first_name}} of {{company.name}},\n\nSee https://example.com/?a=1&b=2 about {{deal.name}}.\n{{me.name}}".into()),
            ("fields[template_id]", String::new()), ("fields[deal_id]", deal_id.clone()),
        ])
        .await;
    assert_status(&draft, StatusCode::OK);
    let draft_id: String = draft.json().await.unwrap();
    (ada, contact_id, deal_id, draft_id)
}

async fn send(app: &TestApp, owner: &Owner, draft_id: &str) -> reqwest::Response {
    app.act(owner, "emails/draft-send", &[("id", draft_id.to_owned())]).await
}

async fn outbox_status(app: &TestApp) -> Vec<(String, i64, Option<String>)> {
    sqlx::query_as("select status, attempts, last_error from mail_outbox order by created_at, id").fetch_all(&app.state.db.pool).await.unwrap()
}

/// The decoded body of the MIME part of `data` with the given content type (7bit or
/// quoted-printable, as lettre writes them).
fn part(data: &str, content_type: &str) -> String {
    let start = data.find(&format!("Content-Type: {content_type}")).unwrap_or_else(|| panic!("no {content_type} part in {data}"));
    let rest = &data[start..];
    let part = &rest[..rest.find("\r\n--").unwrap_or(rest.len())];
    let (head, body) = part.split_once("\r\n\r\n").unwrap();
    if !head.contains("quoted-printable") {
        return body.to_owned();
    }
    let joined = body.replace("=\r\n", "");
    let bytes = joined.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'=' && i + 2 < bytes.len() {
            out.push(u8::from_str_radix(&joined[i + 1..i + 3], 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

on_both_databases! {
    async fn a_sent_draft_reaches_the_smtp_server_with_both_parts_and_escaped_values(app: TestApp) {
        let sink = SmtpSink::start().await;
        let mailer = mailer_for(&sink);
        let (ada, contact_id, deal_id, draft_id) = draft_to_grace(&app).await;
        app.advance_minutes(1);
        assert_status(&send(&app, &ada, &draft_id).await, StatusCode::OK);

        let draft: Value = app.read(&ada, "emails/draft-get", &[("id", &draft_id)]).await.json().await.unwrap();
        assert_eq!(draft["sent_at"].as_i64(), Some(START_MS + 60_000), "the draft is marked sent");
        let list: Value = app.read(&ada, "emails/drafts", &[("contact", ""), ("after", "")]).await.json().await.unwrap();
        assert_eq!(list["rows"][0]["sent_at"].as_i64(), Some(START_MS + 60_000), "and listed as sent");
        for (endpoint, id) in [("contacts/get", &contact_id), ("deals/get", &deal_id)] {
            let detail: Value = app.read(&ada, endpoint, &[("id", id)]).await.json().await.unwrap();
            let event = detail["timeline"].as_array().unwrap().iter().find(|i| i["entry"]["Event"]["action"] == "emailed");
            let event = event.unwrap_or_else(|| panic!("the email is on the {endpoint} timeline: {detail}"));
            let changes = event["entry"]["Event"]["changes"].to_string();
            assert!(changes.contains("Hello Grace") && changes.contains("grace@navy.example"), "{changes}");
        }
        assert_eq!(outbox_status(&app).await, [("queued".to_owned(), 0, None)], "written to the outbox, not yet sent");

        let first = pass(&app, &mailer).await;
        assert_eq!(first.sent, 1);
        let messages = sink.messages();
        assert_eq!(messages.len(), 1);
        let mail = &messages[0];
        assert_eq!(mail.rcpt_to, ["grace@navy.example"]);
        assert!(mail.mail_from.contains("no-reply@nexacrm.localhost"), "{}", mail.mail_from);
        assert_eq!(mail.header("Subject").as_deref(), Some("Hello Grace"));
        let to = mail.header("To").unwrap();
        assert!(to.contains("Grace Hopper") && to.ends_with("<grace@navy.example>"), "{to}");
        assert!(mail.header("Reply-To").unwrap().contains("ada@example.com"));
        assert!(mail.header("Content-Type").unwrap().starts_with("multipart/alternative"), "{}", mail.data);
        let text = part(&mail.data, "text/plain");
        assert!(text.contains("Dear Grace of <b>Navy</b> & Labs,"), "the text part is plain text: {text}");
        assert!(text.contains("about Relay upgrade.") && text.contains("Ada Lovelace"), "{text}");
        let html = part(&mail.data, "text/html");
        assert!(html.contains("Dear Grace of &lt;b&gt;Navy&lt;/b&gt; &amp; Labs,"), "the HTML part escapes values: {html}");
        assert!(html.contains("<a href=\"https://example.com/?a=1&amp;b=2\">"), "{html}");
        let (status, sent_at): (String, Option<i64>) = sqlx::query_as("select status, sent_at from mail_outbox").fetch_one(&app.state.db.pool).await.unwrap();
        assert_eq!((status.as_str(), sent_at), ("sent", Some(START_MS + 60_000)));

        assert_eq!(pass(&app, &mailer).await, Pass::default(), "a second pass sends nothing");
        app.advance_minutes(20);
        pass(&app, &mailer).await;
        assert_eq!(sink.messages().len(), 1, "delivered exactly once");
        let again = send(&app, &ada, &draft_id).await;
        assert_status(&again, StatusCode::CONFLICT);
        let edit = app
            .act(&ada, "emails/draft-save", &[("id", draft_id.clone()), ("fields[contact_id]", contact_id.clone()), ("fields[to_address]", "grace@navy.example".into()), ("fields[subject]", "Changed".into()), ("fields[body]", "x".into())])
            .await;
        assert_status(&edit, StatusCode::CONFLICT);
        assert_eq!(outbox_status(&app).await.len(), 1, "sending again queues nothing");
    }
}

on_both_databases! {
    async fn a_mail_claimed_by_a_stopped_worker_is_never_sent_again(app: TestApp) {
        let sink = SmtpSink::start().await;
        let mailer = mailer_for(&sink);
        let (ada, _, _, draft_id) = draft_to_grace(&app).await;
        assert_status(&send(&app, &ada, &draft_id).await, StatusCode::OK);
        let (id,): (String,) = sqlx::query_as("select id from mail_outbox").fetch_one(&app.state.db.pool).await.unwrap();
        // A worker claimed it and stopped before recording the outcome.
        assert!(app::ssr::db::mail::claim(&app.state.db.pool, &id, app.clock.now_ms()).await.unwrap().is_some());
        assert_eq!(pass(&app, &mailer).await, Pass::default(), "a claimed mail is left alone");
        app.advance_minutes(11);
        assert_eq!(pass(&app, &mailer).await.interrupted, 1);
        assert_eq!(outbox_status(&app).await, [("failed".to_owned(), 1, Some(app::ssr::db::mail::INTERRUPTED.to_owned()))]);
        app.advance_minutes(600);
        pass(&app, &mailer).await;
        assert!(sink.messages().is_empty(), "it may have gone out: it is not sent again");
    }
}

on_both_databases! {
    async fn two_workers_at_once_deliver_a_mail_once(app: TestApp) {
        let sink = SmtpSink::start().await;
        let mailer = mailer_for(&sink);
        let (ada, _, _, draft_id) = draft_to_grace(&app).await;
        assert_status(&send(&app, &ada, &draft_id).await, StatusCode::OK);
        let (a, b) = tokio::join!(pass(&app, &mailer), pass(&app, &mailer));
        assert_eq!(a.sent + b.sent, 1);
        assert_eq!(sink.messages().len(), 1);
    }
}

on_both_databases! {
    async fn a_refused_delivery_is_retried_with_exponential_backoff_then_given_up(app: TestApp) {
        let sink = SmtpSink::start().await;
        let mailer = mailer_for(&sink);
        let (ada, _, _, draft_id) = draft_to_grace(&app).await;
        assert_status(&send(&app, &ada, &draft_id).await, StatusCode::OK);
        sink.refuse_next(1);
        assert_eq!(pass(&app, &mailer).await.retried, 1);
        let (status, attempts, error) = outbox_status(&app).await.remove(0);
        assert_eq!((status.as_str(), attempts), ("queued", 1));
        assert!(error.unwrap().contains("451"), "the SMTP answer is kept");
        let (next,): (i64,) = sqlx::query_as("select next_attempt_at from mail_outbox").fetch_one(&app.state.db.pool).await.unwrap();
        assert_eq!(next, app.clock.now_ms() + 60_000, "the first retry waits a minute");
        assert_eq!(pass(&app, &mailer).await, Pass::default(), "not due yet");
        app.advance_minutes(1);
        assert_eq!(pass(&app, &mailer).await.sent, 1);
        assert_eq!(sink.messages().len(), 1);
        assert_eq!(outbox_status(&app).await, [("sent".to_owned(), 2, None)]);

        // A server that keeps refusing: retries after 1, 2, 4… minutes, then failed after 8 attempts.
        let other = app.act(&ada, "emails/draft-save", &[
            ("id", String::new()), ("fields[contact_id]", sqlx::query_as::<_, (String,)>("select contact_id from email_drafts").fetch_one(&app.state.db.pool).await.unwrap().0),
            ("fields[to_address]", "grace@navy.example".into()), ("fields[subject]", "Second".into()), ("fields[body]", "Again".into()),
        ]).await;
        let other: String = other.json().await.unwrap();
        assert_status(&send(&app, &ada, &other).await, StatusCode::OK);
        sink.refuse_next(100);
        let mut waits = Vec::new();
        for _ in 0..worker::MAX_ATTEMPTS {
            let before = app.clock.now_ms();
            pass(&app, &mailer).await;
            let (next,): (i64,) = sqlx::query_as("select next_attempt_at from mail_outbox where subject = 'Second'").fetch_one(&app.state.db.pool).await.unwrap();
            waits.push((next - before) / 60_000);
            app.clock.advance_ms((next - before).max(0));
        }
        assert_eq!(&waits[..7], [1, 2, 4, 8, 16, 32, 64]);
        let (status, attempts, _) = outbox_status(&app).await.remove(1);
        assert_eq!((status.as_str(), attempts), ("failed", worker::MAX_ATTEMPTS));
        assert_eq!(sink.messages().len(), 1);
    }
}

on_both_databases! {
    async fn a_contact_marked_do_not_contact_cannot_be_sent_to(app: TestApp) {
        let (ada, contact_id, _, draft_id) = draft_to_grace(&app).await;
        let update = app
            .act(&ada, "contacts/update", &[
                ("id", contact_id.clone()), ("fields[first_name]", "Grace".into()), ("fields[last_name]", "Hopper".into()),
                ("fields[status]", "lead".into()), ("fields[emails][0][value]", "grace@navy.example".into()),
                ("fields[emails][0][label]", "work".into()), ("fields[do_not_contact]", "true".into()),
            ])
            .await;
        assert_status(&update, StatusCode::OK);
        let contact: Value = app.read(&ada, "contacts/get", &[("id", &contact_id)]).await.json().await.unwrap();
        assert_eq!(contact["fields"]["do_not_contact"], true);
        let refused = send(&app, &ada, &draft_id).await;
        assert_status(&refused, StatusCode::UNPROCESSABLE_ENTITY);
        let body = error_json(refused).await;
        assert!(body["fields"]["contact_id"].as_str().unwrap().contains("do not contact"), "{body}");
        assert!(outbox_status(&app).await.is_empty(), "nothing is queued");
        let draft: Value = app.read(&ada, "emails/draft-get", &[("id", &draft_id)]).await.json().await.unwrap();
        assert!(draft["sent_at"].is_null());
    }
}

on_both_databases! {
    async fn line_breaks_in_a_name_or_subject_never_add_a_header(app: TestApp) {
        let sink = SmtpSink::start().await;
        let mailer = mailer_for(&sink);
        let (ada, contact_id, _, draft_id) = draft_to_grace(&app).await;
        // The forms refuse line breaks; rows written by other means must not get through either.
        sqlx::query("update contacts set first_name = $1 where id = $2").bind("Grace\r\nBcc: evil@example.com").bind(&contact_id).execute(&app.state.db.pool).await.unwrap();
        sqlx::query("update email_drafts set subject = $1 where id = $2").bind("Hi\r\nBcc: evil@example.com\r\n").bind(&draft_id).execute(&app.state.db.pool).await.unwrap();
        assert_status(&send(&app, &ada, &draft_id).await, StatusCode::OK);
        assert_eq!(pass(&app, &mailer).await.sent, 1);
        let mail = &sink.messages()[0];
        assert_eq!(mail.rcpt_to, ["grace@navy.example"], "one recipient only");
        assert!(mail.header("Bcc").is_none(), "no Bcc header: {}", mail.data);
        assert!(!mail.headers().iter().any(|h| h.to_ascii_lowercase().starts_with("bcc")), "{:?}", mail.headers());
        assert_eq!(mail.header("Subject").as_deref(), Some("Hi  Bcc: evil@example.com"));

        // An address that is not one plain address is refused before anything is queued.
        let other = app.act(&ada, "emails/draft-save", &[
            ("id", String::new()), ("fields[contact_id]", contact_id.clone()), ("fields[to_address]", "grace@navy.example".into()),
            ("fields[subject]", "Second".into()), ("fields[body]", "Again".into()),
        ]).await;
        let other: String = other.json().await.unwrap();
        sqlx::query("update email_drafts set to_address = $1 where id = $2").bind("grace@navy.example\r\nBcc: evil@example.com").bind(&other).execute(&app.state.db.pool).await.unwrap();
        let refused = send(&app, &ada, &other).await;
        assert_status(&refused, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(error_json(refused).await["fields"]["to_address"].is_string());
    }
}

on_both_databases! {
    async fn a_viewer_cannot_send_and_another_workspaces_draft_is_not_found(app: TestApp) {
        let (ada, _, _, draft_id) = draft_to_grace(&app).await;
        let mallory = app.owner("mallory@example.com", "Elsewhere").await;
        assert_status(&send(&app, &mallory, &draft_id).await, StatusCode::NOT_FOUND);
        assert_status(&send(&app, &ada, "no-such-draft").await, StatusCode::NOT_FOUND);
        sqlx::query("update memberships set role = 'viewer'").execute(&app.state.db.pool).await.unwrap();
        assert_status(&send(&app, &ada, &draft_id).await, StatusCode::FORBIDDEN);
        assert!(outbox_status(&app).await.is_empty());
    }
}

on_both_databases! {
    async fn without_smtp_mail_is_kept_and_the_development_mailbox_shows_it_signed_out(app: TestApp) {
        let (ada, _, _, draft_id) = draft_to_grace(&app).await;
        assert_status(&send(&app, &ada, &draft_id).await, StatusCode::OK);
        assert_eq!(pass(&app, &Mailer::Keep).await.kept, 1);
        let stranger = browser(&app.base);
        let list: Value = stranger.get(app.url("/api/dev/mailbox")).send().await.unwrap().json().await.unwrap();
        assert_eq!(list[0]["subject"], "Hello Grace");
        assert_eq!(list[0]["status"], "kept");
        assert_eq!(list[0]["to"], "Grace Hopper <grace@navy.example>");
        let id = list[0]["id"].as_str().unwrap();
        let mail: Value = stranger.get(app.url("/api/dev/mailbox-message")).query(&[("id", id)]).send().await.unwrap().json().await.unwrap();
        assert!(mail["text"].as_str().unwrap().contains("See https://example.com/?a=1&b=2"));
        assert!(mail["html"].as_str().unwrap().contains("&lt;b&gt;Navy&lt;/b&gt;"));
        let page = stranger.get(app.url(&format!("/dev/mailbox/{id}"))).send().await.unwrap();
        assert_status(&page, StatusCode::OK);
        let html = page.text().await.unwrap();
        assert!(html.contains("<a href=\"https://example.com/?a=1&amp;b=2\""), "the text part's links are clickable");
        assert!(html.contains("&amp;lt;b&amp;gt;Navy"), "the HTML part is shown as text, never as markup");
        let index = stranger.get(app.url("/dev/mailbox")).send().await.unwrap();
        assert_status(&index, StatusCode::OK);
        assert!(index.text().await.unwrap().contains("Hello Grace"));
        let draft: Value = app.read(&ada, "emails/draft-get", &[("id", &draft_id)]).await.json().await.unwrap();
        assert!(draft["sent_at"].is_i64());
    }
}

async fn the_development_mailbox_does_not_exist_in_production(backend: Backend) {
    let app = spawn_app_with(backend, |config| config.environment = Environment::Production).await;
    let stranger = browser(&app.base);
    for path in ["/api/dev/mailbox", "/api/dev/mailbox-message?id=x", "/dev/mailbox", "/dev/mailbox/x"] {
        let response = stranger.get(app.url(path)).send().await.unwrap();
        assert_status(&response, StatusCode::NOT_FOUND);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_development_mailbox_does_not_exist_in_production_on_sqlite() {
    within_limit(the_development_mailbox_does_not_exist_in_production(Backend::Sqlite)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_development_mailbox_does_not_exist_in_production_on_postgres() {
    within_limit(the_development_mailbox_does_not_exist_in_production(Backend::Postgres)).await;
}
