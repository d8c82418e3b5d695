//! Records the client's IP in the request (the socket peer; the proxy's `X-Forwarded-For` only when
//! `NEXACRM_TRUST_PROXY` is set).

use app::ssr::context::ClientIp;
use app::ssr::AppState;
use axum::extract::{ConnectInfo, Request, State};
use axum::middleware::Next;
use axum::response::Response;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};

pub async fn record_client_ip(State(state): State<AppState>, mut request: Request, next: Next) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|info| info.0.ip())
        .unwrap_or(IpAddr::V4(Ipv4Addr::LOCALHOST));
    let forwarded = state
        .config
        .trust_proxy
        .then(|| request.headers().get("x-forwarded-for"))
        .flatten()
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(',').next())
        .and_then(|first| first.trim().parse::<IpAddr>().ok());
    request.extensions_mut().insert(ClientIp(forwarded.unwrap_or(peer)));
    next.run(request).await
}
