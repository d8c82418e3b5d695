-- Accounts, workspaces, memberships, sessions and login throttling.
-- Ids are UUIDv7 text; times are unix milliseconds (UTC).

create table users (
    id text primary key,
    email text not null,
    full_name text not null,
    job_title text not null,
    password_hash text not null,
    age_confirmed_at bigint not null,
    created_at bigint not null,
    updated_at bigint not null
);
create unique index users_email_key on users (lower(email));

create table policy_acceptances (
    user_id text not null references users (id) on delete cascade,
    accepted_at bigint not null,
    policy_version text not null,
    terms_version text not null,
    primary key (user_id, accepted_at)
);

create table workspaces (
    id text primary key,
    name text not null,
    slug text not null,
    default_currency text not null,
    created_at bigint not null
);
create unique index workspaces_slug_key on workspaces (slug);

create table memberships (
    workspace_id text not null references workspaces (id) on delete cascade,
    user_id text not null references users (id) on delete cascade,
    role text not null check (role in ('owner', 'admin', 'member', 'viewer')),
    created_at bigint not null,
    primary key (workspace_id, user_id)
);
create index memberships_user_idx on memberships (user_id);

create table sessions (
    id text primary key,
    token_hash text not null,
    user_id text not null references users (id) on delete cascade,
    created_at bigint not null,
    last_seen_at bigint not null,
    expires_at bigint not null,
    user_agent text not null,
    ip text not null
);
create unique index sessions_token_hash_key on sessions (token_hash);
create index sessions_user_idx on sessions (user_id);
create index sessions_expires_idx on sessions (expires_at);

-- One row per failed sign-in, keyed by the normalised email asked for (known or not), so the
-- per-account limit treats unknown and existing accounts alike.
create table login_failures (
    id text primary key,
    account text not null,
    failed_at bigint not null
);
create index login_failures_account_idx on login_failures (account, failed_at);
