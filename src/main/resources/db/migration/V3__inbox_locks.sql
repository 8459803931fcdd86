-- Which instance is reading which inbox file: the read lock that lets several instances share one inbox.
-- A row is taken atomically (insert, or take-over of a row not refreshed for the lock's maximum age: its instance
-- died), refreshed while the file is read, and deleted when the file has been moved out of the way.
create table inbox_lock (
    file_key      text primary key,
    owner         text not null,
    refreshed_at  timestamptz not null
);
