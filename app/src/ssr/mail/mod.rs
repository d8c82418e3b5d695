//! Outgoing email: the message every template builds, and `enqueue`, which writes it to the outbox
//! inside the caller's transaction. The worker (`worker`) delivers the outbox through `transport`.
//!
//! Nothing from a user reaches a header unchecked: display names and subjects pass through
//! `clean_header` (control characters become spaces), addresses are parsed by lettre (`Mailbox`).

pub mod deletion;
pub mod exports;
pub mod marketing;
pub mod policy;
pub mod privacy_requests;
pub mod templates;
pub mod transport;
pub mod worker;
pub mod workspace_deletion;

use lettre::message::Mailbox;

/// An email ready for the outbox: one recipient, a subject, a plain-text and an HTML part.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Message {
    pub to: Mailbox,
    /// Where replies go (the writer of a CRM email); `None` for the site's own mail.
    pub reply_to: Option<Mailbox>,
    /// Already cleaned of control characters.
    pub subject: String,
    pub text: String,
    pub html: String,
    /// The one-click unsubscribe address of a marketing mail (RFC 8058): sent as the
    /// `List-Unsubscribe` and `List-Unsubscribe-Post` headers. `None` for every other mail.
    pub list_unsubscribe: Option<String>,
}

/// What caused a mail, kept beside it in the outbox.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum MailKind {
    /// A CRM email draft sent to a contact.
    EmailDraft,
    Invitation,
    PasswordReset,
    PasswordChanged,
    EmailChangeConfirmation,
    EmailChangeNotice,
    NewSignIn,
    /// The confirmation of a support or feedback message.
    SupportReceived,
    /// An operator's answer to a support or feedback message.
    SupportReply,
    /// A data download or workspace export is ready, with its link.
    ExportReady,
    /// Building a data download or workspace export failed.
    ExportFailed,
    /// Product news to people who opted in to marketing email.
    MarketingNews,
    /// The confirmation of a privacy request.
    PrivacyRequestReceived,
    /// An operator's answer to a privacy request.
    PrivacyRequestAnswer,
    /// The confirmation that an account will be deleted in 30 days.
    DeletionRequested,
    /// A reminder 7 days, then 1 day, before an account's purge.
    DeletionReminder,
    /// The confirmation that a pending deletion was cancelled.
    DeletionCancelled,
    /// The notice that an account was purged: the one outbox row about a deleted account, holding
    /// only its address, removed by the next job pass once delivered.
    AccountDeleted,
    /// A new Privacy Policy version announced ahead of its date.
    PolicyChange,
    /// A workspace's deletion was requested, reminded, cancelled or carried out (to every member).
    WorkspaceDeletion,
}

impl MailKind {
    pub fn as_str(self) -> &'static str {
        match self {
            MailKind::EmailDraft => "email_draft",
            MailKind::Invitation => "invitation",
            MailKind::PasswordReset => "password_reset",
            MailKind::PasswordChanged => "password_changed",
            MailKind::EmailChangeConfirmation => "email_change_confirmation",
            MailKind::EmailChangeNotice => "email_change_notice",
            MailKind::NewSignIn => "new_sign_in",
            MailKind::SupportReceived => "support_received",
            MailKind::SupportReply => "support_reply",
            MailKind::ExportReady => "export_ready",
            MailKind::ExportFailed => "export_failed",
            MailKind::MarketingNews => "marketing_news",
            MailKind::PrivacyRequestReceived => "privacy_request_received",
            MailKind::PrivacyRequestAnswer => "privacy_request_answer",
            MailKind::DeletionRequested => "deletion_requested",
            MailKind::DeletionReminder => "deletion_reminder",
            MailKind::DeletionCancelled => "deletion_cancelled",
            MailKind::AccountDeleted => "account_deleted",
            MailKind::PolicyChange => "policy_change",
            MailKind::WorkspaceDeletion => "workspace_deletion",
        }
    }
}

/// Where a mail belongs: its workspace (`None` for account mail such as a password reset), what
/// kind it is, and the record that caused it (a draft's id), if any.
#[derive(Clone, Copy, Debug)]
pub struct MailMeta<'a> {
    pub workspace_id: Option<&'a str>,
    pub kind: MailKind,
    pub reference_id: Option<&'a str>,
}

/// Writes `message` to the outbox on the caller's connection — pass the open transaction of the
/// change that causes the mail, so the mail exists exactly when the change does. The worker picks
/// it up from `now_ms` on; call `wake(state)` after committing to deliver it at once. Returns the
/// outbox id.
pub async fn enqueue(conn: &mut sqlx::AnyConnection, message: &Message, meta: MailMeta<'_>, now_ms: i64) -> Result<String, sqlx::Error> {
    let id = crate::ssr::db::new_id();
    crate::ssr::db::mail::insert(conn, &id, message, meta, now_ms).await?;
    Ok(id)
}

/// Tells the mail worker that new mail is waiting (after the enqueuing transaction committed).
pub fn wake(state: &crate::ssr::AppState) {
    state.mail_wake.notify_one();
}

/// Text for a header (a subject, a display name): every control character (CR, LF, tab…) and
/// Unicode line or paragraph separator becomes a space, then the ends are trimmed. A value that
/// went through here cannot start another header line.
pub fn clean_header(raw: &str) -> String {
    raw.chars()
        .map(|c| if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}') { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_owned()
}

/// Why an address was refused.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{0:?} is not an email address mail can be sent to")]
pub struct InvalidAddress(pub String);

/// A recipient from a display name (cleaned; may be empty) and an address (parsed by lettre;
/// refused when it is not one plain address).
pub fn mailbox(name: &str, address: &str) -> Result<Mailbox, InvalidAddress> {
    let parsed: lettre::Address = address.trim().parse().map_err(|_| InvalidAddress(address.to_owned()))?;
    let name = clean_header(name);
    Ok(Mailbox::new((!name.is_empty()).then_some(name), parsed))
}

/// HTML-escapes a value for text or a quoted attribute.
pub fn escape_html(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len() + raw.len() / 8);
    for c in raw.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_text_loses_its_line_breaks_and_control_characters() {
        assert_eq!(clean_header("Hello\r\nBcc: evil@example.com"), "Hello  Bcc: evil@example.com");
        assert_eq!(clean_header(" a\tb\u{0}c\u{2028}d\u{85}e "), "a b c d e");
        assert_eq!(clean_header("Grüße ✓"), "Grüße ✓");
    }

    #[test]
    fn addresses_are_parsed_and_names_cleaned() {
        let ok = mailbox("Grace\r\nBcc: evil@example.com", " grace@navy.example ").unwrap();
        assert_eq!(ok.email.to_string(), "grace@navy.example");
        assert_eq!(ok.name.as_deref(), Some("Grace  Bcc: evil@example.com"));
        assert!(mailbox("", "grace@navy.example").unwrap().name.is_none());
        for bad in ["", "nope", "a@b.example\r\nBcc: evil@example.com", "a@b.example, c@d.example", "Grace <g@n.example>"] {
            assert!(mailbox("x", bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn html_escaping_covers_text_and_attributes() {
        assert_eq!(escape_html(r#"<b>"Tom" & 'Jerry'</b>"#), "&lt;b&gt;&quot;Tom&quot; &amp; &#39;Jerry&#39;&lt;/b&gt;");
        assert_eq!(escape_html("plain ✓"), "plain ✓");
    }
}
