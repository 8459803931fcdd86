-- A foreign key checks every inserted row with a query of its own: for a job of a million rows that was most of
-- the time spent storing redemptions. Redemptions are written only by two set-based statements (the pipeline's
-- INSERT ... SELECT and the history import) that take coupon, customer, series and org from joins against those
-- tables in the same transaction, and nothing deletes coupons, customers, series, orgs or jobs; so the keys cannot
-- dangle. The unique key (job_id, row_number) and the primary key stay.
alter table redemption drop constraint redemption_org_id_fkey;
alter table redemption drop constraint redemption_series_id_fkey;
alter table redemption drop constraint redemption_coupon_id_fkey;
alter table redemption drop constraint redemption_user_id_fkey;
alter table redemption drop constraint redemption_job_id_fkey;
