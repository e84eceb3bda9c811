#!/usr/bin/env bash
# The last word of `mvn verify` (editors/pom.xml, phase verify): which editor tests ran and
# which skipped themselves, and why, so that a skip is not lost in the log.
E2E_TARGET="${E2E_TARGET:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)/target}"
skipped="$E2E_TARGET/skipped.txt"
echo "================================================================================"
if [ -s "$skipped" ]; then
  n=$(wc -l <"$skipped")
  echo "editor tests: $n SKIPPED (they need tools this machine lacks; CI=true makes a skip fail):"
  sed 's/^/  - /' "$skipped"
else
  echo "editor tests: none skipped (Neovim, Emacs and VS Code ran, or were not asked for: -DskipTests, -Dcowpte.skipEditors)"
fi
echo "================================================================================"
