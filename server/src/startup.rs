//! Assembles the router: Leptos pages and server functions, plain routes, and the middleware
//! every request passes through.

use crate::middleware;
use crate::routes;
use app::ssr::AppState;
use app::{shell, App};
use axum::body::Body;
use axum::extract::State;
use axum::http::{Request, StatusCode};
use axum::response::Response;
use axum::routing::{any, get};
use axum::Router;
use leptos::prelude::provide_context;
use leptos_axum::{generate_route_list, LeptosRoutes};
use std::net::SocketAddr;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::services::ServeDir;

async fn server_fn_handler(State(state): State<AppState>, request: Request<Body>) -> impl axum::response::IntoResponse {
    leptos_axum::handle_server_fns_with_context(move || provide_context(state.clone()), request).await
}

/// The whole application as a router, ready to serve.
pub fn build_router(state: AppState) -> Router {
    let routes = generate_route_list(App);
    let leptos_options = state.leptos_options.clone();
    let context_state = state.clone();
    // An import's file over its limit is read through, up to twice the limit (see below).
    let import_body_limit = state.config.import_limit_bytes.saturating_mul(2);
    Router::new()
        .route("/healthz", get(routes::health::healthz))
        .route("/.well-known/security.txt", get(routes::security_txt::security_txt))
        .route("/api/{*fn_name}", get(server_fn_handler).post(server_fn_handler))
        .route("/account/avatar", axum::routing::post(routes::avatars::upload))
        .route("/avatars/{user_id}", get(routes::avatars::serve))
        .route("/exports/{id}/download", get(routes::exports::download))
        .route("/w/{slug}/contacts/{id}/export", get(routes::person_export::contact))
        .route("/w/{slug}/leads/{id}/export", get(routes::person_export::lead))
        .route("/w/{slug}/export/{list}/{format}", get(routes::list_exports::export))
        .route("/w/{slug}/imports/{id}/problems.csv", get(routes::imports::problems))
        .route("/unsubscribe/{token}", get(routes::unsubscribe::show).post(routes::unsubscribe::unsubscribe))
        .leptos_routes_with_context(
            &state,
            routes,
            move || provide_context(context_state.clone()),
            move || shell(leptos_options.clone()),
        )
        .route_layer(RequestBodyLimitLayer::new(state.config.body_limit_bytes))
        // The one larger body: an import's CSV file, streamed to disk (its own limit). The route
        // refuses a file over the limit itself, and reads the rest of a body up to twice the limit
        // so that the browser, still sending, receives the answer: a body cut off by a layer made
        // the browser show a closed connection instead of the message next to the field.
        .merge(
            Router::new()
                .route("/w/{slug}/imports", axum::routing::post(routes::imports::upload))
                .route_layer(RequestBodyLimitLayer::new(import_body_limit))
                .route_layer(axum::extract::DefaultBodyLimit::max(import_body_limit)),
        )
        // After routing (the route pattern is known) and inside the session layer below.
        .route_layer(axum::middleware::from_fn_with_state(state.clone(), middleware::usage::record_page_visit))
        .route_layer(axum::middleware::from_fn_with_state(state.clone(), middleware::analytics::count_page_view))
        // Files of the site (the bundle, brotli or gzip where the browser accepts it), else the
        // not-found page. Not leptos_axum's `file_and_error_handler`: for a file it makes a reactive
        // owner under whatever owner the thread last ran, and applies the response options it finds
        // there, taking the headers a page being rendered at the same time had set (its CSP: the
        // browser then refused that page's scripts).
        .fallback_service(
            ServeDir::new(&*state.leptos_options.site_root)
                .precompressed_br()
                .precompressed_gzip()
                .call_fallback_on_method_not_allowed(true)
                .not_found_service(any(not_found_page).with_state(state.clone())),
        )
        .layer(axum::middleware::from_fn(middleware::api_errors::api_error_status))
        .layer(axum::middleware::from_fn_with_state(state.clone(), middleware::session::load_session))
        .layer(axum::middleware::from_fn_with_state(state.clone(), middleware::csrf::refuse_cross_site))
        .layer(axum::middleware::from_fn_with_state(state.clone(), middleware::client_ip::record_client_ip))
        .layer(axum::middleware::from_fn_with_state(state.clone(), middleware::security_headers::add_security_headers))
        .with_state(state)
}

/// An address that is neither a route nor a file: the app's not-found page, rendered whole.
async fn not_found_page(State(state): State<AppState>, request: Request<Body>) -> Response {
    let options = state.leptos_options.clone();
    let render = leptos_axum::render_app_async_with_context(move || provide_context(state.clone()), move || shell(options.clone()));
    let mut response = render(request).await;
    if response.status() == StatusCode::OK {
        *response.status_mut() = StatusCode::NOT_FOUND;
    }
    response
}

/// Serves until the process is stopped.
pub async fn serve(listener: tokio::net::TcpListener, state: AppState) -> std::io::Result<()> {
    let router = build_router(state);
    axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}
