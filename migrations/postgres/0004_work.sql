-- Leads (people or companies not yet qualified, converted into a contact, a company and a deal),
-- tickets, activities linked to any records, and the full-text search index.

create table leads (
    workspace_id text not null references workspaces (id) on delete cascade,
    id text not null,
    name text not null,
    sort_name text not null,
    company_name text not null,
    email text not null,
    phone text not null,
    source text not null check (source in ('web', 'referral', 'event', 'import', 'other')),
    status text not null check (status in ('new', 'contacted', 'qualified', 'disqualified')),
    owner_id text references users (id) on delete set null,
    converted_at bigint,
    converted_contact_id text,
    converted_company_id text,
    converted_deal_id text,
    created_at bigint not null,
    updated_at bigint not null,
    deleted_at bigint,
    deleted_by text,
    primary key (workspace_id, id),
    foreign key (workspace_id, converted_contact_id) references contacts (workspace_id, id),
    foreign key (workspace_id, converted_company_id) references companies (workspace_id, id),
    foreign key (workspace_id, converted_deal_id) references deals (workspace_id, id)
);
create index leads_list_idx on leads (workspace_id, sort_name, id);
create index leads_email_idx on leads (workspace_id, email);

create table tickets (
    workspace_id text not null references workspaces (id) on delete cascade,
    id text not null,
    subject text not null,
    description text not null,
    status text not null check (status in ('open', 'pending', 'resolved', 'closed')),
    priority text not null check (priority in ('low', 'normal', 'high', 'urgent')),
    contact_id text,
    company_id text,
    assignee_id text references users (id) on delete set null,
    owner_id text references users (id) on delete set null,
    created_at bigint not null,
    updated_at bigint not null,
    deleted_at bigint,
    deleted_by text,
    primary key (workspace_id, id),
    foreign key (workspace_id, contact_id) references contacts (workspace_id, id),
    foreign key (workspace_id, company_id) references companies (workspace_id, id)
);
-- Newest first by id (UUIDv7 ids are time-ordered), per status.
create index tickets_status_idx on tickets (workspace_id, status, id);
create index tickets_contact_idx on tickets (workspace_id, contact_id);
create index tickets_company_idx on tickets (workspace_id, company_id);

-- kind: call, meeting, task, email. due_at and done_at are Unix milliseconds.
create table activities (
    workspace_id text not null references workspaces (id) on delete cascade,
    id text not null,
    kind text not null check (kind in ('call', 'meeting', 'task', 'email')),
    subject text not null,
    description text not null,
    due_at bigint,
    done_at bigint,
    assignee_id text references users (id) on delete set null,
    owner_id text references users (id) on delete set null,
    created_at bigint not null,
    updated_at bigint not null,
    deleted_at bigint,
    deleted_by text,
    primary key (workspace_id, id)
);
create index activities_work_idx on activities (workspace_id, assignee_id, done_at, due_at);

-- An activity may concern several records (a contact, their company, a deal, a ticket).
create table activity_links (
    workspace_id text not null,
    activity_id text not null,
    record_kind text not null,
    record_id text not null,
    primary key (workspace_id, activity_id, record_kind, record_id),
    foreign key (workspace_id, activity_id) references activities (workspace_id, id) on delete cascade
);
create index activity_links_record_idx on activity_links (workspace_id, record_kind, record_id);

-- One document per live searchable record: its title, a line shown under it, and its words (names, emails, phone digits,
-- domains), kept in the same transaction as the record. PostgreSQL: a tsvector with a GIN index.
create table search_index (
    id bigint generated always as identity primary key,
    workspace_id text not null references workspaces (id) on delete cascade,
    record_kind text not null,
    record_id text not null,
    title text not null,
    detail text not null,
    terms text not null,
    document tsvector generated always as (to_tsvector('simple', terms)) stored
);
create unique index search_index_record_idx on search_index (workspace_id, record_kind, record_id);
create index search_index_document_idx on search_index using gin (document);
