-- Tags with colours on contacts, companies and deals, and the indexes that keep lists sorted by
-- creation time fast.

create table tags (
    workspace_id text not null references workspaces (id) on delete cascade,
    id text not null,
    name text not null,
    sort_name text not null,
    color text not null,
    created_at bigint not null,
    primary key (workspace_id, id)
);
create unique index tags_name_idx on tags (workspace_id, sort_name);

create table record_tags (
    workspace_id text not null,
    tag_id text not null,
    record_kind text not null,
    record_id text not null,
    primary key (workspace_id, tag_id, record_kind, record_id),
    foreign key (workspace_id, tag_id) references tags (workspace_id, id) on delete cascade
);
create index record_tags_record_idx on record_tags (workspace_id, record_kind, record_id);

create index contacts_created_idx on contacts (workspace_id, created_at, id);
create index companies_created_idx on companies (workspace_id, created_at, id);
-- Board columns: the most recently changed deals of a stage.
create index deals_column_idx on deals (workspace_id, stage_id, updated_at, id);
-- Board column totals and the dashboard's open pipeline: counted and summed from the index alone.
create index deals_totals_idx on deals (workspace_id, stage_id, deleted_at, currency, amount_minor);
