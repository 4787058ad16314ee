-- The metric rows of every run this service assembled (anomaly rows excluded): the history the core's anomaly
-- detector compares a run with. Numbered after every service's own migrations (alert V11, report V10) so that
-- an existing schema takes it as a new migration; a service's next own migration must be V13 or later.
create table run_metrics (
    id            bigserial primary key,
    model_id      text             not null,
    run_id        text             not null,
    snapshot_date date             not null,
    started_at    timestamptz,
    category      text             not null,
    name          text             not null,
    "column"      text,
    segment       text,
    value         double precision not null
);
create index run_metrics_run on run_metrics (run_id);
create index run_metrics_model on run_metrics (model_id, snapshot_date, started_at);
