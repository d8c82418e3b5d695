-- Deleting an account (policy sections 6, 7 and 9). A person asks with their password: the
-- account is pending from `deletion_requested_at` until `deletion_due_at` (30 days later), when
-- the hourly job purges it; the two reminders are recorded once sent, so each goes only once.
-- An operator who marks an account as reported under 16 suspends it at once (`suspended_at`)
-- and makes its deletion due immediately.
alter table users add column deletion_requested_at integer;
alter table users add column deletion_due_at integer;
alter table users add column deletion_reminded_7_at integer;
alter table users add column deletion_reminded_1_at integer;
alter table users add column suspended_at integer;
create index users_deletion_due_idx on users (deletion_due_at);

-- Who reported which account as belonging to someone under 16, and when it was purged. The
-- account's id goes (set null) with the account, so after the purge the row says only that an
-- operator marked an account and when; nothing about the child is kept.
create table account_reports (
    id text not null primary key,
    user_id text references users (id) on delete set null,
    reason text not null check (reason in ('under_16')),
    reported_by text references users (id) on delete set null,
    reported_at integer not null,
    purged_at integer
);
create index account_reports_recent_idx on account_reports (reported_at);
create index account_reports_user_idx on account_reports (user_id);
