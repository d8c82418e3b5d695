//! Sign-up and sign-in pages, the pages of a forgotten password, and the page an invitation link
//! opens.

mod confirm_email;
mod invite;
mod reset;
mod signin;
mod signup;
mod strength_meter;

pub use confirm_email::ConfirmEmailPage;
pub use invite::InvitePage;
pub use reset::{ForgotPasswordPage, ResetPasswordPage};
pub use signin::SignInPage;
pub use signup::SignUpPage;
