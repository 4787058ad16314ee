-- Sections of a run received so far (alert and report services act once all have arrived).
create table run_section (
    section_key text primary key,
    run_id      text        not null,
    kind        text        not null,
    event       text        not null,
    received_at timestamptz not null
);
create index run_section_run on run_section (run_id);
