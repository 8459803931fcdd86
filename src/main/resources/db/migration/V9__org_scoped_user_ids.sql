-- A customer's userId belongs to its org: no org can take, exhaust or learn of another org's userIds.
-- customer.user_id stays the internal key that coupons and redemptions refer to, always from its sequence;
-- org_user_id is the userId the API and files show and take, unique within the org.
alter table customer add column org_user_id bigint;
update customer set org_user_id = user_id;   -- every userId a client saw stays the same
alter table customer alter column org_user_id set not null;
create unique index customer_org_user_id on customer (org_id, org_user_id);

-- An earlier version moved the internal sequence past every client-given userId, up to the largest bigint, where
-- no customer could be added in any org: such a sequence goes on after the highest key below 2^62 instead (above it
-- are only a few client-given ids, which it never reaches).
select setval(pg_get_serial_sequence('customer', 'user_id'),
              greatest(1, (select coalesce(max(user_id), 0) from customer where user_id < 4611686018427387904)))
where (select last_value from customer_user_id_seq) >= 4611686018427387904;
