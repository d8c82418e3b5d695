-- A workspace its owner asked to delete: deleted for good at `deletion_due_at` (30 days after the
-- request) unless the owner cancels first. `deletion_reminded_days` is the last reminder sent
-- (7, then 1). No column names who asked, so nothing here refers to a person.
alter table workspaces add column deletion_requested_at integer;
alter table workspaces add column deletion_due_at integer;
alter table workspaces add column deletion_reminded_days integer;
