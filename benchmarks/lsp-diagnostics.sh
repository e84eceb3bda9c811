#!/usr/bin/env bash
# Times what an editor waits for after opening a scenario in `cowpte lsp`, started through the
# ./cowpte launcher (with its class-data sharing archive, made by an untimed first start): the
# server is initialized, then sent `didOpen` of the scenario, and timed from that message to the
# first `textDocument/publishDiagnostics` for it and to the `cowpte/runSummary` that ends its run.
# Prints each start's two times, then their medians and bests.
#
#   benchmarks/lsp-diagnostics.sh [RUNS] [SCENARIO]
#
# The jar is built by ./cowpte when stale.
set -euo pipefail
export LC_ALL=C  # Content-Length counts bytes
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-10}"
scenario="$(readlink -f "${2:-$root/samples/fork-1g-pagetables.cowpte}")"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
export COWPTE_CACHE="${COWPTE_CACHE:-$out/cache}"

# The scenario as a JSON string.
json_string() {
    local s="$1"
    s="${s//\\/\\\\}"
    s="${s//\"/\\\"}"
    s="${s//$'\t'/\\t}"
    s="${s//$'\r'/\\r}"
    s="${s//$'\n'/\\n}"
    printf '"%s"' "$s"
}
text="$(json_string "$(cat "$scenario")")"
uri="file://$scenario"

send() {
    printf 'Content-Length: %d\r\n\r\n%s' "${#1}" "$1" >&"${LSP[1]}"
}

# Reads one message into $message.
receive() {
    local line length
    IFS= read -r line <&"${LSP[0]}" || { echo "lsp-diagnostics: the server closed its output" >&2; exit 1; }
    length="${line#Content-Length: }"
    length="${length%$'\r'}"
    IFS= read -r line <&"${LSP[0]}"
    IFS= read -r -N "$length" message <&"${LSP[0]}"
}

now_ms() {
    local t
    t="$(date +%s%N)"
    echo $((t / 1000000))
}

# One start of the server: prints "DIAGNOSTICS-MS RUN-MS".
open_once() {
    local start diagnostics="" summary="" message=""
    coproc LSP { "$root/cowpte" lsp 2>/dev/null; }
    send '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":null,"capabilities":{}}}'
    while [[ "$message" != *'"id":1'* ]]; do receive; done
    send '{"jsonrpc":"2.0","method":"initialized","params":{}}'
    start="$(now_ms)"
    send "{\"jsonrpc\":\"2.0\",\"method\":\"textDocument/didOpen\",\"params\":{\"textDocument\":{\"uri\":\"$uri\",\"languageId\":\"cowpte\",\"version\":1,\"text\":$text}}}"
    while [[ -z "$summary" ]]; do
        receive
        if [[ -z "$diagnostics" && "$message" == *'"method":"textDocument/publishDiagnostics"'* ]]; then
            diagnostics=$(($(now_ms) - start))
        elif [[ "$message" == *'"method":"cowpte/runSummary"'* ]]; then
            summary=$(($(now_ms) - start))
        fi
    done
    send '{"jsonrpc":"2.0","id":2,"method":"shutdown","params":null}'
    while [[ "$message" != *'"id":2'* ]]; do receive; done
    send '{"jsonrpc":"2.0","method":"exit","params":null}'
    exec {LSP[1]}>&-
    wait "$LSP_PID" 2>/dev/null || true
    echo "$diagnostics ${summary:--}"
}

median_best() {
    local sorted
    sorted="$(printf '%s\n' "$@" | sort -n)"
    echo "median $(sed -n "$((($# + 1) / 2))p" <<< "$sorted") ms, best $(head -1 <<< "$sorted") ms"
}

echo "cowpte lsp, didOpen of $(basename "$scenario"): $(nproc) CPUs, $(java -version 2>&1 | head -1)"
open_once > /dev/null  # builds the jar if stale; makes the archive
first=() done=()
for ((i = 1; i <= runs; i++)); do
    read -r d s < <(open_once)
    printf 'start %2d: first publishDiagnostics %4d ms, run finished (cowpte/runSummary) %4d ms\n' "$i" "$d" "$s"
    first+=("$d")
    done+=("$s")
done
echo "first publishDiagnostics after didOpen: $(median_best "${first[@]}") over $runs starts"
echo "run finished after didOpen:             $(median_best "${done[@]}") over $runs starts"
