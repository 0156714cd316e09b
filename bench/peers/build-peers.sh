#!/bin/sh
# Builds the benchmark's peers outside the repository (bench/peers/README.md).
#   AASHARI_GIT=/path/to/git-dir      a clone or mirror of aashari/mcp-server-atlassian-confluence (HEAD is used)
#   AASHARI_CHECKOUT=/path/to/tree    or a work tree of it
#   (neither: git clone from GitHub)
#   CONFLUENCE_NEXT_PEERS_DIR=DIR     where the peers go (default ~/.cache/confluence-next-peers)
set -eu
DIR="${CONFLUENCE_NEXT_PEERS_DIR:-${BENCH_PEERS_DIR:-$HOME/.cache/confluence-next-peers}}"
AASHARI_URL=https://github.com/aashari/mcp-server-atlassian-confluence.git
mkdir -p "$DIR"
rm -rf "$DIR/aashari"
mkdir -p "$DIR/aashari"
if [ -n "${AASHARI_CHECKOUT:-}" ]; then
  (cd "$AASHARI_CHECKOUT" && tar -c --exclude=node_modules --exclude=dist .) | tar -x -C "$DIR/aashari"
elif [ -n "${AASHARI_GIT:-}" ]; then
  git -C "$AASHARI_GIT" archive HEAD | tar -x -C "$DIR/aashari"
else
  git clone --depth 1 "$AASHARI_URL" "$DIR/aashari"
fi
# The one patch: aashari builds its base URL as https://${ATLASSIAN_SITE_NAME}.atlassian.net; the bench
# needs the fake Confluence's http://127.0.0.1:PORT, so ATLASSIAN_BASE_URL overrides it when set.
# Nothing else of the peer is changed.
TRANSPORT="$DIR/aashari/src/utils/transport.util.ts"
sed -i 's|const baseUrl = `https://${siteName}.atlassian.net`;|const baseUrl = process.env.ATLASSIAN_BASE_URL \|\| `https://${siteName}.atlassian.net`;|' \
  "$TRANSPORT"
if ! grep -q 'process.env.ATLASSIAN_BASE_URL' "$TRANSPORT"; then
  echo "aashari: the base-URL patch did not apply to $TRANSPORT (has the upstream file changed?)" >&2
  exit 1
fi
(cd "$DIR/aashari" && npm ci --no-audit --no-fund && npm run build)
VERSION=$(node -p "require('$DIR/aashari/package.json').version")
echo "aashari $VERSION built: $DIR/aashari/dist/index.js (patched: ATLASSIAN_BASE_URL)"
if python3 -m pip download --no-deps -d "$DIR/pypi-probe" mcp-atlassian >/dev/null 2>&1; then
  python3 -m venv "$DIR/sooperset" && "$DIR/sooperset/bin/pip" install mcp-atlassian
  echo "sooperset installed: $DIR/sooperset/bin/mcp-atlassian"
else
  echo "sooperset skipped: PyPI is not reachable (pip install mcp-atlassian)"
fi
