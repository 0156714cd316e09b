// `confluence-next serve` as a real process: start-up message, an in-flight call that outlives
// SIGTERM, a clean exit. Also `confluence-next tools`.
import t from 'tap'
import { spawn, execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { fixture } from './helpers.ts'

const BIN = fileURLToPath(new URL('../../../bin/confluence-next.js', import.meta.url))

t.test('serve: an in-flight call completes after SIGTERM, then the process exits 0', async t => {
  const child = spawn(process.execPath, [BIN, 'serve', '--workspace', fixture('serve-basic')], {
    env: {
      ...process.env,
      HOST: '127.0.0.1',
      PORT: '0',
      LOG_LEVEL: 'info',
      CONFLUENCE_NEXT_API_KEYS: '',
      DATA_DIR: t.testdir(),
      CONFLUENCE_NEXT_MASTER_KEY: '',
      REDIS_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  t.teardown(() => {
    if (child.exitCode === null) child.kill('SIGKILL')
  })
  let stderr = ''
  let stdout = ''
  child.stdout.on('data', d => {
    stdout += d
  })
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.on('data', d => {
      stderr += d
      const m = /MCP:\s+(http:\/\/127\.0\.0\.1:\d+)\/mcp/.exec(stderr)
      if (m) resolve(m[1])
    })
    child.once('exit', code => reject(new Error(`exited ${code}: ${stderr}`)))
  })
  t.match(stderr, /serving workspace "serve-basic" \(\d+ automations, 4 tools: items, pages, slow, whoami\)/)
  t.match(stderr, /auth:\s+none \(loopback only/)
  t.match(stderr, /generated a new master key/, 'serve opens the SQLite store in DATA_DIR')
  const exited = new Promise<number | null>(resolve => child.once('exit', code => resolve(code)))
  t.match(await fetch(url + '/readyz').then(r => r.json()), { status: 'ok' })

  const slow = fetch(url + '/mcp', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: { name: 'slow', arguments: { seconds: 1.2 } },
    }),
  }).then(r => r.json())
  await new Promise(resolve => setTimeout(resolve, 300))
  child.kill('SIGTERM')
  await new Promise(resolve => setTimeout(resolve, 200))
  // Draining: still listening, so a new call is answered 503 (retry elsewhere) rather than refused.
  const late = await fetch(url + '/mcp', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }),
  })
  t.equal(late.status, 503, 'a new call while draining: 503')
  t.equal(late.headers.get('retry-after'), '1', 'with Retry-After')
  t.match(await late.json(), { error: 'SHUTTING_DOWN' })
  t.equal((await fetch(url + '/readyz')).status, 503, 'not ready while draining')
  t.equal((await fetch(url + '/healthz')).status, 200, 'alive while draining')
  t.same(
    await slow,
    { jsonrpc: '2.0', id: 1, result: { content: [{ type: 'text', text: 'slow done' }] } },
    'the in-flight call finished',
  )
  t.equal(await exited, 0)
  t.match(stdout, /"msg":"shutting down: finishing in-flight calls"/)
  t.match(stdout, /"msg":"stopped"/)
})

t.test('serve: a non-loopback HOST without keys is a clear start-up error', async t => {
  const run = promisify(execFile)
  const env = { ...process.env, HOST: '0.0.0.0', PORT: '0', CONFLUENCE_NEXT_API_KEYS: '', DATA_DIR: ':memory:' }
  const err = await run(process.execPath, [BIN, 'serve', '--workspace', fixture('serve-basic')], { env }).then(
    () => undefined,
    e => e,
  )
  t.equal(err?.code, 1)
  t.match(err?.stderr, /serve: refusing to listen on 0\.0\.0\.0 without API keys: set CONFLUENCE_NEXT_API_KEYS/)
})

t.test('tools: prints the tools/list result', async t => {
  const run = promisify(execFile)
  const { stdout, stderr } = await run(process.execPath, [BIN, 'tools', '--workspace', fixture('serve-basic')])
  const list = JSON.parse(stdout)
  t.same(
    list.tools.map((x: { name: string }) => x.name),
    ['items', 'pages', 'slow', 'whoami'],
  )
  t.match(list.tools[1], {
    name: 'pages',
    inputSchema: { type: 'object', properties: { action: { enum: ['fail', 'get', 'list', 'update'] } } },
  })
  t.match(
    stderr,
    /warning: automations\/reserved\.yml: "reserved" is not served as reserved\.run: argument\(s\) user_id are reserved/,
  )
})

t.test('TRUST_PROXY: which proxies to believe', async t => {
  const { trustProxyFromEnv } = await import('../../../runtime/server/app.ts')
  t.equal(trustProxyFromEnv(undefined), false)
  t.equal(trustProxyFromEnv('false'), false)
  t.equal(trustProxyFromEnv('true'), true)
  t.equal(trustProxyFromEnv('2'), 2)
  t.same(trustProxyFromEnv('10.0.0.0/8, 127.0.0.1'), ['10.0.0.0/8', '127.0.0.1'])
  t.throws(() => trustProxyFromEnv('lb.example'), /TRUST_PROXY: "lb\.example" is not an address or CIDR range/)
})
