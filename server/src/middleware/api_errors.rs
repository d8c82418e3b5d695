//! Gives server-function errors their real status code. Leptos answers every failed server function
//! with 500; this reads our `AppError` from the body and answers 422, 401, 404, 429 (with
//! `Retry-After`)… so only genuine internal failures are 500. Plain-form posts (redirected back to
//! the form with the error in the URL) are left alone.
//!
//! Also refuses bodies of a type no server function reads (415).

use app::error::AppError;
use axum::body::{to_bytes, Body};
use axum::extract::Request;
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The header server_fn puts on error answers.
const SERVER_FN_ERROR_HEADER: &str = "serverfnerror";
const READABLE_TYPES: [&str; 3] = ["application/x-www-form-urlencoded", "application/json", "multipart/form-data"];
/// An error body is a small JSON document; anything larger is passed through untouched.
const MAX_ERROR_BODY: usize = 64 * 1024;

pub async fn api_error_status(request: Request, next: Next) -> Response {
    if !request.uri().path().starts_with("/api/") {
        return next.run(request).await;
    }
    if request.method() == Method::POST {
        let content_type = request.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).unwrap_or("");
        let essence = content_type.split(';').next().unwrap_or("").trim().to_ascii_lowercase();
        if !READABLE_TYPES.contains(&essence.as_str()) {
            return (StatusCode::UNSUPPORTED_MEDIA_TYPE, "Unsupported content type.").into_response();
        }
    }
    let response = next.run(request).await;
    if !response.headers().contains_key(SERVER_FN_ERROR_HEADER) || response.status().is_redirection() {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = to_bytes(body, MAX_ERROR_BODY).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "Internal error.").into_response();
    };
    if let Ok(error) = serde_json::from_slice::<AppError>(&bytes) {
        parts.status = StatusCode::from_u16(error.status_code()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        if let AppError::TooManyRequests { retry_after_secs } = error {
            if let Ok(value) = HeaderValue::from_str(&retry_after_secs.to_string()) {
                parts.headers.insert(header::RETRY_AFTER, value);
            }
        }
    }
    Response::from_parts(parts, Body::from(bytes))
}
