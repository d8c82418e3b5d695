//! Sign-up and sign-in pages, and the page an invitation link opens.

mod invite;
mod signin;
mod signup;
mod strength_meter;

pub use invite::InvitePage;
pub use signin::SignInPage;
pub use signup::SignUpPage;
