#!/usr/bin/env python3
"""The Spark benchmark's table: medians over the rounds of benchmarks/spark/run.sh's results file.

usage: table.py RESULTS READINGS
"""
import re
import statistics
import sys
from collections import OrderedDict

results, readings = sys.argv[1], int(sys.argv[2])
runs = OrderedDict()
for line in open(results):
    job, config, *fields = line.split()
    kv = dict(f.split("=", 1) for f in fields if "=" in f)
    runs.setdefault((job, config), []).append(kv)


def med(rows, key):
    vals = [float(r[key]) for r in rows if key in r]
    return statistics.median(vals) if vals else None


print("| job | path | rounds | wall s (median) | readings/s (wall) | job s (median, Spark session up) | readings/s (job) "
      "| vs single machine, same threads (wall) | peak RSS MB | peak heap MB | peak live heap MB | task peak execution MB | tasks | load (1 min) |")
print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
for (job, config), rows in runs.items():
    wall = med(rows, "wall")
    js = med(rows, "seconds")
    threads = re.search(r"(\d+)\D*$", config).group(1)
    base = runs.get((job, "single-machine-threads-" + threads))
    ratio = ""
    if base and not config.startswith("single"):
        ratio = "%.2f×" % (med(base, "wall") / wall)
    def fmt(v, f="%.0f"):
        return "" if v is None else f % v
    print("| %s | %s | %d | %.1f | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
        job, config, len(rows), wall, "{:,.0f}".format(readings / wall), fmt(js, "%.1f"),
        "" if js is None else "{:,.0f}".format(readings / js), ratio, fmt(med(rows, "rss_mb")),
        fmt(med(rows, "heap_peak_mb")), fmt(med(rows, "live_heap_peak_mb")), fmt(med(rows, "task_peak_execution_mb"), "%.1f"),
        fmt(med(rows, "tasks")), "–".join("%.1f" % float(r["load"]) for r in rows)))
