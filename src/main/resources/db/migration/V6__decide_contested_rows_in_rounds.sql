-- Most contested rows wait only on earlier rows whose fate is already certain: a row that repeats a coupon the row
-- before it redeemed stays contested in the bounds of RowDecisions, though that earlier row is accepted for sure.
-- One set-based round first decides every contested row none of whose related earlier rows is still undecided;
-- the loop of V5 then takes only the rows that wait on other contested rows, in file order.
create or replace function staging.decide_contested_rows(decided regclass, same_user_multiple_redeem boolean,
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

    -- the round: each chosen row's related earlier rows all have their final code, so its counts are exact
    update related rl set code = v.verdict
    from (
        select c.line, case
            when not same_user_multiple_redeem and c.pair_stored
                 + (select count(*) from related e where e.coupon_id = c.coupon_id and e.user_id = c.user_id
                                                     and e.line < c.line and e.code = 0) > 0 then 716
            when coupon_limit <> -1 and c.coupon_stored
                 + (select count(*) from related e where e.coupon_id = c.coupon_id and e.line < c.line and e.code = 0)
                 >= coupon_limit then 711
            when user_limit <> -1 and c.user_stored
                 + (select count(*) from related e where e.user_id = c.user_id and e.line < c.line and e.code = 0)
                 >= user_limit then 736
            else 0 end as verdict
        from contested c
        where not exists (select 1 from related e where e.coupon_id = c.coupon_id and e.line < c.line and e.code is null)
          and not exists (select 1 from related e where e.user_id = c.user_id and e.line < c.line and e.code is null)
    ) v
    where rl.line = v.line;

    for r in select c.* from contested c join related rl on rl.line = c.line where rl.code is null order by c.line loop
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
