#!/usr/bin/env bash
# The simulation beside the kernel at the small end: `./cowpte run` of
# benchmarks/small/touch-1g-fork-16.cowpte (1 GiB written, 16 forks that stay alive) and
# benchmarks/native/fork_latency.c doing the same on the running kernel (`fork_latency 1 16`:
# map and write 1 GiB, fork 16 children that wait, kill and reap them). Each program is timed
# whole (start to exit, as a user waits for it); prints each run's wall and CPU time (user +
# system: on a loaded machine, the steadier of the two), the kernel program's own touch and fork
# times, and the simulation's medians as a share of the kernel's.
#
#   benchmarks/sim-vs-kernel.sh [RUNS]
#
# Needs Linux, a C compiler, GNU time and about 1.1 GiB of free memory; ./cowpte builds the jar
# when stale.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-7}"
scenario="$root/benchmarks/small/touch-1g-fork-16.cowpte"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
[[ -x /usr/bin/time ]] || { echo "sim-vs-kernel: needs GNU time (/usr/bin/time)" >&2; exit 2; }
cc -O2 -Wall -o "$out/fork_latency" "$root/benchmarks/native/fork_latency.c"
"$root/cowpte" run "$scenario" >/dev/null  # builds the jar if stale; makes the launcher's archive

median() {
    printf '%s\n' "$@" | sort -n | sed -n "$((($# + 1) / 2))p"
}

echo "touch 1 GiB + 16 forks: $(nproc) CPUs, $(uname -r), $(java -version 2>&1 | head -1); load $(cut -d' ' -f1-3 /proc/loadavg)"
sim=() kernel=() simcpu=() kernelcpu=()
for ((i = 1; i <= runs; i++)); do
    /usr/bin/time -f '%e %U %S' -o "$out/time" "$root/cowpte" run "$scenario" >/dev/null
    read -r wall user sys < "$out/time"
    sim+=("$wall")
    simcpu+=("$(echo "$user + $sys" | bc)")
    /usr/bin/time -f '%e %U %S' -o "$out/ktime" "$out/fork_latency" 1 16 > "$out/kernel.txt"
    read -r kwall kuser ksys < "$out/ktime"
    kernel+=("$kwall")
    kernelcpu+=("$(echo "$kuser + $ksys" | bc)")
    printf 'run %d: cowpte run %5.2f s (cpu %4.2f s); fork_latency 1 16 %5.2f s (cpu %4.2f s; %s)\n' "$i" "$wall" \
        "${simcpu[-1]}" "$kwall" "${kernelcpu[-1]}" "$(head -1 "$out/kernel.txt")"
done
s="$(median "${sim[@]}")"
k="$(median "${kernel[@]}")"
printf 'median wall: simulated %.2f s, kernel %.2f s: the simulation takes %.2f of the kernel'"'"'s time\n' "$s" "$k" \
    "$(echo "scale=4; $s / $k" | bc)"
s="$(median "${simcpu[@]}")"
k="$(median "${kernelcpu[@]}")"
printf 'median cpu:  simulated %.2f s, kernel %.2f s: %.2f\n' "$s" "$k" "$(echo "scale=4; $s / $k" | bc)"
