-- "Download my data" and workspace exports, built in the background into a ZIP file under
-- NEXACRM_EXPORT_DIR (named after the id). `scope` 'personal' is the requester's own data;
-- 'workspace' is every record of `workspace_id`, asked for by one of its owners or admins.
-- Status: queued → running (claimed; progress in parts_done / parts_total and rows_done, a
-- heartbeat in updated_at) → ready (size_bytes; downloadable by the requester until expires_at)
-- → expired (the file deleted); or failed (`error`). A job left running by a stopped server is
-- queued again, and failed after its last attempt. A failed request does not count towards the
-- one-a-day limit.
create table data_exports (
    id text not null primary key,
    user_id text not null references users (id) on delete cascade,
    scope text not null check (scope in ('personal', 'workspace')),
    workspace_id text references workspaces (id) on delete cascade,
    status text not null check (status in ('queued', 'running', 'ready', 'failed', 'expired')),
    attempts integer not null,
    parts_done integer not null,
    parts_total integer not null,
    rows_done integer not null,
    size_bytes integer,
    error text,
    created_at integer not null,
    claimed_at integer,
    finished_at integer,
    expires_at integer,
    downloaded_at integer,
    -- The SHA-256 of the one-time token of the download link in use (32 random bytes; the
    -- link is made when the requester opens the download, and works once).
    download_token_hash text,
    updated_at integer not null
);
-- A person's requests, newest first (the privacy page, the one-a-day limit).
create index data_exports_user_idx on data_exports (user_id, created_at);
-- The worker's queued, stale running and expired lookups.
create index data_exports_status_idx on data_exports (status, updated_at);

-- A person's part of the audit log (their usage data, and the records they created).
create index events_actor_idx on events (workspace_id, actor_id, record_kind, action);
