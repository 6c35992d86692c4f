#!/usr/bin/env bash
# Benchmark: `greenledger validate` against xmllint on one large synthetic filing, in the same run.
#
#   Benchmarks/validate-bench.sh [SIZE_MB=1024] [RUNS=3]
#
# Generates Benchmarks/.data/filing-SIZE.xml once (it reconciles and passes every rule), builds greenledger
# in release mode, then runs, interleaved, RUNS times each:
#   greenledger validate FILE
#   xmllint --stream --noout --schema Schemas/disclosure-v1.xsd FILE
#   xmllint --stream --noout FILE
# and prints the median wall time, MB/s, peak RSS (/usr/bin/time -v) and the ratios. The machine is shared
# and noisy: compare the ratios of one run, not absolute times across runs.
set -euo pipefail
cd "$(dirname "$0")/.."
size_mb=${1:-1024}
runs=${2:-3}
need=()
command -v xmllint >/dev/null 2>&1 || need+=(libxml2-utils)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq && $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
bash scripts/ensure-deps
mkdir -p Benchmarks/.data
file="Benchmarks/.data/filing-${size_mb}.xml"
if [ ! -s "$file" ]; then
    echo "generating $file (${size_mb} MB)…" >&2
    python3 Benchmarks/generate-filing.py "$file" "$size_mb"
fi
swift build -c release --product greenledger >&2
bin="$(swift build -c release --show-bin-path)/greenledger"
bytes=$(stat -c %s "$file")
cat "$file" > /dev/null  # into the page cache

measure() {  # prints "seconds kilobytes" for one run of the command
    local log
    log=$(mktemp)
    /usr/bin/time -v "$@" > /dev/null 2> "$log" || true
    awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; t = s }
                /Maximum resident set size/ { m = $2 } END { printf "%.3f %d\n", t, m }' "$log"
    rm -f "$log"
}

declare -A times rss
names=(greenledger xmllint-schema xmllint)
for ((r = 1; r <= runs; r++)); do
    for name in "${names[@]}"; do
        case $name in
            greenledger) result=$(measure "$bin" validate "$file") ;;
            xmllint-schema) result=$(measure xmllint --stream --noout --schema Schemas/disclosure-v1.xsd "$file") ;;
            xmllint) result=$(measure xmllint --stream --noout "$file") ;;
        esac
        times[$name]+="${result% *} "
        rss[$name]=$(( ${rss[$name]:-0} > ${result#* } ? ${rss[$name]:-0} : ${result#* } ))
        echo "run $r: $name ${result% *} s" >&2
    done
done

median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
"$bin" validate "$file" | tail -1
printf '\nfile: %s (%.1f MB), %d runs each, median wall time\n' "$file" "$(echo "$bytes / 1000000" | bc -l)" "$runs"
printf '%-16s %9s %9s %12s\n' case seconds MB/s "peak RSS MB"
declare -A med
for name in "${names[@]}"; do
    med[$name]=$(echo "${times[$name]}" | median)
    printf '%-16s %9.2f %9.1f %12.1f\n' "$name" "${med[$name]}" "$(echo "$bytes / 1000000 / ${med[$name]}" | bc -l)" \
        "$(echo "${rss[$name]} / 1024" | bc -l)"
done
printf '\nratio greenledger / xmllint --stream --schema: %.2f (goal ≤ 1.00)\n' "$(echo "${med[greenledger]} / ${med[xmllint-schema]}" | bc -l)"
printf 'ratio greenledger / xmllint --stream:          %.2f\n' "$(echo "${med[greenledger]} / ${med[xmllint]}" | bc -l)"
printf 'peak RSS of greenledger: %.1f MB (goal < 64 MB)\n' "$(echo "${rss[greenledger]} / 1024" | bc -l)"
