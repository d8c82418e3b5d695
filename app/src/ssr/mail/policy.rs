//! The mail that announces a new Privacy Policy version, sent to every account at least 14 days
//! before it takes effect.

use super::templates::{build, Block, SIGNATURE};
use super::Message;
use crate::domain::policy::long_date;
use lettre::message::Mailbox;

pub struct PolicyChange<'a> {
    pub version: &'a str,
    pub changes: &'a [String],
    pub policy_url: &'a str,
}

pub fn policy_change(to: Mailbox, change: &PolicyChange<'_>) -> Message {
    let when = long_date(change.version);
    let list = change.changes.iter().map(|c| format!("• {c}")).collect::<Vec<_>>().join("\n");
    build(to, &format!("Our Privacy Policy changes on {when}"), &[
        Block::Text(format!("We are updating the NexaCRM Privacy Policy. The new version takes effect on {when}. What changes:")),
        Block::Text(list),
        Block::Link { label: "Read the new version", url: change.policy_url },
        Block::Note(
            "You do not need to do anything. If you do not agree, you can download your data and delete your account \
             from Settings → Privacy before that date."
                .into(),
        ),
        Block::Note(SIGNATURE.into()),
    ])
}
