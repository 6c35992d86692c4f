#!/usr/bin/env python3
"""Prints the tables of Benchmarks/validate-bench.sh (it does the running; this does the arithmetic).

    python3 Benchmarks/validate_bench.py times --bytes B [--rss-goal] RESULTS.tsv
    python3 Benchmarks/validate_bench.py callgrind --bytes B CASE=CALLGRIND_OUT...

`times` reads the runs of one filing, one per line, tab-separated: case, round, wall seconds, CPU seconds
(user + system), peak RSS in KiB, exit status; it prints per case the median wall time, MB/s (10^6 bytes),
the median CPU time and the highest peak RSS (MiB), then the ratios against the goals, each "met" or "not
met"; --rss-goal adds the peak-RSS goal (given for the largest filing only). `callgrind` reads the total
instruction count of each callgrind out file (its "totals:" or "summary:" line, else callgrind_annotate's
PROGRAM TOTALS) and prints instructions per byte and the ratios. Both print to stdout only.
"""
import argparse
import re
import statistics
import subprocess
import sys

COMPILED, LIBXML2, SCHEMA, STREAM = "greenledger-compiled", "greenledger-libxml2", "xmllint-schema", "xmllint-stream"
CASES = [COMPILED, LIBXML2, SCHEMA, STREAM]
LABELS = {
    COMPILED: "greenledger --xsd-engine compiled",
    LIBXML2: "greenledger --xsd-engine libxml2",
    SCHEMA: "xmllint --stream --schema",
    STREAM: "xmllint --stream",
}
GOAL_VS_SCHEMA = 0.70  # compiled / xmllint --stream --schema, wall time
GOAL_VS_STREAM = 1.60  # compiled / xmllint --stream (the limit for a libxml2-based reader), wall time
GOAL_RSS_MB = 64.0  # peak RSS of compiled at the largest filing (1 GB by default)


def mark(met):
    return "met" if met else "not met"


def ratio_line(label, value, goal=None, note=""):
    text = "ratio %-56s %6.2f" % (label + ":", value)
    if goal is not None:
        text += "  (goal ≤ %.2f) %s" % (goal, mark(value <= goal))
    return text + note


def times(args):
    runs = {name: [] for name in CASES}
    for line in open(args.results, encoding="utf-8"):
        if not line.strip():
            continue
        name, _round, wall, cpu, rss_kb, status = line.rstrip("\n").split("\t")
        runs[name].append((float(wall), float(cpu), int(rss_kb), int(status)))
    megabytes = args.bytes / 1e6
    med, rss = {}, {}
    print("%-36s %9s %9s %9s %12s" % ("case", "wall s", "MB/s", "CPU s", "peak RSS MB"))
    for name in CASES:
        if not runs[name]:
            continue
        wall = statistics.median(r[0] for r in runs[name])
        cpu = statistics.median(r[1] for r in runs[name])
        rss[name] = max(r[2] for r in runs[name]) / 1024
        med[name] = wall
        print("%-36s %9.3f %9.1f %9.3f %12.1f" % (LABELS[name], wall, megabytes / wall if wall > 0 else 0, cpu, rss[name]))
    failed = ["%s exited %s in round %d" % (LABELS[name], r[3], i + 1)
              for name in CASES for i, r in enumerate(runs[name]) if r[3] != 0]
    for failure in failed:
        print("note: %s: its numbers do not measure a clean pass" % failure)
    print()

    def ratio(a, b):
        return med[a] / med[b] if med.get(b) else float("nan")

    print(ratio_line("greenledger compiled / xmllint --stream --schema", ratio(COMPILED, SCHEMA), GOAL_VS_SCHEMA))
    print(ratio_line("greenledger compiled / xmllint --stream", ratio(COMPILED, STREAM), GOAL_VS_STREAM))
    print(ratio_line("greenledger libxml2 engine / xmllint --stream --schema", ratio(LIBXML2, SCHEMA),
                     note="  (no goal; the cross-check engine)"))
    line = "peak RSS of greenledger compiled: %.1f MB" % rss[COMPILED]
    if args.rss_goal:
        line += "  (goal < %.0f MB at the largest filing) %s" % (GOAL_RSS_MB, mark(rss[COMPILED] < GOAL_RSS_MB))
    print(line)
    return 0


def instructions(path):
    """The total instruction count (Ir) of a callgrind out file, or None when it has none."""
    if not path:
        return None
    try:
        with open(path, encoding="utf-8", errors="replace") as out:
            for line in out:
                found = re.match(r"(?:totals|summary):\s+(\d+)", line)
                if found:
                    return int(found.group(1))
    except OSError:
        return None
    annotated = subprocess.run(["callgrind_annotate", path], capture_output=True, text=True).stdout
    found = re.search(r"^\s*([\d,]+)(?:\s+\([^)]*\))?\s+PROGRAM TOTALS", annotated, re.M)
    return int(found.group(1).replace(",", "")) if found else None


def callgrind(args):
    counts = {}
    for item in args.outs:
        name, path = item.split("=", 1)
        counts[name] = instructions(path)
    print("%-36s %18s %12s" % ("callgrind (one run each)", "instructions", "instr/byte"))
    for name in CASES:
        if name not in counts:
            continue
        if counts[name] is None:
            print("%-36s %18s %12s" % (LABELS[name], "n/a", "n/a"))
        else:
            print("%-36s %18s %12.1f" % (LABELS[name], "{:,}".format(counts[name]), counts[name] / args.bytes))
    print()
    for a, b in ((COMPILED, SCHEMA), (COMPILED, STREAM), (LIBXML2, SCHEMA)):
        label = "instructions %s / %s" % (LABELS[a].replace("--xsd-engine ", ""), LABELS[b])
        if counts.get(a) and counts.get(b):
            print("ratio %-66s %6.2f" % (label + ":", counts[a] / counts[b]))
        else:
            print("ratio %-66s %6s" % (label + ":", "n/a"))
    missing = [name for name, count in counts.items() if count is None]
    for name in missing:
        print("note: no instruction total for %s (the run failed, or valgrind could not run it)" % LABELS[name])
    return 1 if missing else 0


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("times")
    p.add_argument("--bytes", type=int, required=True)
    p.add_argument("--rss-goal", action="store_true")
    p.add_argument("results")
    p.set_defaults(run=times)
    p = sub.add_parser("callgrind")
    p.add_argument("--bytes", type=int, required=True)
    p.add_argument("outs", nargs="+", metavar="CASE=FILE")
    p.set_defaults(run=callgrind)
    args = parser.parse_args()
    sys.exit(args.run(args))


if __name__ == "__main__":
    main()
