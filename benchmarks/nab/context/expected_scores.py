"""Writes the expected scores of the Java port of contextOSE (models' ContextDetectorTest fixtures).

Runs NAB's original Python detector (nab/detectors/context_ose/, MIT, Copyright 2016 Numenta Inc.; not bundled:
pass the folder that holds NAB's `nab` package) on the first ROWS values of a bundled NAB file, with the range
either NAB's (the whole file's min and max) or the first `probation` values' (then later values fall outside it),
and the rest NAB's harness gives it (probation / 5). Values are parsed with Python's float(), as Java's
Double.parseDouble parses them (both correctly rounded).

  python3 expected_scores.py NAB_DIR DATA_CSV ROWS whole|probation OUT
"""
import csv, math, sys

nab_dir, data, rows, mode, out = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]
sys.path.insert(0, nab_dir)
from nab.detectors.context_ose.cad_ose import ContextualAnomalyDetectorOSE

with open(data) as f:
    values = [float(r["value"]) for r in csv.DictReader(f)]
probation = min(math.floor(0.15 * len(values)), 0.15 * 5000)
learned = values if mode == "whole" else values[:int(probation)]
lo, hi = min(learned), max(learned)
cad = ContextualAnomalyDetectorOSE(minValue=lo, maxValue=hi, restPeriod=probation / 5.0)
with open(out, "w") as f:
    f.write(f"# contextOSE (Python original) on the first {rows} rows of {data.split('nab/data/')[-1]}, range {mode}\n")
    f.write(f"{lo!r},{hi!r},{int(probation / 5.0)}\n")
    for v in values[:rows]:
        f.write(repr(cad.getAnomalyScore({"value": v})) + "\n")
