//! Middleware every request passes through, outermost first: body limit, security headers, client
//! IP, cross-site refusal, session, and the status codes of server-function errors.

pub mod api_errors;
pub mod client_ip;
pub mod csrf;
pub mod security_headers;
pub mod session;
