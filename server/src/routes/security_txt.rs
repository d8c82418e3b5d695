//! `/.well-known/security.txt` (RFC 9116), with an `Expires` 180 days ahead of today.

use app::ssr::AppState;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

const VALID_FOR_DAYS: i64 = 180;

pub async fn security_txt(State(state): State<AppState>) -> impl IntoResponse {
    let now = OffsetDateTime::from_unix_timestamp(state.clock.now_ms() / 1000).unwrap_or(OffsetDateTime::UNIX_EPOCH);
    let expires = (now + time::Duration::days(VALID_FOR_DAYS))
        .replace_nanosecond(0)
        .unwrap_or(now)
        .format(&Rfc3339)
        .unwrap_or_default();
    let body = format!(
        "Contact: mailto:security@nexacrm.io\nExpires: {expires}\nPreferred-Languages: en\nPolicy: {base}/privacy\nCanonical: {base}/.well-known/security.txt\n",
        base = state.config.base_url
    );
    ([(header::CONTENT_TYPE, "text/plain; charset=utf-8")], body)
}
