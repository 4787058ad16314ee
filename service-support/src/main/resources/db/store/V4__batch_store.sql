-- The shared batch store, owned by ingest-service. Written with IF NOT EXISTS so that the tests of the
-- consuming services may run it on a database where ingest never ran (see StoredRun in the test jar).
create schema if not exists store;
create table if not exists store.batch (
    batch_id      text primary key,
    model_id      text        not null,
    snapshot_date date        not null,
    source        text        not null,
    row_count     integer     not null,
    created_at    timestamptz not null
);
create table if not exists store.batch_column (
    batch_id text    not null references store.batch (batch_id) on delete cascade,
    position integer not null,
    name     text    not null,
    kind     text    not null,
    data     bytea   not null,
    primary key (batch_id, name)
);
create table if not exists store.reference_profile (
    reference_id text primary key,
    model_id     text        not null,
    source       text        not null,
    row_count    integer     not null,
    profile      bytea       not null,
    created_at   timestamptz not null
);
create index if not exists reference_profile_model on store.reference_profile (model_id, created_at);
