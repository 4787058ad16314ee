-- The dashboard and the daily email (issue 15). Numbered after the shared V12 (run_metrics).

-- The run index: what a row of the dashboard's run list shows, fixed when the run is rendered (and again when
-- its cohort's labels mature).
alter table run_report add column started_at        timestamptz;
alter table run_report add column current_rows      bigint           not null default 0;
alter table run_report add column labelled_rows     bigint           not null default 0;
alter table run_report add column label_coverage    double precision;
alter table run_report add column alerts_high       integer          not null default 0;
alter table run_report add column alerts_medium     integer          not null default 0;
alter table run_report add column alerts_low        integer          not null default 0;
alter table run_report add column reference_source  text;
-- the reference version the run was computed against, once runs carry it (models as first-class, issue 11)
alter table run_report add column reference_version text;
-- when the report was rendered again with the realised performance of the matured cohort
alter table run_report add column realised_at       timestamptz;

-- The performance estimated before labels (CBPE) with its band, per run and metric: kept when the realised
-- metrics replace the estimate in run_metrics, so the two stay on one time axis.
create table run_estimate (
    run_id        text             not null,
    model_id      text             not null,
    snapshot_date date             not null,
    metric        text             not null,
    value         double precision,
    lower         double precision,
    upper         double precision,
    primary key (run_id, metric)
);
create index run_estimate_model on run_estimate (model_id, snapshot_date);

-- The alert log as alert-service announced it (alert.raised): the dashboard's alerts page and trend markers.
create table alert_log (
    id         bigserial        primary key,
    event_id   text             not null unique,
    run_id     text,
    model_id   text             not null,
    run_date   date,
    severity   text             not null,
    rule       text             not null,
    category   text             not null,
    metric     text             not null,
    "column"   text,
    segment    text,
    value      double precision,
    threshold  double precision,
    estimated  boolean          not null,
    message    text             not null,
    raised_at  timestamptz      not null
);
create index alert_log_model on alert_log (model_id, raised_at);
create index alert_log_run on alert_log (run_id);

-- The daily email's outbox: one row per model and day (the idempotency key daily-<model>-<day>), written when
-- the day's email is decided, marked SENT in the transaction that got the SMTP server's acceptance.
create table daily_email (
    id              bigserial   primary key,
    idempotency_key text        not null unique,
    model_id        text        not null,
    send_day        date        not null,
    reported_date   date        not null,
    worst_severity  text        not null,
    recipients      text,
    subject         text        not null,
    html            text        not null,
    text            text        not null,
    status          text        not null,
    attempts        integer     not null default 0,
    last_error      text,
    created_at      timestamptz not null,
    last_attempt_at timestamptz,
    sent_at         timestamptz
);
create index daily_email_pending on daily_email (id) where status = 'PENDING';
