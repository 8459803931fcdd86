-- A customer's userId belongs to its org: no org can take, exhaust or learn of another org's userIds.
-- customer.user_id stays the internal key that coupons and redemptions refer to, always from its sequence;
-- org_user_id is the userId the API and files show and take, unique within the org.
alter table customer add column org_user_id bigint;
update customer set org_user_id = user_id;   -- every userId a client saw stays the same
alter table customer alter column org_user_id set not null;
create unique index customer_org_user_id on customer (org_id, org_user_id);
