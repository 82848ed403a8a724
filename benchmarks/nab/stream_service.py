"""Streams a NAB file into a running Prognos service as one asset and reads the asset's score after every request.

Usage: python3 benchmarks/nab/stream_service.py URL API_KEY MODEL ASSET [FROM TO SIZE]
  URL      the service, e.g. http://127.0.0.1:7070
  API_KEY  a key of role score
  MODEL    the model whose features the asset follows (an anomaly model scored adaptively answers anomaly.adaptive)
  ASSET    the asset id
  FROM TO  the records to send, by position in the file without its repeated timestamps (default: all)
  SIZE     readings per request (default 1: every reading's answer is read)
Reads notebooks-data/nab/data/realKnownCause/machine_temperature_system_failure.csv (run from the repository root).
Prints each answer whose risk alarms, then a summary and the last answer. Records whose timestamp is not after the
previous one (the file repeats one hour) are skipped: a stream's readings must move forward in time.
"""
import csv
import json
import sys
import urllib.request

FILE = "notebooks-data/nab/data/realKnownCause/machine_temperature_system_failure.csv"


def readings():
    out, seen = [], None
    with open(FILE) as f:
        for r in csv.DictReader(f):
            if seen is not None and r["timestamp"] <= seen:
                continue
            seen = r["timestamp"]
            out.append({"time": r["timestamp"], "values": {"value": float(r["value"])}})
    return out


def main(argv):
    base, key, model, asset = argv[1:5]
    rows = readings()
    start = int(argv[5]) if len(argv) > 5 else 0
    stop = min(int(argv[6]) if len(argv) > 6 else len(rows), len(rows))
    size = int(argv[7]) if len(argv) > 7 else 1

    def call(method, path, body=None):
        req = urllib.request.Request(base + path, method=method,
                                     data=None if body is None else json.dumps(body).encode(),
                                     headers={"Authorization": "Bearer " + key, "Content-Type": "application/json"})
        with urllib.request.urlopen(req) as resp:
            return json.load(resp)

    alarms, answers, last = 0, 0, None
    for i in range(start, stop, size):
        call("POST", "/v1/assets/" + asset + "/readings?model=" + model, {"readings": rows[i:min(i + size, stop)]})
        last = call("GET", "/v1/assets/" + asset + "/score")
        answers += 1
        if last["risk"]["alarm"]:
            alarms += 1
            print("alarm", last["scoredAt"], json.dumps({"risk": last["risk"]["score"], "band": last["risk"]["band"],
                                                         "adaptive": last["anomaly"].get("adaptive")}))
    print("sent %d readings in %d requests; %d answers alarm" % (stop - start, answers, alarms))
    print(json.dumps(last, indent=1))


if __name__ == "__main__":
    main(sys.argv)
