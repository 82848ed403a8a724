"""NASA SMAP/MSL telemetry (Hundman et al., KDD 2018, "telemanom") as a NAB corpus: a development corpus that is not NAB
(benchmarks/nab/README.md, "A third development round, on SMAP/MSL").

  python3 convert.py TELEMANOM_DATA LABELS_CSV OUT
TELEMANOM_DATA holds test/<chan>.npy (telemanom's data.zip, https://s3-us-west-2.amazonaws.com/telemanom/data.zip;
not bundled: the data has no explicit licence); LABELS_CSV is telemanom's labeled_anomalies.csv (chan_id, spacecraft,
anomaly_sequences, class, num_values). Writes OUT/data/<SMAP|MSL>/<chan>.csv (timestamp,value) and
OUT/labels/combined_windows.json, as NAB's data and labels folders.

- **The stream**: the TEST array only, column 0 (the telemetry value, scaled by telemanom to [-1, 1]); the other
  columns (one-hot commands) are ignored: univariate, as NAB. The train arrays are not read.
- **Time**: SMAP's and MSL's times are anonymised; the timestamps are synthetic, one a minute from 2000-01-01
  00:00:00 (only their order and count matter to the runner and to NAB's scorer).
- **Windows** (the rule declared in the README before anything was scored): NAB's labelling rule. p = NAB's probation,
  min(floor(0.15 n), 750). Each labelled sequence [start, end] (indices into the test array, end included) narrower
  than NAB's window size w = floor(0.1 n / k) (k: the file's labelled sequences) is widened symmetrically to w rows
  (the extra row, when w - width is odd, after it), clipped to the file; overlapping or touching windows are merged. A
  sequence that starts inside the probation is dropped (the detector is still learning there; NAB's scorer ignores
  the probation's rows), and a window widened into the probation starts at its first row after it.
- **Duplicates**: a chan_id listed twice (P-2, twice as SMAP, sequences [5100, 6325] and [5050, 6170]) has the union of
  its sequences. A test file without a label row (T-10: 82 test arrays, 81 channels labelled) is left out, named in
  the summary: with no label, its windows are unknown, not empty. A file whose length differs from num_values stops
  the conversion.
"""
import ast, csv, json, math, os, sys
from datetime import datetime, timedelta

import numpy as np

START = datetime(2000, 1, 1)


def probation(n):
    return min(math.floor(0.15 * n), 750)


def labels(path):
    """chan_id -> (spacecraft, [[start, end], ...], num_values); duplicate rows merged (the union of sequences)."""
    out = {}
    with open(path, newline="") as f:
        for line, row in enumerate(csv.DictReader(f), start=2):
            chan, craft, n = row["chan_id"], row["spacecraft"], int(row["num_values"])
            sequences = ast.literal_eval(row["anomaly_sequences"])
            if chan in out:
                if out[chan][0] != craft or out[chan][2] != n:
                    sys.exit(f"{path}:{line}: {chan} listed twice with another spacecraft or length")
                sequences = out[chan][1] + sequences
            out[chan] = (craft, sequences, n)
    return out


def windows(sequences, n):
    """NAB's rule on one file's labelled sequences: widened to 0.1 n / k, merged, cut at the probation."""
    p, width = probation(n), math.floor(0.1 * n / len(sequences))
    spans = []
    for start, end in sorted(merge([(s, min(e, n - 1)) for s, e in sequences])):
        if start < p:
            continue
        extra = width - (end - start + 1)
        if extra > 0:
            start, end = start - extra // 2, end + extra - extra // 2
        spans.append((max(start, p), min(end, n - 1)))
    return merge(spans)


def merge(spans):
    out = []
    for s, e in sorted(spans):
        if out and s <= out[-1][1] + 1:
            out[-1] = (out[-1][0], max(out[-1][1], e))
        else:
            out.append((s, e))
    return out


def stamp(i, fraction=False):
    t = START + timedelta(minutes=i)
    return t.strftime("%Y-%m-%d %H:%M:%S") + (".000000" if fraction else "")


def main(data, labels_csv, out):
    table = labels(labels_csv)
    files = sorted(f[:-4] for f in os.listdir(os.path.join(data, "test")) if f.endswith(".npy"))
    combined, dropped, unlabelled = {}, 0, []
    for chan in files:
        if chan not in table:
            unlabelled.append(chan)
            continue
        craft, sequences, n = table[chan]
        values = np.load(os.path.join(data, "test", chan + ".npy"))[:, 0]
        if len(values) != n:
            sys.exit(f"{data}/test/{chan}.npy: {len(values)} rows, {labels_csv} says num_values {n}")
        key = f"{craft}/{chan}.csv"
        os.makedirs(os.path.join(out, "data", craft), exist_ok=True)
        with open(os.path.join(out, "data", key), "w") as f:
            f.write("timestamp,value\n")
            for i, v in enumerate(values):
                f.write(f"{stamp(i)},{float(v)!r}\n")
        spans = windows(sequences, n)
        dropped += sum(1 for s, _ in merge(sequences) if s < probation(n))
        combined[key] = [[stamp(s, True), stamp(e, True)] for s, e in spans]
    os.makedirs(os.path.join(out, "labels"), exist_ok=True)
    with open(os.path.join(out, "labels", "combined_windows.json"), "w") as f:
        json.dump(combined, f, indent=4, sort_keys=True)
    crafts = sorted({k.split("/")[0] for k in combined})
    print(f"{len(combined)} files ({', '.join(f'{c}: {sum(k.startswith(c) for k in combined)}' for c in crafts)}), "
          f"{sum(len(w) for w in combined.values())} windows, {dropped} labelled sequences dropped (start in the probation); "
          f"left out, no label row: {', '.join(unlabelled) or 'none'}")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit("usage: convert.py TELEMANOM_DATA LABELS_CSV OUT")
    main(*sys.argv[1:])
