-- CSV imports. The uploaded file is kept under NEXACRM_EXPORT_DIR/imports (named after the id)
-- only until the import is finished (done, cancelled, failed): it holds personal data. `headers`
-- is the file's header row and `mapping`, per column, the field it fills ('' for none), both JSON. Status: uploaded (being set up in the wizard) → checking
-- (every row planned, nothing written; bad rows in import_problems) → checked → queued →
-- running (claimed by a worker: `claim`, a heartbeat in `updated_at`; `rows_done` is the number of
-- data rows handled, written in the same transaction as each batch, so a restart resumes after the
-- last committed batch) → done; or cancelled (asked while queued or running: stops after the
-- current batch), failed (`error`); a finished import can be undone: undoing → undone.
create table imports (
    id text not null primary key,
    workspace_id text not null references workspaces (id) on delete cascade,
    user_id text references users (id) on delete set null,
    kind text not null check (kind in ('contact', 'company', 'lead', 'deal')),
    file_name text not null,
    delimiter text not null,
    headers text not null,
    total_rows integer not null,
    mapping text not null,
    mode text not null check (mode in ('create', 'update', 'upsert')),
    match_on text not null,
    on_error text not null check (on_error in ('skip', 'stop')),
    date_format text not null,
    status text not null check (status in ('uploaded', 'checking', 'checked', 'queued', 'running', 'done', 'cancelled', 'failed', 'undoing', 'undone')),
    cancel_requested integer not null default 0,
    claim text,
    rows_done integer not null default 0,
    created_count integer not null default 0,
    updated_count integer not null default 0,
    unchanged_count integer not null default 0,
    invalid_count integer not null default 0,
    not_found_count integer not null default 0,
    suppressed_count integer not null default 0,
    undone_count integer not null default 0,
    kept_count integer not null default 0,
    error text,
    created_at integer not null,
    started_at integer,
    finished_at integer,
    updated_at integer not null
);
create index imports_workspace_idx on imports (workspace_id, created_at);
create index imports_status_idx on imports (status, updated_at);

-- What an import did to each record, for undo: 'created', or 'updated' with the fields before
-- (`before`, JSON) and the record's `updated_at` the import wrote (a later change keeps it).
create table import_records (
    import_id text not null references imports (id) on delete cascade,
    workspace_id text not null references workspaces (id) on delete cascade,
    record_id text not null,
    action text not null check (action in ('created', 'updated')),
    before text,
    written_at integer not null,
    primary key (import_id, record_id)
);

-- The id a record had in the system it was imported from (matched on by later imports).
create table record_external_ids (
    workspace_id text not null references workspaces (id) on delete cascade,
    record_kind text not null,
    external_id text not null,
    record_id text not null,
    primary key (workspace_id, record_kind, external_id)
);
create index record_external_ids_record_idx on record_external_ids (workspace_id, record_kind, record_id);

-- The rows a check found bad: the number in the file (1 = first row after the header), why, and
-- the row's cells (a JSON array) for the report the person can download.
create table import_problems (
    import_id text not null references imports (id) on delete cascade,
    workspace_id text not null references workspaces (id) on delete cascade,
    row_number integer not null,
    message text not null,
    cells text not null,
    primary key (import_id, row_number)
);
