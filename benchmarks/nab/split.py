"""NAB's development split (benchmarks/nab/README.md, "Development protocol"): a fixed rule that reads file names only.

Within each category (data/<category>/), the files sorted by name (Python's sorted, byte order) alternate: the 1st,
3rd, 5th, ... are `dev`, the 2nd, 4th, ... are `holdout`. No label, no score, no value is read to decide.

  python3 split.py DATA_ROOT SPLIT OUT   # DATA_ROOT holds data/ and labels/; SPLIT is dev or holdout
writes OUT/data/<category>/<file>.csv (links to the bundled files), OUT/labels/combined_windows.json (the windows
of the split's files only) and OUT/null/null_<profile>_scores.csv (NAB's null detector's per-file results of the
split's files and their total, from the scorer's results/null/, for NAB's normalization on the subset). The null
detector scores 0.5 everywhere and its threshold (0.6) flags nothing, so its score of a file does not depend on the
other files: the total of the split's rows is its score on the split.
"""
import csv, json, os, sys


def split_files(data_dir, which):
    out = []
    for category in sorted(os.listdir(data_dir)):
        folder = os.path.join(data_dir, category)
        if not os.path.isdir(folder):
            continue
        files = sorted(f for f in os.listdir(folder) if f.endswith(".csv"))
        out += [f"{category}/{f}" for i, f in enumerate(files) if (i % 2 == 0) == (which == "dev")]
    return out


def main(root, which, out, null_dir):
    if which not in ("dev", "holdout"):
        sys.exit(f"SPLIT is dev or holdout, found '{which}'")
    keys = split_files(os.path.join(root, "data"), which)
    for key in keys:
        os.makedirs(os.path.join(out, "data", os.path.dirname(key)), exist_ok=True)
        link = os.path.join(out, "data", key)
        if not os.path.lexists(link):
            os.symlink(os.path.abspath(os.path.join(root, "data", key)), link)
    windows = json.load(open(os.path.join(root, "labels", "combined_windows.json")))
    missing = [k for k in keys if k not in windows]
    if missing:
        sys.exit(f"the label file lists no windows for {missing}")
    os.makedirs(os.path.join(out, "labels"), exist_ok=True)
    json.dump({k: windows[k] for k in keys}, open(os.path.join(out, "labels", "combined_windows.json"), "w"), indent=4)
    os.makedirs(os.path.join(out, "null"), exist_ok=True)
    for name in sorted(os.listdir(null_dir)):
        rows = list(csv.DictReader(open(os.path.join(null_dir, name))))
        kept = [r for r in rows if r["File"] in keys]
        if len(kept) != len(keys):
            sys.exit(f"{name}: null results for {len(kept)} of the {len(keys)} files of the split")
        total = {c: "" for c in rows[0]}
        total["Detector"] = "Totals"
        for c in ("Score", "TP", "TN", "FP", "FN", "Total_Count"):
            total[c] = repr(sum(float(r[c]) for r in kept)) if c == "Score" else str(sum(int(r[c]) for r in kept))
        with open(os.path.join(out, "null", name), "w", newline="") as f:
            w = csv.DictWriter(f, fieldnames=list(rows[0]))
            w.writeheader()
            w.writerows(kept + [total])
    print(f"split {which}: {len(keys)} files, {sum(len(windows[k]) for k in keys)} windows")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4])
