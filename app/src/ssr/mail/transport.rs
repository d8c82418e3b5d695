//! How the outbox leaves the server: SMTP through lettre when `NEXACRM_SMTP_URL` is set, or
//! nowhere (mail is kept for the development mailbox).

use crate::ssr::config::Config;
use crate::ssr::db::mail::OutboxRow;
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Tokio1Executor};
use std::time::Duration;

/// How long one SMTP conversation may take before it counts as failed (and is retried).
const SMTP_TIMEOUT: Duration = Duration::from_secs(30);

/// Checks an SMTP URL in lettre's form (`smtp://user:pass@host:587?tls=required`,
/// `smtps://…:465`, plain `smtp://host:25`) without connecting or starting anything.
pub fn check_smtp_url(url: &str) -> Result<(), lettre::transport::smtp::Error> {
    AsyncSmtpTransport::<Tokio1Executor>::from_url(url).map(drop)
}

/// A transport for an SMTP URL (see `check_smtp_url`). Connects only when mail is sent; its
/// connection pool needs the Tokio runtime, so build it inside one.
pub fn smtp_transport(url: &str) -> Result<AsyncSmtpTransport<Tokio1Executor>, lettre::transport::smtp::Error> {
    Ok(AsyncSmtpTransport::<Tokio1Executor>::from_url(url)?.timeout(Some(SMTP_TIMEOUT)).build())
}

/// Where the worker hands mail.
#[derive(Clone)]
pub enum Mailer {
    /// Deliver over SMTP, from `from`.
    Smtp { transport: AsyncSmtpTransport<Tokio1Executor>, from: Mailbox },
    /// No SMTP configured: mail stays in the outbox.
    Keep,
}

/// Why a delivery failed.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum SendError {
    /// Worth another try later (a 4xx answer, a connection that failed or timed out).
    #[error("{0}")]
    Transient(String),
    /// Will not work however often it is tried (a 5xx answer, an address that does not parse).
    #[error("{0}")]
    Permanent(String),
}

impl Mailer {
    /// The mailer the configuration asks for.
    pub fn from_config(config: &Config) -> Result<Mailer, String> {
        let Some(url) = &config.smtp_url else { return Ok(Mailer::Keep) };
        let transport = smtp_transport(url.expose()).map_err(|e| format!("NEXACRM_SMTP_URL cannot be used: {e}"))?;
        let from = config.mail_from.parse().map_err(|e| format!("NEXACRM_MAIL_FROM is not an address: {e}"))?;
        Ok(Mailer::Smtp { transport, from })
    }

    /// Sends one outbox mail. `Keep` sends nothing and must not be asked to.
    pub async fn send(&self, row: &OutboxRow) -> Result<(), SendError> {
        let Mailer::Smtp { transport, from } = self else {
            return Err(SendError::Permanent("no SMTP server is configured".into()));
        };
        let email = build(from, row)?;
        match transport.send(email).await {
            Ok(_) => Ok(()),
            Err(error) if error.is_permanent() => Err(SendError::Permanent(error.to_string())),
            Err(error) => Err(SendError::Transient(error.to_string())),
        }
    }
}

/// The MIME message of an outbox row: `multipart/alternative` with the text and the HTML part,
/// and for a marketing mail the RFC 8058 one-click unsubscribe headers. Names and the subject are
/// cleaned again and addresses parsed again, so a row written by other means cannot add a header
/// either; an unsubscribe address that is not a plain http(s) URL is refused.
pub fn build(from: &Mailbox, row: &OutboxRow) -> Result<lettre::Message, SendError> {
    let parse = |name: &str, address: &str| super::mailbox(name, address).map_err(|e| SendError::Permanent(e.to_string()));
    let mut builder = lettre::Message::builder()
        .from(from.clone())
        .to(parse(&row.to_name, &row.to_address)?)
        .subject(super::clean_header(&row.subject));
    if let Some(address) = &row.reply_to_address {
        builder = builder.reply_to(parse(row.reply_to_name.as_deref().unwrap_or_default(), address)?);
    }
    if let Some(url) = &row.list_unsubscribe {
        for header in super::marketing::unsubscribe_headers(url).map_err(SendError::Permanent)? {
            builder = builder.raw_header(header);
        }
    }
    builder
        .multipart(MultiPart::alternative_plain_html(row.text_body.clone(), row.html_body.clone()))
        .map_err(|e| SendError::Permanent(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn smtp_urls_in_lettres_forms_are_accepted() {
        for url in ["smtp://127.0.0.1:2525", "smtp://user:p%40ss@mail.example:587?tls=required", "smtps://mail.example", "smtp://mail.example?tls=opportunistic"] {
            assert!(check_smtp_url(url).is_ok(), "{url}");
            assert!(smtp_transport(url).is_ok(), "{url}");
        }
        for url in ["mail.example", "http://mail.example", "smtp://mail.example?tls=sometimes"] {
            assert!(check_smtp_url(url).is_err(), "{url}");
        }
    }

    #[test]
    fn a_message_has_both_parts_and_no_injected_header() {
        let row = OutboxRow {
            id: "m1".into(),
            workspace_id: None,
            kind: "email_draft".into(),
            reference_id: None,
            to_address: "grace@navy.example".into(),
            to_name: "Grace\r\nBcc: evil@example.com".into(),
            reply_to_address: Some("ada@engines.example".into()),
            reply_to_name: Some("Ada".into()),
            subject: "Hi\r\nBcc: evil@example.com".into(),
            text_body: "Plain".into(),
            html_body: "<p>Rich</p>".into(),
            status: "sending".into(),
            attempts: 1,
            next_attempt_at: 0,
            claimed_at: Some(0),
            sent_at: None,
            last_error: None,
            created_at: 0,
            updated_at: 0,
            list_unsubscribe: None,
        };
        let from: Mailbox = crate::ssr::config::DEFAULT_MAIL_FROM.parse().unwrap();
        let formatted = String::from_utf8(build(&from, &row).unwrap().formatted()).unwrap();
        assert!(!formatted.lines().any(|line| line.to_ascii_lowercase().starts_with("bcc:")), "{formatted}");
        assert!(formatted.contains("multipart/alternative"), "{formatted}");
        assert!(formatted.contains("text/plain") && formatted.contains("text/html"), "{formatted}");
        assert!(formatted.contains("Reply-To: Ada <ada@engines.example>"), "{formatted}");
        let mut bad = row.clone();
        bad.to_address = "grace@navy.example\r\nBcc: evil@example.com".into();
        assert!(matches!(build(&from, &bad), Err(SendError::Permanent(_))));
    }
}
