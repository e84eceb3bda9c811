#!/usr/bin/env bash
# Batch test of cowpte in Emacs with eglot and flymake, with the cowpte.el users copy: opens
# the failing sample, checks flymake's diagnostics on its lines and eldoc's hover (test.el).
# Needs Emacs 28 with eglot (Debian 12: apt-get install emacs-nox elpa-eglot), Java 17+ and
# the server jar.
set -euo pipefail
E2E_NAME=emacs
here="$(cd "$(dirname "$0")" && pwd)"
# shellcheck source=../scripts/common.sh
source "$here/../scripts/common.sh"

command -v emacs >/dev/null 2>&1 || missing "Emacs" "Debian: apt-get install emacs-nox elpa-eglot."
emacs --batch -q --eval '(progn (unless (locate-library "eglot") (package-initialize)) (kill-emacs (if (and (>= emacs-major-version 28) (require (quote eglot) nil t)) 0 1)))' >/dev/null 2>&1 \
  || missing "eglot for Emacs 28+ ($(emacs --version | head -1))" "Debian: apt-get install elpa-eglot (Emacs 29+ has it built in)."
need_server_jar

work="$E2E_TARGET/emacs"
rm -rf "$work"
mkdir -p "$work/home" "$SCREENSHOTS"
cp "$REPO_ROOT/samples/failing-on-purpose.cowpte" "$work/"
echo "$E2E_NAME: $(emacs --version | head -1), jar $COWPTE_JAR"
export COWPTE_JAR COWPTE_SAMPLE="$work/failing-on-purpose.cowpte" COWPTE_EMACS_OUT="$SCREENSHOTS/emacs-batch.txt"
# A home of its own: no user init, eglot's files stay under target/.
cd "$work"
HOME="$work/home" timeout -k 5 180 emacs --batch -q -l "$here/test.el" </dev/null
echo "$E2E_NAME: what it saw: $COWPTE_EMACS_OUT"
