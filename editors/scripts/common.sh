# Sourced by the editors' end-to-end scripts. A missing editor or tool skips its test with the
# reason, except when CI=true (CI sets it), where it fails the build.

# missing WHAT HOW-TO-INSTALL: skip (exit 0) or, under CI=true, fail (exit 1).
missing() {
  if [ "${CI:-}" = "true" ]; then
    echo "${E2E_NAME:-editors}: FAILED: $1 is missing (CI=true, so a missing tool fails). $2" >&2
    exit 1
  fi
  echo "${E2E_NAME:-editors}: SKIPPED: $1 is missing. $2"
  echo "${E2E_NAME:-editors}: (this test skips itself on machines without it; with CI=true it fails instead)"
  # For the summary that ends the build (scripts/summary.sh).
  mkdir -p "$E2E_TARGET" && echo "${E2E_NAME:-editors}: $1 is missing. $2" >>"$E2E_TARGET/skipped.txt"
  exit 0
}

# A free TCP port on 127.0.0.1 (asks the kernel for one, then releases it).
free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()' 2>/dev/null \
    || node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close();})'
}

# The repository root and the server jar.
EDITORS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
REPO_ROOT="$(cd "$EDITORS_DIR/.." && pwd)"
COWPTE_JAR="${COWPTE_JAR:-$REPO_ROOT/server/target/cowpte.jar}"
E2E_TARGET="${E2E_TARGET:-$EDITORS_DIR/target}"
SCREENSHOTS="$E2E_TARGET/e2e-screenshots"

need_server_jar() {
  if [ ! -f "$COWPTE_JAR" ]; then
    echo "${E2E_NAME:-editors}: FAILED: $COWPTE_JAR is not built (mvn -pl server -am package, or mvn verify from the root)" >&2
    exit 1
  fi
  command -v java >/dev/null 2>&1 || missing "java (17+)" "Debian: apt-get install openjdk-17-jdk-headless."
}
