-- Decides, one by one in file order, the rows whose fate under rules 11-13 depends on which earlier rows of the
-- same file were accepted (see RowDecisions). Works on the caller's temp table "contest": code 0 = accepted,
-- 711/716/736 = refused, null = still to decide. Only the rows that share a coupon or a customer with an undecided
-- row are looked at, so the loop is as small as the contention in the file.
create function staging.decide_contested_rows(same_user_multiple_redeem boolean, coupon_limit integer, user_limit integer)
returns void language plpgsql as $$
declare
    r record;
    same_pair bigint;
    same_coupon bigint;
    same_user bigint;
    verdict integer;
begin
    if not exists (select 1 from contest where code is null) then
        return;
    end if;
    create temp table related on commit drop as
        select c.line, c.coupon_id, c.user_id, c.code from contest c
        where c.coupon_id in (select coupon_id from contest where code is null)
           or c.user_id in (select user_id from contest where code is null);
    create index on related (coupon_id, line);
    create index on related (user_id, line);
    create index on related (line);
    analyze related;
    for r in select * from contest where code is null order by line loop
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
    update contest c set code = rl.code from related rl where c.code is null and rl.line = c.line;
end $$;
