-- The transactional outbox of every event a service publishes (batch.ready, metrics.*, labels.ready,
-- alert.raised, ...): written in the transaction that stores the state the event announces, published by the
-- relay with publisher confirms, then marked sent. A row not yet sent survives a crash and is published on restart.
create table event_outbox (
    id          bigserial   primary key,
    event_id    text        not null,
    routing_key text        not null,
    -- message headers as a JSON object (traceparent, ...): re-sent unchanged by the relay
    headers     text        not null,
    payload     text        not null,
    created_at  timestamptz not null,
    attempts    integer     not null default 0,
    last_error  text,
    sent_at     timestamptz
);
create index event_outbox_pending on event_outbox (id) where sent_at is null;
