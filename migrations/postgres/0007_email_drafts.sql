-- Email templates (with merge fields such as {{contact.first_name}}) and email drafts written to a
-- contact. A draft holds the text as it will be sent: merge fields are filled in when it is saved.

create table email_templates (
    workspace_id text not null references workspaces (id) on delete cascade,
    id text not null,
    name text not null,
    subject text not null,
    body text not null,
    owner_id text references users (id) on delete set null,
    created_at bigint not null,
    updated_at bigint not null,
    primary key (workspace_id, id)
);
create index email_templates_name_idx on email_templates (workspace_id, name);

-- A draft only exists for its contact: purging the contact removes it. Purging the linked deal
-- only unlinks it, and deleting a template unlinks it in the same transaction (the draft keeps
-- its text).
create table email_drafts (
    workspace_id text not null references workspaces (id) on delete cascade,
    id text not null,
    contact_id text not null,
    to_address text not null,
    subject text not null,
    body text not null,
    template_id text,
    deal_id text,
    author_id text references users (id) on delete set null,
    created_at bigint not null,
    updated_at bigint not null,
    primary key (workspace_id, id),
    foreign key (workspace_id, contact_id) references contacts (workspace_id, id) on delete cascade,
    -- Only deal_id is cleared (a plain `set null` would clear workspace_id too).
    foreign key (workspace_id, deal_id) references deals (workspace_id, id) on delete set null (deal_id),
    foreign key (workspace_id, template_id) references email_templates (workspace_id, id)
);
-- Newest first (by last change), for the workspace and for one contact.
create index email_drafts_recent_idx on email_drafts (workspace_id, updated_at, id);
create index email_drafts_contact_idx on email_drafts (workspace_id, contact_id, updated_at);
create index email_drafts_deal_idx on email_drafts (workspace_id, deal_id);
create index email_drafts_template_idx on email_drafts (workspace_id, template_id);
