//! What a workspace export holds: every record of every kind in the workspace (the trash
//! included), its settings, stages, tags and tag links, the member list with roles, invitations,
//! the CRM emails it sent and its audit log. `$1` is the workspace's id; no row cap.
//!
//! Members appear with their name, email address, job title and role only: their other profile
//! fields, sessions and usage data are theirs, not the workspace's.

use super::parts::{Param, Part};

const WS: &[Param] = &[Param::WorkspaceId];

/// `select * from <table> where workspace_id = $1 order by <order>`.
fn all_of(table: &str, order: &str) -> String {
    format!("select * from {table} where workspace_id = $1 order by {order}")
}

/// Every part of a workspace archive, in the order they are written.
pub fn parts() -> Vec<Part> {
    vec![
        Part::new(
            "workspace",
            "The workspace: its name, address (slug), default currency, what members see, and when it was created.",
            &["workspaces"],
            "select * from workspaces where id = $1",
            WS,
        ),
        Part::new(
            "members",
            "Its members: name, email address, job title, role (owner, admin, member, viewer) and when they joined.",
            &["memberships"],
            "select m.user_id, u.full_name, u.email, u.job_title, m.role, m.created_at as joined_at from memberships m \
             join users u on u.id = m.user_id where m.workspace_id = $1 order by m.created_at, m.user_id",
            WS,
        ),
        Part::new(
            "invitations",
            "Invitations sent: address, role, who invited, when, and whether accepted or revoked (the links are never exported).",
            &["invitations"],
            all_of("invitations", "created_at, id"),
            WS,
        ),
        Part::new("pipeline_stages", "The pipeline's stages in order, with probability (%) and kind (open, won, lost).", &["pipeline_stages"], all_of("pipeline_stages", "position, id"), WS),
        Part::new("tags", "Tags with their colours.", &["tags"], all_of("tags", "sort_name, id"), WS),
        Part::new(
            "record_tags",
            "Which records carry which tag (record_kind and record_id name the record).",
            &["record_tags"],
            all_of("record_tags", "tag_id, record_kind, record_id"),
            WS,
        ),
        Part::new("companies", "Companies (deleted_at is set for those in the trash).", &["companies"], all_of("companies", "created_at, id"), WS),
        Part::new("contacts", "Contacts.", &["contacts"], all_of("contacts", "created_at, id"), WS),
        Part::new(
            "contact_channels",
            "Contacts' email addresses (kind email) and phone numbers (kind phone); is_primary marks the main one.",
            &["contact_channels"],
            all_of("contact_channels", "contact_id, kind, position"),
            WS,
        ),
        Part::new("leads", "Leads, and what each was converted into.", &["leads"], all_of("leads", "created_at, id"), WS),
        Part::new("deals", "Deals (amount_minor in the currency's minor unit; stage_id: see pipeline_stages).", &["deals"], all_of("deals", "created_at, id"), WS),
        Part::new("deal_contacts", "The contacts involved in each deal.", &["deal_contacts"], all_of("deal_contacts", "deal_id, contact_id"), WS),
        Part::new("tickets", "Tickets.", &["tickets"], all_of("tickets", "created_at, id"), WS),
        Part::new("activities", "Calls, meetings, tasks and emails.", &["activities"], all_of("activities", "created_at, id"), WS),
        Part::new(
            "activity_links",
            "The records each activity concerns.",
            &["activity_links"],
            all_of("activity_links", "activity_id, record_kind, record_id"),
            WS,
        ),
        Part::new("notes", "Notes.", &["notes"], all_of("notes", "created_at, id"), WS),
        Part::new("note_links", "The records each note is linked to.", &["note_links"], all_of("note_links", "note_id, record_kind, record_id"), WS),
        Part::new("email_templates", "Email templates.", &["email_templates"], all_of("email_templates", "created_at, id"), WS),
        Part::new("email_drafts", "Email drafts to contacts, and the sent ones (sent_at).", &["email_drafts"], all_of("email_drafts", "created_at, id"), WS),
        Part::new(
            "emails_sent",
            "The delivery of each email sent from a draft (reference_id is the draft), with its status.",
            &["mail_outbox"],
            "select id, reference_id, to_address, to_name, subject, text_body, status, attempts, sent_at, last_error, created_at \
             from mail_outbox where workspace_id = $1 and kind = 'email_draft' order by created_at, id",
            WS,
        ),
        Part::new(
            "email_suppressions",
            "The suppression list: people erased from this CRM at their request, kept only as the SHA-256 of their email \
             address (lower-cased) so that they are not added again, with who erased them and when.",
            &["email_suppressions"],
            all_of("email_suppressions", "erased_at, email_hash"),
            WS,
        ),
        Part::new(
            "imports",
            "CSV imports: the file's name, kind of record, the mapping of its columns to fields (JSON), what each row did, \
             counts, status, who started it (user_id: see members) and when.",
            &["imports"],
            all_of("imports", "created_at, id"),
            WS,
        ),
        Part::new(
            "import_records",
            "What each import did to a record (created, or updated with its fields before, JSON), kept for undo.",
            &["import_records"],
            all_of("import_records", "import_id, record_id"),
            WS,
        ),
        Part::new(
            "import_problems",
            "The rows of imported files that could not be imported: row number, why, and the row's cells (JSON).",
            &["import_problems"],
            all_of("import_problems", "import_id, row_number"),
            WS,
        ),
        Part::new(
            "record_external_ids",
            "The ids records had in the systems they were imported from (record_kind and record_id name the record).",
            &["record_external_ids"],
            all_of("record_external_ids", "record_kind, external_id"),
            WS,
        ),
        Part::new(
            "events",
            "The audit log: every change to every record, who made it (actor_id: see members) and when, with the changed \
             fields before and after (`changes`, JSON).",
            &["events"],
            all_of("events", "at, id"),
            WS,
        ),
    ]
}

/// Tables with workspace data deliberately left out, with the reason (README.txt lists them too).
pub const NOT_INCLUDED: &[(&str, &str)] = &[
    ("users", "members' accounts are their own; their name, email address and job title are in members"),
    ("policy_acceptances", "each member's own"),
    ("consents", "each member's own"),
    ("survey_preferences", "each member's own"),
    ("sessions", "each member's own"),
    ("password_resets", "each member's own"),
    ("email_changes", "each member's own"),
    ("login_failures", "each member's own"),
    ("page_visits", "each member's own usage data"),
    ("communications", "each member's own communications with NexaCRM"),
    ("communication_replies", "each member's own communications with NexaCRM"),
    ("data_exports", "each member's own requests"),
    ("privacy_requests", "each member's own requests"),
    ("account_reports", "about members' accounts, not the workspace's"),
    ("unsubscribe_tokens", "each member's own (tokens are never exported)"),
    ("policy_versions", "the published versions of the Privacy Policy, not the workspace's"),
    ("search_index", "a search index worked out from the records above"),
    ("deal_totals", "the deal counts and sums per stage and currency, worked out from deals.json"),
    ("deal_closed_days", "the deal counts and sums per day closed, stage and currency, worked out from deals.json"),
    ("deal_expected_days", "the deal counts and sums per expected closing day, stage and currency, worked out from deals.json"),
    ("analytics_daily", "anonymous counts, not the workspace's"),
    ("analytics_salts", "random values for anonymous counting"),
    ("analytics_visitors", "one-way hashes kept for a day"),
];

/// Text for README.txt: the preamble of a workspace export.
pub const README_INTRO: &str = "This archive holds every record of the workspace, as on the date it was built, including \
records in the trash (deleted_at is set), with no limit on the number of rows.\n\n\
Every kind of record is in two files: json/<name>.json, an array of objects with every value exactly as stored \
(times are Unix milliseconds, UTC; money is in minor units with an ISO 4217 currency; ids link the files \
together), and csv/<name>.csv, one row per record for spreadsheets. In the CSV files a text value that starts \
with =, +, -, @, a tab or a line break has a ' in front, so that a spreadsheet does not run it as a formula; the \
JSON files have the values unchanged.\n\n\
Never in this archive: password hashes, session tokens, the links (tokens) of invitations, nor members' private \
details.\n";
