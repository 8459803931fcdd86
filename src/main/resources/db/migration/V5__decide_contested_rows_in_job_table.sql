-- The rows of rules 11-13 now live in a job's own unlogged table (staging.job_{id}_decided), not in a temp table:
-- the result files are written from it on a second connection while the redemptions are inserted. Same loop as V2,
-- over the table it is given.
drop function staging.decide_contested_rows(boolean, integer, integer);

create function staging.decide_contested_rows(decided regclass, same_user_multiple_redeem boolean,
                                              coupon_limit integer, user_limit integer)
returns void language plpgsql as $$
declare
    r record;
    same_pair bigint;
    same_coupon bigint;
    same_user bigint;
    verdict integer;
begin
    execute format('create temp table contested on commit drop as select * from %s where code is null', decided);
    if not exists (select 1 from contested) then
        return;
    end if;
    execute format('create temp table related on commit drop as
        select c.line, c.coupon_id, c.user_id, c.code from %s c
        where c.coupon_id in (select coupon_id from contested) or c.user_id in (select user_id from contested)', decided);
    create index on related (coupon_id, line);
    create index on related (user_id, line);
    create index on related (line);
    analyze related;
    for r in select * from contested order by line loop
        select count(*) filter (where user_id = r.user_id), count(*) into same_pair, same_coupon
            from related where coupon_id = r.coupon_id and line < r.line and code = 0;
        select count(*) into same_user from related where user_id = r.user_id and line < r.line and code = 0;
        verdict := case
            when not same_user_multiple_redeem and r.pair_stored + same_pair > 0 then 716
            when coupon_limit <> -1 and r.coupon_stored + same_coupon >= coupon_limit then 711
            when user_limit <> -1 and r.user_stored + same_user >= user_limit then 736
            else 0 end;
        update related set code = verdict where line = r.line;
    end loop;
    execute format('update %s d set code = rl.code from related rl where d.code is null and rl.line = d.line', decided);
end $$;
