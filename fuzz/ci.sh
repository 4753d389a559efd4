#!/usr/bin/env bash
# The CI fuzz step: builds every cargo-fuzz target on the nightly toolchain and runs
# each for a bounded time from its checked-in seed corpus. Fails on any crash, hang
# (timeout) or out-of-memory, printing the target and the failing input (hex and
# escaped). Prints each target's executions per second and total executions.
#
#   bash fuzz/ci.sh              # every target, FUZZ_SECONDS (default 60) each
#   FUZZ_SECONDS=10 bash fuzz/ci.sh parse roundtrip
#
# Only this step uses nightly (`cargo +nightly`); everything else in CI is stable.
set -euo pipefail
cd "$(dirname "$0")"

seconds="${FUZZ_SECONDS:-60}"
toolchain="${FUZZ_TOOLCHAIN:-nightly}"

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "cargo-fuzz missing: installing it"
    cargo install cargo-fuzz --locked
fi
if ! rustup run "$toolchain" rustc --version >/dev/null 2>&1; then
    echo "toolchain $toolchain missing: installing it"
    if ! rustup toolchain install "$toolchain" --profile minimal; then
        # A machine that cannot fetch toolchains still fuzzes: cargo-fuzz only needs
        # the unstable flags, which RUSTC_BOOTSTRAP lets the installed toolchain take.
        toolchain="$(rustup show active-toolchain | cut -d' ' -f1)"
        echo "could not install it: fuzzing on $toolchain with RUSTC_BOOTSTRAP=1"
        export RUSTC_BOOTSTRAP=1
    fi
fi

# No sanitizer: crql forbids `unsafe`, so AddressSanitizer would find nothing in it
# and would cost most of the throughput. Debug assertions stay on (`-a`) so that an
# integer overflow in span arithmetic is a crash, not a wrong answer.
fuzz_flags=(--sanitizer none --debug-assertions)

if [ "$#" -gt 0 ]; then
    targets=("$@")
else
    mapfile -t targets < <(cargo fuzz list)
fi

echo "building ${#targets[@]} fuzz targets with $(rustup run "$toolchain" rustc --version)"
cargo "+$toolchain" fuzz build "${fuzz_flags[@]}"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

print_input() {
    local file="$1"
    echo "--- failing input: $file ($(wc -c <"$file") bytes)"
    echo "hex:"
    od -An -tx1 -v "$file"
    echo "escaped:"
    od -An -c -v "$file"
    echo "kept as fuzz/$3; reproduce: (cd fuzz && cargo +$toolchain fuzz run ${fuzz_flags[*]} $2 $3)"
}

summary=()
passed=0
failed=0
for t in "${targets[@]}"; do
    echo
    echo "==> fuzz $t for ${seconds}s"
    # New inputs go to a scratch directory (the first one given), never into the
    # checked-in seeds.
    mkdir -p "$work/corpus/$t" "$work/artifacts/$t"
    seeds=()
    [ -d "corpus/$t" ] && seeds=("corpus/$t")
    dict=()
    if [ -f "dict/$t.dict" ]; then
        dict=("-dict=dict/$t.dict")
    else
        dict=("-dict=dict/crql.dict")
    fi
    log="$work/$t.log"
    status=0
    cargo "+$toolchain" fuzz run "${fuzz_flags[@]}" "$t" "$work/corpus/$t" "${seeds[@]}" -- \
        -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        -artifact_prefix="$work/artifacts/$t/" "${dict[@]}" >"$log" 2>&1 || status=$?

    execs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -n1)"
    rate="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -n1)"
    if [ -z "$rate" ]; then
        # Older libFuzzer: read the closing `#N DONE ... exec/s: R` line instead.
        done_line="$(grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n1 || true)"
        execs="$(sed -E 's/^#([0-9]+).*/\1/' <<<"$done_line")"
        rate="$(sed -nE 's/.*exec\/s: ([0-9]+).*/\1/p' <<<"$done_line")"
    fi
    line="$(printf '%-14s %12s execs %10s exec/s' "$t" "${execs:-?}" "${rate:-?}")"

    if [ "$status" -ne 0 ]; then
        failed=$((failed + 1))
        summary+=("$line   FAILED (exit $status)")
        echo "FUZZ FAILURE in target '$t' (exit $status); end of its log:"
        tail -n 60 "$log"
        found=0
        for f in "$work/artifacts/$t"/*; do
            [ -f "$f" ] || continue
            found=1
            mkdir -p "artifacts/$t" && cp "$f" "artifacts/$t/"
            print_input "$f" "$t" "artifacts/$t/$(basename "$f")"
        done
        [ "$found" -eq 1 ] || echo "(no failing input was written; see the log above)"
    else
        passed=$((passed + 1))
        summary+=("$line")
        grep -E '^#[0-9]+[[:space:]]+DONE' "$log" | tail -n1 || true
    fi
done

echo
echo "==> fuzz summary (${seconds}s per target, $(nproc) cores)"
printf '%s\n' "${summary[@]}"
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
