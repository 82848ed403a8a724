#!/usr/bin/env bash
# A development corpus that is not NAB: NASA SMAP/MSL telemetry (telemanom, Hundman et al. 2018) converted to NAB's
# layout (convert.py), NAB's null detector run on it once with the bundled scorer (its per-file results are what
# NAB's normalization reads), then benchmarks/nab/run.sh on it: the same runner, scorer and three profiles as NAB.
# The data is not bundled (no explicit licence): telemanom's data.zip
# (https://s3-us-west-2.amazonaws.com/telemanom/data.zip, its test/*.npy) and labeled_anomalies.csv.
#
#   benchmarks/nab/smap/run.sh TELEMANOM_DATA LABELS_CSV                   # the references of the README
#   DETECTORS=prognosKnnOnline benchmarks/nab/smap/run.sh DATA LABELS      # others; PROGNOS, SKIP_RUN as run.sh
# README: benchmarks/nab/README.md, "A third development round, on SMAP/MSL".
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
[ $# -eq 2 ] || { echo "usage: $0 TELEMANOM_DATA LABELS_CSV" >&2; exit 2; }
work="${WORK:-/tmp/prognos-smap}"
python="${PYTHON:-/usr/bin/python3}"
corpus="$work/corpus"
if [ ! -f "$corpus/null/null_standard_scores.csv" ]; then
  rm -rf "$corpus" && mkdir -p "$work"
  "$python" "$here/convert.py" "$1" "$2" "$corpus"
  # NAB's null detector (0.5 everywhere) through NAB's own runner and scorer, in a throw-away copy of the scorer
  scorer="$(mktemp -d "$work/null.XXXXXX")"
  cp -r "$here/../scorer/." "$scorer/" && rm -rf "$scorer/results/null"
  ln -s "$corpus/data" "$scorer/data" && mkdir -p "$scorer/labels" && cp "$corpus/labels/combined_windows.json" "$scorer/labels/"
  (cd "$scorer" && "$python" run.py -d null --detect --optimize --score --skipConfirmation) > "$work/null.log" 2>&1 \
    || { tail -20 "$work/null.log" >&2; exit 1; }
  mkdir -p "$corpus/null" && cp "$scorer"/results/null/null_*_scores.csv "$corpus/null/"
  rm -rf "$scorer"
fi
CORPUS="$corpus" WORK="$work" DETECTORS="${DETECTORS:-prognosKnnContextForget2000,prognosKnnContextWiden50Corroborated,prognosKnnOnline,prognosZscore}" \
  "$here/../run.sh"
