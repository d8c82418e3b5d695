//! Mails about an account's deletion: requested, reminders, cancelled, done.
//!
//! Every one goes to the account's own address and names the purge time in UTC (the person is
//! signed out, so no time zone of theirs applies).

use super::templates::{build, Block, SIGNATURE};
use super::Message;
use crate::pages::records::format_time;
use lettre::message::Mailbox;

/// What the pending period allows, said the same way in every mail.
const WHILE_PENDING: &str = "Until then you can sign in to download your data or to cancel the deletion; nothing else in \
     your account can be used.";

/// The request is confirmed: the purge time and how to change one's mind.
#[derive(Clone, Copy, Debug)]
pub struct Requested<'a> {
    pub due_at_ms: i64,
    /// Sign-in, leading to the pending page.
    pub sign_in_url: &'a str,
}

pub fn requested(to: Mailbox, request: &Requested<'_>) -> Message {
    build(to, "Your NexaCRM account will be deleted", &[
        Block::Text(format!(
            "You asked us to delete your NexaCRM account. It will be deleted for good on {}. You have been signed out everywhere.",
            format_time(request.due_at_ms)
        )),
        Block::Text(WHILE_PENDING.into()),
        Block::Link { label: "Sign in to download your data or cancel", url: request.sign_in_url },
        Block::Note(format!(
            "Then everything about you is deleted. Records you created in workspaces that carry on stay there, shown as by a “Former member”; \
             workspaces where you are the only member are deleted with your account. If you did not ask for this, sign in and cancel, \
             then change your password.\n{SIGNATURE}"
        )),
    ])
}

/// A reminder some days before the purge.
#[derive(Clone, Copy, Debug)]
pub struct Reminder<'a> {
    pub due_at_ms: i64,
    /// 7 or 1.
    pub days_left: i64,
    pub sign_in_url: &'a str,
}

pub fn reminder(to: Mailbox, reminder: &Reminder<'_>) -> Message {
    let when = if reminder.days_left == 1 { "tomorrow".to_owned() } else { format!("in {} days", reminder.days_left) };
    build(to, &format!("Your NexaCRM account will be deleted {when}"), &[
        Block::Text(format!("Your NexaCRM account will be deleted for good on {}, as you asked.", format_time(reminder.due_at_ms))),
        Block::Text(WHILE_PENDING.into()),
        Block::Link { label: "Sign in to download your data or cancel", url: reminder.sign_in_url },
        Block::Note(SIGNATURE.into()),
    ])
}

/// The deletion was cancelled: the account is back to normal.
#[derive(Clone, Copy, Debug)]
pub struct Cancelled<'a> {
    pub cancelled_at_ms: i64,
    pub sign_in_url: &'a str,
}

pub fn cancelled(to: Mailbox, cancelled: &Cancelled<'_>) -> Message {
    build(to, "Your NexaCRM account will not be deleted", &[
        Block::Text(format!(
            "You cancelled the deletion of your NexaCRM account on {}. Your account and workspaces are back to normal.",
            format_time(cancelled.cancelled_at_ms)
        )),
        Block::Link { label: "Sign in", url: cancelled.sign_in_url },
        Block::Note(format!("If you did not cancel it yourself, change your password.\n{SIGNATURE}")),
    ])
}

/// Why an account was purged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// The person asked, 30 days earlier.
    Requested,
    /// An operator marked it as reported to belong to someone under 16.
    ReportedUnder16,
}

/// The account is gone. The mail names no workspace and no record: it is all that is left.
pub fn deleted(to: Mailbox, reason: Reason) -> Message {
    let why = match reason {
        Reason::Requested => "Your NexaCRM account has been deleted, as you asked 30 days ago.",
        Reason::ReportedUnder16 => {
            "Your NexaCRM account has been deleted because it was reported as belonging to someone under 16. \
             NexaCRM is not meant for children under 16 (section 9 of our Privacy Policy)."
        }
    };
    build(to, "Your NexaCRM account has been deleted", &[
        Block::Text(why.into()),
        Block::Text(
            "Your profile, sessions, preferences, consents, usage data and messages to us are deleted, and so are the workspaces \
             where you were the only member. Records you created in workspaces that carry on stay with those workspaces, shown as \
             by a “Former member”. Only anonymous, aggregated usage statistics remain."
                .into(),
        ),
        Block::Note(format!("We keep no copy of this email once it is delivered. Questions: privacy@nexacrm.io\n{SIGNATURE}")),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn to() -> Mailbox {
        super::super::mailbox("Ada", "ada@example.com").unwrap()
    }

    #[test]
    fn the_request_names_the_date_and_the_way_back() {
        let mail = requested(to(), &Requested { due_at_ms: 1_798_329_600_000, sign_in_url: "https://crm.example/signin" });
        assert!(mail.text.contains("2026-12-27 00:00 UTC"), "{}", mail.text);
        assert!(mail.text.contains("https://crm.example/signin") && mail.html.contains("https://crm.example/signin"));
        assert!(mail.text.contains("Former member"));
    }

    #[test]
    fn reminders_count_the_days() {
        let seven = reminder(to(), &Reminder { due_at_ms: 0, days_left: 7, sign_in_url: "u" });
        let one = reminder(to(), &Reminder { due_at_ms: 0, days_left: 1, sign_in_url: "u" });
        assert_eq!(seven.subject, "Your NexaCRM account will be deleted in 7 days");
        assert_eq!(one.subject, "Your NexaCRM account will be deleted tomorrow");
    }

    #[test]
    fn the_purge_notice_says_why() {
        assert!(deleted(to(), Reason::ReportedUnder16).text.contains("under 16"));
        assert!(!deleted(to(), Reason::Requested).text.contains("under 16"));
    }
}
