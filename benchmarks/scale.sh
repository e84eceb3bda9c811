#!/usr/bin/env bash
# Times the scale scenarios of benchmarks/scale/ under the heaps they must fit in, one run each
# per policy, every run bounded by a time limit: wall time, peak RSS and how the run ended.
#
#   benchmarks/scale.sh [SECONDS-PER-RUN] [POLICY ...]
#
# Build first (mvn -q install -DskipTests). Needs GNU time (/usr/bin/time).
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
limit="${1:-60}"
shift || true
policies=("$@")
[[ ${#policies[@]} -gt 0 ]] || policies=(classic cow-pte odf async-fork)
jar="$root/server/target/cowpte.jar"
[[ -f "$jar" ]] || { echo "scale: build first: mvn -q install -DskipTests" >&2; exit 2; }
[[ -x /usr/bin/time ]] || { echo "scale: needs GNU time (/usr/bin/time)" >&2; exit 2; }
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

# scenario file and the heap it must run in
runs=("fork-1t-16.cowpte 512m" "mshare-300g-1500.cowpte 2g" "mshare-300g-1500-mshare.cowpte 2g")
echo "scale: $(nproc) CPUs, $(java -version 2>&1 | head -1), at most ${limit} s a run"
printf '%-26s %-11s %6s %9s %10s  %s\n' scenario policy heap wall peak-rss outcome
for run in "${runs[@]}"; do
    read -r file heap <<<"$run"
    for policy in "${policies[@]}"; do
        timeout "$limit" /usr/bin/time -f '%e %M' -o "$out/time" \
            java "-Xmx$heap" -jar "$jar" run --policy "$policy" "$root/benchmarks/scale/$file" \
            >"$out/stdout" 2>"$out/stderr"
        code=$?
        if [[ $code -eq 124 ]]; then
            outcome="not finished in ${limit} s"
            wall="-" peak="-"
        else
            read -r wall peak < <(tail -1 "$out/time")
            peak="$((peak / 1024)) MiB"
            wall="${wall} s"
            # the first line says where a run that did not pass stopped, the last how one that passed ended
            if [[ $code -eq 0 ]]; then outcome="exit 0: $(tail -1 "$out/stdout")"; else
                outcome="exit $code: $(head -1 "$out/stdout" | sed 's/^[^:]*\/\([^/:]*:[0-9]*:[0-9]*:\)/\1/' | cut -c1-110)"
            fi
        fi
        printf '%-26s %-11s %6s %9s %10s  %s\n' "$file" "$policy" "$heap" "$wall" "$peak" "$outcome"
    done
done
