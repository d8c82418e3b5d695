-- Deals on a pipeline: each workspace's stages (admins edit them), deals with an amount in minor
-- units and an ISO 4217 currency, and the contacts involved.

create table pipeline_stages (
    workspace_id text not null references workspaces (id) on delete cascade,
    id text not null,
    name text not null,
    position integer not null,
    probability integer not null,
    kind text not null check (kind in ('open', 'won', 'lost')),
    primary key (workspace_id, id)
);
create index pipeline_stages_order_idx on pipeline_stages (workspace_id, position);

create table deals (
    workspace_id text not null references workspaces (id) on delete cascade,
    id text not null,
    name text not null,
    sort_name text not null,
    company_id text,
    amount_minor integer not null,
    currency text not null,
    stage_id text not null,
    expected_close text not null,
    lost_reason text not null,
    owner_id text references users (id) on delete set null,
    closed_at integer,
    created_at integer not null,
    updated_at integer not null,
    deleted_at integer,
    deleted_by text,
    primary key (workspace_id, id),
    foreign key (workspace_id, company_id) references companies (workspace_id, id),
    foreign key (workspace_id, stage_id) references pipeline_stages (workspace_id, id)
);
create index deals_list_idx on deals (workspace_id, sort_name, id);
create index deals_stage_idx on deals (workspace_id, stage_id);
create index deals_company_idx on deals (workspace_id, company_id);

create table deal_contacts (
    workspace_id text not null,
    deal_id text not null,
    contact_id text not null,
    primary key (workspace_id, deal_id, contact_id),
    foreign key (workspace_id, deal_id) references deals (workspace_id, id) on delete cascade,
    foreign key (workspace_id, contact_id) references contacts (workspace_id, id) on delete cascade
);
create index deal_contacts_contact_idx on deal_contacts (workspace_id, contact_id);
