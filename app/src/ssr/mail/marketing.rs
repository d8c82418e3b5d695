//! Marketing mail (product news), sent only to people who opted in. Every one carries its own
//! one-click unsubscribe link: in the body, and as the RFC 8058 headers
//! `List-Unsubscribe: <https://…/unsubscribe/{token}>` and
//! `List-Unsubscribe-Post: List-Unsubscribe=One-Click`, so mail clients can offer "Unsubscribe".
//! The token is random and kept only hashed; it turns marketing email off and does nothing else.

use super::templates::{build, Block, SIGNATURE};
use super::{enqueue, mailbox, MailKind, MailMeta, Message};
use crate::ssr::db::marketing as choices;
use crate::ssr::sessions::{hash_token, new_token};
use lettre::message::header::{HeaderName, HeaderValue};
use lettre::message::Mailbox;
use sqlx::AnyConnection;

/// The body of the one-click POST a mail client sends (RFC 8058).
pub const ONE_CLICK_BODY: &str = "List-Unsubscribe=One-Click";

/// The unsubscribe page of a token on the site at `base_url`.
pub fn unsubscribe_url(base_url: &str, token: &str) -> String {
    format!("{}/unsubscribe/{token}", base_url.trim_end_matches('/'))
}

/// The two RFC 8058 headers for an unsubscribe address. Refused (with the reason) when the address
/// is not a plain http(s) URL of printable ASCII without `<`, `>` or spaces, so a stored value can
/// never break out of its header.
pub fn unsubscribe_headers(url: &str) -> Result<[HeaderValue; 2], String> {
    let plain = url.bytes().all(|b| b.is_ascii_graphic() && b != b'<' && b != b'>' && b != b',');
    let web = url.starts_with("https://") || url.starts_with("http://");
    if !plain || !web {
        return Err(format!("{url:?} is not an address for List-Unsubscribe"));
    }
    Ok([
        HeaderValue::new(HeaderName::new_from_ascii_str("List-Unsubscribe"), format!("<{url}>")),
        HeaderValue::new(HeaderName::new_from_ascii_str("List-Unsubscribe-Post"), ONE_CLICK_BODY.to_owned()),
    ])
}

/// A product-news mail as an operator wrote it.
#[derive(Clone, Copy, Debug)]
pub struct News<'a> {
    pub subject: &'a str,
    /// Plain text, line breaks kept.
    pub body: &'a str,
}

/// The news mail to one person, with their unsubscribe link in the body and the headers.
pub fn news(to: Mailbox, news: &News<'_>, unsubscribe_url: &str) -> Message {
    let mut message = build(to, news.subject, &[
        Block::Text(news.body.to_owned()),
        Block::Note("You receive NexaCRM product news because you asked for it in your privacy settings. One click stops it:".into()),
        Block::Link { label: "Unsubscribe from product news", url: unsubscribe_url },
        Block::Note(SIGNATURE.into()),
    ]);
    message.list_unsubscribe = Some(unsubscribe_url.to_owned());
    message
}

/// Queues `news` for everyone who opted in to marketing email, each with a fresh unsubscribe
/// token, on the caller's connection (pass the transaction). `news_id` ties the mails together in
/// the outbox. Answers how many mails were queued; an address that cannot be mailed is skipped.
pub async fn queue_news(conn: &mut AnyConnection, base_url: &str, news_id: &str, news: &News<'_>, now_ms: i64) -> Result<u64, sqlx::Error> {
    let mut queued = 0;
    for person in choices::opted_in(conn).await? {
        let Ok(to) = mailbox(&person.full_name, &person.email) else {
            tracing::warn!(user = %person.id, "product news skipped: the account's address cannot be mailed");
            continue;
        };
        let token = new_token();
        choices::insert_token(conn, &hash_token(&token), &person.id, now_ms).await?;
        let message = self::news(to, news, &unsubscribe_url(base_url, &token));
        enqueue(conn, &message, MailMeta { workspace_id: None, kind: MailKind::MarketingNews, reference_id: Some(news_id) }, now_ms).await?;
        queued += 1;
    }
    Ok(queued)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ssr::db::mail::OutboxRow;

    fn row_of(message: &Message) -> OutboxRow {
        OutboxRow {
            id: "m1".into(),
            workspace_id: None,
            kind: "marketing_news".into(),
            reference_id: None,
            to_address: message.to.email.to_string(),
            to_name: message.to.name.clone().unwrap_or_default(),
            reply_to_address: None,
            reply_to_name: None,
            subject: message.subject.clone(),
            text_body: message.text.clone(),
            html_body: message.html.clone(),
            status: "sending".into(),
            attempts: 1,
            next_attempt_at: 0,
            claimed_at: Some(0),
            sent_at: None,
            last_error: None,
            created_at: 0,
            updated_at: 0,
            list_unsubscribe: message.list_unsubscribe.clone(),
        }
    }

    fn from() -> Mailbox {
        crate::ssr::config::DEFAULT_MAIL_FROM.parse().unwrap()
    }

    #[test]
    fn a_news_mail_carries_both_one_click_headers_and_the_link_in_its_body() {
        let to = mailbox("Grace", "grace@navy.example").unwrap();
        let url = unsubscribe_url("https://crm.example/", "abc_DEF-123");
        assert_eq!(url, "https://crm.example/unsubscribe/abc_DEF-123");
        let message = news(to, &News { subject: "New: <dark mode>\r\nBcc: evil@example.com", body: "Hello <b>all</b>" }, &url);
        assert!(message.text.contains(&url) && message.html.contains(&format!("href=\"{url}\"")));
        assert!(message.html.contains("Hello &lt;b&gt;all&lt;/b&gt;"), "{}", message.html);
        let formatted = String::from_utf8(super::super::transport::build(&from(), &row_of(&message)).unwrap().formatted()).unwrap();
        assert!(formatted.contains("List-Unsubscribe: <https://crm.example/unsubscribe/abc_DEF-123>\r\n"), "{formatted}");
        assert!(formatted.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n"), "{formatted}");
        assert!(!formatted.lines().any(|line| line.to_ascii_lowercase().starts_with("bcc:")), "{formatted}");
    }

    #[test]
    fn other_mail_has_no_unsubscribe_headers_and_a_bad_address_is_refused() {
        let to = mailbox("Grace", "grace@navy.example").unwrap();
        let plain = super::super::templates::password_reset(to.clone(), "https://crm.example/reset/x");
        let formatted = String::from_utf8(super::super::transport::build(&from(), &row_of(&plain)).unwrap().formatted()).unwrap();
        assert!(!formatted.contains("List-Unsubscribe"), "{formatted}");
        for bad in ["https://crm.example/u/x>\r\nBcc: evil@example.com", "javascript:alert(1)", "https://crm.example/a b", "mailto:x@example.com"] {
            assert!(unsubscribe_headers(bad).is_err(), "{bad:?}");
            let mut message = plain.clone();
            message.list_unsubscribe = Some(bad.to_owned());
            assert!(super::super::transport::build(&from(), &row_of(&message)).is_err(), "{bad:?}");
        }
    }
}
