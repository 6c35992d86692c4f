#!/usr/bin/env bash
# Benchmark: the filing history (`ingest`, `aggregate --db`, `report --db`) over a long synthetic history, on
# SQLite and on PostgreSQL, in one run.
#
#   Benchmarks/store-bench.sh
#
# Builds greenledger in release mode into .build-bench (its own scratch path), generates 40 quarters
# (2016-Q4 … 2026-Q3) × 200 lenders = 8,000 small valid filings (Benchmarks/generate-history.py, seeded) in a
# fresh work dir under /tmp, validates a few, then for each backend, from an empty history, ingests quarters
# 1–10, 11–20, 21–30, 31–40 (filings/s per stage) and after each stage times, best of 3, `aggregate --db` and
# `report --db` (--format json) for the latest quarter ingested and for the earliest, each with the trend
# over every stored quarter (Benchmarks/store_bench.py). Prints one table and a line per backend against the
# goal: a quarterly roll-up in under a second, its cost growing with the quarter's filings, not with the
# history's length (compare the 10- and 40-quarter rows). The machine is shared and noisy: compare rows of
# one run, not absolute times across runs.
#
# PostgreSQL: the server of GREENLEDGER_BENCH_POSTGRES (postgres://user:pw@host:port/db) when set; else, when
# scripts/with-postgres exists, the script runs itself under it (a throw-away cluster, its URL in
# GREENLEDGER_TEST_POSTGRES); else PostgreSQL is skipped, and the output says so. A fresh database
# store_bench_<pid> is created with psql and dropped at the end.
#
# Environment: STORE_BENCH_QUARTERS (40), STORE_BENCH_LENDERS (200) — e.g. 8 and 20 for a quick smoke run;
# STORE_BENCH_RUNS (3); STORE_BENCH_DIR (/tmp, where the work dir is made); STORE_BENCH_KEEP=1 keeps the work
# dir and the PostgreSQL database; STORE_BENCH_BIN=PATH times that greenledger instead of building one.
# Exit status: 0 when every backend measured ran through its checks (a skipped PostgreSQL is not a failure).
set -euo pipefail
cd "$(dirname "$0")/.."
quarters=${STORE_BENCH_QUARTERS:-40}
lenders=${STORE_BENCH_LENDERS:-200}
runs=${STORE_BENCH_RUNS:-3}

if [ -z "${STORE_BENCH_BIN:-}" ]; then
    bash scripts/ensure-deps
    scratch=.build-bench
    swift build -c release --product greenledger --scratch-path "$scratch" >&2
    STORE_BENCH_BIN="$(swift build -c release --product greenledger --scratch-path "$scratch" --show-bin-path)/greenledger"
    export STORE_BENCH_BIN
    "$STORE_BENCH_BIN" --version >&2 || true
fi

postgres=""
no_postgres="GREENLEDGER_BENCH_POSTGRES is not set and scripts/with-postgres does not exist"
if [ -n "${GREENLEDGER_BENCH_POSTGRES:-}" ]; then
    postgres=$GREENLEDGER_BENCH_POSTGRES
elif [ -n "${STORE_BENCH_UNDER_WITH_POSTGRES:-}" ]; then
    echo started > "$STORE_BENCH_UNDER_WITH_POSTGRES"
    postgres=${GREENLEDGER_TEST_POSTGRES:-}
    no_postgres="scripts/with-postgres did not export GREENLEDGER_TEST_POSTGRES"
elif [ -e scripts/with-postgres ]; then
    # Run again under a throw-away cluster; the marker tells a cluster that never started from a failed run.
    marker=$(mktemp)
    status=0
    STORE_BENCH_UNDER_WITH_POSTGRES=$marker bash scripts/with-postgres bash "$0" "$@" || status=$?
    if [ -s "$marker" ]; then
        rm -f "$marker"
        exit "$status"
    fi
    rm -f "$marker"
    echo "store-bench: scripts/with-postgres could not start PostgreSQL (exit $status); continuing without it" >&2
    no_postgres="scripts/with-postgres could not start a cluster (exit $status)"
fi

options=(--bin "$STORE_BENCH_BIN" --quarters "$quarters" --lenders "$lenders" --runs "$runs"
    --workdir-parent "${STORE_BENCH_DIR:-/tmp}")
if [ -n "$postgres" ]; then
    options+=(--postgres "$postgres")
else
    echo "store-bench: PostgreSQL SKIPPED: $no_postgres" >&2
    options+=(--no-postgres-reason "$no_postgres")
fi
[ "${STORE_BENCH_KEEP:-0}" = 1 ] && options+=(--keep)
exec python3 Benchmarks/store_bench.py "${options[@]}"
