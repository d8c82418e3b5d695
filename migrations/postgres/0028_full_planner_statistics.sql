-- SQLite's sampled planner statistics are dropped by this migration's SQLite twin. PostgreSQL's
-- autovacuum keeps full statistics by itself: nothing to do here.
select 1;
