//! Settings → Profile: fields checked and saved, and the picture: judged by its content, stored as
//! a 256×256 PNG made by the server, shown only to people who share a workspace.

use crate::helpers::*;
use crate::on_both_databases;
use crate::roles::{join, user_id, workspace_id};
use reqwest::StatusCode;
use serde_json::Value;

fn png(width: u32, height: u32) -> Vec<u8> {
    let picture = image::RgbImage::from_pixel(width, height, image::Rgb([20, 120, 200]));
    let mut out = Vec::new();
    image::DynamicImage::ImageRgb8(picture).write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png).unwrap();
    out
}

/// Posts `bytes` as the `avatar` file of a multipart form named `file_name`.
async fn upload(app: &TestApp, client: &reqwest::Client, bytes: &[u8], file_name: &str, content_type: &str) -> reqwest::Response {
    let boundary = "nexacrm-test-boundary";
    let mut body = Vec::new();
    body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"back\"\r\n\r\n/w/x/account\r\n").as_bytes());
    body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"avatar\"; filename=\"{file_name}\"\r\nContent-Type: {content_type}\r\n\r\n").as_bytes());
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    client
        .post(app.url("/account/avatar"))
        .header("content-type", format!("multipart/form-data; boundary={boundary}"))
        .header("accept", "application/json")
        .body(body)
        .send()
        .await
        .unwrap()
}

async fn profile(app: &TestApp, owner: &Owner) -> Value {
    owner.client.get(app.url("/api/account/profile")).send().await.unwrap().json().await.unwrap()
}

on_both_databases! {
    async fn a_profile_is_checked_and_saved(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let before = profile(&app, &ada).await;
        assert_eq!((before["fields"]["timezone"].as_str(), before["fields"]["currency"].as_str()), (Some("UTC"), Some("EUR")));
        assert!(before["timezones"].as_array().unwrap().iter().any(|z| z == "Europe/Berlin"));
        let form = |name: &str, phone: &str, tz: &str, currency: &str| {
            vec![
                ("fields[full_name]", name.to_owned()), ("fields[job_title]", "Analyst".to_owned()), ("fields[phone]", phone.to_owned()),
                ("fields[bio]", "Writes <b>programs</b>".to_owned()), ("fields[timezone]", tz.to_owned()), ("fields[currency]", currency.to_owned()),
            ]
        };
        let bad = app.call_with(&ada.client, "account/profile-save", &form("", "call me maybe", "Mars/Olympus", "ABC")).await;
        let body = error_json(bad).await;
        for field in ["full_name", "phone", "timezone", "currency"] {
            assert!(body["fields"][field].is_string(), "{field}: {body}");
        }
        assert_eq!(profile(&app, &ada).await["fields"], before["fields"], "a refused save changes nothing");
        assert_status(&app.call_with(&ada.client, "account/profile-save", &form("Ada King", "+44 20 7946 0018", "Europe/London", "GBP")).await, StatusCode::OK);
        let after = profile(&app, &ada).await;
        assert_eq!(after["fields"]["full_name"], "Ada King");
        assert_eq!(after["fields"]["bio"], "Writes <b>programs</b>", "kept as text; pages escape it");
        assert_eq!((after["fields"]["timezone"].as_str(), after["fields"]["currency"].as_str()), (Some("Europe/London"), Some("GBP")));
    }
}

on_both_databases! {
    async fn a_picture_becomes_a_square_png_seen_only_inside_shared_workspaces(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let ws = workspace_id(&app, &ada.slug).await;
        let (_, colleague) = join(&app, &ws, "max@example.com", "viewer").await;
        let stranger = app.owner("bob@example.com", "Bravo").await;
        let ada_id = user_id(&app, "ada@example.com").await;

        // Not a picture, whatever its name and declared type.
        let fake = upload(&app, &ada.client, b"%PDF-1.7 this is a document", "me.png", "image/png").await;
        assert_status(&fake, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(error_json(fake).await["fields"]["avatar"].is_string());
        assert_eq!(profile(&app, &ada).await["avatar_version"], 0);
        let anonymous = upload(&app, &browser(&app.base), &png(10, 10), "me.png", "image/png").await;
        assert_status(&anonymous, StatusCode::UNAUTHORIZED);

        let original = png(900, 500);
        assert_status(&upload(&app, &ada.client, &original, "holiday.png", "image/png").await, StatusCode::OK);
        assert_eq!(profile(&app, &ada).await["avatar_version"], 1);
        let served = colleague.get(app.url(&format!("/avatars/{ada_id}"))).send().await.unwrap();
        assert_status(&served, StatusCode::OK);
        assert_eq!(served.headers()["content-type"], "image/png");
        let bytes = served.bytes().await.unwrap();
        assert_ne!(bytes.as_ref(), original.as_slice(), "the server's own PNG, not the upload");
        let picture = image::load_from_memory(&bytes).unwrap();
        assert_eq!((picture.width(), picture.height()), (256, 256));
        assert_status(&stranger.client.get(app.url(&format!("/avatars/{ada_id}"))).send().await.unwrap(), StatusCode::NOT_FOUND);
        assert_status(&browser(&app.base).get(app.url(&format!("/avatars/{ada_id}"))).send().await.unwrap(), StatusCode::NOT_FOUND);

        assert_status(&app.call_with(&ada.client, "account/avatar-remove", &[]).await, StatusCode::OK);
        assert_status(&ada.client.get(app.url(&format!("/avatars/{ada_id}"))).send().await.unwrap(), StatusCode::NOT_FOUND);
    }
}

on_both_databases! {
    async fn times_are_shown_and_read_in_the_persons_time_zone(app: TestApp) {
        let ada = app.owner("ada@example.com", "Engines").await;
        let form = [
            ("fields[full_name]", "Ada".to_owned()), ("fields[job_title]", String::new()), ("fields[phone]", String::new()),
            ("fields[bio]", String::new()), ("fields[timezone]", "Europe/Berlin".to_owned()), ("fields[currency]", "CHF".to_owned()),
        ];
        assert_status(&app.call_with(&ada.client, "account/profile-save", &form).await, StatusCode::OK);
        let shell: Value = app.read(&ada, "workspaces/shell", &[]).await.json().await.unwrap();
        assert_eq!((shell["zone"]["name"].as_str(), shell["currency"].as_str()), (Some("Europe/Berlin"), Some("CHF")));

        // Due 10:00 in Berlin is 09:00 UTC, and reads back as 10:00.
        let plan = |subject: &str, due: &str| vec![("fields[kind]", "task".to_owned()), ("fields[subject]", subject.to_owned()), ("fields[due]", due.to_owned())];
        let id: String = app.act(&ada, "activities/create", &plan("Call", "2026-11-27T10:00")).await.json().await.unwrap();
        let (due,): (Option<i64>,) = sqlx::query_as("select due_at from activities where id = $1").bind(&id).fetch_one(&app.state.db.pool).await.unwrap();
        assert_eq!(due, Some(START_MS + 9 * 3_600_000));
        let detail: Value = app.read(&ada, "activities/get", &[("id", &id)]).await.json().await.unwrap();
        assert_eq!(detail["fields"]["due"], "2026-11-27T10:00");

        // The clock says 00:00 UTC, 01:00 in Berlin: 00:30 on the 28th in Berlin is still tomorrow
        // there, though it is the 27th in UTC.
        app.act(&ada, "activities/create", &plan("Late tonight", "2026-11-27T23:30")).await;
        app.act(&ada, "activities/create", &plan("Just after midnight", "2026-11-28T00:30")).await;
        let work: Value = app.read(&ada, "activities/mine", &[]).await.json().await.unwrap();
        let subjects = |section: &str| work[section].as_array().unwrap().iter().map(|a| a["subject"].as_str().unwrap().to_owned()).collect::<Vec<_>>();
        assert_eq!(subjects("today"), ["Call", "Late tonight"]);
        assert_eq!(subjects("upcoming"), ["Just after midnight"]);

        // Pages show Berlin time.
        let page = app.get_as(&ada, &format!("/w/{}/activities/{id}", ada.slug)).await;
        assert!(page.contains("UTC+01:00"), "times in the person's zone");
    }
}
