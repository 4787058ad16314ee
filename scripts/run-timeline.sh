#!/usr/bin/env bash
# The stages of one run of the services, from the timestamps their tables keep (seconds after the run started):
#
#   scripts/run-timeline.sh RUN_ID
#
# Uses psql against the database of QUARKUS_DATASOURCE_JDBC_URL (host, port and name) as
# QUARKUS_DATASOURCE_USERNAME. Lines: each outbox row of the run (created = committed with what it announces,
# sent = confirmed by the broker), each section as alert-service and report-service stored it, and the report.
set -euo pipefail
run="${1:?usage: $0 RUN_ID}"
url="${QUARKUS_DATASOURCE_JDBC_URL:?set QUARKUS_DATASOURCE_JDBC_URL}"
hostport="${url#jdbc:postgresql://}"; db="${hostport#*/}"; hostport="${hostport%%/*}"
host="${hostport%%:*}"; port="${hostport#*:}"; [ "$port" = "$hostport" ] && port=5432
psql -h "$host" -p "$port" -U "${QUARKUS_DATASOURCE_USERNAME:-postgres}" -d "${db%%\?*}" -At -F ' ' -v run="$run" <<'SQL'
with start as (select started_at t0 from ingest.run where run_id = :'run'),
ev as (
  select 'ingest' svc, routing_key what, created_at, sent_at from ingest.event_outbox where payload like '%' || :'run' || '%'
  union all select 'drift', routing_key, created_at, sent_at from drift.event_outbox where payload like '%' || :'run' || '%'
  union all select 'performance', routing_key, created_at, sent_at from performance.event_outbox where payload like '%' || :'run' || '%'
  union all select 'alert', routing_key, created_at, sent_at from alert.event_outbox where payload like '%' || :'run' || '%'
  union all select 'alert', 'section ' || kind, received_at, null from alert.run_section where run_id = :'run'
  union all select 'report', 'section ' || kind, received_at, null from report.run_section where run_id = :'run'
  union all select 'report', 'report rendered', created_at, null from report.run_report where run_id = :'run')
select to_char(extract(epoch from created_at - t0), 'FM990.000') || ' s', svc, what,
       coalesce('sent +' || to_char(extract(epoch from sent_at - created_at), 'FM990.000') || ' s', '')
from ev, start order by created_at;
SQL
