//! Middleware every request passes through, outermost first: body limit, security headers, client
//! IP, cross-site refusal, session, and the status codes of server-function errors; after routing,
//! the page-visit record of `usage`.

pub mod analytics;
pub mod api_errors;
pub mod client_ip;
pub mod csrf;
pub mod security_headers;
pub mod session;
pub mod usage;
