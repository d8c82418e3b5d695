-- Indexes the demo-workspace benchmark (server/benches/crm.rs) showed missing at 100,000 contacts.
--
-- A record's timeline reads its note and activity links by (record kind, record id). The link
-- indexes now also hold the note / activity id, so that read never touches the link tables: on
-- SQLite, without statistics, the planner otherwise preferred the covering primary key with only
-- `workspace_id = ?` and scanned every link of the workspace (45 ms for one contact's page).
drop index note_links_record_idx;
create index note_links_record_idx on note_links (workspace_id, record_kind, record_id, note_id);
drop index activity_links_record_idx;
create index activity_links_record_idx on activity_links (workspace_id, record_kind, record_id, activity_id);

-- The dashboard's deals closed in the last twelve months and its forecast of open deals by
-- expected close date: a range of one column instead of every deal of the workspace.
create index deals_closed_idx on deals (workspace_id, closed_at);
create index deals_expected_idx on deals (workspace_id, expected_close);
