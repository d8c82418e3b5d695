-- The number and sum of live deals per day, stage and currency, by the day they closed
-- (`closed_at`, in UTC days since 1970) and by the day they are expected to close
-- (`expected_close`), kept up to date by a trigger in the same transaction as every change to a
-- deal. The dashboard's twelve months of won and lost deals and its two quarters of forecast read
-- a few hundred of these rows instead of adding up every deal in the periods.
create table deal_closed_days (
    workspace_id text not null references workspaces (id) on delete cascade,
    day bigint not null,
    stage_id text not null,
    currency text not null,
    deals bigint not null,
    amount_minor bigint not null,
    primary key (workspace_id, day, stage_id, currency)
);
create table deal_expected_days (
    workspace_id text not null references workspaces (id) on delete cascade,
    day text not null,
    stage_id text not null,
    currency text not null,
    deals bigint not null,
    amount_minor bigint not null,
    primary key (workspace_id, day, stage_id, currency)
);
insert into deal_closed_days (workspace_id, day, stage_id, currency, deals, amount_minor)
    select workspace_id, closed_at / 86400000, stage_id, currency, count(*), coalesce(sum(amount_minor), 0)
    from deals where deleted_at is null and closed_at is not null
    group by workspace_id, closed_at / 86400000, stage_id, currency;
insert into deal_expected_days (workspace_id, day, stage_id, currency, deals, amount_minor)
    select workspace_id, expected_close, stage_id, currency, count(*), coalesce(sum(amount_minor), 0)
    from deals where deleted_at is null
    group by workspace_id, expected_close, stage_id, currency;

create function deal_days_follow() returns trigger language plpgsql as $$
begin
    if tg_op in ('UPDATE', 'DELETE') and old.deleted_at is null then
        update deal_closed_days set deals = deals - 1, amount_minor = amount_minor - old.amount_minor
            where workspace_id = old.workspace_id and day = old.closed_at / 86400000
            and stage_id = old.stage_id and currency = old.currency;
        update deal_expected_days set deals = deals - 1, amount_minor = amount_minor - old.amount_minor
            where workspace_id = old.workspace_id and day = old.expected_close
            and stage_id = old.stage_id and currency = old.currency;
    end if;
    if tg_op in ('INSERT', 'UPDATE') and new.deleted_at is null then
        if new.closed_at is not null then
            insert into deal_closed_days (workspace_id, day, stage_id, currency, deals, amount_minor)
                values (new.workspace_id, new.closed_at / 86400000, new.stage_id, new.currency, 1, new.amount_minor)
                on conflict (workspace_id, day, stage_id, currency)
                do update set deals = deal_closed_days.deals + 1, amount_minor = deal_closed_days.amount_minor + excluded.amount_minor;
        end if;
        insert into deal_expected_days (workspace_id, day, stage_id, currency, deals, amount_minor)
            values (new.workspace_id, new.expected_close, new.stage_id, new.currency, 1, new.amount_minor)
            on conflict (workspace_id, day, stage_id, currency)
            do update set deals = deal_expected_days.deals + 1, amount_minor = deal_expected_days.amount_minor + excluded.amount_minor;
    end if;
    return null;
end
$$;
create trigger deal_days_follow
    after insert or delete or update of stage_id, currency, amount_minor, deleted_at, closed_at, expected_close
    on deals for each row execute function deal_days_follow();
