-- Every metric row this service computed (layout from docs/metrics: the same columns in every service).
create table metrics_log (
    id              bigserial primary key,
    snapshot_date   date             not null,
    run_id          text             not null,
    model_id        text             not null,
    metric_category text             not null,
    metric_name     text             not null,
    "column"        text,
    segment         text,
    metric_value    double precision,
    threshold       double precision,
    status          text             not null,
    created_at      timestamptz      not null
);
create index metrics_log_run on metrics_log (run_id);
create index metrics_log_date on metrics_log (snapshot_date, metric_category, metric_name);
