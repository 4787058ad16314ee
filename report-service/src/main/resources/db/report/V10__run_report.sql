-- Rendered outputs per run.
create table run_report (
    run_id        text primary key,
    model_id      text        not null,
    snapshot_date date        not null,
    snapshot_json text        not null,
    report_html   text        not null,
    metrics_csv   text        not null,
    alert_count   integer     not null,
    created_at    timestamptz not null
);
create index run_report_date on run_report (model_id, snapshot_date);
