#!/usr/bin/env bash
# Benchmark: `greenledger validate` with both XSD engines against xmllint, on large synthetic filings, in the
# same run.
#
#   Benchmarks/validate-bench.sh [SIZES_MB="150 1024"] [RUNS=3]
#   CALLGRIND=0 Benchmarks/validate-bench.sh …   # skip the (slow) callgrind counts
#   CALLGRIND_SIZES="150" Benchmarks/validate-bench.sh …   # count instructions at these sizes only
#   CALLGRIND_CASES="greenledger-compiled xmllint-stream" …   # and of these cases only
#   BIN=path/to/greenledger Benchmarks/validate-bench.sh …   # time that binary instead of building one
#
# Generates Benchmarks/.data/filing-SIZE.xml once per size (Benchmarks/generate-filing.py; it reconciles and
# passes every rule), builds greenledger in release mode once (scratch path .build-release), then for each
# size runs RUNS interleaved rounds of:
#   greenledger validate --xsd-engine compiled FILE     (the default engine)
#   greenledger validate --xsd-engine libxml2 FILE      (libxml2's XSD engine plugged into the SAX stream)
#   xmllint --stream --noout --schema Schemas/disclosure-v1.xsd FILE
#   xmllint --stream --noout FILE                        (the parse alone)
# each under /usr/bin/time -v (CPU = user + system, peak RSS; wall time from the shell's clock), and prints
# per size the greenledger verdict line, a table of median wall seconds, MB/s, median CPU seconds and the
# highest peak RSS, and the ratios against the goals, each "met" or "not met":
#   compiled / xmllint --stream --schema ≤ 0.70; compiled / xmllint --stream ≤ 1.60 (the limit for a
#   libxml2-based reader); peak RSS of compiled < 64 MB at the largest size (1 GB by default).
# The libxml2 engine / xmllint --stream --schema ratio is printed for reference (no goal).
#
# Then, unless CALLGRIND=0, one run of each case per size under valgrind's callgrind (≈ 50× slower; progress
# on stderr), kept as Benchmarks/.data/callgrind.CASE.SIZE.out for callgrind_annotate, and prints the total
# instruction counts, instructions per byte and the ratios compiled / xmllint. greenledger parses on one
# thread and checks the rules on another (a mutex/condition-variable queue, no spinning): its count is the
# total of both threads, so it compares with xmllint's total work, not with its wall time. valgrind 3.19
# (Debian 12) cannot run a Swift 6 release build as it is; the script then profiles a --strip-debug copy
# (Benchmarks/.data/greenledger.nodebug: same code, functions named, no source lines) with a small sigsuspend
# shim preloaded, and says so in the output (see callgrind setup below).
#
# Tables go to stdout, progress to stderr (tables and ratios: Benchmarks/validate_bench.py). The machine is
# shared and noisy: compare the ratios of one run, not absolute times across runs.
# Exit status: 0; 1 as soon as the two engines disagree on the verdict (or exit status) for a generated
# filing; 2 at the end when a measured run exited non-zero (a greenledger REJECT, an xmllint error) or a
# callgrind run left no instruction count.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=${1:-150 1024}
runs=${2:-3}
callgrind=${CALLGRIND:-1}
callgrind_sizes=" ${CALLGRIND_SIZES:-$sizes} "
callgrind_cases=" ${CALLGRIND_CASES:-greenledger-compiled greenledger-libxml2 xmllint-schema xmllint-stream} "
schema=Schemas/disclosure-v1.xsd
for size in $sizes; do
    [[ $size =~ ^[1-9][0-9]*$ ]] || { echo "validate-bench: size '$size' is not a number of MB" >&2; exit 64; }
done
[[ $runs =~ ^[1-9][0-9]*$ ]] || { echo "validate-bench: RUNS '$runs' is not a positive number" >&2; exit 64; }

need=()
command -v xmllint >/dev/null 2>&1 || need+=(libxml2-utils)
[ -x /usr/bin/time ] || need+=(time)
[ "$callgrind" = 0 ] || command -v valgrind >/dev/null 2>&1 || need+=(valgrind)
if [ ${#need[@]} -gt 0 ]; then
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq && $sudo apt-get install -y -qq "${need[@]}" >/dev/null
fi
if [ -z "${BIN:-}" ]; then
    bash scripts/ensure-deps
    swift build -c release --product greenledger --scratch-path .build-release >&2
    BIN="$(swift build -c release --product greenledger --scratch-path .build-release --show-bin-path)/greenledger"
fi
bin=$BIN
[ -x "$bin" ] || { echo "validate-bench: no greenledger binary at $bin" >&2; exit 2; }
if ! "$bin" validate --help 2>&1 | grep -q -- --xsd-engine; then
    echo "validate-bench: $bin has no 'validate --xsd-engine' option" >&2
    exit 2
fi
mkdir -p Benchmarks/.data
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cases=(greenledger-compiled greenledger-libxml2 xmllint-schema xmllint-stream)
gl=$bin gl_env=()  # the greenledger that command_for runs (under callgrind: a copy, when valgrind needs one)
command_for() {  # command_for CASE FILE: sets cmd to the command line of CASE on FILE
    case $1 in
        greenledger-compiled) cmd=(${gl_env[@]+"${gl_env[@]}"} "$gl" validate --xsd-engine compiled "$2") ;;
        greenledger-libxml2) cmd=(${gl_env[@]+"${gl_env[@]}"} "$gl" validate --xsd-engine libxml2 "$2") ;;
        xmllint-schema) cmd=(xmllint --stream --noout --schema "$schema" "$2") ;;
        xmllint-stream) cmd=(xmllint --stream --noout "$2") ;;
    esac
}

# measure CASE ROUND FILE RESULTS: one run under /usr/bin/time -v; appends "case round wall cpu rss_kb status"
# (tab-separated) to RESULTS, sets status and wall, and keeps the run's stdout in $tmp/CASE.out.
measure() {
    local name=$1 round=$2 file=$3 results=$4 start end
    command_for "$name" "$file"
    status=0
    start=${EPOCHREALTIME:-$(date +%s.%N)}
    /usr/bin/time -v -o "$tmp/time.log" "${cmd[@]}" > "$tmp/$name.out" 2> "$tmp/$name.err" || status=$?
    end=${EPOCHREALTIME:-$(date +%s.%N)}
    wall=$(echo "${end/,/.} - ${start/,/.}" | bc -l)
    awk -F': ' -v name="$name" -v round="$round" -v wall="$wall" -v status="$status" '
        /User time \(seconds\)/ { cpu += $2 } /System time \(seconds\)/ { cpu += $2 }
        /Maximum resident set size/ { rss = $2 }
        END { printf "%s\t%d\t%.4f\t%.2f\t%d\t%d\n", name, round, wall, cpu, rss, status }' "$tmp/time.log" >> "$results"
    if [ "$status" -ne 0 ]; then
        echo "  $name exited $status" >&2
        tail -3 "$tmp/$name.err" | sed 's/^/    /' >&2
    fi
}
verdict_line() { grep -E ': (ACCEPT|REJECT) \(' "$1" | tail -1 || true; }  # "FILE: ACCEPT (…)"
verdict_of() { grep -oE ': (ACCEPT|REJECT) \(' <<< "$1" | tail -1 | tr -dc A-Z || true; }

# valgrind 3.19 (Debian 12) cannot run a Swift 6 release build as it is: it gives up on the binary's DWARF 5
# ("Possibly corrupted debuginfo file"), and it crashes in libdispatch's sigsuspend, whose mask is a constant
# in read-only memory that valgrind writes to. When a probe fails, callgrind runs a --strip-debug copy of
# greenledger (the same code; symbols kept, so profiles still name functions, without source lines) with a
# preloaded sigsuspend that passes a copy of the mask (both in Benchmarks/.data).
probe() { valgrind --tool=none --trace-children=yes "$@" --version > /dev/null 2> "$tmp/probe.log"; }
cg_gl=$bin cg_env=() cg_note=""
if [ "$callgrind" != 0 ] && ! probe "$bin"; then
    echo "callgrind: valgrind cannot run $bin as it is; using a copy without DWARF and a sigsuspend shim" >&2
    copy=Benchmarks/.data/greenledger.nodebug shim=$PWD/Benchmarks/.data/sigsuspend-copy.so
    cat > "$tmp/sigsuspend-copy.c" <<'EOF'
#define _GNU_SOURCE
#include <signal.h>
#include <sys/syscall.h>
#include <unistd.h>
/* libdispatch passes a mask in read-only memory; valgrind 3.19 writes to the mask it is given. */
int sigsuspend(const sigset_t *mask) {
    sigset_t copy = *mask;
    return (int)syscall(SYS_rt_sigsuspend, &copy, _NSIG / 8);
}
EOF
    if objcopy --strip-debug "$bin" "$copy" && cc -shared -fPIC -O2 -o "$shim" "$tmp/sigsuspend-copy.c" \
        && probe env LD_PRELOAD="$shim" "$copy"; then
        cg_gl=$copy cg_env=(env LD_PRELOAD="$shim")
        cg_note="greenledger ran under callgrind as $copy (objcopy --strip-debug) with LD_PRELOAD=$shim"
    else
        echo "callgrind: valgrind cannot run greenledger; its counts are skipped. The probe said:" >&2
        { grep -v '^###' "$tmp/probe.log" || true; } | tail -5 | sed 's/^/    /' >&2
        cg_gl=""
    fi
fi

largest=0
for size in $sizes; do if [ "$size" -gt "$largest" ]; then largest=$size; fi; done
failed=0
for size in $sizes; do
    file="Benchmarks/.data/filing-${size}.xml"
    if [ ! -s "$file" ]; then
        echo "generating $file (${size} MB)…" >&2
        python3 Benchmarks/generate-filing.py "$file" "$size"
    fi
    bytes=$(stat -c %s "$file")
    cat "$file" > /dev/null  # into the page cache
    results="$tmp/results-$size.tsv"
    : > "$results"
    for ((r = 1; r <= runs; r++)); do
        for name in "${cases[@]}"; do
            measure "$name" "$r" "$file" "$results"
            printf '%s MB, round %d/%d: %-20s %8.3f s\n' "$size" "$r" "$runs" "$name" "$wall" >&2
            case $name in
                greenledger-compiled) compiled_status=$status ;;
                greenledger-libxml2) libxml2_status=$status ;;
            esac
            # Once per size: both engines must reach the same verdict (and exit status) on the filing.
            if [ "$r" -eq 1 ] && [ "$name" = greenledger-libxml2 ]; then
                compiled=$(verdict_line "$tmp/greenledger-compiled.out")
                libxml2=$(verdict_line "$tmp/greenledger-libxml2.out")
                if [ -z "$compiled" ] || [ "$(verdict_of "$compiled")" != "$(verdict_of "$libxml2")" ] \
                    || [ "$compiled_status" != "$libxml2_status" ]; then
                    echo "validate-bench: the XSD engines disagree on $file:" >&2
                    echo "  compiled (exit $compiled_status): ${compiled:-no verdict}" >&2
                    echo "  libxml2  (exit $libxml2_status): ${libxml2:-no verdict}" >&2
                    exit 1
                fi
                verdict=$compiled
            fi
        done
    done
    printf '\n== %s: %.1f MB, %d interleaved rounds, medians ==\n' "$file" "$(echo "$bytes / 1000000" | bc -l)" "$runs"
    echo "$verdict"
    rss_goal=""; if [ "$size" -eq "$largest" ]; then rss_goal=--rss-goal; fi
    python3 Benchmarks/validate_bench.py times --bytes "$bytes" $rss_goal "$results"
    if cut -f6 "$results" | grep -qv '^0$'; then failed=1; fi

    if [ "$callgrind" = 0 ] || [[ $callgrind_sizes != *" $size "* ]]; then continue; fi
    outs=()
    for name in "${cases[@]}"; do
        [[ $callgrind_cases == *" $name "* ]] || continue
        out="Benchmarks/.data/callgrind.$name.$size.out"
        rm -f "$out"
        if [[ $name == greenledger-* && -z $cg_gl ]]; then outs+=("$name="); failed=1; continue; fi
        gl=$cg_gl gl_env=(${cg_env[@]+"${cg_env[@]}"})
        command_for "$name" "$file"
        gl=$bin gl_env=()
        echo "callgrind, $size MB: $name (≈ 50× slower)…" >&2
        start=${EPOCHREALTIME:-$(date +%s.%N)}
        status=0
        # --trace-children: when BIN is a script that execs greenledger, the exec'd program's counts replace the
        # script's in the out file (neither greenledger nor xmllint starts other programs).
        valgrind --tool=callgrind --trace-children=yes --callgrind-out-file="$out" "${cmd[@]}" \
            > /dev/null 2> "$tmp/valgrind.log" || status=$?
        if [ "$status" -ne 0 ]; then
            echo "  $name under callgrind exited $status" >&2
            { grep -v '^==[0-9]*==' "$tmp/valgrind.log" || true; } | tail -3 | sed 's/^/    /' >&2
            failed=1
        fi
        end=${EPOCHREALTIME:-$(date +%s.%N)}
        printf '  done in %.0f s\n' "$(echo "${end/,/.} - ${start/,/.}" | bc -l)" >&2
        outs+=("$name=$out")
    done
    echo
    python3 Benchmarks/validate_bench.py callgrind --bytes "$bytes" "${outs[@]}" || failed=1
    if [ -n "$cg_note" ]; then echo "note: $cg_note"; fi
    echo "profiles: callgrind_annotate Benchmarks/.data/callgrind.CASE.$size.out | swift demangle --simplified | less"
    echo "  (CASE: ${cases[*]})"
done
[ "$failed" -eq 0 ] || { echo "validate-bench: some measured runs exited non-zero (see the notes above)" >&2; exit 2; }
