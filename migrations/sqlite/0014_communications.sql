-- Communications with NexaCRM: support messages, feedback and survey answers a person sends from
-- the help page (kind), each with its status for the operators' inbox (open → answered → closed,
-- reopened to open). `context` is the page the person came from; `score` only for a survey.
create table communications (
    id text not null primary key,
    user_id text not null references users (id) on delete cascade,
    workspace_id text references workspaces (id) on delete set null,
    kind text not null check (kind in ('support', 'feedback', 'survey')),
    category text not null,
    message text not null,
    context text not null,
    score integer,
    status text not null check (status in ('open', 'answered', 'closed')),
    created_at integer not null,
    updated_at integer not null
);
-- "Your messages" (newest first) and the inbox filtered by status.
create index communications_user_idx on communications (user_id, created_at);
create index communications_status_idx on communications (status, created_at);

-- An operator's answer to a communication, mailed to its writer.
create table communication_replies (
    id text not null primary key,
    communication_id text not null references communications (id) on delete cascade,
    author_id text references users (id) on delete set null,
    message text not null,
    created_at integer not null
);
create index communication_replies_communication_idx on communication_replies (communication_id, created_at);

-- When to ask a person the satisfaction survey again; `never_ask` after "do not ask again".
create table survey_preferences (
    user_id text not null primary key references users (id) on delete cascade,
    next_ask_at integer,
    never_ask integer not null default 0,
    updated_at integer not null
);
