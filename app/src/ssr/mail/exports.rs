//! Mails about exports: the archive is ready, or building it failed.

use super::templates::{build, Block, SIGNATURE};
use super::Message;
use crate::pages::records::format_time;
use lettre::message::Mailbox;

/// What was exported, as the mails name it.
#[derive(Clone, Copy, Debug)]
pub enum Exported<'a> {
    /// The person's own data.
    MyData,
    /// A whole workspace, by name.
    Workspace(&'a str),
}

impl Exported<'_> {
    fn noun(&self) -> String {
        match self {
            Exported::MyData => "your data".to_owned(),
            Exported::Workspace(name) => format!("the workspace “{name}”"),
        }
    }
}

/// The archive is ready: where to download it and until when.
#[derive(Clone, Copy, Debug)]
pub struct ExportReady<'a> {
    pub what: Exported<'a>,
    pub download_url: &'a str,
    /// The page listing the person's archives (sign-in first when needed).
    pub page_url: &'a str,
    pub expires_at_ms: i64,
}

pub fn export_ready(to: Mailbox, ready: &ExportReady<'_>) -> Message {
    let subject = match ready.what {
        Exported::MyData => "Your NexaCRM data is ready to download".to_owned(),
        Exported::Workspace(name) => format!("The export of {name} is ready to download"),
    };
    build(to, &subject, &[
        Block::Text(format!(
            "The archive of {} you asked for is ready: a ZIP file with JSON and CSV files and a README explaining each.",
            ready.what.noun()
        )),
        Block::Link { label: "Download the archive (sign in to NexaCRM first)", url: ready.download_url },
        Block::Text("You can also find it on the page where you asked for it:".into()),
        Block::Link { label: "Open the page", url: ready.page_url },
        Block::Note(format!(
            "The link works only for you, while you are signed in, until {}; then the archive is deleted. If you did not ask for \
             it, change your password: someone may have signed in to your account.\n{SIGNATURE}",
            format_time(ready.expires_at_ms)
        )),
    ])
}

/// Building the archive failed.
#[derive(Clone, Copy, Debug)]
pub struct ExportFailed<'a> {
    pub what: Exported<'a>,
    pub page_url: &'a str,
}

pub fn export_failed(to: Mailbox, failed: &ExportFailed<'_>) -> Message {
    let subject = match failed.what {
        Exported::MyData => "Your NexaCRM data download could not be prepared".to_owned(),
        Exported::Workspace(name) => format!("The export of {name} could not be prepared"),
    };
    build(to, &subject, &[
        Block::Text(format!(
            "We could not build the archive of {} you asked for. Nothing was shared. You can ask again now: a request that \
             failed does not count towards the limit of one a day.",
            failed.what.noun()
        )),
        Block::Link { label: "Ask again", url: failed.page_url },
        Block::Note(format!("If it fails again, write to privacy@nexacrm.io.\n{SIGNATURE}")),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn to() -> Mailbox {
        super::super::mailbox("Ada", "ada@example.com").unwrap()
    }

    #[test]
    fn the_ready_mail_has_the_link_and_the_expiry_and_escapes_names() {
        let mail = export_ready(to(), &ExportReady {
            what: Exported::Workspace("<b>Engines</b>"),
            download_url: "https://crm.example/exports/1/download",
            page_url: "https://crm.example/w/engines/privacy",
            expires_at_ms: 1_796_342_400_000,
        });
        assert_eq!(mail.subject, "The export of <b>Engines</b> is ready to download");
        assert!(mail.text.contains("https://crm.example/exports/1/download") && mail.text.contains("2026-12-04"), "{}", mail.text);
        assert!(mail.html.contains("&lt;b&gt;Engines&lt;/b&gt;") && !mail.html.contains("<b>Engines"));
    }

    #[test]
    fn the_failure_mail_says_it_can_be_asked_again() {
        let mail = export_failed(to(), &ExportFailed { what: Exported::MyData, page_url: "https://crm.example/w/x/privacy" });
        assert_eq!(mail.subject, "Your NexaCRM data download could not be prepared");
        assert!(mail.text.contains("does not count") && mail.text.contains("https://crm.example/w/x/privacy"));
    }
}
