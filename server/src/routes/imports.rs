//! The file side of CSV imports (see `app::ssr::imports`):
//! - `POST /w/{slug}/imports`: multipart with `kind` (contact, company, lead, deal) and `file`;
//!   the file is streamed to disk (at most `NEXACRM_IMPORT_LIMIT_MB`), read through once, and the
//!   browser is sent to the wizard at `/w/{slug}/imports/{id}`; a refused file goes back to
//!   `/w/{slug}/imports?kind=…&error=missing|size|encoding|empty|unreadable`.
//! - `GET /w/{slug}/imports/{id}/problems.csv`: the rows the check or the run found bad, with the
//!   file's header and an error column, formula-escaped.
//!
//! The file is deleted as soon as the import is finished (see `app::ssr::imports`).

use app::domain::imports::{auto_map, DateFormat, MatchKey};
use app::domain::records::RecordKind;
use app::ssr::imports::{self, Refused};
use app::ssr::sessions::CurrentSession;
use app::ssr::{db, AppState};
use axum::body::Body;
use axum::extract::{Multipart, Path, State};
use axum::http::{header, HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use tokio::io::AsyncWriteExt;

fn back(slug: &str, kind: &str, refused: Refused) -> Response {
    Redirect::to(&format!("/w/{slug}/imports?kind={kind}&error={}", refused.as_str())).into_response()
}

/// Streams the `file` field to `path`, refusing more than `limit` bytes. Returns the file's name.
async fn save_field(field: &mut axum::extract::multipart::Field<'_>, path: &std::path::Path, limit: usize) -> Result<String, Refused> {
    let name = field.file_name().unwrap_or("import.csv").chars().filter(|c| !c.is_control()).take(200).collect::<String>();
    let mut file = tokio::fs::File::create(path).await.map_err(|_| Refused::Unreadable)?;
    let mut written = 0_usize;
    while let Some(chunk) = field.chunk().await.map_err(|e| if e.status() == StatusCode::PAYLOAD_TOO_LARGE { Refused::TooLarge } else { Refused::Unreadable })? {
        written += chunk.len();
        if written > limit {
            return Err(Refused::TooLarge);
        }
        file.write_all(&chunk).await.map_err(|_| Refused::Unreadable)?;
    }
    file.flush().await.map_err(|_| Refused::Unreadable)?;
    if written == 0 {
        return Err(Refused::Missing);
    }
    Ok(name)
}

pub async fn upload(
    State(state): State<AppState>,
    session: Option<Extension<CurrentSession>>,
    Path(slug): Path<String>,
    headers: HeaderMap,
    mut form: Multipart,
) -> Response {
    let Some(Extension(session)) = session else {
        return Redirect::to(&format!("/signin?next=/w/{slug}/imports")).into_response();
    };
    let member = match app::ssr::access::membership(&state, &session.user_id, &slug).await {
        Ok(member) if member.require_writer().is_ok() => member,
        Ok(_) => return StatusCode::FORBIDDEN.into_response(),
        Err(_) => return StatusCode::NOT_FOUND.into_response(),
    };
    if tokio::fs::create_dir_all(imports::dir(&state)).await.is_err() {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    }
    let id = db::new_id();
    let part = imports::dir(&state).join(format!("{id}.csv.part"));
    let mut kind = RecordKind::Contact;
    let mut saved: Option<Result<String, Refused>> = None;
    loop {
        match form.next_field().await {
            Ok(Some(mut field)) => match field.name() {
                Some("kind") => {
                    let text = field.text().await.unwrap_or_default();
                    kind = RecordKind::parse(text.trim()).filter(|k| app::domain::imports::KINDS.contains(k)).unwrap_or(RecordKind::Contact);
                }
                Some("file") if saved.is_none() => saved = Some(save_field(&mut field, &part, state.config.import_limit_bytes).await),
                _ => {}
            },
            Ok(None) => break,
            Err(error) => {
                saved = Some(Err(if error.status() == StatusCode::PAYLOAD_TOO_LARGE { Refused::TooLarge } else { Refused::Unreadable }));
                break;
            }
        }
    }
    let refuse = |refused: Refused| {
        let part = part.clone();
        let kind = kind.as_str();
        let slug = slug.clone();
        async move {
            let _ = tokio::fs::remove_file(&part).await;
            back(&slug, kind, refused)
        }
    };
    let file_name = match saved {
        Some(Ok(name)) => name,
        Some(Err(refused)) => return refuse(refused).await,
        None => return refuse(Refused::Missing).await,
    };
    let inspected = {
        let part = part.clone();
        tokio::task::spawn_blocking(move || imports::inspect(&part)).await.unwrap_or(Err(Refused::Unreadable))
    };
    let facts = match inspected {
        Ok(facts) => facts,
        Err(refused) => return refuse(refused).await,
    };
    let mapping = auto_map(kind, &facts.headers);
    let dates = {
        let (part, mapping) = (part.clone(), mapping.clone());
        let header = |name: header::HeaderName| headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
        let locale = app::i18n_setup::locale_from_headers(&header(header::COOKIE), &header(header::ACCEPT_LANGUAGE));
        let day_first = locale == app::i18n_setup::Locale::de;
        tokio::task::spawn_blocking(move || {
            let samples = imports::column_samples(&part, facts.delimiter, &mapping, "expected_close");
            DateFormat::detect(samples.iter().map(String::as_str), day_first)
        })
        .await
        .unwrap_or_default()
    };
    let match_on = MatchKey::for_kind(kind).iter().find(|k| mapping.iter().any(|m| m == k.field())).copied().unwrap_or(MatchKey::for_kind(kind)[0]);
    let new = db::imports::NewImport {
        id: &id,
        workspace_id: &member.workspace_id,
        user_id: &member.user_id,
        kind,
        file_name: &file_name,
        delimiter: &String::from(char::from(facts.delimiter)),
        headers: &serde_json::to_string(&facts.headers).unwrap_or_else(|_| "[]".into()),
        total_rows: facts.total_rows,
        mapping: &serde_json::to_string(&mapping).unwrap_or_else(|_| "[]".into()),
        match_on: match_on.as_str(),
        date_format: dates.as_str(),
    };
    if let Err(error) = db::imports::insert(&state.db.pool, new, state.clock.now_ms()).await {
        tracing::error!("saving an import failed: {error}");
        let _ = tokio::fs::remove_file(&part).await;
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    }
    if tokio::fs::rename(&part, imports::file_path(&state, &id)).await.is_err() {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    }
    Redirect::to(&format!("/w/{slug}/imports/{id}")).into_response()
}

/// The bad rows as CSV: the file's header, then "Row" and "Error", each cell formula-escaped.
pub async fn problems(State(state): State<AppState>, session: Option<Extension<CurrentSession>>, Path((slug, id)): Path<(String, String)>) -> Response {
    let Some(Extension(session)) = session else {
        return Redirect::to(&format!("/signin?next=/w/{slug}/imports/{id}")).into_response();
    };
    let Ok(member) = app::ssr::access::membership(&state, &session.user_id, &slug).await else { return StatusCode::NOT_FOUND.into_response() };
    let Ok(row) = app::api::imports::ssr::visible(&state, &member, &id).await else { return StatusCode::NOT_FOUND.into_response() };
    let headers = imports::stored_headers(&row);
    use app::domain::csv_cells::{write_header, write_record, CsvCell};
    let mut out = csv::Writer::from_writer(Vec::new());
    let mut header: Vec<String> = vec!["Row".into(), "Error".into()];
    header.extend(headers);
    let _ = write_header(&mut out, &header);
    let mut after = 0;
    loop {
        let Ok(page) = db::imports::problems(&state.db.pool, &row.id, after, 1000).await else {
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        };
        let Some(last) = page.last().map(|p| p.0) else { break };
        for (number, message, cells) in &page {
            let cells: Vec<String> = serde_json::from_str(cells).unwrap_or_default();
            let first = [CsvCell::Integer(*number), CsvCell::Text(message)];
            let _ = write_record(&mut out, first.into_iter().chain(cells.iter().map(|c| CsvCell::Text(c))));
        }
        after = last;
    }
    let body = out.into_inner().unwrap_or_default();
    let mut response = Body::from(body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8"));
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(header::CONTENT_DISPOSITION, HeaderValue::from_static("attachment; filename=\"import-problems.csv\""));
    response
}
