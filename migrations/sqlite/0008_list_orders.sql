-- Lists of leads, tickets and deals in the order they were added (tickets by status tab too), so
-- that their "newest first" pages are index ranges like the contacts and companies lists.
create index leads_created_idx on leads (workspace_id, created_at, id);
create index deals_created_idx on deals (workspace_id, created_at, id);
create index tickets_created_idx on tickets (workspace_id, created_at, id);
create index tickets_status_created_idx on tickets (workspace_id, status, created_at, id);
-- Replaced by tickets_status_created_idx (the status tabs are ordered by time now, not by id).
drop index tickets_status_idx;

-- The dashboard's twelve months of closed deals and its two quarters of forecast are counted and
-- summed from these indexes alone (no read of the deals table).
drop index deals_closed_idx;
create index deals_closed_idx on deals (workspace_id, closed_at, deleted_at, stage_id, currency, amount_minor);
drop index deals_expected_idx;
create index deals_expected_idx on deals (workspace_id, expected_close, deleted_at, stage_id, currency, amount_minor);
