-- Every POST /labels: what arrived for a run's cohort and its label coverage afterwards.
create table label_delivery (
    id                  bigserial primary key,
    run_id              text             not null,
    source              text             not null,
    label_rows          integer          not null,
    matched             integer          not null,
    unmatched_labels    integer          not null,
    duplicate_label_ids integer          not null,
    labelled_rows       integer          not null,
    coverage            double precision not null,
    realised            boolean          not null,
    received_at         timestamptz      not null
);
create index label_delivery_run on label_delivery (run_id, received_at);
