//! `AppError`: the one error type every server function returns, shared with the browser.
//!
//! Validation errors carry a message per field; internal errors carry only an opaque reference id
//! (the cause is logged once, on the server, when the error is made).

use serde::{Deserialize, Serialize};
use server_fn::codec::JsonEncoding;
use server_fn::error::{FromServerFnError, ServerFnErrorErr};
use std::collections::BTreeMap;

/// Field name → message, in field order of the form.
pub type FieldErrors = BTreeMap<String, String>;

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum AppError {
    /// One or more fields are wrong; nothing was changed.
    #[error("please correct the highlighted fields")]
    Validation { fields: FieldErrors },
    /// The request needs a signed-in person.
    #[error("please sign in")]
    Unauthenticated,
    /// Signed in, but the role does not allow this.
    #[error("you do not have permission to do that")]
    Forbidden,
    /// Missing, or belonging to somebody else: the two are never told apart.
    #[error("not found")]
    NotFound,
    /// Sign-in failed: the same answer for an unknown email and a wrong password.
    #[error("that email and password do not match an account")]
    InvalidCredentials,
    /// A limiter refused the request; try again after this many seconds.
    #[error("too many attempts; try again in {retry_after_secs} seconds")]
    TooManyRequests { retry_after_secs: u64 },
    /// The record is not in a state that allows this (a lead already converted…); nothing changed.
    #[error("{message}")]
    Conflict { message: String },
    /// The request itself could not be read (malformed body, wrong encoding).
    #[error("the request could not be read")]
    BadRequest,
    /// Something failed on our side; the reference finds the log line.
    #[error("something went wrong on our side (reference {reference})")]
    Internal { reference: String },
}

impl AppError {
    /// A validation error for one field.
    pub fn field(name: &str, message: impl Into<String>) -> Self {
        let mut fields = FieldErrors::new();
        fields.insert(name.to_owned(), message.into());
        AppError::Validation { fields }
    }

    /// The message for `field`, when this is a validation error that names it.
    pub fn field_message(&self, field: &str) -> Option<String> {
        match self {
            AppError::Validation { fields } => fields.get(field).cloned(),
            _ => None,
        }
    }

    /// The text shown to people, in `locale` (in English it is the `Display` text).
    pub fn message(&self, locale: crate::i18n_setup::Locale) -> String {
        use crate::i18n_setup::td_string;
        match self {
            AppError::Validation { .. } => td_string!(locale, errors.generic.validation).to_owned(),
            AppError::Unauthenticated => td_string!(locale, errors.generic.unauthenticated).to_owned(),
            AppError::Forbidden => td_string!(locale, errors.generic.forbidden).to_owned(),
            AppError::NotFound => td_string!(locale, errors.generic.not_found).to_owned(),
            AppError::InvalidCredentials => td_string!(locale, errors.generic.invalid_credentials).to_owned(),
            AppError::TooManyRequests { retry_after_secs } => {
                td_string!(locale, errors.generic.too_many_requests, retry_after_secs = *retry_after_secs)
            }
            AppError::Conflict { message } => message.clone(),
            AppError::BadRequest => td_string!(locale, errors.generic.bad_request).to_owned(),
            AppError::Internal { reference } => td_string!(locale, errors.generic.internal, reference = reference),
        }
    }

    /// The HTTP status this error answers with.
    pub fn status_code(&self) -> u16 {
        match self {
            AppError::Validation { .. } => 422,
            AppError::Unauthenticated | AppError::InvalidCredentials => 401,
            AppError::Forbidden => 403,
            AppError::NotFound => 404,
            AppError::TooManyRequests { .. } => 429,
            AppError::BadRequest => 400,
            AppError::Conflict { .. } => 409,
            AppError::Internal { .. } => 500,
        }
    }

    /// Logs `cause` once with a fresh reference id and returns the opaque error shown to the user.
    #[cfg(feature = "ssr")]
    pub fn internal(cause: impl std::fmt::Display) -> Self {
        let reference = uuid::Uuid::now_v7().simple().to_string()[20..].to_owned();
        tracing::error!(%reference, "internal error: {cause}");
        AppError::Internal { reference }
    }
}

impl FromServerFnError for AppError {
    type Encoder = JsonEncoding;

    fn from_server_fn_error(value: ServerFnErrorErr) -> Self {
        match value {
            // The body or query did not parse: the caller's fault, never a 500.
            ServerFnErrorErr::Args(_)
            | ServerFnErrorErr::Deserialization(_)
            | ServerFnErrorErr::MissingArg(_)
            | ServerFnErrorErr::UnsupportedRequestMethod(_) => AppError::BadRequest,
            #[cfg(feature = "ssr")]
            other => AppError::internal(other),
            #[cfg(not(feature = "ssr"))]
            _ => AppError::Internal { reference: "network".into() },
        }
    }
}

#[cfg(feature = "ssr")]
impl From<sqlx::Error> for AppError {
    fn from(error: sqlx::Error) -> Self {
        AppError::internal(error)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n_setup::Locale;

    fn every_kind() -> Vec<AppError> {
        vec![
            AppError::field("name", "Enter a name."),
            AppError::Unauthenticated,
            AppError::Forbidden,
            AppError::NotFound,
            AppError::InvalidCredentials,
            AppError::TooManyRequests { retry_after_secs: 42 },
            AppError::Conflict { message: "Already done.".into() },
            AppError::BadRequest,
            AppError::Internal { reference: "abc123".into() },
        ]
    }

    #[test]
    fn the_english_message_is_the_display_text() {
        for error in every_kind() {
            assert_eq!(error.message(Locale::en), error.to_string());
        }
    }

    #[test]
    fn german_messages_keep_their_values() {
        assert_eq!(AppError::TooManyRequests { retry_after_secs: 42 }.message(Locale::de), "zu viele Versuche; versuchen Sie es in 42 Sekunden erneut");
        assert_eq!(AppError::Internal { reference: "abc123".into() }.message(Locale::de), "bei uns ist etwas schiefgelaufen (Referenz abc123)");
        assert_eq!(AppError::Conflict { message: "Schon erledigt.".into() }.message(Locale::de), "Schon erledigt.");
    }
}
