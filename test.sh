#!/usr/bin/env bash
# The README's test command: builds every module and runs all tests (unit, golden-value, CLI, browser, the
# Kubernetes manifests, and the service tests against the PostgreSQL and RabbitMQ named by the environment).
# Nothing named: the local servers on 127.0.0.1 when they answer; otherwise the service tests get theirs from
# Quarkus Dev Services (containers: needs Docker).
set -euo pipefail
cd "$(dirname "$0")"
listens() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
if [[ -z "${QUARKUS_DATASOURCE_JDBC_URL:-}" ]] && listens 5432; then
  export QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/test
  export QUARKUS_DATASOURCE_USERNAME="${QUARKUS_DATASOURCE_USERNAME:-postgres}"
fi
if [[ -z "${RABBITMQ_HOST:-}" ]] && listens 5672; then
  export RABBITMQ_HOST=127.0.0.1 RABBITMQ_PORT="${RABBITMQ_PORT:-5672}"
fi
exec mvn -B -ntp verify "$@"
