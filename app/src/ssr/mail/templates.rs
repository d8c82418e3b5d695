//! The emails NexaCRM writes: a CRM email from a draft, and the account mails (invitation,
//! password reset, password changed, email change confirmation and notice, new sign-in), and the
//! support mails (a message received, an operator's reply). Each
//! builds a `Message` with a plain-text and an HTML part from the same blocks; every value is
//! HTML-escaped in the HTML part, and the subject is cleaned of control characters.

use super::{clean_header, escape_html, Message};
use crate::pages::records::format_time;
use lettre::message::Mailbox;

/// How long a password-reset link works.
pub const PASSWORD_RESET_VALID_MINUTES: i64 = 60;

/// One piece of a mail's body.
pub(super) enum Block<'a> {
    /// A paragraph of text (line breaks kept).
    Text(String),
    /// A link on its own line: what it does, then where it goes.
    Link { label: &'a str, url: &'a str },
    /// A closing note in smaller type.
    Note(String),
}

fn text_part(blocks: &[Block<'_>]) -> String {
    let parts: Vec<String> = blocks
        .iter()
        .map(|block| match block {
            Block::Text(text) | Block::Note(text) => text.clone(),
            Block::Link { label, url } => format!("{label}:\n{url}"),
        })
        .collect();
    format!("{}\n", parts.join("\n\n"))
}

fn html_part(title: &str, blocks: &[Block<'_>]) -> String {
    let body: String = blocks
        .iter()
        .map(|block| match block {
            Block::Text(text) => format!("<p>{}</p>\n", escape_html(text).replace('\n', "<br>\n")),
            Block::Link { label, url } => {
                format!("<p><a href=\"{}\">{}</a></p>\n", escape_html(url), escape_html(label))
            }
            Block::Note(text) => format!("<p style=\"color:#555;font-size:13px\">{}</p>\n", escape_html(text).replace('\n', "<br>\n")),
        })
        .collect();
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>{}</title></head>\n\
         <body style=\"font-family:sans-serif;line-height:1.5;color:#1a1a1a\">\n{body}</body>\n</html>\n",
        escape_html(title)
    )
}

pub(super) fn build(to: Mailbox, subject: &str, blocks: &[Block<'_>]) -> Message {
    let subject = clean_header(subject);
    Message { to, reply_to: None, text: text_part(blocks), html: html_part(&subject, blocks), subject, list_unsubscribe: None }
}

pub(super) const SIGNATURE: &str = "— NexaCRM";

/// An invitation to join a workspace.
#[derive(Clone, Copy, Debug)]
pub struct Invitation<'a> {
    pub inviter_name: &'a str,
    pub workspace_name: &'a str,
    /// "Member", "Viewer"…
    pub role_label: &'a str,
    pub accept_url: &'a str,
    pub expires_at_ms: i64,
}

pub fn invitation(to: Mailbox, invite: &Invitation<'_>) -> Message {
    let subject = format!("{} invited you to {} on NexaCRM", invite.inviter_name, invite.workspace_name);
    build(to, &subject, &[
        Block::Text(format!(
            "{} invited you to join the workspace “{}” on NexaCRM as {}.",
            invite.inviter_name, invite.workspace_name, invite.role_label
        )),
        Block::Link { label: "Accept the invitation", url: invite.accept_url },
        Block::Note(format!(
            "The invitation works until {}. If you did not expect it, ignore this email: nothing happens unless you accept.\n{SIGNATURE}",
            format_time(invite.expires_at_ms)
        )),
    ])
}

/// A link to choose a new password, valid for `PASSWORD_RESET_VALID_MINUTES`.
pub fn password_reset(to: Mailbox, reset_url: &str) -> Message {
    build(to, "Reset your NexaCRM password", &[
        Block::Text("Someone asked to reset the password of your NexaCRM account. Choose a new password with this link:".into()),
        Block::Link { label: "Choose a new password", url: reset_url },
        Block::Note(format!(
            "The link works for {PASSWORD_RESET_VALID_MINUTES} minutes and only once. If you did not ask for it, ignore this email: your password stays as it is.\n{SIGNATURE}"
        )),
    ])
}

/// A notice that the account's password changed.
#[derive(Clone, Copy, Debug)]
pub struct PasswordChanged<'a> {
    pub changed_at_ms: i64,
    /// Where to start a reset if the change was not theirs.
    pub reset_url: &'a str,
}

pub fn password_changed(to: Mailbox, notice: &PasswordChanged<'_>) -> Message {
    build(to, "Your NexaCRM password was changed", &[
        Block::Text(format!(
            "The password of your NexaCRM account was changed on {}. Every other session was signed out.",
            format_time(notice.changed_at_ms)
        )),
        Block::Text("If you did not change it, reset your password now:".into()),
        Block::Link { label: "Reset your password", url: notice.reset_url },
        Block::Note(SIGNATURE.into()),
    ])
}

/// Sent to the new address: confirming it finishes the change.
#[derive(Clone, Copy, Debug)]
pub struct EmailChangeConfirmation<'a> {
    pub new_address: &'a str,
    pub confirm_url: &'a str,
    pub expires_at_ms: i64,
}

pub fn email_change_confirmation(to: Mailbox, change: &EmailChangeConfirmation<'_>) -> Message {
    build(to, "Confirm your new NexaCRM email address", &[
        Block::Text(format!("Confirm that {} is the address you want to sign in to NexaCRM with:", change.new_address)),
        Block::Link { label: "Confirm this address", url: change.confirm_url },
        Block::Note(format!(
            "The link works until {}. If you did not ask for this change, ignore this email: the address stays as it was.\n{SIGNATURE}",
            format_time(change.expires_at_ms)
        )),
    ])
}

/// Sent to the old address when a change to another one is asked for.
#[derive(Clone, Copy, Debug)]
pub struct EmailChangeNotice<'a> {
    pub new_address: &'a str,
    pub requested_at_ms: i64,
    /// The account page, where the person can see their sessions and change their password.
    pub account_url: &'a str,
}

pub fn email_change_notice(to: Mailbox, notice: &EmailChangeNotice<'_>) -> Message {
    build(to, "Your NexaCRM email address is being changed", &[
        Block::Text(format!(
            "On {} someone signed in to your NexaCRM account asked to change its email address to {}. The change happens once the new address is confirmed.",
            format_time(notice.requested_at_ms),
            notice.new_address
        )),
        Block::Text("If this was not you, change your password and end your other sessions:".into()),
        Block::Link { label: "Open your account", url: notice.account_url },
        Block::Note(SIGNATURE.into()),
    ])
}

/// A sign-in from a browser or device not seen before.
#[derive(Clone, Copy, Debug)]
pub struct NewSignIn<'a> {
    /// "Firefox 131"
    pub browser: &'a str,
    /// "Linux"
    pub os: &'a str,
    /// Coarsened, e.g. "203.0.113.x".
    pub approximate_ip: &'a str,
    pub at_ms: i64,
    /// The page listing the account's sessions, where any can be ended.
    pub sessions_url: &'a str,
}

pub fn new_sign_in(to: Mailbox, sign_in: &NewSignIn<'_>) -> Message {
    build(to, "New sign-in to your NexaCRM account", &[
        Block::Text(format!(
            "Your NexaCRM account was signed in to from a new device.\nBrowser: {} on {}\nApproximate IP address: {}\nTime: {}",
            sign_in.browser,
            sign_in.os,
            sign_in.approximate_ip,
            format_time(sign_in.at_ms)
        )),
        Block::Text("If this was you, there is nothing to do. If not, end that session and change your password:".into()),
        Block::Link { label: "Review your sessions", url: sign_in.sessions_url },
        Block::Note(SIGNATURE.into()),
    ])
}

/// The confirmation of a message to NexaCRM (support or feedback), quoting it.
#[derive(Clone, Copy, Debug)]
pub struct SupportReceived<'a> {
    /// "support message", "feedback"
    pub kind_label: &'a str,
    /// "Something is not working"
    pub category_label: &'a str,
    pub message: &'a str,
    /// The help page, where the person's messages and their answers are listed.
    pub help_url: &'a str,
}

pub fn support_received(to: Mailbox, received: &SupportReceived<'_>) -> Message {
    build(to, &format!("We received your {}", received.kind_label), &[
        Block::Text(format!("Thank you for writing to NexaCRM. We received your {} ({}):", received.kind_label, received.category_label)),
        Block::Text(received.message.to_owned()),
        Block::Text("You can see your messages and our answers on the help page:".into()),
        Block::Link { label: "Open your messages", url: received.help_url },
        Block::Note(SIGNATURE.into()),
    ])
}

/// An operator's answer to a person's message, quoting both.
#[derive(Clone, Copy, Debug)]
pub struct SupportReply<'a> {
    pub reply: &'a str,
    pub original: &'a str,
    pub help_url: &'a str,
}

pub fn support_reply(to: Mailbox, answer: &SupportReply<'_>) -> Message {
    build(to, "NexaCRM answered your message", &[
        Block::Text(answer.reply.to_owned()),
        Block::Note(format!("You wrote:\n{}", answer.original)),
        Block::Link { label: "Open your messages", url: answer.help_url },
        Block::Note(SIGNATURE.into()),
    ])
}

/// A CRM email written in a draft: the body as typed (plain text), replies to the writer. The
/// HTML part shows the same text escaped, with its paragraphs and http(s) links.
pub fn crm_email(to: Mailbox, reply_to: Option<Mailbox>, subject: &str, body: &str) -> Message {
    let subject = clean_header(subject);
    let text = format!("{}\n", body.replace("\r\n", "\n").trim_end());
    let paragraphs: String = text
        .trim_end()
        .split("\n\n")
        .map(|paragraph| {
            let lines: Vec<String> = paragraph.lines().map(linkify).collect();
            format!("<p>{}</p>\n", lines.join("<br>\n"))
        })
        .collect();
    let html = format!(
        "<!DOCTYPE html>\n<html>\n<head><meta charset=\"utf-8\"><title>{}</title></head>\n\
         <body style=\"font-family:sans-serif;line-height:1.5;color:#1a1a1a\">\n{paragraphs}</body>\n</html>\n",
        escape_html(&subject)
    );
    Message { to, reply_to, subject, text, html, list_unsubscribe: None }
}

/// One line of text as HTML: escaped, with words that are http(s) links made into links.
fn linkify(line: &str) -> String {
    line.split_inclusive(' ')
        .map(|word| {
            let bare = word.trim_end();
            let is_link = (bare.starts_with("https://") || bare.starts_with("http://")) && bare.len() > "https://".len();
            if is_link {
                let escaped = escape_html(bare);
                format!("<a href=\"{escaped}\">{escaped}</a>{}", &word[bare.len()..])
            } else {
                escape_html(word)
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn to() -> Mailbox {
        super::super::mailbox("Grace Hopper", "grace@navy.example").unwrap()
    }

    const EVIL: &str = "<script>alert(\"x\")</script> & \r\nBcc: evil@example.com";

    fn assert_escaped(message: &Message) {
        assert!(!message.html.contains("<script>"), "{}", message.html);
        assert!(message.html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp;"), "{}", message.html);
        assert!(!message.subject.contains(['\r', '\n']), "{:?}", message.subject);
        assert!(!message.text.is_empty() && !message.html.is_empty());
    }

    #[test]
    fn an_invitation_escapes_every_value_and_cleans_the_subject() {
        let message = invitation(to(), &Invitation {
            inviter_name: EVIL,
            workspace_name: "Engines & Co",
            role_label: "Member",
            accept_url: "http://127.0.0.1:3000/invitations/abc?x=1&y=\"2\"",
            expires_at_ms: 1_795_737_600_000,
        });
        assert_escaped(&message);
        assert!(message.subject.starts_with("<script>alert(\"x\")</script> &   Bcc: evil@example.com invited you"), "{}", message.subject);
        assert!(message.html.contains("href=\"http://127.0.0.1:3000/invitations/abc?x=1&amp;y=&quot;2&quot;\""), "{}", message.html);
        assert!(message.text.contains("Engines & Co"), "the text part is plain text");
        assert!(message.text.contains("as Member") && message.text.contains("2026-11-27 00:00 UTC"));
        assert!(message.text.contains("Accept the invitation:\nhttp://127.0.0.1:3000/invitations/abc?x=1&y=\"2\""));
    }

    #[test]
    fn account_mails_escape_their_values() {
        let url = "https://crm.example/reset?t=<x>";
        let reset = password_reset(to(), url);
        assert!(reset.html.contains("https://crm.example/reset?t=&lt;x&gt;") && reset.text.contains("60 minutes"));
        let changed = password_changed(to(), &PasswordChanged { changed_at_ms: 0, reset_url: url });
        assert!(changed.html.contains("t=&lt;x&gt;") && changed.text.contains("1970-01-01 00:00 UTC"));
        assert_escaped(&email_change_confirmation(to(), &EmailChangeConfirmation { new_address: EVIL, confirm_url: url, expires_at_ms: 0 }));
        assert_escaped(&email_change_notice(to(), &EmailChangeNotice { new_address: EVIL, requested_at_ms: 0, account_url: url }));
        let sign_in = new_sign_in(to(), &NewSignIn { browser: EVIL, os: "Linux", approximate_ip: "203.0.113.x", at_ms: 0, sessions_url: url });
        assert_escaped(&sign_in);
        assert!(sign_in.text.contains("203.0.113.x"));
    }

    #[test]
    fn support_mails_escape_the_message_and_the_answer() {
        let url = "https://crm.example/w/a/help";
        let received = support_received(to(), &SupportReceived { kind_label: "support message", category_label: "Other", message: EVIL, help_url: url });
        assert_escaped(&received);
        assert!(received.text.contains(EVIL), "the text part quotes the message as written");
        assert_escaped(&support_reply(to(), &SupportReply { reply: EVIL, original: "Hello", help_url: url }));
        assert_escaped(&support_reply(to(), &SupportReply { reply: "Hello", original: EVIL, help_url: url }));
    }

    #[test]
    fn a_crm_email_keeps_its_text_and_escapes_its_html() {
        let body = "Dear Grace,\r\n\r\nSee https://example.com/a?b=1&c=2 and <b>this</b>.\nBest,\nAda";
        let message = crm_email(to(), None, "Hello\r\nBcc: evil@example.com", body);
        assert_eq!(message.subject, "Hello  Bcc: evil@example.com");
        assert_eq!(message.text, "Dear Grace,\n\nSee https://example.com/a?b=1&c=2 and <b>this</b>.\nBest,\nAda\n");
        assert!(message.html.contains("<p>Dear Grace,</p>"), "{}", message.html);
        assert!(message.html.contains("<a href=\"https://example.com/a?b=1&amp;c=2\">https://example.com/a?b=1&amp;c=2</a> and &lt;b&gt;this&lt;/b&gt;.<br>\nBest,<br>\nAda</p>"), "{}", message.html);
    }
}
