-- A person's open activities by due date, for the dashboard's "overdue" and "due today": the old
-- index (workspace, assignee, done_at, due_at) left PostgreSQL sorting every open activity of
-- the person (17,000 at the million-contact scale: 18 ms), since `done_at is null` does not
-- count as equality for the order.
create index activities_due_idx on activities (workspace_id, assignee_id, due_at, id)
    where done_at is null and deleted_at is null;
