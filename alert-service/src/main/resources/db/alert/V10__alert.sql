-- Alerts raised per run; one per (run, alert key, severity).
create table alert (
    id              bigserial primary key,
    run_id          text             not null,
    model_id        text             not null,
    snapshot_date   date             not null,
    alert_key       text             not null,
    severity        text             not null,
    rule            text             not null,
    metric_category text             not null,
    metric_name     text             not null,
    "column"        text,
    segment         text,
    metric_value    double precision,
    threshold       double precision,
    estimated       boolean          not null,
    message         text             not null,
    created_at      timestamptz      not null,
    unique (run_id, alert_key, severity)
);
create index alert_date on alert (snapshot_date, severity);
