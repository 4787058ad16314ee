-- Batches stored in chunks of rows, so that neither the ingest service writing a batch nor the services reading it
-- hold more than one chunk of rows. A batch whose chunk_rows is null keeps the earlier layout (one row per column in
-- store.batch_column) and is still read. Idempotent, like V4 (the consumers' tests run it, see StoredRun).
alter table store.batch add column if not exists chunk_rows integer;
alter table store.batch add column if not exists chunk_count integer;
create table if not exists store.batch_chunk (
    batch_id  text    not null references store.batch (batch_id) on delete cascade,
    chunk_no  integer not null,
    position  integer not null,
    name      text    not null,
    kind      text    not null,
    row_count integer not null,
    data      bytea   not null,
    primary key (batch_id, chunk_no, name)
);
