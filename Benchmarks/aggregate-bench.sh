#!/usr/bin/env bash
# Benchmark: `greenledger aggregate` over many filings uses both cores, with memory that does not grow with
# the number of files.
#
#   Benchmarks/aggregate-bench.sh [FILES=40] [SIZE_MB=25]
#
# Generates FILES filings of SIZE_MB each (Benchmarks/.data/agg-N/), builds in release mode, times each file
# alone (`aggregate --jobs 1 FILE`) and their sum, then all of them at once (`aggregate DIR`, all cores), and
# prints the ratio (goal ≤ 0.65) and the peak RSS of the run over FILES and over FILES/4 files.
set -euo pipefail
cd "$(dirname "$0")/.."
files=${1:-40}
size=${2:-25}
[ -x /usr/bin/time ] || { sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"; $sudo apt-get install -y -qq time >/dev/null; }
bash scripts/ensure-deps
dir="Benchmarks/.data/agg-${files}x${size}"
mkdir -p "$dir"
for ((i = 1; i <= files; i++)); do
    f="$dir/filing-$(printf %02d "$i").xml"
    [ -s "$f" ] || python3 Benchmarks/generate-filing.py "$f" "$size" --lender "$i" 2>/dev/null
done
# BIN=path/to/greenledger times that binary instead of building one (the release build shares
# .build-release with validate-bench.sh).
if [ -n "${BIN:-}" ]; then
    bin=$BIN
else
    swift build -c release --product greenledger --scratch-path .build-release >&2
    bin="$(swift build -c release --product greenledger --scratch-path .build-release --show-bin-path)/greenledger"
fi
cat "$dir"/*.xml > /dev/null
seconds() { /usr/bin/time -f "%e %M" "$@" 2>&1 >/dev/null | tail -1; }
sum=0
for f in "$dir"/*.xml; do
    t=$(seconds "$bin" aggregate --jobs 1 "$f" | cut -d' ' -f1)
    sum=$(echo "$sum + $t" | bc -l)
done
quarter=$(mkdir -p "$dir-quarter" && for f in $(ls "$dir"/*.xml | head -n $((files / 4))); do ln -sf "$(realpath "$f")" "$dir-quarter/"; done; seconds "$bin" aggregate "$dir-quarter")
all=$(seconds "$bin" aggregate "$dir")
wall=${all% *}
printf 'files: %d × %d MB; sum of single-file times %.2f s; all at once %.2f s\n' "$files" "$size" "$sum" "$wall"
printf 'ratio all-at-once / sum: %.2f (goal ≤ 0.65)\n' "$(echo "$wall / $sum" | bc -l)"
printf 'peak RSS: %.1f MB for %d files, %.1f MB for %d files\n' "$(echo "${all#* } / 1024" | bc -l)" "$files" \
    "$(echo "${quarter#* } / 1024" | bc -l)" "$((files / 4))"
