# Shared by the *-time.sh scripts: `measure WAY RUNS OUTDIR COMMAND…` runs COMMAND RUNS times
# under GNU time, prints each run's wall time and peak RSS, then the median and the best.
measure() {
    local way="$1" runs="$2" out="$3"; shift 3
    local times=()
    for ((i = 1; i <= runs; i++)); do
        /usr/bin/time -f '%e %M' -o "$out/time" "$@" >/dev/null || true
        read -r wall rss < "$out/time"
        printf '%-9s run %d: %5.2f s wall, peak RSS %4d MiB\n' "$way" "$i" "$wall" $((rss / 1024))
        times+=("$wall")
    done
    sorted="$(printf '%s\n' "${times[@]}" | sort -n)"
    printf '%-9s median %.2f s, best %.2f s over %d runs\n' "$way" \
        "$(sed -n "$(((runs + 1) / 2))p" <<< "$sorted")" "$(head -1 <<< "$sorted")" "$runs"
}
