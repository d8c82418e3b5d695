//! Sign-up and sign-in pages.

mod signin;
mod signup;
mod strength_meter;

pub use signin::SignInPage;
pub use signup::SignUpPage;
