#!/usr/bin/env bash
# Times `cowpte kernel` of a scenario (by default samples/fork-1g-pagetables.cowpte) through
# the ./cowpte launcher: the simulation, the helper's processes on the running kernel (1 GiB
# written, a classic fork of it), the comparison, and tearing everything down. Prints each
# run's wall time and peak RSS of the JVM, then the median and the best. The helper is built
# once before the runs (the first use compiles it), so the runs time the comparison alone.
#
#   benchmarks/kernel-time.sh [RUNS] [SCENARIO]
#
# Build first (mvn -q install -DskipTests). Needs Linux, root for mapcounts, GNU time.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
scenario="${2:-$root/samples/fork-1g-pagetables.cowpte}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

[[ -f "$root/server/target/cowpte.jar" ]] || { echo "kernel-time: build first: mvn -q install -DskipTests" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "kernel-time: needs GNU time (/usr/bin/time)" >&2; exit 2; }
source "$root/benchmarks/timing.sh"

"$root/cowpte" kernel "$scenario" > "$out/first.txt" || true
tail -2 "$out/first.txt" | head -1
echo "cowpte kernel $(basename "$scenario"): $(nproc) CPUs, $(uname -r), $(java -version 2>&1 | head -1)"
measure launcher "$runs" "$out" "$root/cowpte" kernel "$scenario"
