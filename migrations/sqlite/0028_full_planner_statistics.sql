-- Forgets the planner statistics taken by sampling (`analysis_limit`), which recorded about 400
-- rows per workspace whatever its size. The start-up job then takes them in full, one index at a
-- time (app/src/ssr/db/statistics.rs). `analyze sqlite_schema` only makes sure the statistics
-- table exists, as SQLite documents, so that the delete works on a database never analysed.
analyze sqlite_schema;
delete from sqlite_stat1;
