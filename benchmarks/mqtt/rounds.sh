#!/usr/bin/env bash
# The MQTT benchmark, N rounds back to back with the Python peer, then a table of the medians (see README.md here).
# One round: for each system a ladder of rates (MqttBench ladder: its own Mosquitto, the system, a warm-up, steps up to
# the first rate it does not keep up with, one refinement, a step at half the highest good rate), the batch-10 ladder
# of the durable service, then the peer's load test stepped the same way. After the rounds, the recovery benchmark.
# Raw JSON lines go to $OUT; the machine is shared and noisy, so judge the medians of several rounds, never one run.
#
#   benchmarks/mqtt/rounds.sh                                  # ROUNDS=2, about 20-25 minutes on 2 cores
#   ROUNDS=3 DURATION=10 benchmarks/mqtt/rounds.sh
#   SYSTEMS="prognos-memory floor" PEER=0 RECOVERY=0 ROUNDS=1 benchmarks/mqtt/rounds.sh
#   MILLION=1 benchmarks/mqtt/rounds.sh                        # adds 1,000,000 assets in an 8 GB heap (about 6 min:
#                                                              # 4 to build, kept in WORK and reused; 70 s to restart)
#
# Settings (environment): ROUNDS (2), DURATION seconds per step (8), WARMUP seconds (20, at the first rate),
# RATES readings/s for one reading per message (2k,4k,6k,8k,10k,15k,20k,30k,40k,60k), RATES_B10 for ten
# (10k,20k,30k,40k,60k,80k,120k,160k), SYSTEMS (prognos-durable prognos-memory floor), BATCH10 (1: the durable
# service's batch-10 ladder), PEER (1), PEER_RATES messages/s (1000 1500 2000 2500 3000), PEER_TIME seconds per peer
# step (20), RECOVERY assets (100000; 0 skips), RECOVERY_STOPS (graceful kill: snapshots, or the journal replayed as
# after kill -9; each state is built once per WORK and reused), MILLION (0), MAX_INFLIGHT (Mosquitto's max_inflight_messages, 20),
# SERVICE_JAVA_OPTS (-Xmx1g), OUT (a new /tmp/prognos-mqtt-rounds.* directory), WORK (/tmp/prognos-mqtt-bench).
# The peer's scripts are not part of this repository (docs/benchmarks.md, "Peers", says what they are and how the
# figures were made): PEERS names their directory and AZURE the Azure PdM directory they replay (the bundled files,
# telemetry uncompressed; the defaults are the project's development machine's). The peer runs with Debian's
# /usr/bin/python3 (python3-paho-mqtt, python3-sklearn) and needs its model, which PEERS/azure_failure24h.py trains
# once (about 3 min) when missing. PEER=0 runs without it.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
rounds="${ROUNDS:-2}"
duration="${DURATION:-8}"
warmup="${WARMUP:-20}"
rates="${RATES:-2k,4k,6k,8k,10k,15k,20k,30k,40k,60k}"
rates_b10="${RATES_B10:-10k,20k,30k,40k,60k,80k,120k,160k}"
systems="${SYSTEMS:-prognos-durable prognos-memory floor}"
batch10="${BATCH10:-1}"
peer="${PEER:-1}"
peer_rates="${PEER_RATES:-1000 1500 2000 2500 3000}"
peer_time="${PEER_TIME:-20}"
recovery="${RECOVERY:-100000}"
recovery_stops="${RECOVERY_STOPS:-graceful kill}"
million="${MILLION:-0}"
max_inflight="${MAX_INFLIGHT:-20}"
service_java="${SERVICE_JAVA_OPTS:--Xmx1g}"
peers="${PEERS:-/work/shared/peers}"
azure="${AZURE:-$peers/../datasets/azure-pdm}"
work="${WORK:-/tmp/prognos-mqtt-bench}"
out="${OUT:-$(mktemp -d /tmp/prognos-mqtt-rounds.XXXXXX)}"
jar="$root/benchmarks/target/benchmarks.jar"
if [ "$peer" = 1 ] && [ ! -f "$peers/mqtt_peer.py" ]; then
  echo "rounds.sh: no peer scripts in $peers: set PEERS (and AZURE) to your copies, or PEER=0 (see docs/benchmarks.md, Peers)" >&2
  exit 2
fi
mkdir -p "$out" "$work"
cd "$root"

if [ ! -f "$jar" ] || [ ! -f cli/target/prognos.jar ] \
    || [ -n "$(find "$root" -path '*/target' -prune -o -path '*/src/main/*' -newer "$jar" -print -quit)" ]; then
  echo "== building the benchmark jar and the cli"
  ./mvnw -B -q -DskipTests package -pl benchmarks -am
  touch "$jar"   # Maven keeps an unchanged jar's old time; mark it as built now
fi
if [ ! -d "$work/registry/azure-24h" ]; then
  echo "== training the Azure 24 h model into $work/registry (as benchmarks/serve/run.sh does)"
  java -Xmx1g -cp "$jar" org.prognos.benchmarks.ServeBench setup notebooks-data/azure-pdm "$work/registry" "$work/body.json"
fi
peer_model="${PEER_MODEL:-/tmp/peer-models/azure_gbc.joblib}"
if [ "$peer" = 1 ] && [ ! -f "$peer_model" ]; then
  echo "== training the peer's model into $peer_model (once per machine)"
  /usr/bin/python3 "$peers/azure_failure24h.py" "$azure" --model-out "$peer_model" > "$out/peer-train.txt" 2>&1
fi
export PEER_MODEL="$peer_model"

ladder() { # ROUND SYSTEM BATCH RATES
  java -Xmx1g -cp "$jar" org.prognos.benchmarks.mqtt.MqttBench ladder --system "$2" --round "$1" --batch "$3" \
    --rates "$4" --duration "$duration" --warmup "$warmup" --registry "$work/registry" --max-inflight "$max_inflight" \
    --service-java-opts "$service_java" --work "$work/ladders/$2-b$3-r$1" >> "$out/ladders.jsonl" \
    2> >(tee -a "$out/ladders.log" >&2) || echo "   ladder $2 batch $3 round $1 failed: see $out/ladders.log"
}

peer_ladder() { # ROUND: the peer's load test at each rate until it loses a score or falls behind
  for r in $peer_rates; do
    /usr/bin/python3 "$peers/mqtt_peer.py" loadtest --data "$azure" --machines 1-70 --rate "$r" --time-limit "$peer_time" \
      --drain 5 > "$out/peer-$1-$r.txt" 2>&1 || true
    ok=$(python3 - "$out/peer-$1-$r.txt" "$1" "$r" "$out/peer.jsonl" <<'PY'
import json, sys
path, rnd, rate, jsonl = sys.argv[1], sys.argv[2], float(sys.argv[3]), sys.argv[4]
lines = [l for l in open(path) if l.startswith('{"script"')]
d = json.loads(lines[-1]) if lines else {}
why = []
if not d:
    why.append("no summary (see %s)" % path)
else:
    if d["scores"]["lost"] > 0: why.append("%d lost" % d["scores"]["lost"])
    if d["published"]["telemetry_per_s"] < 0.95 * rate: why.append("published %.0f/s" % d["published"]["telemetry_per_s"])
    if not (d["latency_ms"]["p99"] or 1e9) <= 1000: why.append("p99 %s ms" % d["latency_ms"]["p99"])
row = {"type": "peer", "round": rnd, "rate": rate, "ok": not why, "why": why, "summary": d}
open(jsonl, "a").write(json.dumps(row) + "\n")
lat = d.get("latency_ms", {})
print("peer %8.0f/s  published %s/s  lost %s  p50 %s ms  p99 %s ms  %s" % (rate, d.get("published", {}).get("telemetry_per_s"),
      d.get("scores", {}).get("lost"), lat.get("p50"), lat.get("p99"), "ok" if not why else "NOT KEPT UP: " + "; ".join(why)),
      file=sys.stderr)
print(1 if not why else 0)
PY
)
    [ "$ok" = 1 ] || break
  done
}

for i in $(seq "$rounds"); do
  echo "== round $i of $rounds, $(date -u +%H:%M:%S) UTC"
  for s in $systems; do
    ladder "$i" "$s" 1 "$rates"
  done
  if [ "$batch10" = 1 ]; then
    ladder "$i" prognos-durable 10 "$rates_b10"
  fi
  if [ "$peer" = 1 ]; then
    peer_ladder "$i"
  fi
done
if [ "$recovery" -gt 0 ]; then
  for stop in $recovery_stops; do
    echo "== recovery: $recovery assets, $stop stop, $(date -u +%H:%M:%S) UTC"
    java -Xmx256m -cp "$jar" org.prognos.benchmarks.mqtt.RecoveryBench run --registry "$work/registry" --assets "$recovery" \
      --work "$work/recovery" --heap 2g --stop "$stop" | tee -a "$out/recovery.jsonl"
  done
fi
if [ "$million" = 1 ]; then
  echo "== 1,000,000 assets in an 8 GB heap, $(date -u +%H:%M:%S) UTC"
  java -Xmx256m -cp "$jar" org.prognos.benchmarks.mqtt.RecoveryBench run --registry "$work/registry" --assets 1000000 \
    --work "$work/recovery" --heap 8g | tee -a "$out/recovery.jsonl"
fi
python3 "$root/benchmarks/mqtt/table.py" "$out"
