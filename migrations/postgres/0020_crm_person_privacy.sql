-- The people inside a workspace's CRM (the workspace is the controller): "do not process" on
-- contacts, both flags on leads, and the suppression list of erased people.

-- "Do not process": the record is kept but restricted. It cannot be emailed, bulk actions skip
-- it, its fields cannot be changed and a lead marked so cannot be converted; an admin lifts it.
alter table contacts add column do_not_process integer not null default 0;
-- The same two flags on leads ("do not contact" already exists on contacts, see 0009).
alter table leads add column do_not_contact integer not null default 0;
alter table leads add column do_not_process integer not null default 0;

-- People erased at their request: only the SHA-256 (hex) of each of their email addresses,
-- lower-cased and trimmed, per workspace, so that the address cannot be added to that workspace
-- again (contacts, leads, conversions, drafts, imports). Who erased and when; nothing else.
create table email_suppressions (
    workspace_id text not null references workspaces (id) on delete cascade,
    email_hash text not null,
    erased_at bigint not null,
    erased_by text references users (id) on delete set null,
    primary key (workspace_id, email_hash)
);
