-- Outgoing mail. Every email is written here in the transaction of the change that causes it; the
-- server's mail worker delivers it (SMTP) or, without SMTP, keeps it for the development mailbox.
-- Status: queued (due at next_attempt_at) → sending (claimed; attempts counted) → sent, or back
-- to queued for a retry, or failed; kept when the server has no SMTP. A row left in sending by a
-- worker that died is marked failed after a lease, never sent again (it may have gone out).
-- Account mail (password reset…) has no workspace.
create table mail_outbox (
    id text not null primary key,
    workspace_id text references workspaces (id) on delete cascade,
    kind text not null,
    reference_id text,
    to_address text not null,
    to_name text not null,
    reply_to_address text,
    reply_to_name text,
    subject text not null,
    text_body text not null,
    html_body text not null,
    status text not null,
    attempts integer not null,
    next_attempt_at integer not null,
    claimed_at integer,
    sent_at integer,
    last_error text,
    created_at integer not null,
    updated_at integer not null
);
-- The worker's "due rows" and stale-claim lookups, and the development mailbox (newest first).
create index mail_outbox_due_idx on mail_outbox (status, next_attempt_at);
create index mail_outbox_recent_idx on mail_outbox (created_at, id);
-- What a record sent (a draft's delivery), and the workspace cascade.
create index mail_outbox_reference_idx on mail_outbox (workspace_id, reference_id);

-- A sent draft is kept, read-only.
alter table email_drafts add column sent_at integer;

-- People who asked not to be written to: no email is sent to them.
alter table contacts add column do_not_contact integer not null default 0;
