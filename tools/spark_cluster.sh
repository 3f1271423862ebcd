#!/usr/bin/env bash
# A standalone Spark cluster on this machine, from Spark's own classes (the libraries search-spark
# builds with), to try `snetc search --engine spark` on a real master and workers without installing
# Spark. A cluster you already run (sbin/start-master.sh, start-worker.sh) serves the same way.
#
#   tools/spark_cluster.sh start [WORKERS] [CORES_PER_WORKER]   # default 2 workers of 1 core
#   ./snetc search SPACE --engine spark --master spark://127.0.0.1:7077 ...
#   tools/spark_cluster.sh status
#   tools/spark_cluster.sh stop
#
# SNET_SPARK_PORT (7077) and SNET_SPARK_UI (8080) move the master; logs and pids are under
# search-spark/target/cluster. The workers find Spark's jars in a SPARK_HOME made of links to them;
# snetc sends its own jars with the application (spark.jars), as it would to any cluster.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
# shellcheck source=tools/jdk.sh
. "$root/tools/jdk.sh"
snet_find_jdk || exit 2
dir="$root/search-spark/target/cluster"
port="${SNET_SPARK_PORT:-7077}"
ui="${SNET_SPARK_UI:-8080}"
cp_file="$root/search-spark/target/classpath.txt"

start() {
  local workers="${1:-2}" cores="${2:-1}"
  if [ -f "$dir/pids" ]; then echo "spark_cluster: already started (tools/spark_cluster.sh stop first)" >&2; exit 1; fi
  if [ ! -f "$cp_file" ]; then
    echo "spark_cluster: building search-spark..." >&2
    (cd "$root" && "$root/mvnw" -q -B -DskipTests -Dinvoker.skip -pl search-spark -am install) >&2
  fi
  mkdir -p "$dir/spark-home/jars"
  tr ':' '\n' < "$cp_file" | while read -r jar; do ln -sf "$jar" "$dir/spark-home/jars/"; done
  read -r -a opts <<< "$(sed -n 's:.*<spark.jvm.options>\(.*\)</spark.jvm.options>.*:\1:p' "$root/search-spark/pom.xml" | head -n 1)"
  export SPARK_HOME="$dir/spark-home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1 JAVA_HOME
  local cp="$dir/spark-home/jars/*"
  "$JAVA_HOME/bin/java" "${opts[@]}" -Xmx512m -cp "$cp" org.apache.spark.deploy.master.Master \
    --host 127.0.0.1 --port "$port" --webui-port "$ui" > "$dir/master.log" 2>&1 &
  echo $! > "$dir/pids"
  for i in $(seq 1 "$workers"); do
    "$JAVA_HOME/bin/java" "${opts[@]}" -Xmx512m -cp "$cp" org.apache.spark.deploy.worker.Worker \
      --host 127.0.0.1 --cores "$cores" --memory 2g --webui-port 0 --work-dir "$dir/work$i" \
      "spark://127.0.0.1:$port" > "$dir/worker$i.log" 2>&1 &
    echo $! >> "$dir/pids"
  done
  for _ in $(seq 1 120); do
    if alive=$(curl -fsS "http://127.0.0.1:$ui/json/" 2>/dev/null | grep -o '"aliveworkers" *: *[0-9]*' | grep -o '[0-9]*$'); then
      if [ "${alive:-0}" -ge "$workers" ]; then
        echo "spark://127.0.0.1:$port: $workers workers of $cores core(s); UI http://127.0.0.1:$ui"
        return 0
      fi
    fi
    sleep 0.5
  done
  echo "spark_cluster: the workers did not register within a minute; see $dir/*.log" >&2
  stop
  exit 1
}

stop() {
  [ -f "$dir/pids" ] || { echo "spark_cluster: not running"; return 0; }
  while read -r pid; do
    pkill -TERM -P "$pid" 2>/dev/null || true   # a worker's executors
    kill -TERM "$pid" 2>/dev/null || true
  done < "$dir/pids"
  sleep 2
  while read -r pid; do
    pkill -KILL -P "$pid" 2>/dev/null || true
    kill -KILL "$pid" 2>/dev/null || true
  done < "$dir/pids"
  rm -f "$dir/pids"
  echo "spark_cluster: stopped"
}

case "${1:-}" in
  start) shift; start "$@" ;;
  stop) stop ;;
  status) curl -fsS "http://127.0.0.1:$ui/json/" || echo "spark_cluster: no master at port $ui" ;;
  *) echo "usage: tools/spark_cluster.sh start [WORKERS] [CORES] | status | stop" >&2; exit 2 ;;
esac
