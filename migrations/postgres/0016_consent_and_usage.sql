-- The consent log: every choice made in the cookie and preferences banner. `consent_id` is the
-- random id kept in the visitor's consent cookie (one browser), `user_id` who was signed in when
-- the choice was made, if anyone. Categories are 0/1; essential cookies are always on.
create table consents (
    id text not null primary key,
    consent_id text not null,
    user_id text references users (id) on delete cascade,
    preferences integer not null check (preferences in (0, 1)),
    analytics integer not null check (analytics in (0, 1)),
    -- 'accept_all', 'reject_all', 'choose' or 'withdraw'.
    action text not null,
    policy_version text not null,
    created_at bigint not null
);
create index consents_user_idx on consents (user_id, created_at);
create index consents_consent_idx on consents (consent_id, created_at);

-- Preferences kept on the account: 'light', 'dark' or 'system'; an interface language code.
alter table users add column theme text not null default 'system';
alter table users add column language text not null default 'en';

-- Usage data about signed-in people (policy section 2): the pages they visited and when, by route
-- pattern. Not written for a person who objected; purged after the retention period.
create table page_visits (
    id text not null primary key,
    user_id text not null references users (id) on delete cascade,
    workspace_id text references workspaces (id) on delete cascade,
    route text not null,
    visited_at bigint not null
);
create index page_visits_user_idx on page_visits (user_id, visited_at);
create index page_visits_time_idx on page_visits (visited_at);

-- Anonymised analytics, counted only with analytics consent: per day, page views by route
-- pattern ('page'), feature use ('feature') and distinct visitors ('visitors', name '').
-- Nothing here identifies a person.
create table analytics_daily (
    day text not null,
    kind text not null check (kind in ('page', 'feature', 'visitors')),
    name text not null,
    count bigint not null,
    primary key (day, kind, name)
);

-- The day's random salt for counting visitors, and the salted hashes seen that day. Both are
-- deleted 48 hours after the day began, so no identifier lasts across days.
create table analytics_salts (
    day text not null primary key,
    salt text not null,
    created_at bigint not null
);
create table analytics_visitors (
    day text not null,
    visitor text not null,
    primary key (day, visitor)
);
