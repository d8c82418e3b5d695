//! Mails to every member about a workspace's deletion: requested, reminders, cancelled, done.
//!
//! They name the deletion time in UTC (the job sends them, with nobody's time zone at hand) and
//! say how to keep what one needs: each member can download their own data, admins the whole
//! workspace, until the day.

use super::templates::{build, Block, SIGNATURE};
use super::Message;
use crate::pages::records::format_time;
use lettre::message::Mailbox;

/// What members can do until the deletion, said the same way in every mail before it.
const UNTIL_THEN: &str = "Until then the workspace works as usual. Download what you need to keep: your own data from \
     Privacy → Download my data, or, for owners and admins, the whole workspace from the same page.";

/// The deletion is scheduled.
pub fn requested(to: Mailbox, workspace: &str, due_at_ms: i64, workspace_url: &str) -> Message {
    build(to, &format!("The workspace “{workspace}” will be deleted"), &[
        Block::Text(format!(
            "The owner of the NexaCRM workspace “{workspace}” asked for it to be deleted. It will be deleted for good, with every \
             record in it, on {}.",
            format_time(due_at_ms)
        )),
        Block::Text(UNTIL_THEN.into()),
        Block::Link { label: "Open the workspace", url: workspace_url },
        Block::Note(format!("The owner can cancel the deletion until then, in Settings → Members and workspace.\n{SIGNATURE}")),
    ])
}

/// A reminder 7 days, then 1 day, before.
pub fn reminder(to: Mailbox, workspace: &str, due_at_ms: i64, days_left: i64, workspace_url: &str) -> Message {
    let when = if days_left == 1 { "tomorrow".to_owned() } else { format!("in {days_left} days") };
    build(to, &format!("The workspace “{workspace}” will be deleted {when}"), &[
        Block::Text(format!("The NexaCRM workspace “{workspace}” will be deleted for good on {}, as its owner asked.", format_time(due_at_ms))),
        Block::Text(UNTIL_THEN.into()),
        Block::Link { label: "Open the workspace", url: workspace_url },
        Block::Note(SIGNATURE.into()),
    ])
}

/// The owner cancelled it.
pub fn cancelled(to: Mailbox, workspace: &str, workspace_url: &str) -> Message {
    build(to, &format!("The workspace “{workspace}” will not be deleted"), &[
        Block::Text(format!("The owner cancelled the deletion of the NexaCRM workspace “{workspace}”. It carries on as before.")),
        Block::Link { label: "Open the workspace", url: workspace_url },
        Block::Note(SIGNATURE.into()),
    ])
}

/// It is gone.
pub fn deleted(to: Mailbox, workspace: &str) -> Message {
    build(to, &format!("The workspace “{workspace}” has been deleted"), &[
        Block::Text(format!(
            "The NexaCRM workspace “{workspace}” has been deleted, as its owner asked 30 days ago: its records, members list, \
             settings and history are gone. Your account and your other workspaces are not affected."
        )),
        Block::Note(SIGNATURE.into()),
    ])
}
