#!/usr/bin/env bash
# The Spark job in local mode on this machine, without a Spark installation: Spark's jars come from Maven.
#   scripts/spark-local.sh --current DAY.csv|DAY.parquet --reference REF.profile --out DIR [--partitions N] [--config monitoring.yaml]
# (the class path is that of the Spark tests, less the CLI, whose jar lists its own libraries.)
# SPARK_MASTER (default local[*]) and SPARK_DRIVER_MEMORY (default 2g) can be set. On a cluster use spark-submit
# (README, "Beyond one machine: Apache Spark").
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
job="$here/spark/target/modelwatch-spark-job.jar"
cp="$here/spark/target/classpath.txt"
if [ ! -f "$job" ] || [ ! -f "$cp" ] || [ -n "$(find "$here/core/src/main" "$here/parquet/src/main" "$here/spark/src/main" "$here/spark/pom.xml" -newer "$job" -print -quit 2>/dev/null)" ]; then
  echo "Building the Spark job (first run or sources changed)..." >&2
  (cd "$here" && mvn -q -B -ntp -pl spark -am package -DskipTests) >&2
fi
# Spark on Java 17 opens these JDK packages (spark-submit adds the same list itself)
flags=(-XX:+IgnoreUnrecognizedVMOptions
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/sun.nio.cs=ALL-UNNAMED
  --add-opens=java.base/sun.security.action=ALL-UNNAMED --add-opens=java.base/sun.util.calendar=ALL-UNNAMED
  -Djdk.reflect.useDirectMethodHandle=false -Dio.netty.tryReflectionSetAccessible=true)
export SPARK_LOCAL_IP="${SPARK_LOCAL_IP:-127.0.0.1}"
exec java "${flags[@]}" -Xmx"${SPARK_DRIVER_MEMORY:-2g}" -Dspark.master="${SPARK_MASTER:-local[*]}" \
  -Dspark.ui.enabled=false -Dlog4j2.level=warn \
  -cp "$job:$(tr ':' '\n' < "$cp" | grep -v modelwatch-cli | paste -sd:)" io.modelwatch.spark.SparkMonitorJob "$@"
