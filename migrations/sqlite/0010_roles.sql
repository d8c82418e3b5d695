-- What members (the "member" role) see: every record of the workspace (`all`), or only the
-- records they own or are assigned to (`own`). Owners, admins and viewers always see all.
alter table workspaces add column member_visibility text not null default 'all';
