-- The chunk tasks of a large run (issue 17): the parts of its stored batch (contiguous chunk ranges) that any replica of
-- the service counts, and each part's counts once stored (the first stored wins; counts are deterministic). The
-- replica that stores the last part merges them in chunk order under a lock on the run's rows and records the section.
create table chunk_task (
    run_id      text        not null,
    kind        text        not null,
    task_no     integer     not null,
    tasks       integer     not null,
    first_chunk integer     not null,
    last_chunk  integer     not null,
    planned_at  timestamptz not null,
    -- how many times a replica started the task, the last one that did (host:pid) and when
    attempts    integer     not null default 0,
    started_by  text,
    started_at  timestamptz,
    row_count   bigint,
    partial     bytea,
    done_at     timestamptz,
    done_by     text,
    primary key (run_id, kind, task_no)
);
