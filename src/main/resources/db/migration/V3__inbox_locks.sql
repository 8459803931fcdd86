-- Camel's JDBC idempotent repository (camel-sql): which inbox file an instance is reading. It is the read lock
-- that lets several instances share one inbox: the first to insert a file's row reads it; a row whose instance died
-- stops being refreshed and is taken over after a while (JdbcOrphanLockAwareIdempotentRepository).
create table camel_messageprocessed (
    processorname  varchar(255) not null,
    messageid      varchar(1024) not null,
    createdat      timestamp not null,
    primary key (processorname, messageid)
);
