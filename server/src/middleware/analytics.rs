//! Counts a page view in the anonymised analytics when the visitor's consent cookie grants
//! analytics: only full page loads (a GET of a page route answered with HTML and 200), never
//! server-function calls, assets or downloads, and by route pattern (`/w/{slug}/contacts/{id}`),
//! never the address. Added with `route_layer`, like the usage data, so the pattern is known.
//! See `app::ssr::analytics` for what is stored and what is not.

use super::usage::{is_html, is_page_route};
use app::ssr::analytics;
use app::ssr::context::ClientIp;
use app::ssr::AppState;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;

pub async fn count_page_view(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let route = request.extensions().get::<MatchedPath>().map(|p| p.as_str().to_owned()).filter(|route| is_page_route(route));
    let consented = request.method() == Method::GET
        && analytics::consented(&state, request.headers().get(header::COOKIE).and_then(|v| v.to_str().ok()));
    let (Some(route), true) = (route, consented) else {
        return next.run(request).await;
    };
    let ip = request.extensions().get::<ClientIp>().map(|ip| ip.0);
    let user_agent = request.headers().get(header::USER_AGENT).and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    let response = next.run(request).await;
    if let (true, Some(ip)) = (response.status() == StatusCode::OK && is_html(&response), ip) {
        if let Err(error) = analytics::count_page_view(&state, &route, ip, &user_agent).await {
            tracing::warn!("counting a page view failed: {error}");
        }
    }
    response
}
