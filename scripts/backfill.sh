#!/usr/bin/env bash
# Backfill: starts the monitoring run of every date in a range, oldest first, through ingest-service's
# POST /runs (what the daily CronJob calls for one date). With --report-url it waits until each run's report
# is assembled before the next date, so the anomaly history sees the days in order. Runs already made for a
# model, date and source answer the existing run (nothing runs twice) unless --rerun.
#
#   scripts/backfill.sh --from 2026-03-01 --to 2026-03-31 \
#       --ingest-url https://ingest.modelwatch.example.com --report-url https://modelwatch.example.com
#   scripts/backfill.sh --from 2026-03-01 --to 2026-03-03 --source '/data/{date}.csv' --ingest-url http://localhost:8081
#
# The API key (an admin key; it reads the reports too) comes from MODELWATCH_API_KEY, never from an argument.
# Exit status: 0 when every date was accepted (and, with --report-url, reported), 1 otherwise.
set -euo pipefail

usage() { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
from= to= model=churn source='warehouse:' ingest=http://localhost:8081 report= rerun=false timeout=900
while [[ $# -gt 0 ]]; do
  case "$1" in
    --from) from="$2"; shift 2 ;;
    --to) to="$2"; shift 2 ;;
    --model) model="$2"; shift 2 ;;
    --source) source="$2"; shift 2 ;;          # warehouse: (default), or a path/URL with {date}
    --ingest-url) ingest="${2%/}"; shift 2 ;;
    --report-url) report="${2%/}"; shift 2 ;;
    --rerun) rerun=true; shift ;;
    --timeout) timeout="$2"; shift 2 ;;        # seconds to wait for one run's report
    -h|--help) usage ;;
    *) echo "unknown argument: $1" >&2; usage ;;
  esac
done
[[ -n "$from" && -n "$to" ]] || usage
day() { date -u -d "$1" +%Y-%m-%d 2>/dev/null || { echo "not a date (YYYY-MM-DD): $1" >&2; exit 2; }; }
from="$(day "$from")"; to="$(day "$to")"
[[ "$from" < "$to" || "$from" == "$to" ]] || { echo "--from $from is after --to $to" >&2; exit 2; }

auth=()
if [[ -n "${MODELWATCH_API_KEY:-}" ]]; then
  auth=(-H "Authorization: Bearer $MODELWATCH_API_KEY")
else
  echo "MODELWATCH_API_KEY is not set: the services answer 401 to every request (unless they run in the dev profile)" >&2
fi
answer="$(mktemp)"; trap 'rm -f "$answer"' EXIT
failed=0 done=0
d="$from"
while :; do
  src="${source//\{date\}/$d}"
  body=$(printf '{"modelId":"%s","date":"%s","source":"%s","rerun":%s}' "$model" "$d" "$src" "$rerun")
  code=$(curl -sS -o "$answer" -w '%{http_code}' -X POST -H 'Content-Type: application/json' "${auth[@]}" \
           -d "$body" "$ingest/runs") || code=000
  run=$(sed -n 's/.*"runId" *: *"\([^"]*\)".*/\1/p' "$answer")
  if [[ "$code" != 200 && "$code" != 202 ]] || [[ -z "$run" ]]; then
    echo "$d  FAILED ($code): $(head -c 300 "$answer")"
    failed=$((failed + 1))
  else
    status=started; [[ "$code" == 200 ]] && status="already run"
    if [[ -n "$report" ]]; then
      waited=0
      until curl -fsS -o /dev/null "${auth[@]}" "$report/runs/$run/snapshot" 2>/dev/null; do
        if (( waited >= timeout )); then status="$status, no report after ${timeout}s"; failed=$((failed + 1)); break; fi
        sleep 5; waited=$((waited + 5))
      done
      [[ "$status" == *"no report"* ]] || status="$status, reported"
    fi
    echo "$d  run $run  $status"
    done=$((done + 1))
  fi
  [[ "$d" == "$to" ]] && break
  d="$(date -u -d "$d + 1 day" +%Y-%m-%d)"
done
echo "backfill $from..$to of $model: $done accepted, $failed failed"
[[ "$failed" == 0 ]]
