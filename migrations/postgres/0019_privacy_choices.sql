-- The person's privacy choices and requests (policy sections 2 and 7).

-- Objection to usage data: while 1, no page visit is recorded about the person (security events
-- and the records' history are still kept). Marketing email is off until the person opts in.
-- Each choice keeps the time it was last made (null: never made, the default applies).
alter table users add column usage_objection integer not null default 0;
alter table users add column usage_objection_at bigint;
alter table users add column marketing_opt_in integer not null default 0;
alter table users add column marketing_choice_at bigint;

-- One-click unsubscribe links: every marketing mail carries a fresh random token; only its
-- SHA-256 is kept, with the person it unsubscribes. Without signing in, the link turns
-- marketing email off and nothing else.
create table unsubscribe_tokens (
    token_hash text not null primary key,
    user_id text not null references users (id) on delete cascade,
    created_at bigint not null
);
create index unsubscribe_tokens_user_idx on unsubscribe_tokens (user_id);

-- The RFC 8058 List-Unsubscribe address of a marketing mail (null for every other mail); the
-- mail worker turns it into the List-Unsubscribe and List-Unsubscribe-Post headers.
alter table mail_outbox add column list_unsubscribe text;

-- Privacy requests (access, rectification, erasure, portability, objection, other): answered
-- by an operator within 30 days of `created_at` (`due_at`). The answer is mailed and shown to
-- the person. `workspace_id` is where the person wrote from (for the link in the answer).
create table privacy_requests (
    id text not null primary key,
    user_id text not null references users (id) on delete cascade,
    workspace_id text references workspaces (id) on delete set null,
    kind text not null check (kind in ('access', 'rectification', 'erasure', 'portability', 'objection', 'other')),
    message text not null,
    status text not null check (status in ('open', 'answered')),
    due_at bigint not null,
    answer text,
    answered_by text references users (id) on delete set null,
    answered_at bigint,
    created_at bigint not null,
    updated_at bigint not null
);
-- The person's own list (newest first) and the operators' list of open requests by due date.
create index privacy_requests_user_idx on privacy_requests (user_id, created_at);
create index privacy_requests_due_idx on privacy_requests (status, due_at);
