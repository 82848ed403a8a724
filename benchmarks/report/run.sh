#!/usr/bin/env bash
# Report benchmark: times `prognos report` (whole command, JVM start included) on a 10,000-asset SYNTHETIC
# network fleet with a real model. Once per work directory: a 300-asset synthetic training fleet
# (4,000 hourly readings each, --reliability wearing), an XGBoost "any failure within 7 days" model trained on
# it (synthetic-7d.yaml), and the scored fleet (ASSETS x HOURS hourly readings of 10 channels, another seed).
# Then RUNS timed reports; prints each run and the median.
#
#   benchmarks/report/run.sh                     # ASSETS=10000 HOURS=720 RUNS=3 THREADS=all processors
#   ASSETS=1000 RUNS=1 benchmarks/report/run.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="${WORK:-/tmp/prognos-report-bench}"
assets="${ASSETS:-10000}"
hours="${HOURS:-720}"
runs="${RUNS:-3}"
threads="${THREADS:-$(getconf _NPROCESSORS_ONLN)}"
java_opts="${JAVA_OPTS:--Xmx4g}"
jar="$root/cli/target/prognos.jar"
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
mkdir -p "$work"

if [ ! -f "$jar" ] || [ -n "$(find "$root" -path '*/target' -prune -o -path '*/src/main/*' -newer "$jar" -print -quit)" ]; then
  (cd "$root" && ./mvnw -q -B -DskipTests package -pl cli -am)
fi
prognos() { java $java_opts -jar "$jar" "$@"; }

if [ ! -d "$work/registry/synthetic-7d" ]; then
  rm -rf "$work/train"
  prognos synth --out "$work/train" --assets 300 --hours 4000 --seed 1 --reliability wearing
  sed "s#@SPEC@#$root/notebooks-data/specs/network-fleet.json#" "$root/benchmarks/report/synthetic-7d.yaml" > "$work/job.yaml"
  prognos train --config "$work/job.yaml" 2>"$work/train.log" || { cat "$work/train.log" >&2; exit 1; }
fi
fleet="$work/fleet-$assets-$hours"
if [ ! -f "$fleet/dataset.json" ]; then
  rm -rf "$fleet"
  prognos synth --out "$fleet" --assets "$assets" --hours "$hours" --seed 2
fi

echo "machine: $(getconf _NPROCESSORS_ONLN) processors, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1)"
echo "command: prognos report --registry $work/registry --model synthetic-7d --data $fleet --out $work/out --threads $threads"
times=()
for i in $(seq "$runs"); do
  rm -rf "$work/out"
  t0=$(date +%s.%N)
  out=$(prognos report --registry "$work/registry" --model synthetic-7d --data "$fleet" --out "$work/out" \
      --threads "$threads" 2>"$work/report.log") || { cat "$work/report.log" >&2; exit 1; }
  t1=$(date +%s.%N)
  line="${out%%$'\n'*}"
  wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN {print b - a}')
  times+=("$wall")
  printf 'run %d: %.1f s wall (%s)\n' "$i" "$wall" "$line"
done
median=$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}')
printf 'median of %d: %.1f s wall for %s assets x %s hours\n' "$runs" "$median" "$assets" "$hours"
