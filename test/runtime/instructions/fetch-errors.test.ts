// fetch failures that raise (catchable) errors: timeout, connection reset and refused, DNS, refused
// host, response too large. Each names what went wrong, the method and the URL.
import t from 'tap'
import { MockAgent } from 'undici'
import { closedPort, json, makeWorkspace, runError, startServer } from './fetch-helpers.ts'

const one = (args = ''): string => `
do:
  - fetch: {url: "{{config.base}}/x", ${args}}`

t.test('timeout per attempt: FETCH_TIMEOUT, retried for a GET', async t => {
  const srv = await startServer(t, () => {}) // never answers
  const ws = makeWorkspace(
    t,
    {
      once: one('timeout: 100, retry: {attempts: 1}'),
      twice: one('timeout: 100, retry: {attempts: 2, backoff: {base: 1, cap: 1}}'),
      configured: one('retry: {attempts: 1}'),
    },
    { config: { base: srv.origin }, index: { http: { timeoutMs: 150, allowedHosts: ['127.0.0.1'] } } },
  )
  let started = Date.now()
  const err = await runError(ws, 'once')
  t.equal(err.code, 'FETCH_TIMEOUT')
  t.match(err.message, new RegExp(`^fetch GET ${srv.origin}/x: timed out after 100 ms$`))
  t.ok(Date.now() - started < 2000)
  started = Date.now()
  t.match(await runError(ws, 'twice'), { code: 'FETCH_TIMEOUT', data: { attempts: 2 } })
  t.equal(srv.seen.length, 3)
  t.match(
    await runError(ws, 'configured'),
    { code: 'FETCH_TIMEOUT', message: /timed out after 150 ms/ },
    'http.timeoutMs is the default',
  )
  t.ok(Date.now() - started < 3000)
})

t.test('a slow body counts against the same timeout', async t => {
  const srv = await startServer(t, (req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' })
    res.write('partial')
  })
  const ws = makeWorkspace(t, { a: one('timeout: 150, retry: {attempts: 1}') }, { config: { base: srv.origin } })
  t.match(await runError(ws, 'a'), { code: 'FETCH_TIMEOUT' })
})

t.test('connection reset: FETCH_CONNECTION naming ECONNRESET', async t => {
  const srv = await startServer(t, req => req.socket.resetAndDestroy())
  const ws = makeWorkspace(t, { a: one('retry: {attempts: 1}') }, { config: { base: srv.origin } })
  const err = await runError(ws, 'a')
  t.equal(err.code, 'FETCH_CONNECTION')
  t.match(err.message, /: connection (reset \(ECONNRESET\)|closed by the server)/)
})

t.test('connection refused: FETCH_CONNECTION; retried even for a POST since nothing was sent', async t => {
  const port = await closedPort()
  const ws = makeWorkspace(
    t,
    {
      a: one('method: POST, body: {a: 1}, retry: {backoff: {base: 1, cap: 1}}'),
      caught: `
do:
  - try:
      do:
        - fetch: {url: "{{config.base}}/x", retry: {attempts: 1}}
      catch:
        - set: {name: e, value: "{{$error}}"}
output: "{{e}}"`,
    },
    { config: { base: `http://127.0.0.1:${port}` } },
  )
  const err = await runError(ws, 'a')
  t.equal(err.code, 'FETCH_CONNECTION')
  t.equal(err.message, `fetch POST http://127.0.0.1:${port}/x: connection refused (ECONNREFUSED)`)
  t.equal(err.data?.attempts, 3)
  const { output } = await ws.run('caught')
  t.match(output, {
    code: 'FETCH_CONNECTION',
    status: 502,
    message: /connection refused/,
    details: { method: 'GET', errno: 'ECONNREFUSED', attempts: 1 },
  })
})

t.test('DNS failure (MockAgent): FETCH_CONNECTION naming the lookup', async t => {
  const agent = new MockAgent()
  agent.disableNetConnect()
  t.teardown(() => agent.close())
  agent
    .get('https://nosuch.atlassian.net')
    .intercept({ path: '/wiki' })
    .replyWithError(Object.assign(new Error('getaddrinfo ENOTFOUND nosuch.atlassian.net'), { code: 'ENOTFOUND' }))
    .times(3)
  const ws = makeWorkspace(
    t,
    {
      a: `
do:
  - fetch: {url: "https://nosuch.atlassian.net/wiki", retry: {backoff: {base: 1, cap: 1}}}`,
    },
    { dispatcher: agent },
  )
  const err = await runError(ws, 'a')
  t.equal(err.code, 'FETCH_CONNECTION')
  t.equal(
    err.message,
    'fetch GET https://nosuch.atlassian.net/wiki: DNS lookup failed for nosuch.atlassian.net (ENOTFOUND)',
  )
  agent.assertNoPendingInterceptors()
})

t.test('refused host: FETCH_HOST_REFUSED before any connection', async t => {
  const srv = await startServer(t, (req, res) => json(res, 200, {}))
  const ws = makeWorkspace(
    t,
    {
      a: `
arguments: {url: {type: string}}
do:
  - fetch: {url: "{{url}}"}`,
    },
    {
      env: { CONFLUENCE_ALLOW_LOOPBACK: 'false' },
      index: { http: { allowedHosts: ['*.atlassian.net', 'localhost:1'] } },
    },
  )
  for (const url of [
    `${srv.origin}/x`,
    `http://localhost:${srv.port}/x`,
    `http://0x7f.0.0.1:${srv.port}/`,
    `http://[::ffff:127.0.0.1]:${srv.port}/`,
  ]) {
    const err = await runError(ws, 'a', { url })
    t.equal(err.code, 'FETCH_HOST_REFUSED', url)
    t.match(err.message, /is not in http\.allowedHosts of the workspace/)
  }
  t.equal(srv.seen.length, 0, 'the server saw nothing')
})

t.test('response too large: FETCH_TOO_LARGE, from Content-Length or while streaming', async t => {
  const srv = await startServer(t, (req, res) => {
    if (req.url === '/declared') {
      res.writeHead(200, { 'content-type': 'text/plain', 'content-length': 5000 })
      return res.end('x'.repeat(5000))
    }
    if (req.url === '/exact') {
      res.writeHead(200, { 'content-type': 'text/plain' })
      return res.end('y'.repeat(1000))
    }
    res.writeHead(200, { 'content-type': 'application/json' }) // chunked, no length
    let sent = 0
    const more = (): void => {
      if (sent++ < 50 && !res.destroyed) {
        res.write('z'.repeat(500))
        setImmediate(more)
      } else res.end()
    }
    more()
  })
  const ws = makeWorkspace(
    t,
    {
      a: `
arguments: {path: {type: string}}
do:
  - fetch: {url: "{{config.base}}{{path}}", output: r}
output: "{{r}}"`,
    },
    { config: { base: srv.origin }, index: { http: { maxResponseBytes: 1000 } } },
  )
  for (const path of ['/declared', '/streamed']) {
    const err = await runError(ws, 'a', { path })
    t.equal(err.code, 'FETCH_TOO_LARGE', path)
    t.equal(err.message, `fetch GET ${srv.origin}${path}: response is larger than 1000 bytes (http.maxResponseBytes)`)
  }
  t.equal((await ws.run('a', { path: '/exact' })).output, 'y'.repeat(1000), 'exactly the limit is fine')
  t.equal(srv.seen.length, 3, 'not retried')
})
