#!/usr/bin/env bash
# Headless Neovim test of cowpte through Neovim's built-in LSP client, with the init.lua users
# copy: opens the failing sample, checks the diagnostics on its lines and a hover's refcount
# (test.lua). Needs nvim 0.7+ (Debian 12: apt-get install neovim), Java 17+ and the server jar.
set -euo pipefail
E2E_NAME=neovim
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=../scripts/common.sh
source "$here/../scripts/common.sh"

command -v nvim >/dev/null 2>&1 || missing "Neovim (nvim)" "Debian: apt-get install neovim."
ver="$(nvim --version | head -1)"
nvim --headless -n -i NONE -u NONE -c 'if has("nvim-0.7") | qall! | else | cquit 1 | endif' </dev/null >/dev/null 2>&1 \
  || missing "Neovim 0.7 or newer (found: $ver)" "Install a newer Neovim."
need_server_jar

work="$E2E_TARGET/neovim"
rm -rf "$work"
mkdir -p "$work/config" "$work/data" "$work/cache" "$work/state" "$SCREENSHOTS"
cp "$REPO_ROOT/samples/failing-on-purpose.cowpte" "$work/"
echo "$E2E_NAME: $ver, jar $COWPTE_JAR"
# A profile of its own: no user config, plugins or shada; LSP log under target/.
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" XDG_CACHE_HOME="$work/cache" XDG_STATE_HOME="$work/state"
export COWPTE_NO_BROWSER=1 COWPTE_JAR COWPTE_SAMPLE="$work/failing-on-purpose.cowpte" COWPTE_NVIM_OUT="$SCREENSHOTS/neovim-headless.txt"
cd "$work"
# nvim ends itself (qall / cquit); timeout bounds it if the server never answers.
timeout -k 5 180 nvim --headless -n -i NONE -u "$here/init.lua" -c "luafile $here/test.lua" </dev/null
echo "$E2E_NAME: what it saw: $COWPTE_NVIM_OUT"

# --- the same in a terminal, as a user sees it: nvim under tmux, the screen read back ---------
command -v tmux >/dev/null 2>&1 || missing "tmux (for the screen check)" "Debian: apt-get install tmux."
sock="$work/tmux.sock"
trap 'tmux -S "$sock" kill-server 2>/dev/null || true' EXIT
screen="$SCREENSHOTS/neovim-screen.txt"
tmux -S "$sock" -f /dev/null new-session -d -x 220 -y 40 \
  "env TERM=xterm-256color nvim -n -i NONE -u '$here/init.lua' '$COWPTE_SAMPLE'"
# wait_for TEXT: until the screen shows TEXT, at most 60 s
wait_for() {
  for _ in $(seq 1 120); do
    tmux -S "$sock" capture-pane -p >"$screen" 2>/dev/null || true
    grep -qF -- "$1" "$screen" && return 0
    sleep 0.5
  done
  echo "$E2E_NAME: not on the screen within 60 s: $1" >&2
  cat "$screen" >&2
  return 1
}
pass=0 fail=0
result() { if [ "$1" = 0 ]; then pass=$((pass + 1)); echo "ok - $2"; else fail=$((fail + 1)); echo "not ok - $2"; fi; }
wait_for "expectation failed: pagetables child" || true
r=0; grep -E '^E +expect rss child == 0 .*■ expectation failed: rss child: expected == 0 pages, actual 512 pages' "$screen" >/dev/null || r=1
result $r "screen: line 13 carries its failure as virtual text, with the E sign"
r=0; grep -E '^E +expect pagetables child <= 4K .*■ expectation failed: pagetables child: expected <= 4 KiB, actual 12 KiB' "$screen" >/dev/null || r=1
result $r "screen: line 14 carries its failure as virtual text, with the E sign"
cp "$screen" "$SCREENSHOTS/neovim-screen-diagnostics.txt"
# K on the 0 of buf[0] in line 15 opens the hover
tmux -S "$sock" send-keys ':call cursor(15, 32)' Enter
sleep 0.5
tmux -S "$sock" send-keys K
r=0; wait_for "refcount 2, sharers parent, child" || r=1
result $r "screen: K on buf[0] shows the walk with the PTE table's refcount 2, sharers parent, child"
cp "$screen" "$SCREENSHOTS/neovim-screen-hover.txt"
# highlighting: the statement keywords carry a colour on the screen
tmux -S "$sock" send-keys Escape
sleep 0.5
tmux -S "$sock" capture-pane -p -e >"$screen.ansi"
r=0; grep -aE $'\e\\[[0-9;]*m(expect)' "$screen.ansi" >/dev/null || r=1
result $r "screen: 'expect' is highlighted (syntax/cowpte.vim)"
rm -f "$screen.ansi"
# :CowpteCompare opens the compare table in a split
tmux -S "$sock" send-keys ':CowpteCompare classic,cow-pte' Enter
r=0; wait_for "per-page updates" || r=1
result $r "screen: :CowpteCompare shows the compare table"
cp "$screen" "$SCREENSHOTS/neovim-screen-compare.txt"
tmux -S "$sock" send-keys Escape ':qall!' Enter
rm -f "$screen"
echo "$E2E_NAME: screens: $SCREENSHOTS/neovim-screen-diagnostics.txt, $SCREENSHOTS/neovim-screen-hover.txt"
echo "neovim screen: $pass passed, $fail failed"
[ "$fail" = 0 ]
