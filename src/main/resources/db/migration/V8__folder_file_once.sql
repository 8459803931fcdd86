-- A watched-folder file becomes one job even when it is read again: an instance that dies after its job was created
-- but before the file was moved away leaves the file where it was, and whoever reads it next finds that job by its
-- key ({source}:{path below the folder}:{size}:{last modified ms}) instead of making a second one.
alter table upload_job add column intake_key text;
create unique index upload_job_intake_key on upload_job (org_id, intake_key) where intake_key is not null;
