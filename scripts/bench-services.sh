#!/usr/bin/env bash
# The services stage of the benchmark: the files of `./monitor bench --rows N` through the five packaged services
# against the local RabbitMQ and PostgreSQL, next to the CLI's daily run on the same files.
#
#   scripts/bench-services.sh [--rows N] [--current-rows M] [--dir bench-data] [--chunk-rows 65536]
#                             [--replicas 2] [--chunks-per-task K] [--days D] [--no-settle]
#
# --replicas 2 starts a second drift-service and performance-service (on the next ports, same database and bus
# names): a run of more stored chunks than --chunks-per-task (the services' default, 0: never split, when not given; 4 with
# --replicas 2, so that a 1M-row run of 16 chunks is split into 4 chunk tasks) is shared by both replicas of each.
#
# Before the clock starts the script waits until the services are idle (--no-settle: not), and with --days D the
# services and the CLI first run the same file as the D-1 days before (not timed): long-running services have run
# earlier days when a day arrives, so their JIT compilers no longer compile the run's code during it (about a third
# of the five services' CPU in their first run after start-up, printed per service as "JIT compiler threads").
#
# Prints, for the day's run: the wall time from POST /runs to the report (GET /runs/{id}/snapshot answering 200),
# the peak RSS of each service (VmHWM of /proc/<pid>/status, read after the run) and the CPU seconds it spent on
# the run (user + system from /proc/<pid>/stat, from POST /runs to the report; the CLI: /usr/bin/time), the CLI's wall time and peak RSS
# (`monitor run --reference reference-N.profile`, its daily run), and whether the services' snapshot has the CLI's
# metrics, alerts and drift. The reference is registered (POST /references) before the clock starts, as the CLI's
# profile is made before its daily run.
#
# Needs the packaged services (*/target/quarkus-app/quarkus-run.jar) and the CLI jar:
#   mvn -B -ntp -o -q -pl cli,ingest-service,drift-service,performance-service,alert-service,report-service -am -DskipTests package
# Uses the datasource and broker of the environment (QUARKUS_DATASOURCE_JDBC_URL, QUARKUS_DATASOURCE_USERNAME,
# QUARKUS_DATASOURCE_PASSWORD, RABBITMQ_HOST, RABBITMQ_PORT, RABBITMQ_USERNAME, RABBITMQ_PASSWORD,
# RABBITMQ_VIRTUAL_HOST) with bus names unique to this run; the services listen on BENCH_PORT_BASE..+4 (default
# 18181; the second replicas on +5 and +6) with BENCH_SERVICE_OPTS (default "-Xmx512m -XX:+UseParallelGC"), and
# alert-service and report-service also with BENCH_LIGHT_SERVICE_OPTS (default "-XX:TieredStopAtLevel=1", as their
# container images start them: property modelwatch.image.jit in their pom.xml; empty to compile them as the others).
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
rows=1000000
current_rows=""
dir="$here/bench-data"
chunk_rows=65536
replicas=1
chunks_per_task=""
settle=1
days=1
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) rows="$2"; shift 2 ;;
    --current-rows) current_rows="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    --chunk-rows) chunk_rows="$2"; shift 2 ;;
    --replicas) replicas="$2"; shift 2 ;;
    --chunks-per-task) chunks_per_task="$2"; shift 2 ;;
    --no-settle) settle=0; shift ;;
    --days) days="$2"; shift 2 ;;
    *) echo "unknown option $1 (expected --rows N, --current-rows M, --dir DIR, --chunk-rows N, --replicas 1|2," \
         "--chunks-per-task K, --days D, --no-settle)" >&2; exit 2 ;;
  esac
done
cli="$here/cli/target/modelwatch-cli.jar"
services=(ingest-service drift-service performance-service alert-service report-service)
case "$days" in
  ''|*[!0-9]*|0) echo "--days must be a whole number of at least 1, got '$days'" >&2; exit 2 ;;
esac
case "$replicas" in
  1) ;;
  2) services+=(drift-service@2 performance-service@2); chunks_per_task="${chunks_per_task:-4}" ;;
  *) echo "--replicas must be 1 or 2, got $replicas" >&2; exit 2 ;;
esac
# a service's jar: the name without its replica number
jar_of() { echo "$here/${1%@*}/target/quarkus-app/quarkus-run.jar"; }
for s in "${services[@]}"; do
  [ -f "$(jar_of "$s")" ] || { echo "$s is not packaged (see the header of $0)" >&2; exit 2; }
done
[ -f "$cli" ] || { echo "$cli is missing (see the header of $0)" >&2; exit 2; }
mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
reference="$dir/reference-$rows.csv"
current_rows="${current_rows:-$rows}"
current="$dir/current-$current_rows.csv"
profile="$dir/reference-$rows.profile"
config="$dir/monitoring.yaml"
# the built-in churn configuration (core's monitoring.yaml): the CLI runs with it, the model is registered with it
unzip -p "$(ls "$here"/cli/target/lib/modelwatch-core-*.jar | head -1)" io/modelwatch/core/config/monitoring.yaml > "$config"
if [ ! -f "$reference" ] || [ ! -f "$current" ] || [ ! -f "$profile" ]; then
  # the benchmark's own files and stored profile (same seeds and scenarios as every `monitor bench`)
  java -jar "$cli" bench --rows "$rows" --current-rows "$current_rows" --dir "$dir" --stages profile --no-cds >&2
fi

tag="bench-$(date +%s)-$$"
base="${BENCH_PORT_BASE:-18181}"
opts="${BENCH_SERVICE_OPTS:--Xmx512m -XX:+UseParallelGC}"
light_opts="${BENCH_LIGHT_SERVICE_OPTS--XX:TieredStopAtLevel=1}"
declare -A own_opts=([alert-service]="$light_opts" [report-service]="$light_opts")
key="bench-admin-$RANDOM$RANDOM"
logs="$dir/services-$tag"
mkdir -p "$logs"
declare -A port pid
i=0
for s in "${services[@]}"; do port[$s]=$((base + i)); i=$((i + 1)); done
url() { echo "http://127.0.0.1:${port[$1]}"; }
stop() {
  for s in "${services[@]}"; do
    if [ -n "${pid[$s]:-}" ]; then kill "${pid[$s]}" 2>/dev/null || true; fi
  done
}
trap stop EXIT
start() {
  local s="$1"
  env MODELWATCH_BUS_EXCHANGE="$tag.events" MODELWATCH_BUS_DEAD_LETTER_EXCHANGE="$tag.dead-letters" \
      MODELWATCH_BUS_QUEUE_PREFIX="$tag." MODELWATCH_AUTH_ADMIN_KEYS="$key" MODELWATCH_SOURCES_ROOTS="$dir" \
      MODELWATCH_MONITORING_CONFIG_FILE="$config" MODELWATCH_INGEST_ALERT_SERVICE_URL="$(url alert-service)" \
      MODELWATCH_INGEST_CHUNK_ROWS="$chunk_rows" QUARKUS_OTEL_SDK_DISABLED=true \
      ${chunks_per_task:+MODELWATCH_COMPUTE_CHUNKS_PER_TASK="$chunks_per_task"} \
      java $opts ${own_opts[$s]:-} -Dquarkus.http.port="${port[$s]}" -jar "$(jar_of "$s")" \
      > "$logs/$s.log" 2>&1 &
  pid[$s]=$!
}
await_ready() {
  local s="$1"
  for _ in $(seq 1 240); do
    if curl -sf "$(url "$s")/q/health/ready" > /dev/null 2>&1; then return; fi
    kill -0 "${pid[$s]}" 2>/dev/null || { echo "$s exited, see $logs/$s.log" >&2; exit 1; }
    sleep 0.5
  done
}
# the five services first, then the second replicas (seven JVMs starting at once on two cores time out on the database)
for s in "${services[@]}"; do [ "$s" = "${s%@*}" ] && start "$s"; done
for s in "${services[@]}"; do [ "$s" = "${s%@*}" ] && await_ready "$s"; done
for s in "${services[@]}"; do [ "$s" != "${s%@*}" ] && start "$s"; done
for s in "${services[@]}"; do [ "$s" != "${s%@*}" ] && await_ready "$s"; done
# POST to ingest-service; an answer other than 2xx stops the bench with its status and JSON body (which names the
# field: e.g. a --dir whose files are symbolic links to files outside it is outside the services' source roots)
post() {
  local status
  status=$(curl -s -o "$logs/post.out" -w '%{http_code}' -X POST -H "X-API-Key: $key" \
    -H 'Content-Type: application/json' -d "$2" "$(url ingest-service)$1") || status=000
  if [ "${status:0:1}" != 2 ]; then
    echo "POST $1 answered $status: $(cat "$logs/post.out" 2>/dev/null)" >&2
    return 1
  fi
  cat "$logs/post.out"
}
model="churn-$tag"
post /references "{\"modelId\":\"$model\",\"source\":\"$reference\",\"config\":\"$config\"}" > "$logs/reference.json"
date="2026-11-27"
# --days D: the services first run the same file as the D-1 days before (not timed), as long-running services have
# run earlier days when a day arrives (their code compiled, their history holding those days); the CLI, a new JVM
# each day, runs the same earlier days into its --history file first. Only the last day is measured and compared.
earlier_dates=()
for ((d = days - 1; d >= 1; d--)); do earlier_dates+=("$(date -d "$date - $d day" +%F)"); done
for day in "${earlier_dates[@]}"; do
  post /runs "{\"modelId\":\"$model\",\"date\":\"$day\",\"source\":\"$current\"}" > "$logs/run-$day.json"
  earlier_id="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["runId"])' "$logs/run-$day.json")"
  until curl -sf -H "X-API-Key: $key" "$(url report-service)/runs/$earlier_id/snapshot" > /dev/null; do sleep 0.2; done
done
# CPU ticks (user + system, fields 14 and 15 of a /proc stat file) of a process or one of its threads
stat_ticks() { awk '{print $14 + $15}' "$1"; }
cpu_ticks() { stat_ticks "/proc/$1/stat"; }
all_ticks() { local t=0 s; for s in "${services[@]}"; do t=$((t + $(cpu_ticks "${pid[$s]}"))); done; echo "$t"; }
# settle: wait until the services are idle (JIT compilation and collections left from start-up and the reference
# registration done: together under 5 CPU ticks in half a second), as long-running services are when a day arrives
settle_start=$(date +%s.%N)
if [ "$settle" = 1 ]; then
  for _ in $(seq 1 240); do
    t0=$(all_ticks)
    sleep 0.5
    [ $(($(all_ticks) - t0)) -lt 5 ] && break
  done
fi
settled=$(python3 -c "print(f'{$(date +%s.%N) - $settle_start:.1f}')")
# CPU ticks of each JIT compiler thread of a JVM so far (its "C1/C2 CompilerThre" tasks in /proc), one "tid ticks"
# line each. The JVM starts and retires compiler threads as their queues grow and empty, so the run's JIT CPU is summed
# per thread over the threads alive at its end (a thread retired during the run takes its ticks with it: "at least").
jit_ticks() {
  local task
  for task in /proc/"$1"/task/*; do
    case "$(cat "$task/comm" 2>/dev/null)" in
      C1\ CompilerThre*|C2\ CompilerThre*) echo "${task##*/} $(stat_ticks "$task/stat" 2>/dev/null || echo 0)" ;; # may end meanwhile
    esac
  done
}
# ticks since the first listing ($1) of the threads in the second ($2)
jit_delta() { awk 'NR == FNR { t0[$1] = $2; next } { d += $2 - ($1 in t0 ? t0[$1] : 0) } END { print d + 0 }' "$1" "$2"; }
declare -A cpu0
for s in "${services[@]}"; do cpu0[$s]=$(cpu_ticks "${pid[$s]}"); jit_ticks "${pid[$s]}" > "$logs/$s.jit0"; done
start=$(date +%s.%N)
post /runs "{\"modelId\":\"$model\",\"date\":\"$date\",\"source\":\"$current\"}" > "$logs/run.json"
ingested=$(date +%s.%N)
run_id="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["runId"])' "$logs/run.json")"
until curl -sf -H "X-API-Key: $key" "$(url report-service)/runs/$run_id/snapshot" > "$logs/snapshot.json"; do
  sleep 0.2
done
end=$(date +%s.%N)
declare -A hwm cpu jit
hz=$(getconf CLK_TCK)
cpu_total=0
for s in "${services[@]}"; do
  hwm[$s]=$(awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/${pid[$s]}/status")
  ticks=$(( $(cpu_ticks "${pid[$s]}") - cpu0[$s] ))
  cpu[$s]=$(python3 -c "print(f'{$ticks / $hz:.1f}')")
  jit_ticks "${pid[$s]}" > "$logs/$s.jit1"
  jit[$s]=$(python3 -c "print(f'{$(jit_delta "$logs/$s.jit0" "$logs/$s.jit1") / $hz:.1f}')")
  cpu_total=$((cpu_total + ticks))
done
stop
trap - EXIT

# the CLI's daily run on the same files (stored profile, streamed current file), with the options ./monitor starts a
# streamed run with (MODELWATCH_JAVA_OPTS's default in the launcher and the run's heap; no class-data archive)
cli_opts="-XX:+UseParallelGC -XX:MaxNewSize=128m -Xss4m -Xmx768m"
cli_out="$dir/cli-$tag"
cli_history=()
if [ "$days" -gt 1 ]; then
  cli_history=(--history "$dir/cli-history-$tag.csv")
  for day in "${earlier_dates[@]}"; do
    java $cli_opts -jar "$cli" run --reference "$profile" --current "$current" \
      --config "$config" --date "$day" --out "$cli_out-$day" --quiet "${cli_history[@]}" || true
  done
fi
/usr/bin/time -f "%e %M %U %S" -o "$logs/cli.time" java $cli_opts -jar "$cli" run \
  --reference "$profile" --current "$current" --config "$config" --date "$date" --out "$cli_out" --quiet "${cli_history[@]}" || true
read -r cli_s cli_kb cli_user cli_sys < "$logs/cli.time"

same="$(python3 - "$logs/snapshot.json" "$cli_out/snapshot.json" <<'EOF'
import json, sys
services, cli = (json.load(open(p)) for p in sys.argv[1:3])
# the anomaly rows come from each side's own history; everything else must be equal
strip = lambda rows: [r for r in rows if r.get("category") != "anomaly"]
parts = {"metrics": strip(services["metrics"]) == strip(cli["metrics"]),
         "alerts": services["alerts"] == cli["alerts"], "drift": services["drift"] == cli["drift"]}
print(", ".join(f"{k} {'equal' if v else 'DIFFERENT'}" for k, v in parts.items()))
EOF
)"
services_s=$(python3 -c "print(f'{$end - $start:.1f}')")
printf 'ModelWatch services stage: %s reference + %s current rows, chunks of %s rows, %s cores (load average %s)\n' \
  "$rows" "$current_rows" "$chunk_rows" "$(nproc)" "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '  replicas of drift and performance: %s, chunks per task: %s\n' "$replicas" "${chunks_per_task:-default (0, never split)}"
printf '  measured day: %s of %s (%s)\n' "$days" "$days" \
  "$([ "$days" -gt 1 ] && echo "the services and the CLI ran ${earlier_dates[*]} first, not timed" || echo "the services' first run after start-up")"
printf '  services idle before the clock:  %s (%s s after the last untimed request)\n' \
  "$([ "$settle" = 1 ] && echo "waited" || echo "not waited (--no-settle)")" "$settled"
printf '  services, POST /runs to report: %6s s\n' "$services_s"
printf '    of which ingest (POST /runs answered): %5s s\n' "$(python3 -c "print(f'{$ingested - $start:.1f}')")"
printf '    CPU of the five services on the run: %5s s\n' "$(python3 -c "print(f'{$cpu_total / $hz:.1f}')")"
printf '  CLI daily run (monitor run):    %6s s  peak RSS %5d MB  CPU %5s s\n' "$cli_s" "$((cli_kb / 1024))" \
  "$(python3 -c "print(f'{$cli_user + $cli_sys:.1f}')")"
printf '  ratio services / CLI:           %6s\n' "$(python3 -c "print(f'{$services_s / $cli_s:.2f}')")"
for s in "${services[@]}"; do
  printf '  %-20s peak RSS %5s MB  CPU %5s s  (of which JIT compiler threads %4s s)\n' "$s" "${hwm[$s]}" "${cpu[$s]}" "${jit[$s]}"
done
printf '  snapshot against the CLI: %s\n' "$same"
echo "  logs: $logs"
