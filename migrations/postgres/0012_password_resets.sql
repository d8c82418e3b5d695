-- Password reset links: the token is stored only as its SHA-256; valid 60 minutes, single use; a
-- newer link or a password change voids the older ones (used_at set without a reset).
create table password_resets (
    id text primary key,
    user_id text not null references users (id) on delete cascade,
    token_hash text not null,
    created_at bigint not null,
    expires_at bigint not null,
    used_at bigint
);
create unique index password_resets_token_key on password_resets (token_hash);
create index password_resets_user_idx on password_resets (user_id);
