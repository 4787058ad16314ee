-- Runs started by POST /runs.
create table run (
    run_id           text primary key,
    model_id         text        not null,
    snapshot_date    date        not null,
    source           text        not null,
    reference_id     text        not null,
    batch_id         text        not null,
    row_count        integer     not null,
    has_labels       boolean     not null,
    quality_findings integer     not null,
    started_at       timestamptz not null
);
create index run_model_date on run (model_id, snapshot_date);
