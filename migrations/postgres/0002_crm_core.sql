-- The CRM's first records: companies, contacts (with several emails and phones), notes linked to
-- records, and the events table that is both the audit log and the timeline.
-- Every tenant table leads with workspace_id; children reference parents through it.

create table companies (
    workspace_id text not null references workspaces (id) on delete cascade,
    id text not null,
    name text not null,
    sort_name text not null,
    domain text not null,
    industry text not null,
    size text not null,
    phone text not null,
    street text not null,
    city text not null,
    region text not null,
    postal_code text not null,
    country text not null,
    owner_id text references users (id) on delete set null,
    created_at bigint not null,
    updated_at bigint not null,
    deleted_at bigint,
    deleted_by text,
    primary key (workspace_id, id)
);
create index companies_list_idx on companies (workspace_id, sort_name, id);
create index companies_domain_idx on companies (workspace_id, domain);

create table contacts (
    workspace_id text not null references workspaces (id) on delete cascade,
    id text not null,
    first_name text not null,
    last_name text not null,
    sort_name text not null,
    job_title text not null,
    company_id text,
    status text not null,
    linkedin_url text not null,
    owner_id text references users (id) on delete set null,
    created_at bigint not null,
    updated_at bigint not null,
    deleted_at bigint,
    deleted_by text,
    primary key (workspace_id, id),
    foreign key (workspace_id, company_id) references companies (workspace_id, id)
);
create index contacts_list_idx on contacts (workspace_id, sort_name, id);
create index contacts_company_idx on contacts (workspace_id, company_id);

-- kind: 'email' or 'phone'; label: work, home, mobile, other.
create table contact_channels (
    workspace_id text not null,
    contact_id text not null,
    kind text not null check (kind in ('email', 'phone')),
    position bigint not null,
    label text not null check (label in ('work', 'home', 'mobile', 'other')),
    value text not null,
    search_value text not null,
    is_primary bigint not null,
    primary key (workspace_id, contact_id, kind, position),
    foreign key (workspace_id, contact_id) references contacts (workspace_id, id) on delete cascade
);
create index contact_channels_search_idx on contact_channels (workspace_id, search_value);

create table notes (
    workspace_id text not null references workspaces (id) on delete cascade,
    id text not null,
    body text not null,
    author_id text references users (id) on delete set null,
    created_at bigint not null,
    updated_at bigint not null,
    deleted_at bigint,
    deleted_by text,
    primary key (workspace_id, id)
);

-- A note may be linked to several records of any kind.
create table note_links (
    workspace_id text not null,
    note_id text not null,
    record_kind text not null,
    record_id text not null,
    primary key (workspace_id, note_id, record_kind, record_id),
    foreign key (workspace_id, note_id) references notes (workspace_id, id) on delete cascade
);
create index note_links_record_idx on note_links (workspace_id, record_kind, record_id);

-- Every create, update, delete and restore, with who, when and which fields changed (JSON).
create table events (
    workspace_id text not null references workspaces (id) on delete cascade,
    id text not null,
    record_kind text not null,
    record_id text not null,
    action text not null,
    actor_id text references users (id) on delete set null,
    at bigint not null,
    changes text not null,
    primary key (workspace_id, id)
);
create index events_record_idx on events (workspace_id, record_kind, record_id, at);
create index events_recent_idx on events (workspace_id, at);
