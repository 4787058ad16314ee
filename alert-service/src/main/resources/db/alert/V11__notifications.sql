-- Notifications: deduplication state, the transactional outbox, the models whose runs are awaited.

-- The dead-man's switch alert belongs to no run.
alter table alert alter column run_id drop not null;
-- What deduplication decided for this alert: NEW, ESCALATION (notified) or REPEAT (within the cooldown, not notified).
alter table alert add column decision text not null default 'NEW';
-- When the metric was measured back in bounds (set on the alert last notified for its key).
alter table alert add column resolved_at timestamptz;
create index alert_created on alert (created_at);

-- One row per model whose runs alert-service has seen complete; locked while its alerts are decided.
create table monitored_model (
    model_id          text        primary key,
    last_run_id       text        not null,
    last_run_date     date        not null,
    last_completed_at timestamptz not null
);

-- The open (or last resolved) alert per model and alert key: what the cooldown and escalation compare with.
create table alert_state (
    id               bigserial   primary key,
    model_id         text        not null,
    alert_key        text        not null,
    severity         text        not null,
    open             boolean     not null,
    last_alert_id    bigint      not null references alert (id),
    opened_at        timestamptz not null,
    last_notified_at timestamptz not null,
    resolved_at      timestamptz,
    unique (model_id, alert_key)
);

-- Written in the transaction that stores the alert; the relay marks a row SENT once the peer accepted it.
create table notification_outbox (
    id              bigserial   primary key,
    idempotency_key text        not null unique,
    channel         text        not null,
    kind            text        not null,
    alert_id        bigint      not null references alert (id),
    recipients      text,
    notice          text        not null,
    status          text        not null,
    attempts        integer     not null default 0,
    last_error      text,
    created_at      timestamptz not null,
    last_attempt_at timestamptz,
    sent_at         timestamptz
);
create index notification_outbox_pending on notification_outbox (channel, id) where status = 'PENDING';
