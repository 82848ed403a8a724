#!/usr/bin/env bash
# Spark benchmark: readings/s of the Spark jobs (org.prognos.spark.FeaturesJob and ScoreJob, each run by its own main
# as spark-submit runs it, through SparkBench.java) at local[1] and local[2], against the single-machine batch path
# (`prognos features`, `prognos score`, --threads 1 and 2), run back to back in every round, on a SYNTHETIC fleet from
# `prognos synth` (its numbers say nothing about real equipment). Every run is a fresh JVM and writes its whole output
# (Spark: Parquet; prognos: .csv.gz); the time is the whole command's wall time, JVM and Spark start included, and
# the job's own time: for Spark from the job's main with the session already up, for prognos the time the command
# prints (from opening the data to the last row written). Memory: peak RSS of every run (/usr/bin/time), and for Spark the
# sampled peak heap, the peak live heap after GC and the largest per-task peak execution memory (Spark's task metric).
#
# Once per work directory: a 40-asset synthetic training fleet (1,500 hourly readings each, --reliability wearing) and
# a small XGBoost "any failure within 7 days" model on the network-fleet spec (benchmarks/spark/model.yaml), whose
# fitted spec also drives FeaturesJob and `prognos features`; the benchmark fleet (ASSETS x HOURS hourly readings of 10 channels, plain CSV so
# that Spark can split it) and its three event files merged into one asset,time,kind,code table.
#
#   benchmarks/spark/run.sh                      # ASSETS=20 HOURS=8760 ROUNDS=3
#   ASSETS=100 HOURS=2000 ROUNDS=1 benchmarks/spark/run.sh
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="${WORK:-/tmp/prognos-spark-bench}"
assets="${ASSETS:-20}"
hours="${HOURS:-8760}"
rounds="${ROUNDS:-3}"
heap="${HEAP:-3g}"
jar="$root/cli/target/prognos.jar"
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"
export OMP_WAIT_POLICY="${OMP_WAIT_POLICY:-PASSIVE}"
mkdir -p "$work"
cd "$root"

if [ ! -f "$jar" ] || [ -n "$(find "$root" -path '*/target' -prune -o -path "$root/spark" -prune -o -path "$root/flink" -prune \
    -o -path "$root/benchmarks" -prune -o -path '*/src/main/*' -newer "$jar" -print -quit)" ]; then
  ./mvnw -q -B -o -DskipTests package -pl cli -am
fi
if [ ! -f "$work/spark.cp" ] || [ -n "$(find spark features models -path '*/src/main/*' -newer "$work/spark.cp" -print -quit)" ]; then
  ./mvnw -q -B -o -pl spark -am test-compile dependency:build-classpath -Dmdep.outputFile="$work/spark.cp"
fi
cp="$root/spark/target/classes:$(cat "$work/spark.cp")"
# Spark's own JVM options for Java 17, as spark-submit adds them (the list in spark/pom.xml's surefire argLine)
spark_opts="$(sed -n '/<argLine>/,/<\/argLine>/p' spark/pom.xml | sed 's/<[^>]*>//g' | tr -s ' \n' ' ' | sed 's/-Xmx[^ ]*//')"
prognos() { java -Xmx"$heap" -jar "$jar" "$@"; }
prognos_cmd=(java -Xmx"$heap" -jar "$jar")

if [ ! -d "$work/registry/synthetic-7d" ]; then
  rm -rf "$work/train"
  prognos synth --out "$work/train" --assets 40 --hours 1500 --seed 3 --reliability wearing >/dev/null
  sed -e "s#@SPEC@#$root/notebooks-data/specs/network-fleet.json#" -e "s#@REGISTRY@#$work/registry#" \
      -e "s#@TRAIN@#$work/train#" benchmarks/spark/model.yaml > "$work/job.yaml"
  prognos train --config "$work/job.yaml" >"$work/train.log" 2>&1 || { cat "$work/train.log" >&2; exit 1; }
fi
spec="$(find "$work/registry/synthetic-7d" -name spec.json | sort | tail -1)"
fleet="$work/fleet-$assets-$hours"
if [ ! -f "$fleet/events.csv" ]; then
  rm -rf "$fleet"
  prognos synth --out "$fleet" --assets "$assets" --hours "$hours" --seed 2 --plain >/dev/null
  { echo "asset,time,kind,code"
    for k in failure:failures maintenance:maintenance alarm:alarms; do
      awk -F, -v kind="${k%%:*}" '/^#/ {next} !header {header = 1; next} {print $2 "," $1 "," kind "," $3}' "$fleet/${k#*:}.csv"
    done; } > "$fleet/events.csv"
fi
readings=$(grep -vc '^#' "$fleet/telemetry.csv"); readings=$((readings - 1))

echo "machine: $(getconf _NPROCESSORS_ONLN) processors, $(awk '/MemTotal/ {printf "%.0f GB", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg); $(java -version 2>&1 | head -1)"
echo "fleet: $fleet ($assets assets x $hours h = $readings readings, SYNTHETIC); spec $spec"
inputs=(--telemetry "$fleet/telemetry.csv" --events "$fleet/events.csv" --attributes "$fleet/assets.csv")
results="$work/results-$assets-$hours.txt"
: > "$results"
run() {   # NAME COMMAND...: one timed run, appended to $results as "NAME wall=S rss_mb=M [RESULT fields]"
  local name="$1"; shift
  rm -rf "$work/out"; mkdir -p "$work/out"
  local t0 t1 line
  t0=$(date +%s.%N)
  /usr/bin/time -f "RSS %M" -o "$work/time.txt" "$@" > "$work/run.log" 2>&1 || { tail -30 "$work/run.log" >&2; exit 1; }
  t1=$(date +%s.%N)
  line="$name wall=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.2f", b - a}') rss_mb=$(awk '/RSS/ {printf "%.0f", $2 / 1024}' "$work/time.txt") load=$(cut -d' ' -f1 /proc/loadavg)"
  line="$line $(grep -h '^RESULT' "$work/run.log" | sed 's/^RESULT //' || true)"
  # the single-machine commands' own time (JVM started, jar loaded), as they print it
  line="$line $(grep -hoE 'readings of [0-9]+ assets in [0-9.]+ s|with [^ ]+ in [0-9.]+ s' "$work/run.log" \
      | grep -oE '[0-9.]+ s$' | sed 's/ s$//; s/^/seconds=/' || true)"
  echo "$line" | tee -a "$results"
}
spark_cmd=(java -Xmx"$heap" $spark_opts -Dspark.sql.session.timeZone=UTC -Dspark.sql.shuffle.partitions="${PARTITIONS:-8}"
    -cp "$cp")
for r in $(seq "$rounds"); do
  echo "round $r"
  for t in 1 2; do
    run "features single-machine-threads-$t" "${prognos_cmd[@]}" features --spec "$spec" --data "$fleet" --out "$work/out/f.csv.gz" --threads "$t"
    run "features spark-local[$t]" "${spark_cmd[@]}" -Dspark.master="local[$t]" benchmarks/spark/SparkBench.java features --spec "$spec" "${inputs[@]}" --out "$work/out/f"
  done
  for t in 1 2; do
    run "score single-machine-threads-$t" "${prognos_cmd[@]}" score --registry "$work/registry" --model synthetic-7d --data "$fleet" --out "$work/out/s.csv.gz" --threads "$t"
    run "score spark-local[$t]" "${spark_cmd[@]}" -Dspark.master="local[$t]" benchmarks/spark/SparkBench.java score --registry "$work/registry" --model synthetic-7d "${inputs[@]}" --out "$work/out/s"
  done
done
python3 "$root/benchmarks/spark/table.py" "$results" "$readings"
