-- The import benchmark's floor: the rows an import of the benchmark's file writes, written by
-- set-based SQL inside SQLite (no Rust, no per-row statements), in one transaction that is rolled
-- back, so the workspace is left as it was. `import.rs` fills in :workspace, :user, :import (the benchmark's import) and :csv and
-- runs this with the sqlite3 command-line tool; the time it takes is the least any import that
-- writes these rows could take here.
--
-- Like the import, for every row: the match on e-mail, and an undo note (with the fields before
-- for a match). For a new person: the contact, its e-mail and phone channels, its search
-- document and its "created" event. For a match: the contact updated, its channels and search
-- document replaced, and an "updated" event. Left out, so the floor stays below the import:
-- validation, phone and name normalisation, the suppression list and the progress rows.
pragma foreign_keys = on;
pragma cache_size = -64000;
create temp table file_rows (first_name text, last_name text, email text, phone text, job_title text);
.import --csv --skip 1 :csv file_rows
create temp table planned as
    select r.*, (select c.contact_id from contact_channels c
                 where c.workspace_id = ':workspace' and c.kind = 'email' and c.search_value = lower(r.email)) as matched
    from file_rows r;
-- Two rows of the file for one person: the first updates it, the next are new people (enough here).
create index temp.planned_matched on planned (matched);
update planned set matched = null where matched is not null
    and rowid > (select min(p.rowid) from planned p where p.matched = planned.matched);
alter table planned add column contact_id text;
update planned set contact_id = coalesce(matched, lower(hex(randomblob(16))));
begin;
insert into import_records (import_id, workspace_id, record_id, action, before, written_at)
    select ':import', ':workspace', p.contact_id, iif(p.matched is null, 'created', 'updated'),
           iif(p.matched is null, null, json_object('first_name', c.first_name, 'last_name', c.last_name, 'job_title', c.job_title)), 1
    from planned p left join contacts c on c.workspace_id = ':workspace' and c.id = p.matched
    where true on conflict (import_id, record_id) do nothing;
insert into contacts (workspace_id, id, first_name, last_name, sort_name, job_title, company_id, status, linkedin_url, owner_id,
                      created_at, updated_at, do_not_contact)
    select ':workspace', contact_id, first_name, last_name, lower(first_name || ' ' || last_name), job_title, null, 'lead', '',
           ':user', 1, 1, 0
    from planned where matched is null;
update contacts set first_name = p.first_name, last_name = p.last_name, sort_name = lower(p.first_name || ' ' || p.last_name),
                    job_title = p.job_title, updated_at = 2
    from planned p where p.matched is not null and contacts.workspace_id = ':workspace' and contacts.id = p.matched;
delete from contact_channels where workspace_id = ':workspace' and contact_id in (select matched from planned where matched is not null);
insert into contact_channels (workspace_id, contact_id, kind, position, label, value, search_value, is_primary)
    select ':workspace', contact_id, 'email', 0, 'work', email, lower(email), 1 from planned where email <> '';
insert into contact_channels (workspace_id, contact_id, kind, position, label, value, search_value, is_primary)
    select ':workspace', contact_id, 'phone', 0, 'work', phone, replace(phone, ' ', ''), 1 from planned where phone <> '';
delete from search_index where workspace_id = ':workspace' and record_kind = 'contact'
    and record_id in (select matched from planned where matched is not null);
insert into search_index (workspace_id, record_kind, record_id, title, detail, terms)
    select ':workspace', 'contact', contact_id, first_name || ' ' || last_name, email,
           lower(first_name || ' ' || last_name || ' ' || replace(replace(email, '@', ' '), '.', ' ') || ' ' || phone || ' ' || replace(phone, ' ', ''))
    from planned;
insert into events (workspace_id, id, record_kind, record_id, action, actor_id, at, changes)
    select ':workspace', lower(hex(randomblob(16))), 'contact', contact_id, iif(matched is null, 'created', 'updated'), ':user', 1,
           json_object('first_name', json_array('', first_name), 'last_name', json_array('', last_name),
                       'email', json_array('', email), 'phone', json_array('', phone), 'job_title', json_array('', job_title))
    from planned;
rollback;
