-- An ended job is handed on (its results to the outbox it came from, its event to redeem.jobs.events-uri) after the
-- commit that ended it. undelivered_since is set by that commit and cleared once the job has been handed on, so a
-- crash in between leaves a mark that the redelivery route finds. Jobs that ended before this column: delivered.
alter table upload_job add column undelivered_since bigint;
create index upload_job_undelivered on upload_job (undelivered_since) where undelivered_since is not null;
