// How long another client's pages.get waits while N big reads nobody waits for are in progress
// (issue 20, docs/performance.md "Abandoned calls"): a served process against the fake Confluence
// with a 1 MB page; N clients call pages.getBody on it and abort their requests once the fake has
// sent them the page (the work left is the conversion); then another client calls pages.get, and
// its latency is measured, along with the server's CPU over the next seconds.
//
//   node --import tsx bench/abandoned.ts [--n 10] [--rounds 3] [--root DIR]
//
// --root serves another checkout (e.g. an export of an older commit with this node_modules linked),
// to compare before and after on one machine.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { Agent, fetch } from 'undici'
import { createFakeConfluence } from '../sandbox/confluence/index.ts'

const { values } = parseArgs({
  options: {
    n: { type: 'string', default: '10' },
    rounds: { type: 'string', default: '3' },
    root: { type: 'string', default: new URL('..', import.meta.url).pathname },
    bytes: { type: 'string', default: '1000000' },
  },
})
const N = Number(values.n)
const ROUNDS = Number(values.rounds)
const ROOT = values.root!
const EMAIL = 'bench@example.com'
const TOKEN = 'bench-token-0123456789'
const AGENT = 'bench-agent'
const HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }

const fake = await createFakeConfluence({ seed: 'demo' })
fake.credentials.addApiToken(EMAIL, TOKEN)
const fakeUrl = await fake.listen()
const [big] = fake.seedBulk({ pages: 1, bodyBytes: Number(values.bytes), spaceKey: 'BULK' })
let served = 0
fake.app.server.on('request', (req, res) => {
  if (req.url?.includes(`/pages/${big.id}?`)) res.once('finish', () => served++)
})

const child = spawn(process.execPath, ['bin/confluence-next.js', 'serve', '--port', '0', '--host', '127.0.0.1'], {
  cwd: ROOT,
  env: {
    PATH: process.env.PATH,
    DATA_DIR: mkdtempSync(join(tmpdir(), 'cn-abandoned-')),
    LOG_LEVEL: 'warn',
    CONFLUENCE_AUTH_MODE: 'apiToken',
    CONFLUENCE_SITE_URL: fakeUrl,
    CONFLUENCE_EMAIL: EMAIL,
    CONFLUENCE_API_TOKEN: TOKEN,
    CONFLUENCE_ALLOWED_AGENTS: AGENT,
    CONFLUENCE_ALLOW_LOOPBACK: 'true',
  },
  stdio: ['ignore', 'pipe', 'pipe'],
})
let out = ''
const url = await new Promise<string>((resolve, reject) => {
  const onData = (d: Buffer): void => {
    out += d.toString()
    const m = /MCP: +(http:\/\/127\.0\.0\.1:\d+)\/mcp/.exec(out)
    if (m) resolve(m[1])
  }
  child.stdout!.on('data', onData)
  child.stderr!.on('data', onData)
  child.on('exit', code => reject(new Error(`serve exited ${code}: ${out}`)))
})
let stopping = false
child.on('exit', code => {
  if (stopping) return
  console.error(`serve exited ${code}:\n${out}`)
  process.exit(1)
})

let nextId = 1
/** Each call on a connection of its own: a kept-alive one may have timed out on the server meanwhile. */
async function call(action: string, id: string, signal?: AbortSignal): Promise<string> {
  const args = { action, id, agent_id: AGENT, user_id: 'bench-user' }
  const body = { jsonrpc: '2.0', id: nextId++, method: 'tools/call', params: { name: 'pages', arguments: args } }
  const dispatcher = new Agent()
  try {
    const res = await fetch(`${url}/mcp`, {
      method: 'POST',
      headers: HEADERS,
      body: JSON.stringify(body),
      signal,
      dispatcher,
    })
    return await res.text()
  } finally {
    void dispatcher.destroy()
  }
}

/** The served process's CPU seconds so far (Linux /proc). */
function cpuSeconds(): number {
  const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ')
  return (Number(fields[11]) + Number(fields[12])) / 100
}

async function until(test: () => boolean): Promise<void> {
  while (!test()) await new Promise(resolve => setTimeout(resolve, 10))
}

await call('get', '65538') // warm: compiled paths
for (let round = 1; round <= ROUNDS; round++) {
  const before = served
  const readers = Array.from({ length: N }, () => new AbortController())
  const reads = readers.map(c => call('getBody', big.id, c.signal).catch(() => 'aborted'))
  await until(() => served >= before + N)
  for (const c of readers) c.abort()
  await Promise.all(reads)
  const started = performance.now()
  const answer = JSON.parse(await call('get', '65538')) as { result?: { isError?: boolean } }
  const ok = answer.result !== undefined && !answer.result.isError
  const waited = performance.now() - started
  const cpu0 = cpuSeconds()
  await new Promise(resolve => setTimeout(resolve, 3000))
  const busy = cpuSeconds() - cpu0
  console.log(
    `round ${round}: N=${N} abandoned reads of ${values.bytes} bytes; another client's pages.get ` +
      `${ok ? 'answered' : 'FAILED'} in ${waited.toFixed(0)} ms; server CPU in the next 3 s: ${busy.toFixed(2)} s`,
  )
  // Let whatever is still running finish before the next round.
  while (true) {
    const c = cpuSeconds()
    await new Promise(resolve => setTimeout(resolve, 1000))
    if (cpuSeconds() - c < 0.05) break
  }
}
stopping = true
child.kill('SIGKILL')
await fake.close()
