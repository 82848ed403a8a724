#!/usr/bin/env bash
# Serving benchmark: the scoring service vs its HTTP floor (same Javalin/Jetty setup, same body parsed, no
# features, no model), with wrk on 127.0.0.1 only. Prints one line per run: req/s, p50/p99 latency, non-2xx, and
# the server's CPU ms per request (from /proc, robust to a busy machine). Then streaming ingest (readings/s) and
# the service's RSS after 10 s and 60 s of load. Every server it starts is stopped by PID at the end.
#
#   benchmarks/serve/run.sh                 # DURATION=30 CONNS="16 64" by default
#   DURATION=10 CONNS=16 benchmarks/serve/run.sh
#
# The Flask peer, for the ratio (same machine, same session; its scripts are not part of this repository, see
# docs/benchmarks.md, "Peers"), or benchmarks/serve/rounds.sh for both:
#   /usr/bin/python3 PEERS/serve_flask.py loadtest AZURE_DIR --machine 55
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
here="$root/benchmarks/serve"
work="${WORK:-/tmp/prognos-serve-bench}"
duration="${DURATION:-30}"
conns="${CONNS:-16 64}"
jar="$root/benchmarks/target/benchmarks.jar"
java_opts="${JAVA_OPTS:--Xmx1g}"
mkdir -p "$work"
pids=()
cleanup() { for p in "${pids[@]:-}"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ ! -f "$jar" ] || [ -n "$(find "$root" -path '*/target' -prune -o -path '*/src/main/*' -newer "$jar" -print -quit)" ]; then
  (cd "$root" && ./mvnw -q -B -DskipTests package -pl benchmarks -am)
fi
if [ ! -d "$work/registry/azure-24h" ]; then
  java $java_opts -cp "$jar" org.prognos.benchmarks.ServeBench setup "$root/notebooks-data/azure-pdm" "$work/registry" "$work/body.json"
fi
export BODY="$work/body.json"

run() { # PID URL LUA CONNS SECONDS LABEL
  local pid=$1 url=$2 lua=$3 c=$4 d=$5 label=$6
  local t0 t1 out
  t0=$(awk '{print $14+$15}' /proc/"$pid"/stat)
  out=$(wrk -t 2 -c "$c" -d "${d}s" --timeout 10s --latency -s "$lua" "$url" 2>&1)
  t1=$(awk '{print $14+$15}' /proc/"$pid"/stat)
  local req rps p50 p99 bad
  req=$(echo "$out" | grep -oP '\d+(?= requests in)')
  rps=$(echo "$out" | grep -oP 'Requests/sec:\s+\K[\d.]+')
  p50=$(echo "$out" | grep -P '^\s+50%' | awk '{print $2}')
  p99=$(echo "$out" | grep -P '^\s+99%' | awk '{print $2}')
  bad=$(echo "$out" | grep -oP 'Non-2xx or 3xx responses: \K\d+' || true)
  printf '%-34s c=%-3s req/s=%-9s p50=%-8s p99=%-8s non2xx=%-4s cpu_ms/req=%s load=%s\n' "$label" "$c" "$rps" "$p50" "$p99" \
    "${bad:-0}" "$(awk -v a="$t0" -v b="$t1" -v n="$req" -v hz="$(getconf CLK_TCK)" 'BEGIN{printf "%.3f", (b-a)*1000/hz/n}')" \
    "$(cut -d' ' -f1 /proc/loadavg)"
}
start() { # NAME ARGS... -> sets $pid
  rm -f "$work/$1.log"   # else the wait below may match the previous run's log before the new one truncates it
  java $java_opts -cp "$jar" org.prognos.benchmarks.ServeBench "$@" > "$work/$1.log" 2>&1 &
  pid=$!
  pids+=("$pid")
  for _ in $(seq 600); do grep -q -E "serving on|HTTP floor on" "$work/$1.log" 2>/dev/null && break; sleep 0.1; done
}
rss() { awk '/VmRSS/{printf "%.0f MB", $2/1024}' /proc/"$1"/status; }

# 1. the HTTP floor
start floor 7072
floor=$pid
wrk -t 2 -c 16 -d 5s -s "$here/score.lua" http://127.0.0.1:7072/v1/models/azure-24h/score > /dev/null
for c in $conns; do run "$floor" http://127.0.0.1:7072/v1/models/azure-24h/score "$here/score.lua" "$c" "$duration" "floor (parse only)"; done
kill "$floor"; wait "$floor" 2>/dev/null || true

# 2. the service
start serve "$work/registry" 7071
svc=$pid
{ grep -oP "ready in \K[\d.]+ s" "$work/serve.log" || true; } | sed "s/^/service ready in /"
url=http://127.0.0.1:7071/v1/models/azure-24h/score
# warm-up, 45 s, explained and ?explain=false requests alternating (warmup.lua): long enough for the JIT on a loaded
# machine (with 2 cores shared by wrk and 32 busy workers, the C2 compiles of the route's methods finish 15-25 s into
# the load, -XX:+PrintCompilation), and both paths profiled, else switching paths mid-benchmark deoptimizes the
# compiled route and a run measures the slow recompile
wrk -t 2 -c 16 -d 45s -s "$here/warmup.lua" "$url" > /dev/null
for c in $conns; do
  run "$svc" "$url" "$here/score.lua" "$c" "$duration" "score (explained, 1+30+6 rows)"
  run "$svc" "$url?explain=false" "$here/score.lua" "$c" "$duration" "score (explain=false)"
done
run "$svc" http://127.0.0.1:7071/v1/assets/x/readings "$here/ingest.lua" 16 "$duration" "ingest (x100 readings per request)"

# 3. memory under a 60 s load
( sleep 10; echo "RSS after 10 s of load: $(rss "$svc")" ) &
s10=$!
( sleep 60; echo "RSS after 60 s of load: $(rss "$svc")" ) &
s60=$!
run "$svc" "$url" "$here/score.lua" 64 62 "score, 62 s (memory run)"
wait "$s10" "$s60"
