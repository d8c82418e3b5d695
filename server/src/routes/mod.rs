//! Plain HTTP routes, for what a server function does not fit.

pub mod avatars;
pub mod health;
pub mod security_txt;
