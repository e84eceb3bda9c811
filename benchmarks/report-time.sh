#!/usr/bin/env bash
# Times `cowpte report` of a scenario (by default the 32 GiB sample of seed 001) started the
# two ways users start it: through the ./cowpte launcher and with `java -jar`. Prints each
# run's wall time and peak RSS, then the median and the best per way, and the page's size.
#
#   benchmarks/report-time.sh [RUNS] [SCENARIO]
#
# Build first (mvn -q install -DskipTests). Needs GNU time (/usr/bin/time).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
scenario="${2:-$root/samples/fork-latency-32g.cowpte}"
jar="$root/server/target/cowpte.jar"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

[[ -f "$jar" ]] || { echo "report-time: build first: mvn -q install -DskipTests" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "report-time: needs GNU time (/usr/bin/time)" >&2; exit 2; }

source "$root/benchmarks/timing.sh"

echo "cowpte report $(basename "$scenario"): $(nproc) CPUs, $(java -version 2>&1 | head -1)"
measure launcher "$runs" "$out" "$root/cowpte" report "$scenario" -o "$out/report.html"
measure java-jar "$runs" "$out" java -jar "$jar" report "$scenario" -o "$out/report.html"
echo "page: $(wc -c < "$out/report.html") bytes"
