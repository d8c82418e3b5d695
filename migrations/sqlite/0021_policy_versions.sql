-- Privacy Policy versions published by an operator after the first one (which ships with the
-- code). `version` is the date it takes effect (YYYY-MM-DD), at least 14 days after publishing;
-- `summary` says what changed, one change per line; `body` is the full text.
create table policy_versions (
    version text not null primary key,
    summary text not null,
    body text not null,
    published_at bigint not null,
    published_by text references users (id) on delete set null
);
