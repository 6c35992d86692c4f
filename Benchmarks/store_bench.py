#!/usr/bin/env python3
"""The filing-history benchmark, driven by Benchmarks/store-bench.sh.

    python3 Benchmarks/store_bench.py --bin GREENLEDGER [--quarters 40] [--lenders 200] [--runs 3]
                                      [--postgres URL] [--no-postgres-reason TEXT] [--workdir-parent /tmp] [--keep]

Generates a synthetic history (Benchmarks/generate-history.py: QUARTERS quarters ending 2026-Q3 × LENDERS
lenders, one small valid filing each) in a fresh work dir, checks a few filings with `greenledger validate`,
then for each backend — SQLite (a file in the work dir), then PostgreSQL when --postgres gives a server URL
(a fresh database `store_bench_<pid>` is created on it with psql and dropped at the end) — starts from an
empty history and, in four stages (quarters 1–10, 11–20, 21–30, 31–40 for 40 quarters):

  - times `greenledger ingest --db DB --archive DIR QUARTER_DIRS...` of the stage (filings/s);
  - times, best of --runs (hyperfine when installed), `aggregate --db DB --period P --format json` and
    `report --db DB --period P --format json --out FILE` for P = the latest quarter ingested and for P = the
    earliest quarter, each roll-up carrying the trend over every stored quarter.

Every command's exit status and output are checked (every filing stored; the roll-up includes every lender
and a history of every stored quarter); a failed check stops that backend and is reported. Prints one table
(backend, history quarters, ingest filings/s, roll-up seconds) and the comparison with the goal: a quarterly
roll-up in under a second, its cost growing with the quarter's filings, not with the history's length.
Timings are measurements, printed, never asserted: the machine is shared and noisy.
"""
import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
GENERATOR = os.path.join(ROOT, "Benchmarks", "generate-history.py")
GOAL_SECONDS = 1.0


def log(message):
    print(message, file=sys.stderr, flush=True)


def masked(text):
    """`text` with the password of every URL in it (postgres://user:PASSWORD@host) replaced by ***."""
    return re.sub(r"(://[^:/@\s]*:)[^@\s]*@", r"\1***@", text)


class BenchError(Exception):
    pass


class Runner:
    """Runs greenledger in the work dir (so nothing lands in the repository) and times it."""

    def __init__(self, binary, workdir, runs):
        self.binary = binary
        self.workdir = workdir
        self.runs = runs
        self.hyperfine = shutil.which("hyperfine")

    def run(self, args, expect=(0,)):
        """Runs once; returns (seconds, stdout, stderr); raises BenchError on an unexpected exit status."""
        began = time.perf_counter()
        done = subprocess.run([self.binary] + args, cwd=self.workdir, capture_output=True, text=True)
        seconds = time.perf_counter() - began
        if done.returncode not in expect:
            # greenledger's last words, without the URL's password (a --db URL appears in its messages).
            tail = masked("\n".join((done.stderr or done.stdout).strip().splitlines()[-5:]))
            raise BenchError("greenledger %s: exit %d: %s" % (" ".join(args[:1]), done.returncode, tail))
        return seconds, done.stdout, done.stderr

    def best(self, args, check):
        """The best wall time of `self.runs` runs of `args`; `check(stdout)` validates the first run's output."""
        _, out, _ = self.run(args)  # the checked run, also a warm-up
        check(out)
        if self.hyperfine:
            export = os.path.join(self.workdir, "hyperfine.json")
            command = " ".join([self.binary] + args)  # -N splits on spaces: the work dir and URLs have none
            subprocess.run(["hyperfine", "-N", "--style", "none", "--runs", str(self.runs), "--export-json", export,
                            command], cwd=self.workdir, check=True, capture_output=True)
            with open(export) as f:
                return min(json.load(f)["results"][0]["times"])
        return min(self.run(args)[0] for _ in range(self.runs))


def stages(count):
    """Quarter counts after each stage: four equal-ish stages (10, 20, 30, 40 of 40), or one per quarter."""
    if count < 4:
        return list(range(1, count + 1))
    return [round(count * k / 4) for k in range(1, 5)]


def generate(workdir, quarters, lenders):
    folder = os.path.join(workdir, "filings")
    began = time.perf_counter()
    subprocess.run([sys.executable, GENERATOR, folder, "--quarters", str(quarters), "--lenders", str(lenders)],
                   check=True)
    seconds = time.perf_counter() - began
    periods = sorted(p for p in os.listdir(folder) if re.fullmatch(r"\d{4}-Q[1-4]", p))
    files = {p: sorted(f for f in os.listdir(os.path.join(folder, p)) if f.endswith(".xml")) for p in periods}
    if len(periods) != quarters or any(len(v) != lenders for v in files.values()):
        raise BenchError("generator wrote %d quarters, expected %d × %d filings" % (len(periods), quarters, lenders))
    return folder, periods, seconds


def validate_sample(runner, folder, periods):
    """`greenledger validate` on the first, middle and last quarters' first and last lenders: all ACCEPT."""
    picks = []
    for period in sorted({periods[0], periods[len(periods) // 2], periods[-1]}):
        names = sorted(os.listdir(os.path.join(folder, period)))
        picks += [os.path.join(folder, period, n) for n in sorted({names[0], names[-1]})]
    _, out, _ = runner.run(["validate", "--strict"] + picks)
    accepted = sum(1 for line in out.splitlines() if ": ACCEPT (0 errors; 0 warnings;" in line)
    if accepted != len(picks):
        raise BenchError("validate: %d of %d sample filings ACCEPTed with no warning:\n%s" % (accepted, len(picks), out))
    log("validate --strict: %d sample filings ACCEPT, 0 errors, 0 warnings" % len(picks))


class Postgres:
    """A fresh database on the server of `url`, created and dropped with psql."""

    def __init__(self, url):
        self.admin = url
        self.name = "store_bench_%d" % os.getpid()
        parts = urllib.parse.urlsplit(url)
        self.url = urllib.parse.urlunsplit(parts._replace(path="/" + self.name))

    def psql(self, sql):
        done = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", self.admin, "-c", sql],
                              capture_output=True, text=True)
        if done.returncode != 0:
            raise BenchError("psql on %s: %s" % (masked(self.admin), done.stderr.strip()))

    def create(self):
        self.psql("DROP DATABASE IF EXISTS %s" % self.name)
        self.psql("CREATE DATABASE %s" % self.name)

    def drop(self):
        try:
            self.psql("DROP DATABASE IF EXISTS %s WITH (FORCE)" % self.name)  # PostgreSQL 13+
        except BenchError:
            self.psql("DROP DATABASE IF EXISTS %s" % self.name)


def bench_backend(runner, backend, db, folder, periods, lenders, workdir):
    """Rows of the table for one backend, from an empty history; raises BenchError when a check fails."""
    archive = os.path.join(workdir, "%s.archive" % backend)
    out_file = os.path.join(workdir, "%s-report.json" % backend)
    rows = []
    done = 0
    for upto in stages(len(periods)):
        batch = periods[done:upto]
        dirs = [os.path.join(folder, p) for p in batch]
        expected = lenders * len(batch)
        log("%s: ingest %s … %s (%d filings)" % (backend, batch[0], batch[-1], expected))
        seconds, out, _ = runner.run(["ingest", "--db", db, "--archive", archive] + dirs)
        stored = sum(1 for line in out.splitlines() if line.startswith("stored #"))
        if stored != expected:
            raise BenchError("%s: ingest stored %d of %d filings" % (backend, stored, expected))
        done = upto
        row = {"backend": backend, "quarters": upto, "filings": lenders * upto, "stage_filings": expected,
               "ingest_s": seconds, "ingest_rate": expected / seconds}
        for which, period in (("latest", periods[upto - 1]), ("earliest", periods[0])):

            def check_aggregate(text, period=period):
                doc = json.loads(text)
                included = sum(1 for f in doc.get("filings", []) if f.get("treatment") == "included")
                if doc.get("period") != period or included != lenders or len(doc.get("history", [])) != upto:
                    raise BenchError("%s: aggregate --period %s: period %s, %d included (expected %d), %d history points "
                                     "(expected %d)" % (backend, period, doc.get("period"), included, lenders,
                                                        len(doc.get("history", [])), upto))

            def check_report(_, period=period):
                with open(out_file, encoding="utf-8") as f:
                    doc = json.load(f)
                if not str(doc.get("schema", "")).startswith("greenledger-report/") or len(doc.get("trend", [])) != upto:
                    raise BenchError("%s: report --period %s: schema %s, %d trend points (expected %d)"
                                     % (backend, period, doc.get("schema"), len(doc.get("trend", [])), upto))

            row["aggregate_%s_s" % which] = runner.best(
                ["aggregate", "--db", db, "--period", period, "--format", "json"], check_aggregate)
            row["report_%s_s" % which] = runner.best(
                ["report", "--db", db, "--period", period, "--format", "json", "--out", out_file], check_report)
        log("%s: %d quarter(s): ingest %.1f filings/s; aggregate %.3f s, report %.3f s (latest %s)"
            % (backend, upto, row["ingest_rate"], row["aggregate_latest_s"], row["report_latest_s"], periods[upto - 1]))
        rows.append(row)
    return rows


def print_table(rows, periods, lenders, runs, timer):
    print()
    print("history: %d quarters (%s … %s) × %d lenders; roll-ups: best of %d (%s); --period latest = the last "
          "quarter ingested, earliest = %s" % (len(periods), periods[0], periods[-1], lenders, runs, timer, periods[0]))
    head = ("backend", "quarters", "filings", "ingest s", "filings/s", "agg latest s", "report latest s",
            "agg earliest s", "report earliest s")
    print("%-10s %8s %8s %9s %10s %13s %16s %15s %18s" % head)
    for r in rows:
        print("%-10s %8d %8d %9.2f %10.1f %13.3f %16.3f %15.3f %18.3f"
              % (r["backend"], r["quarters"], r["filings"], r["ingest_s"], r["ingest_rate"], r["aggregate_latest_s"],
                 r["report_latest_s"], r["aggregate_earliest_s"], r["report_earliest_s"]))


def print_goal(results, skipped):
    print()
    for backend, rows in results.items():
        if not rows:
            continue
        last, first = rows[-1], rows[0]
        worst = max(last["aggregate_latest_s"], last["report_latest_s"])
        growth = last["aggregate_latest_s"] / first["aggregate_latest_s"]
        report_growth = last["report_latest_s"] / first["report_latest_s"]
        print("goal %s: quarterly roll-up over %d quarters: aggregate %.3f s, report %.3f s — %s the 1 s goal; "
              "%d → %d quarters of history (same filings per quarter): aggregate ×%.2f, report ×%.2f"
              % (backend, last["quarters"], last["aggregate_latest_s"], last["report_latest_s"],
                 "within" if worst < GOAL_SECONDS else "NOT within", first["quarters"], last["quarters"], growth,
                 report_growth))
    for backend, reason in skipped:
        print("goal %s: not measured — %s" % (backend, reason))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bin", required=True)
    parser.add_argument("--quarters", type=int, default=40)
    parser.add_argument("--lenders", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--postgres", help="postgres://user:pw@host:port/db of a server to create a database on")
    parser.add_argument("--no-postgres-reason", default="no server given (--postgres)")
    parser.add_argument("--workdir-parent", default=tempfile.gettempdir())
    parser.add_argument("--keep", action="store_true", help="keep the work dir (and the PostgreSQL database)")
    args = parser.parse_args()
    if not 1 <= args.quarters <= 100 or not 1 <= args.lenders <= 999 or args.runs < 1:
        parser.error("--quarters 1…100, --lenders 1…999, --runs ≥ 1")
    binary = os.path.abspath(args.bin)
    workdir = tempfile.mkdtemp(prefix="store-bench-", dir=args.workdir_parent)
    log("work dir: %s" % workdir)
    runner = Runner(binary, workdir, args.runs)
    results, skipped, failures = {}, [], []
    postgres = None
    try:
        folder, periods, gen_seconds = generate(workdir, args.quarters, args.lenders)
        log("generated %d filings in %.2f s" % (args.quarters * args.lenders, gen_seconds))
        validate_sample(runner, folder, periods)
        backends = [("sqlite", os.path.join(workdir, "history.sqlite"))]
        if args.postgres:
            if shutil.which("psql") is None:
                skipped.append(("postgresql", "psql not found (install postgresql-client)"))
            else:
                postgres = Postgres(args.postgres)
                try:
                    postgres.create()
                    log("postgresql: fresh database %s" % masked(postgres.url))
                    backends.append(("postgresql", postgres.url))
                except BenchError as error:
                    skipped.append(("postgresql", str(error)))
                    postgres = None
        else:
            skipped.append(("postgresql", args.no_postgres_reason))
        for backend, db in backends:
            results[backend] = []
            try:
                results[backend] = bench_backend(runner, backend, db, folder, periods, args.lenders, workdir)
            except BenchError as error:
                failures.append((backend, str(error)))
                log("%s: FAILED — %s" % (backend, error))
        rows = [r for backend, _ in backends for r in results[backend]]
        if rows:
            print_table(rows, periods, args.lenders, args.runs, "hyperfine" if runner.hyperfine else "wall clock")
        print("generator: %d filings in %.2f s" % (args.quarters * args.lenders, gen_seconds))
        print_goal(results, skipped + [(b, "failed: " + e.splitlines()[0]) for b, e in failures])
        if any(b == "postgresql" and not results[b] and "greenledger ingest" in e for b, e in failures):
            print("  (the first ingest failed: does this greenledger accept a postgres:// URL for --db yet?)")
        for backend, reason in skipped:
            log("PostgreSQL SKIPPED: %s" % reason if backend == "postgresql" else "%s skipped: %s" % (backend, reason))
    finally:
        if postgres is not None:
            if args.keep:
                log("kept database %s (a scripts/with-postgres cluster is removed on exit all the same)" % masked(postgres.url))
            else:
                try:
                    postgres.drop()
                except BenchError as error:
                    log("could not drop %s: %s" % (postgres.name, error))
        if args.keep:
            log("kept work dir %s" % workdir)
        else:
            shutil.rmtree(workdir, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
