-- Changing the account's address: a link to the new address confirms it (token stored only as its
-- SHA-256, valid 24 hours, single use; a newer request voids older ones).
create table email_changes (
    id text primary key,
    user_id text not null references users (id) on delete cascade,
    new_email text not null,
    token_hash text not null,
    created_at bigint not null,
    expires_at bigint not null,
    used_at bigint
);
create unique index email_changes_token_key on email_changes (token_hash);
create index email_changes_user_idx on email_changes (user_id);

-- Whether to mail the person when their account is signed in to from a device it has no session on.
alter table users add column notify_new_sign_in integer not null default 0;
