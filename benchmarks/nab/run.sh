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
#   SPLIT=dev benchmarks/nab/run.sh                        # only the dev (or holdout) files: README, "Development protocol"
#   CORPUS=DIR benchmarks/nab/run.sh                       # another corpus in NAB's layout (data/, labels/, null/): smap/run.sh
# Detectors named *GivenRange are given the file's min and max (NAB's rule, as the published anchors ran; stricter
# causal rule for the others): their own table.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="${WORK:-/tmp/prognos-nab}"
python="${PYTHON:-/usr/bin/python3}"
detectors="${DETECTORS:-prognosKnnContextStuck2000,prognosKnnContextWiden50Corroborated,prognosKnnContextForget2000,prognosKnnContextGivenRange,prognosKnnContextWiden50,prognosKnnContextAligned,prognosKnnOnline,prognosKnnContext,prognosKnn,prognosPca,prognosZscore,prognosContextWiden50,prognosContext,prognosSpectral}"
split="${SPLIT:-}"
mkdir -p "$work"

# a pandas in the user's site-packages (pip install --user) built for another numpy hides the system's: try without it
if ! "$python" -c 'import pandas, simplejson' 2>/dev/null && PYTHONNOUSERSITE=1 "$python" -c 'import pandas, simplejson' 2>/dev/null; then
  echo "note: the user's site-packages break pandas for $python; scoring with PYTHONNOUSERSITE=1 (the system's pandas)" >&2
  export PYTHONNOUSERSITE=1
fi
"$python" -c 'import pandas, simplejson' 2>/dev/null || {
  echo "NAB's scorer needs $python with pandas and simplejson (apt-get install python3-pandas python3-simplejson)" >&2; exit 1; }

echo "machine: $(getconf _NPROCESSORS_ONLN) processors, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1); $(date -u '+%Y-%m-%d %H:%M UTC')"
# the files scored: all of NAB, or one half of the development split (split.py: data, windows and null results)
nab="${CORPUS:-$root/notebooks-data/nab}"
null="${CORPUS:+$CORPUS/null}"
null="${null:-$root/benchmarks/nab/scorer/results/null}"
suffix="${CORPUS:+-$(basename "$CORPUS")}"
if [ -n "$split" ]; then
  rm -rf "$work/split-$split"
  "$python" "$root/benchmarks/nab/split.py" "$nab" "$split" "$work/split-$split" "$null"
  nab="$work/split-$split"
  null="$nab/null"
  suffix="$suffix-$split"
fi
if [ -z "${SKIP_RUN:-}" ]; then
  rm -rf "$work/results"
  (cd "$root" && ${PROGNOS:-./prognos} nab --data "$nab" --out "$work/results" --detector "$detectors")
fi

# NAB's scorer writes into its own folder: score in a fresh copy, with the bundled data and windows beside it
scorer="$(mktemp -d "$work/scorer.XXXXXX")"
trap 'rm -rf "$scorer"' EXIT
cp -r "$root/benchmarks/nab/scorer/." "$scorer/"
ln -s "$(cd "$nab/data" && pwd -P)" "$scorer/data"
mkdir -p "$scorer/labels"
cp "$nab/labels/combined_windows.json" "$scorer/labels/"
rm -rf "$scorer/results/null" && cp -r "$null" "$scorer/results/null"
IFS=',' read -ra names <<< "$detectors"
for d in "${names[@]}"; do
  # only the scored files' results (a whole run's results may be rescored on a split with SKIP_RUN=1)
  (cd "$scorer/data" && find -L . -name '*.csv') | while read -r f; do
    f="${f#./}"; mkdir -p "$scorer/results/$d/$(dirname "$f")"
    cp "$work/results/$d/$(dirname "$f")/${d}_$(basename "$f")" "$scorer/results/$d/$(dirname "$f")/"
  done
  (cd "$scorer" && "$python" run.py -d "$d" --optimize --score --normalize --skipConfirmation) > "$work/score-$d$suffix.log" 2>&1 \
    || { tail -20 "$work/score-$d$suffix.log" >&2; exit 1; }
  cp "$scorer/results/final_results.json" "$work/final_results-$d$suffix.json"
done

"$python" - "$scorer/results/leaderboard.json" "$work" "$suffix" "${names[@]}" <<'PY'
import json, sys
board, work, suffix, names = json.load(open(sys.argv[1])), sys.argv[2], sys.argv[3], sys.argv[4:]
profiles = ["standard", "reward_low_FP_rate", "reward_low_FN_rate"]
# the published scores are of the whole of NAB: beside a split's scores they would mislead
anchors = [] if suffix else ["ARTime", "numenta", "contextOSE", "knncad", "randomCutForest", "windowedGaussian", "null"]
anchors = [(a, board[a], "published") for a in anchors if a in board]
def mine(ns):
    return [(n, json.load(open(f"{work}/final_results-{n}{suffix}.json"))[n], "this run" + (f", {suffix[1:]} files only" if suffix else "")) for n in ns]
def table(rows):
    print(f"| detector | standard | reward low FP | reward low FN | |")
    print("|---|---|---|---|---|")
    for name, r, what in sorted(rows, key=lambda x: -x[1]["standard"]):
        print(f"| {name} | {r['standard']:.1f} | {r['reward_low_FP_rate']:.1f} | {r['reward_low_FN_rate']:.1f} | {what} |")
# a detector given the file's min and max (NAB's rule, as the anchors ran) is another rule class than the causal ones:
# its own table (README, "A second rule class")
given = [n for n in names if n.endswith("GivenRange")]
causal = [n for n in names if n not in given]
if causal:
    table(mine(causal) + anchors)
if given:
    print("\nwith the range NAB hands every detector (the file's min/max, as the published anchors):")
    table(mine(given) + anchors)
PY
