#!/usr/bin/env bash
# What Maven runs for the extension (vscode-extension/pom.xml, phase integration-test):
# npm ci, lint, test, package. Says clearly what is missing instead of failing obscurely.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "vscode-extension: Node.js 20+ and npm are needed to build and test the VS Code extension," >&2
  echo "  but 'node' or 'npm' is not on PATH. Install them (Debian: apt-get install nodejs npm;" >&2
  echo "  .ci/run does it), or skip the extension with -Dcowpte.skipExtension." >&2
  exit 2
fi
major="$(node -p 'process.versions.node.split(".")[0]')"
if [ "$major" -lt 20 ]; then
  echo "vscode-extension: Node.js $(node --version) is too old; the extension's tools (@vscode/vsce 3) need Node.js 20 or newer." >&2
  echo "  Install Node.js 20+ (Debian 13 has it; on Debian 12 use NodeSource), or skip with -Dcowpte.skipExtension." >&2
  exit 2
fi

echo "vscode-extension: node $(node --version), npm $(npm --version)"
npm ci --no-audit --no-fund
npm run lint
if [ "${SKIP_TESTS:-false}" = "true" ]; then
  echo "vscode-extension: tests skipped (-DskipTests)"
else
  COWPTE_REQUIRE_SERVER=1 npm test
fi
npm run package
