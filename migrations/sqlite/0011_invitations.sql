-- Invitations to join a workspace: bound to the workspace, an email address and a role; the link's
-- token is stored only as its SHA-256; valid 7 days, single use, revocable.
create table invitations (
    workspace_id text not null references workspaces (id) on delete cascade,
    id text not null,
    email text not null,
    role text not null check (role in ('admin', 'member', 'viewer')),
    token_hash text not null,
    invited_by text references users (id) on delete set null,
    created_at integer not null,
    expires_at integer not null,
    accepted_at integer,
    revoked_at integer,
    primary key (workspace_id, id)
);
create unique index invitations_token_key on invitations (token_hash);
create index invitations_email_idx on invitations (workspace_id, email);
