#!/usr/bin/env bash
# Times cowpte's start at the small end, through the ./cowpte launcher: `run` and `check` of a
# three-line scenario, and `lsp` answering `initialize`, each with the launcher's class-data
# sharing archive (COWPTE_CDS=1, the default) and without it (COWPTE_CDS=0). The archive is made
# by an untimed first run into a temporary cache folder. Prints each run's wall time, then the
# median and the best per way.
#
#   benchmarks/startup.sh [RUNS]
#
# Needs GNU time (/usr/bin/time) and the jar built (./cowpte builds it when stale).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-10}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
export COWPTE_CACHE="$out/cache"
[[ -x /usr/bin/time ]] || { echo "startup: needs GNU time (/usr/bin/time)" >&2; exit 2; }
source "$root/benchmarks/timing.sh"

scenario="$out/tiny.cowpte"
printf 'process p\nmmap p a 4K\nexpect rss p == 0\n' > "$scenario"
"$root/cowpte" run "$scenario" >/dev/null  # builds the jar if stale; makes the archive

# `cowpte lsp` started, sent `initialize`, timed until the first reply's header; then its stdin
# is closed and it exits.
lsp_initialize() {
    local body='{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":null,"capabilities":{}}}'
    local start end line length message=""
    start="$(date +%s%N)"
    coproc LSP { "$root/cowpte" lsp 2>/dev/null; }
    printf 'Content-Length: %d\r\n\r\n%s' "${#body}" "$body" >&"${LSP[1]}"
    # Messages until the reply (the server may log first).
    while [[ "$message" != *'"id":1'* ]]; do
        IFS= read -r line <&"${LSP[0]}" || { echo "startup: no reply to initialize" >&2; exit 1; }
        length="${line#Content-Length: }"
        length="${length%$'\r'}"
        IFS= read -r line <&"${LSP[0]}"
        IFS= read -r -N "$length" message <&"${LSP[0]}"
    done
    end="$(date +%s%N)"
    exec {LSP[1]}>&-
    wait "$LSP_PID" 2>/dev/null || true
    echo $(((end - start) / 1000000))
}

measure_lsp() {
    local way="$1" ms=()
    for ((i = 1; i <= runs; i++)); do
        ms+=("$(lsp_initialize)")
    done
    sorted="$(printf '%s\n' "${ms[@]}" | sort -n)"
    printf '%-16s median %.2f s, best %.2f s over %d runs\n' "$way" \
        "$(echo "scale=3; $(sed -n "$(((runs + 1) / 2))p" <<< "$sorted") / 1000" | bc)" \
        "$(echo "scale=3; $(head -1 <<< "$sorted") / 1000" | bc)" "$runs"
}

echo "cowpte start-up: $(nproc) CPUs, $(java -version 2>&1 | head -1)"
COWPTE_CDS=1 lsp_initialize >/dev/null  # makes the language server's archive
for cds in 1 0; do
    export COWPTE_CDS="$cds"
    measure "run cds=$cds" "$runs" "$out" "$root/cowpte" run "$scenario"
    measure "check cds=$cds" "$runs" "$out" "$root/cowpte" check "$scenario"
    measure_lsp "lsp init cds=$cds"
done
