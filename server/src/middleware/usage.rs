//! Usage data (policy section 2): every full page load of a signed-in person — a GET answered
//! with an HTML page, not a server function, asset or file — is recorded in `page_visits` by its
//! route pattern (`/w/{slug}/contacts/{id}`, never the address with its ids), unless the person
//! objected. Added with `route_layer`, so it runs after routing (the pattern is known) and inside
//! the session layer (the person is known). A failure is logged; it never fails the page.

use app::ssr::db;
use app::ssr::sessions::CurrentSession;
use app::ssr::AppState;
use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, Method};
use axum::middleware::Next;
use axum::response::Response;

pub async fn record_page_visit(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let visit = if request.method() == Method::GET { page_visit(&request) } else { None };
    let slug = workspace_slug(request.uri().path()).map(str::to_owned);
    let response = next.run(request).await;
    if let Some((user_id, route)) = visit {
        if response.status().is_success() && is_html(&response) {
            let now_ms = state.clock.now_ms();
            if let Err(error) = db::usage::record_visit(&state.db.pool, &db::new_id(), &user_id, slug.as_deref(), &route, now_ms).await {
                tracing::error!("recording a page visit failed: {error}");
            }
        }
    }
    response
}

/// The signed-in person and the route pattern of a request for a page.
fn page_visit(request: &Request) -> Option<(String, String)> {
    let session = request.extensions().get::<CurrentSession>()?;
    let route = request.extensions().get::<MatchedPath>()?.as_str();
    is_page_route(route).then(|| (session.user_id.clone(), route.to_owned()))
}

/// Pages, not the server functions (`/api/…`), files or the health check.
pub(super) fn is_page_route(route: &str) -> bool {
    !(route.starts_with("/api/") || route.starts_with("/pkg/") || route.starts_with("/avatars/") || route == "/healthz" || route.starts_with("/.well-known/"))
}

pub(super) fn is_html(response: &Response) -> bool {
    response.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| v.starts_with("text/html"))
}

/// The workspace slug of a `/w/{slug}/…` address.
fn workspace_slug(path: &str) -> Option<&str> {
    path.strip_prefix("/w/")?.split('/').next().filter(|slug| !slug.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_page_routes_count_and_the_slug_comes_from_the_address() {
        assert!(is_page_route("/w/{slug}/contacts/{id}") && is_page_route("/"));
        for other in ["/api/contacts/list", "/avatars/{user_id}", "/healthz", "/.well-known/security.txt"] {
            assert!(!is_page_route(other), "{other}");
        }
        assert_eq!(workspace_slug("/w/acme/contacts/123"), Some("acme"));
        assert_eq!(workspace_slug("/w/acme"), Some("acme"));
        assert_eq!(workspace_slug("/w/"), None);
        assert_eq!(workspace_slug("/privacy"), None);
    }
}
