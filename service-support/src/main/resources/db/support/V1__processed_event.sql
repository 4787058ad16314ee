-- Idempotency ledger: one row per (run, event type) processed by this service.
create table processed_event (
    event_key    text primary key,
    run_id       text        not null,
    event_type   text        not null,
    event_id     text,
    published    text,
    processed_at timestamptz not null
);
create index processed_event_run on processed_event (run_id);
