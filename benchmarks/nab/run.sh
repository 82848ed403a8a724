#!/usr/bin/env bash
# NAB benchmark: streams every Numenta Anomaly Benchmark file through Prognos' anomaly families (`prognos nab`, one
# asset per file, the first 15 % to learn, one setting for every file, no labels), then scores the result files with
# NAB's own scorer (benchmarks/nab/scorer, MIT) and prints the three profiles of each detector beside the published
# anchors of results/leaderboard.json. Needs /usr/bin/python3 with pandas and simplejson (Debian: python3-pandas,
# python3-simplejson). Rules and results: benchmarks/nab/README.md.
#
#   benchmarks/nab/run.sh                                  # every detector
#   DETECTORS=prognosKnnOnline benchmarks/nab/run.sh       # one (comma-separated list)
#   SKIP_RUN=1 WORK=/tmp/prognos-nab benchmarks/nab/run.sh # rescore the last run's result files
#   PROGNOS="java -cp CLASSPATH org.prognos.cli.Prognos" benchmarks/nab/run.sh   # without building the jar
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="${WORK:-/tmp/prognos-nab}"
python="${PYTHON:-/usr/bin/python3}"
detectors="${DETECTORS:-prognosKnnContextWiden50Corroborated,prognosKnnContextWiden50,prognosKnnContextAligned,prognosKnnOnline,prognosKnnContext,prognosKnn,prognosPca,prognosZscore,prognosContextWiden50,prognosContext,prognosSpectral}"
mkdir -p "$work"

"$python" -c 'import pandas, simplejson' 2>/dev/null || {
  echo "NAB's scorer needs $python with pandas and simplejson (apt-get install python3-pandas python3-simplejson)" >&2; exit 1; }

echo "machine: $(getconf _NPROCESSORS_ONLN) processors, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1); $(date -u '+%Y-%m-%d %H:%M UTC')"
if [ -z "${SKIP_RUN:-}" ]; then
  rm -rf "$work/results"
  (cd "$root" && ${PROGNOS:-./prognos} nab --data notebooks-data/nab --out "$work/results" --detector "$detectors")
fi

# NAB's scorer writes into its own folder: score in a fresh copy, with the bundled data and windows beside it
scorer="$(mktemp -d "$work/scorer.XXXXXX")"
trap 'rm -rf "$scorer"' EXIT
cp -r "$root/benchmarks/nab/scorer/." "$scorer/"
ln -s "$root/notebooks-data/nab/data" "$scorer/data"
mkdir -p "$scorer/labels"
cp "$root/notebooks-data/nab/labels/combined_windows.json" "$scorer/labels/"
IFS=',' read -ra names <<< "$detectors"
for d in "${names[@]}"; do
  cp -r "$work/results/$d" "$scorer/results/$d"
  (cd "$scorer" && "$python" run.py -d "$d" --optimize --score --normalize --skipConfirmation) > "$work/score-$d.log" 2>&1 \
    || { tail -20 "$work/score-$d.log" >&2; exit 1; }
  cp "$scorer/results/final_results.json" "$work/final_results-$d.json"
done

"$python" - "$scorer/results/leaderboard.json" "$work" "${names[@]}" <<'PY'
import json, sys
board, work, names = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3:]
profiles = ["standard", "reward_low_FP_rate", "reward_low_FN_rate"]
rows = [(n, json.load(open(f"{work}/final_results-{n}.json"))[n], "this run") for n in names]
anchors = ["ARTime", "numenta", "contextOSE", "knncad", "randomCutForest", "windowedGaussian", "null"]
rows += [(a, board[a], "published") for a in anchors if a in board]
print(f"| detector | standard | reward low FP | reward low FN | |")
print("|---|---|---|---|---|")
for name, r, what in sorted(rows, key=lambda x: -x[1]["standard"]):
    print(f"| {name} | {r['standard']:.1f} | {r['reward_low_FP_rate']:.1f} | {r['reward_low_FN_rate']:.1f} | {what} |")
PY
