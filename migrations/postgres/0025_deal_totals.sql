-- The number and sum of live deals per stage and currency, kept up to date by a trigger in the
-- same transaction as every change to a deal (created, moved, re-priced, trashed, restored,
-- deleted). The board's column totals and the dashboard's open pipeline read these few rows
-- instead of adding up every deal of the workspace.
create table deal_totals (
    workspace_id text not null references workspaces (id) on delete cascade,
    stage_id text not null,
    currency text not null,
    deals bigint not null,
    amount_minor bigint not null,
    primary key (workspace_id, stage_id, currency)
);
insert into deal_totals (workspace_id, stage_id, currency, deals, amount_minor)
    select workspace_id, stage_id, currency, count(*), coalesce(sum(amount_minor), 0)
    from deals where deleted_at is null group by workspace_id, stage_id, currency;

create function deal_totals_follow() returns trigger language plpgsql as $$
begin
    if tg_op in ('UPDATE', 'DELETE') and old.deleted_at is null then
        update deal_totals set deals = deals - 1, amount_minor = amount_minor - old.amount_minor
            where workspace_id = old.workspace_id and stage_id = old.stage_id and currency = old.currency;
    end if;
    if tg_op in ('INSERT', 'UPDATE') and new.deleted_at is null then
        insert into deal_totals (workspace_id, stage_id, currency, deals, amount_minor)
            values (new.workspace_id, new.stage_id, new.currency, 1, new.amount_minor)
            on conflict (workspace_id, stage_id, currency)
            do update set deals = deal_totals.deals + 1, amount_minor = deal_totals.amount_minor + excluded.amount_minor;
    end if;
    return null;
end
$$;
create trigger deal_totals_follow after insert or delete or update of stage_id, currency, amount_minor, deleted_at
    on deals for each row execute function deal_totals_follow();
