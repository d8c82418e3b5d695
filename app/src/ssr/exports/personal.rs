//! What "Download my data" holds (Privacy Policy sections 2 and 7): the account and profile,
//! preferences and consents, sessions and technical data, usage data, communications with
//! NexaCRM, and the CRM records the person created, owns or is assigned in each workspace they
//! belong to. `$1` is the person's id, `$2` their email address.
//!
//! Never inside: password and token hashes (dropped by `parts::NEVER_EXPORTED`), the bodies of
//! mails that carried a sign-in, reset, invitation or confirmation link, and other people's
//! private fields (other members appear by id only).

use super::parts::{Derived, Param, Part};

const USER: &[Param] = &[Param::UserId];
const EMAIL: &[Param] = &[Param::Email];

/// Mails whose text may be included: none of these carry a token.
const MAIL_KINDS_WITH_TEXT: &str = "'password_changed', 'email_change_notice', 'new_sign_in', 'support_received', 'support_reply', \
    'export_ready', 'export_failed'";

/// The workspaces the person belongs to now: CRM records are read only there.
const MY_WORKSPACES: &str = "t.workspace_id in (select m.workspace_id from memberships m where m.user_id = $1)";

/// Records of a kind (`table` aliased `t`, events `record_kind`) the person owns (or, with
/// `assignee`, is assigned), or created (their `created` event).
fn mine(table: &str, record_kind: &str, assignee: bool) -> String {
    let assigned = if assignee { " or t.assignee_id = $1" } else { "" };
    format!(
        "select t.* from {table} t where {MY_WORKSPACES} and (t.owner_id = $1{assigned} or t.id in \
         (select e.record_id from events e where e.workspace_id = t.workspace_id and e.actor_id = $1 \
         and e.record_kind = '{record_kind}' and e.action = 'created')) order by t.workspace_id, t.created_at, t.id"
    )
}

/// Rows of a child `table` (aliased `c`) whose parent (`parent_table` through `parent_column`) is
/// among the person's records of that kind.
fn children_of_mine(table: &str, parent_column: &str, parent_table: &str, record_kind: &str, assignee: bool, order: &str) -> String {
    let assigned = if assignee { " or t.assignee_id = $1" } else { "" };
    format!(
        "select c.* from {table} c where exists (select 1 from {parent_table} t where t.workspace_id = c.workspace_id \
         and t.id = c.{parent_column} and {MY_WORKSPACES} and (t.owner_id = $1{assigned} or t.id in \
         (select e.record_id from events e where e.workspace_id = t.workspace_id and e.actor_id = $1 \
         and e.record_kind = '{record_kind}' and e.action = 'created'))) order by {order}"
    )
}

/// Every part of a personal archive, in the order they are written.
pub fn parts() -> Vec<Part> {
    vec![
        Part::new(
            "account",
            "Your account and profile: name, email address, job title, phone, bio, time zone, preferred currency, when you \
             confirmed your age, created and updated times, and your preferences (theme, language, notify_new_sign_in = \
             sign-in alerts by email). The password hash is never exported. Your picture, if you set one, is profile/avatar.png.",
            &["users"],
            "select * from users where id = $1",
            USER,
        ),
        Part::new(
            "policy_acceptances",
            "Each time you accepted the Privacy Policy and Terms, with their versions.",
            &["policy_acceptances"],
            "select * from policy_acceptances where user_id = $1 order by accepted_at",
            USER,
        ),
        Part::new(
            "consents",
            "Your cookie and preference choices (the consent log): categories agreed to (1 = yes), the action, the policy \
             version and when.",
            &["consents"],
            "select * from consents where user_id = $1 order by created_at, id",
            USER,
        ),
        Part::new(
            "survey_preferences",
            "When NexaCRM may next ask you the satisfaction survey, and whether you asked never to be asked again.",
            &["survey_preferences"],
            "select * from survey_preferences where user_id = $1",
            USER,
        ),
        Part::new(
            "memberships",
            "The workspaces you belong to, your role in each and when you joined.",
            &["memberships", "workspaces"],
            "select m.workspace_id, w.name as workspace_name, w.slug as workspace_slug, m.role, m.created_at as joined_at \
             from memberships m join workspaces w on w.id = m.workspace_id where m.user_id = $1 order by m.created_at, m.workspace_id",
            USER,
        ),
        Part::new(
            "sessions",
            "Your current sessions (technical data): when each started and was last used, when it ends, the IP address and \
             browser identification (user agent), and the browser, system and device worked out from it. Session tokens \
             are never exported.",
            &["sessions"],
            "select id, created_at, last_seen_at, expires_at, ip, user_agent from sessions where user_id = $1 order by created_at, id",
            USER,
        )
        .with_derived(Derived::Device),
        Part::new(
            "password_resets",
            "Password reset links asked for your account: when, until when they worked and when one was used (the links \
             themselves are never exported).",
            &["password_resets"],
            "select * from password_resets where user_id = $1 order by created_at, id",
            USER,
        ),
        Part::new(
            "email_changes",
            "Changes of your email address you asked for: the new address, when, and when it was confirmed.",
            &["email_changes"],
            "select * from email_changes where user_id = $1 order by created_at, id",
            USER,
        ),
        Part::new(
            "login_failures",
            "Failed sign-in attempts with your email address in the last hour (kept to limit password guessing).",
            &["login_failures"],
            "select * from login_failures where account = lower($1) order by failed_at, id",
            EMAIL,
        ),
        Part::new(
            "page_visits",
            "Usage data: the pages you visited (by page pattern) and when, unless you objected.",
            &["page_visits"],
            "select * from page_visits where user_id = $1 order by visited_at, id",
            USER,
        ),
        Part::new(
            "events",
            "Usage data and audit log: every change you made to records in your workspaces (created, updated, deleted, \
             restored, moved, converted, completed, emailed), with the changed fields before and after (`changes`, JSON).",
            &["events"],
            "select t.* from events t where t.actor_id = $1 and t.workspace_id in (select m.workspace_id from memberships m \
             where m.user_id = $1) order by t.at, t.id",
            USER,
        ),
        Part::new(
            "communications",
            "Communications with NexaCRM: your support messages, feedback and survey answers, with their status.",
            &["communications"],
            "select * from communications where user_id = $1 order by created_at, id",
            USER,
        ),
        Part::new(
            "communication_replies",
            "NexaCRM's answers to your messages (communication_id is the message answered).",
            &["communication_replies"],
            "select r.id, r.communication_id, r.message, r.created_at from communication_replies r \
             join communications c on c.id = r.communication_id where c.user_id = $1 order by r.created_at, r.id",
            USER,
        ),
        Part::new(
            "mail_received",
            "Emails NexaCRM wrote to your address, with their delivery status. The text is included except for mails that \
             carried a sign-in, reset, invitation or confirmation link (text_body is then empty).",
            &["mail_outbox"],
            format!(
                "select id, kind, to_address, subject, case when kind in ({MAIL_KINDS_WITH_TEXT}) then text_body end as text_body, \
                 status, created_at, sent_at from mail_outbox where lower(to_address) = lower($1) order by created_at, id"
            ),
            EMAIL,
        ),
        Part::new(
            "invitations_received",
            "Invitations to workspaces sent to your address (the invitation links are never exported).",
            &["invitations"],
            "select i.workspace_id, w.name as workspace_name, i.id, i.email, i.role, i.created_at, i.expires_at, i.accepted_at, \
             i.revoked_at from invitations i join workspaces w on w.id = i.workspace_id where lower(i.email) = lower($1) \
             order by i.created_at, i.id",
            EMAIL,
        ),
        Part::new(
            "privacy_requests",
            "Your privacy requests (access, rectification, erasure, portability, objection, other) and their answers.",
            &["privacy_requests"],
            "select * from privacy_requests where user_id = $1 order by created_at, id",
            USER,
        ),
        Part::new(
            "account_reports",
            "Reports that your account belongs to someone under 16, if any: the reason and when (who reported it is left out).",
            &["account_reports"],
            "select id, reason, reported_at, purged_at from account_reports where user_id = $1 order by reported_at, id",
            USER,
        ),
        Part::new(
            "data_exports",
            "Your requests to download your data or export a workspace, with their status.",
            &["data_exports"],
            "select id, scope, workspace_id, status, created_at, finished_at, expires_at, downloaded_at, error from data_exports \
             where user_id = $1 order by created_at, id",
            USER,
        ),
        Part::new(
            "imports",
            "CSV imports you started, in every workspace: the file's name, kind of record, column mapping (JSON), counts and status \
             (the records they wrote are in the CRM files below).",
            &["imports"],
            "select id, workspace_id, kind, file_name, total_rows, mapping, mode, match_on, status, rows_done, created_count, \
             updated_count, unchanged_count, invalid_count, not_found_count, suppressed_count, undone_count, kept_count, error, \
             created_at, started_at, finished_at from imports where user_id = $1 order by created_at, id",
            USER,
        ),
        Part::new(
            "companies",
            "CRM: companies you own or created, in every workspace you belong to (workspace_id: see memberships).",
            &["companies"],
            mine("companies", "company", false),
            USER,
        ),
        Part::new("contacts", "CRM: contacts you own or created.", &["contacts"], mine("contacts", "contact", false), USER),
        Part::new(
            "contact_channels",
            "CRM: the email addresses (kind email) and phone numbers (kind phone) of those contacts.",
            &["contact_channels"],
            children_of_mine("contact_channels", "contact_id", "contacts", "contact", false, "c.workspace_id, c.contact_id, c.kind, c.position"),
            USER,
        ),
        Part::new("leads", "CRM: leads you own or created.", &["leads"], mine("leads", "lead", false), USER),
        Part::new("deals", "CRM: deals you own or created (amount_minor in the currency's minor unit).", &["deals"], mine("deals", "deal", false), USER),
        Part::new(
            "deal_contacts",
            "CRM: the contacts involved in those deals.",
            &["deal_contacts"],
            children_of_mine("deal_contacts", "deal_id", "deals", "deal", false, "c.workspace_id, c.deal_id, c.contact_id"),
            USER,
        ),
        Part::new("tickets", "CRM: tickets you own, are assigned or created.", &["tickets"], mine("tickets", "ticket", true), USER),
        Part::new(
            "activities",
            "CRM: calls, meetings, tasks and emails you own, are assigned or created.",
            &["activities"],
            mine("activities", "activity", true),
            USER,
        ),
        Part::new(
            "activity_links",
            "CRM: the records each of those activities concerns.",
            &["activity_links"],
            children_of_mine("activity_links", "activity_id", "activities", "activity", true, "c.workspace_id, c.activity_id, c.record_kind, c.record_id"),
            USER,
        ),
        Part::new(
            "notes",
            "CRM: notes you wrote.",
            &["notes"],
            format!("select t.* from notes t where {MY_WORKSPACES} and t.author_id = $1 order by t.workspace_id, t.created_at, t.id"),
            USER,
        ),
        Part::new(
            "note_links",
            "CRM: the records each of your notes is linked to.",
            &["note_links"],
            format!(
                "select c.* from note_links c where exists (select 1 from notes t where t.workspace_id = c.workspace_id \
                 and t.id = c.note_id and {MY_WORKSPACES} and t.author_id = $1) order by c.workspace_id, c.note_id, c.record_kind, c.record_id"
            ),
            USER,
        ),
        Part::new(
            "email_drafts",
            "CRM: email drafts you wrote to contacts, and those you sent (sent_at).",
            &["email_drafts"],
            format!("select t.* from email_drafts t where {MY_WORKSPACES} and t.author_id = $1 order by t.workspace_id, t.created_at, t.id"),
            USER,
        ),
        Part::new(
            "email_templates",
            "CRM: email templates you own.",
            &["email_templates"],
            format!("select t.* from email_templates t where {MY_WORKSPACES} and t.owner_id = $1 order by t.workspace_id, t.created_at, t.id"),
            USER,
        ),
    ]
}

/// Tables deliberately left out of a personal archive, with the reason (README.txt lists them too).
pub const NOT_INCLUDED: &[(&str, &str)] = &[
    ("workspaces", "the names of your workspaces are in memberships; a workspace's settings belong to the workspace (its owners and admins can export it)"),
    ("pipeline_stages", "a workspace's pipeline, not your data (deals name their stage by stage_id)"),
    ("tags", "a workspace's tags, not your data"),
    ("record_tags", "a workspace's tagging, not your data"),
    ("unsubscribe_tokens", "one-click unsubscribe links of marketing mails: only their tokens' hashes are kept, and tokens are never exported"),
    ("email_suppressions", "a workspace's list of people erased from its CRM (hashes of their addresses), not your data"),
    ("policy_versions", "the published versions of the Privacy Policy (public); the ones you accepted are in policy_acceptances"),
    ("search_index", "a search index worked out from the records above"),
    ("deal_totals", "a workspace's deal counts and sums per stage, worked out from its deals"),
    ("deal_closed_days", "a workspace's deal counts and sums per day closed, worked out from its deals"),
    ("deal_expected_days", "a workspace's deal counts and sums per expected closing day, worked out from its deals"),
    ("import_records", "what an import did to each record, for undo: the records themselves are in the CRM files"),
    ("import_problems", "rows of imported files that could not be imported: a workspace's data (its owners and admins can export it)"),
    ("record_external_ids", "the ids records had in other systems: a workspace's data (its owners and admins can export it)"),
    ("analytics_daily", "anonymous counts per day: nothing in them is linked to you"),
    ("analytics_salts", "random values for anonymous counting, linked to no one"),
    ("analytics_visitors", "one-way hashes kept for a day, linked to no one"),
];

/// Text for README.txt: the preamble of a personal archive.
pub const README_INTRO: &str = "This archive holds the personal data NexaCRM keeps about you, as on the date it was built \
(Privacy Policy, sections 2 and 7: access and portability).\n\n\
Every kind of record is in two files: json/<name>.json, an array of objects with every value exactly as stored \
(times are Unix milliseconds, UTC; money is in minor units with an ISO 4217 currency), and csv/<name>.csv, one \
row per record for spreadsheets. In the CSV files a text value that starts with =, +, -, @, a tab or a line break \
has a ' in front, so that a spreadsheet does not run it as a formula; the JSON files have the values unchanged.\n\n\
Never in this archive: your password hash, session tokens, and the links (tokens) of password resets, \
invitations, email changes and downloads, nor other people's private details.\n";
