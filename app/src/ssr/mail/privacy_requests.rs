//! Mails about a privacy request: the confirmation with the date it will be answered by, and the
//! operator's answer quoting the request. Both are transactional: they go whatever the person's
//! marketing choice.

use super::templates::{build, Block, SIGNATURE};
use super::Message;
use crate::pages::records::format_time;
use lettre::message::Mailbox;

/// A privacy request as the mails quote it.
#[derive(Clone, Copy, Debug)]
pub struct RequestMail<'a> {
    /// "Access to my data"
    pub kind_label: &'a str,
    pub message: &'a str,
    pub due_at_ms: i64,
    /// The privacy page, where the person's requests and their answers are listed.
    pub privacy_url: &'a str,
}

pub fn received(to: Mailbox, request: &RequestMail<'_>) -> Message {
    build(to, "We received your privacy request", &[
        Block::Text(format!(
            "We received your privacy request ({}). We will answer by {} at the latest.",
            request.kind_label,
            format_time(request.due_at_ms)
        )),
        Block::Note(format!("You wrote:\n{}", request.message)),
        Block::Link { label: "See your privacy requests", url: request.privacy_url },
        Block::Note(format!("Questions: privacy@nexacrm.io\n{SIGNATURE}")),
    ])
}

pub fn answered(to: Mailbox, request: &RequestMail<'_>, answer: &str) -> Message {
    build(to, "Our answer to your privacy request", &[
        Block::Text(answer.to_owned()),
        Block::Note(format!("Your request ({}):\n{}", request.kind_label, request.message)),
        Block::Link { label: "See your privacy requests", url: request.privacy_url },
        Block::Note(format!("Questions: privacy@nexacrm.io\n{SIGNATURE}")),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_mails_escape_what_the_person_and_the_operator_wrote() {
        let to = super::super::mailbox("Grace", "grace@navy.example").unwrap();
        let request = RequestMail { kind_label: "Erasure", message: "<script>x</script>", due_at_ms: 1_795_737_600_000, privacy_url: "https://crm.example/w/a/privacy" };
        let confirmation = received(to.clone(), &request);
        assert!(confirmation.text.contains("2026-11-27 00:00 UTC") && confirmation.text.contains("<script>x</script>"));
        assert!(!confirmation.html.contains("<script>") && confirmation.html.contains("&lt;script&gt;"));
        let answer = answered(to, &request, "Done <b>now</b>");
        assert!(answer.text.contains("Done <b>now</b>") && answer.html.contains("Done &lt;b&gt;now&lt;/b&gt;"));
        assert!(answer.list_unsubscribe.is_none(), "transactional mail has no unsubscribe headers");
    }
}
