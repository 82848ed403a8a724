#!/usr/bin/env bash
# Rounds of the serving benchmark beside the Flask peer, then the medians of the per-round ratios at 64 connections:
# the figures docs/benchmarks.md quotes. One round = benchmarks/serve/run.sh, then the peer's load test, on the same
# machine; the machine is shared and noisy, so judge the medians of several rounds, never one run.
#
#   ROUNDS=4 DURATION=20 benchmarks/serve/rounds.sh
#
# The peer's scripts are not part of this repository (docs/benchmarks.md, "Peers", says what they are and how the
# figures were made): PEERS names their directory and AZURE the Azure PdM directory they read (the bundled files,
# telemetry uncompressed; the defaults are the project's development machine's). The peer runs with Debian's
# /usr/bin/python3 (python3-pandas, python3-sklearn, python3-xgboost, gunicorn, flask).
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
rounds="${ROUNDS:-3}"
duration="${DURATION:-20}"
peers="${PEERS:-$root/../shared/peers}"
azure="${AZURE:-$root/../shared/datasets/azure-pdm}"
if [ ! -f "$peers/serve_flask.py" ] || [ ! -d "$azure" ]; then
  echo "rounds.sh: no peer scripts in $peers or no Azure directory $azure: set PEERS and AZURE (see docs/benchmarks.md, Peers)" >&2
  exit 2
fi
out="${OUT:-$(mktemp -d /tmp/prognos-rounds.XXXXXX)}"
mkdir -p "$out"
# the peer serves the joblib model its training script writes; a fresh machine has none (about 3 min to make)
peer_model="${PEER_MODEL:-/tmp/peer-models/azure_gbc.joblib}"
if [ ! -f "$peer_model" ]; then
  echo "== training the peer's model into $peer_model (once per machine)"
  /usr/bin/python3 "$peers/azure_failure24h.py" "$azure" --model-out "$peer_model" > "$out/peer-train.txt" 2>&1
fi
export PEER_MODEL="$peer_model"
for i in $(seq "$rounds"); do
  echo "== round $i of $rounds, $(date -u +%H:%M:%S) UTC"
  DURATION="$duration" CONNS="16 64" "$root/benchmarks/serve/run.sh" | tee "$out/ours-$i.txt"
  /usr/bin/python3 "$peers/serve_flask.py" loadtest "$azure" --machine 55 --duration "$duration" > "$out/peer-$i.txt" 2>&1
  grep '^{"script"' "$out/peer-$i.txt" | tail -1 > "$out/peer-$i.json"
  echo "peer: $(grep -o '"connections": 64[^}]*' "$out/peer-$i.json" | grep -o '"requests_per_s": [0-9.]*')"
done
python3 - "$out" "$rounds" <<'PY'
import json, re, statistics, sys
out, rounds = sys.argv[1], int(sys.argv[2])

def ms(text):
    value, unit = re.match(r"([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 1e-3, "ms": 1.0, "s": 1e3}[unit]

def ours(i, label):
    for line in open(f"{out}/ours-{i}.txt"):
        m = re.match(r"(.+?)\s+c=64\s+req/s=([\d.]+)\s+p50=\S+\s+p99=(\S+)", line)
        if m and m.group(1).startswith(label):
            return float(m.group(2)), ms(m.group(3))
    raise SystemExit(f"round {i}: no 64-connection line for '{label}' in {out}/ours-{i}.txt")

rows = {"explained / floor": [], "explained p99 / floor p99": [], "explain=false / floor": [],
        "explain=false p99 / floor p99": [], "explain=false / peer (like for like)": [], "explained / peer": []}
for i in range(1, rounds + 1):
    floor, floor_p99 = ours(i, "floor")
    explained, explained_p99 = ours(i, "score (explained")
    plain, plain_p99 = ours(i, "score (explain=false)")
    peer = next(r["requests_per_s"] for r in json.load(open(f"{out}/peer-{i}.json"))["runs"] if r["connections"] == 64)
    for key, value in zip(rows, [explained / floor, explained_p99 / floor_p99, plain / floor, plain_p99 / floor_p99,
                                 plain / peer, explained / peer]):
        rows[key].append(value)
print(f"\nmedians of {rounds} rounds at 64 connections (per round in brackets); targets: >= 0.70 of the floor, "
      "p99 <= 1.5x the floor's, >= 10x the peer")
for key, values in rows.items():
    print(f"  {key:40s} {statistics.median(values):6.2f}  [{', '.join(f'{v:.2f}' for v in values)}]")
print(f"raw output: {out}")
PY
