#!/bin/sh
# Builds the benchmark's peers outside the repository (bench/peers/README.md).
set -eu
DIR="${BENCH_PEERS_DIR:-$HOME/.cache/confluence-next-peers}"
mkdir -p "$DIR"
if [ -n "${AASHARI_CHECKOUT:-}" ]; then
  rm -rf "$DIR/aashari"
  cp -R "$AASHARI_CHECKOUT" "$DIR/aashari"
  (cd "$DIR/aashari" && npm ci && npm run build)
  echo "aashari built: $DIR/aashari (entry: dist/index.js)"
else
  echo "aashari skipped: not on the npm registry; set AASHARI_CHECKOUT to a git checkout of aashari/mcp-server-atlassian-confluence"
fi
if python3 -m pip download --no-deps -d "$DIR/pypi-probe" mcp-atlassian >/dev/null 2>&1; then
  python3 -m venv "$DIR/sooperset" && "$DIR/sooperset/bin/pip" install mcp-atlassian
  echo "sooperset installed: $DIR/sooperset/bin/mcp-atlassian"
else
  echo "sooperset skipped: PyPI is not reachable (pip install mcp-atlassian)"
fi
