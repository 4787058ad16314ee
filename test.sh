#!/usr/bin/env bash
# The README's test command: builds every module and runs all tests (unit, golden-value, CLI,
# browser, and the service tests against the local PostgreSQL and RabbitMQ named by the environment).
set -euo pipefail
cd "$(dirname "$0")"
export QUARKUS_DATASOURCE_REACTIVE_URL="${QUARKUS_DATASOURCE_REACTIVE_URL:-postgresql://127.0.0.1:5432/test}"
export QUARKUS_DATASOURCE_JDBC_URL="${QUARKUS_DATASOURCE_JDBC_URL:-jdbc:postgresql://127.0.0.1:5432/test}"
export QUARKUS_DATASOURCE_USERNAME="${QUARKUS_DATASOURCE_USERNAME:-postgres}"
export RABBITMQ_HOST="${RABBITMQ_HOST:-127.0.0.1}"
export RABBITMQ_PORT="${RABBITMQ_PORT:-5672}"
exec mvn -B -ntp verify "$@"
