// fetch retries against a real loopback server: Retry-After in both forms, bounded backoff, which
// methods are replayed, and the run's wall time. Timing asserts are lower bounds the code guarantees
// and generous upper bounds only.
import t from 'tap'
import { json, makeWorkspace, runError, startServer } from './fetch-helpers.ts'

const automation = (fetchArgs: string): string => `
do:
  - fetch: {url: "{{config.base}}/x", outputMode: detailed_response, output: r, ${fetchArgs}}
output: {status: "{{r.status}}", body: "{{r.body}}", attempts: "{{$fetch.attempts}}"}`

t.test('Retry-After in seconds is honoured', async t => {
  const srv = await startServer(t, (req, res, body, n) =>
    n === 1 ? json(res, 429, { error: 'slow down' }, { 'retry-after': '1' }) : json(res, 200, { n }),
  )
  const ws = makeWorkspace(
    t,
    { a: automation('retry: {backoff: {base: 1, cap: 5000}}') },
    { config: { base: srv.origin } },
  )
  const started = Date.now()
  const { output } = await ws.run('a')
  const elapsed = Date.now() - started
  t.same(output, { status: 200, body: { n: 2 }, attempts: 2 })
  t.equal(srv.seen.length, 2)
  t.ok(elapsed >= 950, `waited ${elapsed} ms for Retry-After: 1`)
  t.ok(elapsed < 5000)
})

t.test('Retry-After as an HTTP date is honoured', async t => {
  let retryAt = 0
  const srv = await startServer(t, (req, res, body, n) => {
    if (n > 1) {
      retryAt = Date.now()
      return json(res, 200, { n })
    }
    json(res, 503, {}, { 'retry-after': new Date(Date.now() + 2000).toUTCString() })
  })
  const ws = makeWorkspace(
    t,
    { a: automation('retry: {backoff: {base: 1, cap: 5000}}') },
    { config: { base: srv.origin } },
  )
  const started = Date.now()
  t.same((await ws.run('a')).output, { status: 200, body: { n: 2 }, attempts: 2 })
  // The date has a one-second resolution: the wait is between 1 and 2 s.
  t.ok(retryAt - started >= 900, `retried after ${retryAt - started} ms`)
  t.ok(retryAt - started < 5000)
})

t.test('a Retry-After longer than backoff.cap stops retrying: the 429 is the answer', async t => {
  const srv = await startServer(t, (req, res) => json(res, 429, { error: 'quota' }, { 'retry-after': '30' }))
  const ws = makeWorkspace(t, { a: automation('method: POST, body: {a: 1}') }, { config: { base: srv.origin } })
  const started = Date.now()
  t.same((await ws.run('a')).output, { status: 429, body: { error: 'quota' }, attempts: 1 })
  t.equal(srv.seen.length, 1)
  t.ok(Date.now() - started < 2000)
})

t.test('backoff: attempts are bounded and every wait stays within the cap', async t => {
  const srv = await startServer(t, (req, res) => json(res, 503, { error: 'unavailable' }))
  const ws = makeWorkspace(
    t,
    {
      none: automation('retry: {attempts: 4, backoff: {base: 20, cap: 40}, jitter: none}'),
      full: automation('retry: {attempts: 5, backoff: {base: 50, cap: 50}}'),
    },
    { config: { base: srv.origin } },
  )
  let started = Date.now()
  t.same(
    (await ws.run('none')).output,
    { status: 503, body: { error: 'unavailable' }, attempts: 4 },
    'the last 503 is returned, not thrown',
  )
  let elapsed = Date.now() - started
  t.equal(srv.seen.length, 4)
  t.ok(elapsed >= 95, `20 + 40 + 40 ms of waits took ${elapsed} ms`)
  t.ok(elapsed < 2000)
  started = Date.now()
  t.match((await ws.run('full')).output, { status: 503, attempts: 5 })
  elapsed = Date.now() - started
  t.equal(srv.seen.length, 9)
  t.ok(elapsed < 2000, `four jittered waits of at most 50 ms took ${elapsed} ms`)
})

t.test('502/504 are retried for idempotent methods only; 429/503 for every method', async t => {
  const srv = await startServer(t, (req, res) =>
    json(res, req.url === '/x' && req.headers['x-status'] ? Number(req.headers['x-status']) : 502, {}),
  )
  const ws = makeWorkspace(
    t,
    {
      a: `
arguments: {method: {type: string}, status: {type: integer}, key: {type: string}}
do:
  - fetch:
      url: "{{config.base}}/x"
      method: "{{method}}"
      headers: {X-Status: "{{status}}", Idempotency-Key: "{{key}}"}
      retry: {attempts: 2, backoff: {base: 1, cap: 1}}
output: "{{$fetch.attempts}}"`,
    },
    { config: { base: srv.origin } },
  )
  const attempts = async (method: string, status: number, key?: string): Promise<unknown> =>
    (await ws.run('a', { method, status, ...(key ? { key } : {}) })).output
  t.equal(await attempts('GET', 502), 2)
  t.equal(await attempts('PUT', 504), 2)
  t.equal(await attempts('DELETE', 502), 2)
  t.equal(await attempts('POST', 502), 1, 'a POST that got a 502 may have been processed')
  t.equal(await attempts('PATCH', 504), 1)
  t.equal(await attempts('POST', 502, 'k-1'), 2, 'an Idempotency-Key makes a POST replayable')
  t.equal(await attempts('POST', 429), 2)
  t.equal(await attempts('POST', 503), 2)
  t.equal(await attempts('GET', 500), 1, '500 is not retried')
})

t.test('a POST whose connection was reset is not replayed unless retry.unsafe is true', async t => {
  const srv = await startServer(t, req => req.socket.destroy())
  const ws = makeWorkspace(
    t,
    {
      post: `
do:
  - fetch: {url: "{{config.base}}/pages", method: POST, body: {title: T}, retry: {backoff: {base: 1, cap: 1}}}`,
      unsafe: `
do:
  - fetch: {url: "{{config.base}}/pages", method: POST, body: {title: T}, retry: {unsafe: true, backoff: {base: 1, cap: 1}}}`,
      put: `
do:
  - fetch: {url: "{{config.base}}/pages/1", method: PUT, body: {version: 2}, retry: {unsafe: false, backoff: {base: 1, cap: 1}}}`,
      get: `
do:
  - fetch: {url: "{{config.base}}/pages/1", retry: {backoff: {base: 1, cap: 1}}}`,
    },
    { config: { base: srv.origin } },
  )
  const err = await runError(ws, 'post')
  t.equal(err.code, 'FETCH_CONNECTION')
  t.match(err.message, /^fetch POST http:\/\/127\.0\.0\.1:\d+\/pages: connection (reset|closed)/)
  t.equal(srv.seen.length, 1, 'the server saw the POST once')
  t.match(await runError(ws, 'unsafe'), { code: 'FETCH_CONNECTION', data: { attempts: 3 } })
  t.equal(srv.seen.length, 4, 'retry.unsafe: true replays it (3 attempts)')
  t.match(await runError(ws, 'put'), { code: 'FETCH_CONNECTION', data: { attempts: 1 } })
  t.equal(srv.seen.length, 5, 'retry.unsafe: false marks a PUT as not retry-safe')
  t.match(await runError(ws, 'get'), { code: 'FETCH_CONNECTION', data: { attempts: 3 } })
  t.equal(srv.seen.length, 8, 'a GET is replayed')
})

t.test('the run wall time bounds retries', async t => {
  t.test('a wait that would pass the deadline is not started: the last response is returned', async t => {
    const srv = await startServer(t, (req, res) => json(res, 503, {}, { 'retry-after': '5' }))
    const ws = makeWorkspace(
      t,
      { a: automation('retry: {backoff: {cap: 10000}}') },
      { config: { base: srv.origin }, index: { limits: { runWallTimeMs: 2000 } } },
    )
    const started = Date.now()
    t.match((await ws.run('a')).output, { status: 503, attempts: 1 })
    t.ok(Date.now() - started < 1500)
  })
  t.test('an attempt in flight when the wall time runs out is aborted with LIMIT_WALL_TIME', async t => {
    const srv = await startServer(t, (req, res, body, n) => {
      if (n === 1) json(res, 503, {}, { 'retry-after': '0' })
    })
    const ws = makeWorkspace(
      t,
      { a: automation('timeout: 10000') },
      { config: { base: srv.origin }, index: { limits: { runWallTimeMs: 400 } } },
    )
    const started = Date.now()
    const err = await runError(ws, 'a')
    t.equal(err.code, 'LIMIT_WALL_TIME')
    t.equal(srv.seen.length, 2)
    t.ok(Date.now() - started < 3000)
  })
  t.test('a caller that gives up aborts the backoff wait', async t => {
    const srv = await startServer(t, (req, res) => json(res, 503, {}))
    const ws = makeWorkspace(
      t,
      { a: automation('retry: {backoff: {base: 5000, cap: 5000}, jitter: none}') },
      { config: { base: srv.origin } },
    )
    const controller = new AbortController()
    setTimeout(() => controller.abort(), 150)
    const started = Date.now()
    // The caller's abort cancels the run (RUN_CANCELLED, docs/serving.md "Cancellation"), not a connection error.
    await t.rejects(ws.run('a', {}, { signal: controller.signal }), { code: 'RUN_CANCELLED', message: /cancelled/ })
    t.equal(srv.seen.length, 1)
    t.ok(Date.now() - started < 3000)
  })
})
