#!/usr/bin/env bash
# Slow clients: normal clients' score latency (p50/p99) with and without 200 slow uploads, against the scoring service
# (ServeBench serve: default config, 127.0.0.1). Both attack modes: "trickle" (above the minimum rate, held to the read
# deadline) and "drip" (under it, cut and reopened at once). The service is stopped by PID at the end.
#
#   benchmarks/serve/slow-clients.sh                      # SLOW=200 CLIENTS=4 SECONDS=10 ROUNDS=5 MODES="trickle drip"
#   SECONDS_PER_PHASE=5 ROUNDS=3 benchmarks/serve/slow-clients.sh
#
# Reuses the serving benchmark's registry and body (benchmarks/serve/run.sh's setup) in $WORK.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="${WORK:-/tmp/prognos-serve-bench}"
jar="$root/benchmarks/target/benchmarks.jar"
java_opts="${JAVA_OPTS:--Xmx1g}"
port="${PORT:-7073}"
slow="${SLOW:-200}"
clients="${CLIENTS:-4}"
seconds="${SECONDS_PER_PHASE:-10}"
rounds="${ROUNDS:-5}"
modes="${MODES:-trickle drip}"
mkdir -p "$work"
svc=""
cleanup() { [ -n "$svc" ] && kill "$svc" 2>/dev/null || true; }
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ ! -f "$jar" ] || [ -n "$(find "$root" -path '*/target' -prune -o -path '*/src/main/*' -newer "$jar" -print -quit)" ]; then
  (cd "$root" && ./mvnw -q -B -DskipTests package -pl benchmarks -am)
fi
if [ ! -d "$work/registry/azure-24h" ]; then
  java $java_opts -cp "$jar" org.prognos.benchmarks.ServeBench setup "$root/notebooks-data/azure-pdm" "$work/registry" "$work/body.json"
fi
for mode in $modes; do
  rm -f "$work/slow-serve.log"
  java $java_opts -cp "$jar" org.prognos.benchmarks.ServeBench serve "$work/registry" "$port" > "$work/slow-serve.log" 2>&1 &
  svc=$!
  for _ in $(seq 600); do grep -q "serving on" "$work/slow-serve.log" 2>/dev/null && break; sleep 0.1; done
  java -Xmx512m -cp "$jar" org.prognos.benchmarks.SlowClientsBench "$port" "$work/body.json" bench-key-0123456789abcdef \
    "$slow" "$clients" "$seconds" "$rounds" "$mode"
  curl -s "http://127.0.0.1:$port/metrics" | grep -E '^prognos_http_(requests_cut|connections_rejected)_total' || true
  kill "$svc"; wait "$svc" 2>/dev/null || true
  svc=""
done
