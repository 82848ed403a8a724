#!/usr/bin/env python3
"""The MQTT benchmark's table: reads OUT/ladders.jsonl, OUT/peer.jsonl and OUT/recovery.jsonl (written by rounds.sh)
and prints, per system, the highest rate kept up in each round and their median, the latencies there and at half that
rate, the CPU per reading, the per-round ratios against the peer, the floor and the memory-only service, and the
recovery figures. Usage: python3 table.py OUT"""
import json
import os
import statistics
import sys
from collections import defaultdict


def lines(path):
    if not os.path.exists(path):
        return []
    return [json.loads(l) for l in open(path) if l.strip().startswith("{")]


def med(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def fmt(v, spec="%.0f"):
    return "-" if v is None else spec % v


def main(out):
    ladders = lines(os.path.join(out, "ladders.jsonl"))
    peer = lines(os.path.join(out, "peer.jsonl"))
    recovery = lines(os.path.join(out, "recovery.jsonl"))

    # (system, batch) -> round -> {highest, best step, half step}
    best = defaultdict(dict)
    for r in ladders:
        if r["type"] == "summary":
            best[(r["system"], r["batch"])].setdefault(r["round"], {})["highest"] = r["highestKeptUp"]
    for r in ladders:
        if r["type"] != "step":
            continue
        cell = best[(r["system"], r["batch"])].setdefault(r["round"], {})
        if r["kind"] == "half":
            cell["half"] = r
        elif r["kind"] in ("step", "refine") and r["ok"] and r["rate"] == cell.get("highest"):
            cell["at"] = r
    for r in peer:
        cell = best[("peer", 1)].setdefault(r["round"], {"highest": 0.0})
        if r["ok"] and r["rate"] > cell["highest"]:
            cell["highest"] = r["rate"]
            cell["peer"] = r["summary"]

    print("\nhighest rate kept up, readings/s (nothing lost, rate held, p99 <= 1 s, caught up within 1 s), per round;"
          " latency in ms at that rate and at half of it; CPU of the system under test per reading (us)")
    print("%-16s %5s  %-28s %8s  %-16s %-16s %8s" % ("system", "batch", "per round", "median", "p50/p99 there",
                                                      "p50/p99 at half", "cpu us/r"))
    medians = {}
    for key in sorted(best, key=lambda k: (k[0] == "peer", k[1], k[0])):
        rounds = best[key]
        highs = [rounds[r].get("highest") for r in sorted(rounds)]
        medians[key] = med(highs)
        at = [rounds[r]["at"] for r in rounds if "at" in rounds[r]]
        half = [rounds[r]["half"] for r in rounds if "half" in rounds[r]]
        if key[0] == "peer":
            ps = [rounds[r]["peer"] for r in rounds if "peer" in rounds[r]]
            there = "%s/%s" % (fmt(med([p["latency_ms"]["p50"] for p in ps]), "%.1f"),
                               fmt(med([p["latency_ms"]["p99"] for p in ps]), "%.1f"))
            half_text, cpu = "-", "-"
        else:
            there = "%s/%s" % (fmt(med([s["latencyMs"]["p50"] for s in at]), "%.1f"),
                               fmt(med([s["latencyMs"]["p99"] for s in at]), "%.1f"))
            half_text = "%s/%s" % (fmt(med([s["latencyMs"]["p50"] for s in half]), "%.1f"),
                                   fmt(med([s["latencyMs"]["p99"] for s in half]), "%.1f"))
            cpu = fmt(med([s["cpuMicrosPerReading"]["target"] for s in at]))
        print("%-16s %5s  %-28s %8s  %-16s %-16s %8s" % (key[0], key[1], ", ".join(fmt(h) for h in highs),
                                                         fmt(medians[key]), there, half_text, cpu))

    def ratio(a, b):
        pairs = []
        for r in best.get(a, {}):
            x, y = best[a][r].get("highest"), best.get(b, {}).get(r, {}).get("highest")
            if x is not None and y:
                pairs.append(x / y)
        return pairs

    print("\nmedians of the per-round ratios (per round in brackets):")
    for a, b, what in [(("prognos-durable", 1), ("peer", 1), "durable / peer, target >= 20x"),
                       (("prognos-memory", 1), ("peer", 1), "memory-only / peer"),
                       (("prognos-durable", 1), ("floor", 1), "durable / floor, target >= 0.70 if Mosquitto tops out first"),
                       (("prognos-memory", 1), ("floor", 1), "memory-only / floor"),
                       (("prognos-durable", 1), ("prognos-memory", 1), "durable / memory-only, target >= 0.80"),
                       (("prognos-durable", 10), ("prognos-durable", 1), "batch 10 / batch 1 (readings/s), durable")]:
        rs = ratio(a, b)
        if rs:
            print("  %-62s %6.2f  [%s]" % (what, statistics.median(rs), ", ".join("%.2f" % x for x in rs)))
    halves = [best[k][r]["half"]["latencyMs"]["p99"] for k in best if k[0].startswith("prognos") for r in best[k]
              if "half" in best[k][r]]
    if halves:
        print("  p99 at half the highest rate, all prognos ladders, target <= 25 ms: %s ms" % ", ".join("%.1f" % h for h in halves))

    for r in recovery:
        if r.get("type") == "summary":
            print("\nrecovery, %d assets (%s stop, -Xmx%s): restored %d; process start to ready %.2f s (baseline without state"
                  " %.2f s; recovery itself %.2f s); heap %.0f bytes/asset (%.2f GB used after GC); disk %.0f bytes/asset"
                  % (r["assets"], r["stop"], r["heap"], r["restored"], r["spawnToReadySeconds"],
                     r["baselineSpawnToReadySeconds"], r["recoverySeconds"], r["heapBytesPerAsset"],
                     r["heapUsedAfterGcBytes"] / 1e9, r["diskBytesPerAsset"]))
    print("\nraw output: %s" % out)


if __name__ == "__main__":
    main(sys.argv[1])
