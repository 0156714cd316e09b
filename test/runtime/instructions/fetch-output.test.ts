// fetch responses: parsing by content type, the three output modes, statuses that never throw, `$fetch`.
import t from 'tap'
import { json, makeWorkspace, startServer } from './fetch-helpers.ts'

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff])

async function contentServer(t: Parameters<typeof startServer>[0]): ReturnType<typeof startServer> {
  return startServer(t, (req, res) => {
    switch (req.url) {
      case '/json':
        return json(res, 200, { id: '42', title: 'Home' })
      case '/problem':
        return json(res, 404, { message: 'No page 7' }, { 'content-type': 'application/problem+json' })
      case '/text':
        res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' })
        return res.end('héllo')
      case '/latin1':
        res.writeHead(200, { 'content-type': 'text/plain; charset=iso-8859-1' })
        return res.end(Buffer.from([0x63, 0x61, 0x66, 0xe9]))
      case '/xml':
        res.writeHead(200, { 'content-type': 'application/xml' })
        return res.end('<a>1</a>')
      case '/png':
        res.writeHead(200, { 'content-type': 'image/png' })
        return res.end(PNG)
      case '/empty':
        res.writeHead(204)
        return res.end()
      case '/broken-json':
        res.writeHead(502, { 'content-type': 'application/json' })
        return res.end('<html>Bad gateway</html>')
      default:
        return json(res, 500, { error: 'boom' }, { 'x-request-id': 'r-1' })
    }
  })
}

t.test('outputMode body: parsed by content type', async t => {
  const srv = await contentServer(t)
  const ws = makeWorkspace(
    t,
    {
      get: `
arguments: {path: {type: string}}
do:
  - fetch: {url: "{{config.base}}{{path}}", output: result}
output: "{{result}}"`,
    },
    { config: { base: srv.origin } },
  )
  const out = async (path: string): Promise<unknown> => (await ws.run('get', { path })).output
  t.same(await out('/json'), { id: '42', title: 'Home' })
  t.same(await out('/problem'), { message: 'No page 7' }, '+json types are JSON')
  t.equal(await out('/text'), 'héllo')
  t.equal(await out('/latin1'), 'café', 'the charset is honoured')
  t.equal(await out('/xml'), '<a>1</a>')
  const png = await out('/png')
  t.ok(Buffer.isBuffer(png) && PNG.equals(png as Buffer), 'binary types are a Buffer')
  t.equal(await out('/empty'), null, 'an empty body is null')
  t.equal(await out('/broken-json'), '<html>Bad gateway</html>', 'unparseable JSON comes back as text')
})

t.test('outputMode detailed_response and base64', async t => {
  const srv = await contentServer(t)
  const ws = makeWorkspace(
    t,
    {
      detailed: `
do:
  - fetch: {url: "{{config.base}}/json", outputMode: detailed_response, output: r}
output: "{{r}}"`,
      b64: `
do:
  - fetch: {url: "{{config.base}}/png", outputMode: base64, output: data}
output: {data: "{{data}}", type: "{{$fetch.headers.content-type}}"}`,
    },
    { config: { base: srv.origin } },
  )
  const { output } = (await ws.run('detailed')) as {
    output: { status: number; headers: Record<string, string>; body: unknown }
  }
  t.equal(output.status, 200)
  t.equal(output.headers['content-type'], 'application/json')
  t.same(output.body, { id: '42', title: 'Home' })
  t.same((await ws.run('b64')).output, { data: PNG.toString('base64'), type: 'image/png' })
})

t.test('4xx and 5xx never throw; $fetch holds the status for {{ }}, JSONata and conditions', async t => {
  const srv = await contentServer(t)
  const ws = makeWorkspace(
    t,
    {
      status: `
arguments: {path: {type: string}}
do:
  - fetch: {url: "{{config.base}}{{path}}", output: page}
  - conditions:
      $fetch.status = 404:
        - set: {name: verdict, value: missing}
      $fetch.status >= 500:
        - set: {name: verdict, value: "server error {{$fetch.status}}"}
      default:
        - set: {name: verdict, value: ok}
output:
  verdict: "{{verdict}}"
  status: "{{$fetch.status}}"
  ok: "{% $fetch.ok %}"
  requestId: "{{$fetch.headers.x-request-id}}"
  method: "{{$fetch.method}}"
  url: "{{$fetch.url}}"
  attempts: "{{$fetch.attempts}}"
  body: "{{page}}"`,
    },
    { config: { base: srv.origin } },
  )
  t.same((await ws.run('status', { path: '/problem' })).output, {
    verdict: 'missing',
    status: 404,
    ok: false,
    method: 'GET',
    url: `${srv.origin}/problem`,
    attempts: 1,
    body: { message: 'No page 7' },
  })
  t.match((await ws.run('status', { path: '/boom' })).output, {
    verdict: 'server error 500',
    status: 500,
    requestId: 'r-1',
    body: { error: 'boom' },
  })
  t.match((await ws.run('status', { path: '/json' })).output, { verdict: 'ok', status: 200, ok: true })
})

t.test('a failed fetch replaces $fetch, so an earlier status is not mistaken for it', async t => {
  const srv = await contentServer(t)
  const ws = makeWorkspace(
    t,
    {
      stale: `
do:
  - fetch: {url: "{{config.base}}/json"}
  - try:
      do:
        - fetch: {url: "https://example.org/x"}
      catch:
        - set: {name: seen, value: "{{$fetch}}"}
output: "{{seen}}"`,
    },
    { config: { base: srv.origin } },
  )
  t.same((await ws.run('stale')).output, {
    status: null,
    ok: false,
    headers: {},
    url: 'https://example.org/x',
    method: 'GET',
    attempts: 0,
    error: 'FETCH_HOST_REFUSED',
  })
})

t.test('each concurrent repeat iteration reads its own $fetch', async t => {
  const srv = await startServer(t, (req, res) => {
    const n = Number(req.url!.slice(1))
    setTimeout(() => json(res, 400 + n, { n }), (5 - n) * 15) // later items answer first, so writes interleave
  })
  const ws = makeWorkspace(
    t,
    {
      loop: `
do:
  - fetch: {url: "{{config.base}}/0"}
  - set: {name: statuses, value: []}
  - repeat:
      on: [1, 2, 3, 4]
      batch: {size: 4}
      do:
        - fetch: {url: "{{config.base}}/{{item}}", output: body}
        - set: {name: "statuses[]", value: {n: "{{body.n}}", status: "{{$fetch.status}}"}}
output: "{% $sort(statuses, function($a, $b) { $a.n > $b.n }) %}"`,
    },
    { config: { base: srv.origin } },
  )
  // The fetch before the loop gives the automation a $fetch of its own, which the iterations share.
  t.same((await ws.run('loop')).output, [
    { n: 1, status: 401 },
    { n: 2, status: 402 },
    { n: 3, status: 403 },
    { n: 4, status: 404 },
  ])
})

t.test('HEAD and the shared Agent (no injected dispatcher)', async t => {
  const srv = await contentServer(t)
  const ws = makeWorkspace(
    t,
    {
      head: `
do:
  - fetch: {url: "{{config.base}}/json", method: HEAD, outputMode: detailed_response, output: r}
output: "{{r}}"`,
    },
    { config: { base: srv.origin }, dispatcher: null },
  )
  const { output } = (await ws.run('head')) as { output: { status: number; body: unknown } }
  t.equal(output.status, 200)
  t.equal(output.body, null)
  t.equal(srv.seen[0].method, 'HEAD')
})

t.test('many concurrent fetches in one run: no listener-leak warning', async t => {
  const srv = await startServer(t, (req, res) => setTimeout(() => json(res, 200, {}), 20))
  const ws = makeWorkspace(
    t,
    {
      fan: `
do:
  - repeat:
      on: "{% [1..15] %}"
      batch: {size: 15}
      do:
        - fetch: {url: "{{config.base}}/{{item}}"}`,
    },
    { config: { base: srv.origin } },
  )
  const warnings: string[] = []
  const onWarning = (w: Error): number => warnings.push(w.name)
  process.on('warning', onWarning)
  t.teardown(() => {
    process.off('warning', onWarning)
  })
  await ws.run('fan')
  await new Promise(resolve => setImmediate(resolve))
  t.equal(srv.seen.length, 15)
  t.same(
    warnings.filter(w => w === 'MaxListenersExceededWarning'),
    [],
  )
})
