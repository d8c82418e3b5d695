-- The profile a person edits in Settings → Profile. The picture is kept as the 256×256 PNG the
-- server made from the upload (never the uploaded bytes), with a version for cache busting.
alter table users add column phone text not null default '';
alter table users add column bio text not null default '';
alter table users add column timezone text not null default 'UTC';
alter table users add column currency text not null default 'EUR';
alter table users add column avatar_png bytea;
alter table users add column avatar_version integer not null default 0;
