#!/usr/bin/env python3
"""Alarms of a `prognos score` output against NAB's windows of one file (a check, not NAB's score).

    python3 benchmarks/nab/window_alarms.py SCORES.csv realKnownCause/machine_temperature_system_failure.csv "2013-12-14 16:50:00" [--fitted]

Prints, per window: alarm rows inside, the first alarm, alarm rows in the 2 days before; then alarm rows and
episodes (alarms more than 1 h apart) outside every window, from the cutoff on. Needs pandas.

The alarms are the `alarm` column: for a model scored adaptively, the adaptive score's (the service's). With
--fitted, the fitted model's alarms of the same rows instead (anomaly_raw at or above anomaly_threshold).
"""
import json, os, sys
import pandas as pd

args = [a for a in sys.argv[1:] if a != "--fitted"]
scores, key, cutoff = args[0], args[1], pd.Timestamp(args[2])
root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
windows = json.load(open(os.path.join(root, "notebooks-data", "nab", "labels", "combined_windows.json")))[key]
d = pd.read_csv(scores)
if "--fitted" in sys.argv[1:]:
    d["alarm"] = d.anomaly_raw >= d.anomaly_threshold
d["t"] = pd.to_datetime(d.time)
test = d[d.t >= cutoff].copy()
test["inside"] = False
for a, b in windows:
    a, b = pd.Timestamp(a[:19]), pd.Timestamp(b[:19])
    m = (test.t >= a) & (test.t <= b)
    test.loc[m, "inside"] = True
    alarms = test[m & test.alarm]
    before = test[(test.t >= a - pd.Timedelta("2D")) & (test.t < a) & test.alarm]
    first = alarms.t.min() if len(alarms) else None
    print(f"window {a} .. {b}: rows {m.sum()}, alarm rows {len(alarms)}, first alarm {first}, alarm rows in the 2 days before {len(before)}")
outside = test[~test.inside]
episodes, last = 0, None
for t in outside[outside.alarm].t:
    if last is None or t - last > pd.Timedelta("1h"):
        episodes += 1
    last = t
days = (test.t.max() - test.t.min()).total_seconds() / 86400
print(f"from the cutoff: {len(test)} rows over {days:.1f} days; outside the windows {outside.alarm.sum()} alarm rows of "
      f"{len(outside)} ({outside.alarm.mean():.3f}), {episodes} episodes")
