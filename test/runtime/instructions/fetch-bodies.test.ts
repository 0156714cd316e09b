// fetch request building against a real loopback server: each body kind, query arrays, headers, auth.
import t from 'tap'
import { json, makeWorkspace, startServer } from './fetch-helpers.ts'

const echo = (req: unknown, res: Parameters<typeof json>[0], body: Buffer): void =>
  json(res, 200, { ok: true, size: body.length })

t.test('body: an object is sent as JSON', async t => {
  const srv = await startServer(t, echo)
  const ws = makeWorkspace(
    t,
    {
      create: `
do:
  - fetch:
      url: "{{config.base}}/pages"
      method: post
      body: {title: "{{title}}", n: 2, tags: [a, b], nested: {ok: true}}
      output: result
output: "{{result}}"
arguments: {title: {type: string}}`,
    },
    { config: { base: srv.origin } },
  )
  const { output } = await ws.run('create', { title: 'Hello' })
  t.same(output, { ok: true, size: srv.seen[0].body.length })
  t.equal(srv.seen[0].method, 'POST')
  t.equal(srv.seen[0].headers['content-type'], 'application/json')
  t.same(JSON.parse(srv.seen[0].body.toString()), { title: 'Hello', n: 2, tags: ['a', 'b'], nested: { ok: true } })
  t.match(srv.seen[0].headers['user-agent'], /^confluence-next/)
})

t.test('body: a string is sent as is, text/plain unless a content type is given', async t => {
  const srv = await startServer(t, echo)
  const ws = makeWorkspace(
    t,
    {
      text: `
do:
  - fetch: {url: "{{config.base}}/a", method: PUT, body: "plain <b>text</b>"}
  - fetch: {url: "{{config.base}}/b", method: PUT, body: '{"raw":1}', headers: {Content-Type: application/json}}`,
    },
    { config: { base: srv.origin } },
  )
  await ws.run('text')
  t.equal(srv.seen[0].body.toString(), 'plain <b>text</b>')
  t.equal(srv.seen[0].headers['content-type'], 'text/plain; charset=utf-8')
  t.equal(srv.seen[1].body.toString(), '{"raw":1}')
  t.equal(srv.seen[1].headers['content-type'], 'application/json')
})

t.test('form: fields are urlencoded, arrays repeat the key; a body object with a form content type too', async t => {
  const srv = await startServer(t, echo)
  const ws = makeWorkspace(
    t,
    {
      form: `
do:
  - fetch:
      url: "{{config.base}}/token"
      method: POST
      form: {grant_type: refresh_token, scope: [read, write], empty: null, n: 3}
  - fetch:
      url: "{{config.base}}/token"
      method: POST
      headers: {content-type: application/x-www-form-urlencoded}
      body: {a: "x y", b: "é&="}`,
    },
    { config: { base: srv.origin } },
  )
  await ws.run('form')
  t.equal(srv.seen[0].headers['content-type'], 'application/x-www-form-urlencoded')
  t.equal(srv.seen[0].body.toString(), 'grant_type=refresh_token&scope=read&scope=write&n=3')
  t.equal(srv.seen[1].body.toString(), 'a=x+y&b=%C3%A9%26%3D')
})

t.test('multipart: fields and a file given in base64 (and a text file with encoding utf8)', async t => {
  const srv = await startServer(t, echo)
  const ws = makeWorkspace(
    t,
    {
      upload: `
arguments: {data: {type: string}}
do:
  - fetch:
      url: "{{config.base}}/attachments"
      method: POST
      headers: {X-Atlassian-Token: no-check, Content-Type: multipart/form-data}
      multipart:
        - {name: comment, value: "first upload"}
        - {name: minorEdit, value: true}
        - {name: file, value: "{{data}}", filename: logo.png, contentType: image/png}
        - {name: notes, value: "line 1", filename: notes.txt, contentType: text/plain, encoding: utf8}`,
    },
    { config: { base: srv.origin } },
  )
  const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0x10])
  await ws.run('upload', { data: bytes.toString('base64') })
  const seen = srv.seen[0]
  const type = String(seen.headers['content-type'])
  t.match(type, /^multipart\/form-data; boundary=/)
  const boundary = type.split('boundary=')[1]
  const raw = seen.body.toString('latin1')
  const parts = raw.split(`--${boundary}`).slice(1, -1)
  t.equal(parts.length, 4)
  t.match(parts[0], /name="comment"\r\n\r\nfirst upload\r\n$/)
  t.match(parts[1], /name="minorEdit"\r\n\r\ntrue\r\n$/)
  t.match(parts[2], /name="file"; filename="logo.png"\r\nContent-Type: image\/png\r\n\r\n/)
  t.same(Buffer.from(parts[2].split('\r\n\r\n')[1].slice(0, -2), 'latin1'), bytes)
  t.match(parts[3], /filename="notes.txt"\r\nContent-Type: text\/plain\r\n\r\nline 1\r\n$/)
  t.equal(seen.headers['x-atlassian-token'], 'no-check')
})

t.test('multipart: a file value that is not base64 is a clear FETCH_INVALID', async t => {
  const srv = await startServer(t, echo)
  const ws = makeWorkspace(
    t,
    {
      bad: `
do:
  - fetch: {url: "{{config.base}}/x", method: POST, multipart: [{name: file, value: "not base64!", filename: a.txt}]}`,
    },
    { config: { base: srv.origin } },
  )
  await t.rejects(ws.run('bad'), { code: 'FETCH_INVALID', message: /multipart part "file": value is not base64/ })
  t.equal(srv.seen.length, 0)
})

t.test('query: arrays repeat the key, null is left out, existing query kept; headers and auth', async t => {
  const srv = await startServer(t, echo)
  const ws = makeWorkspace(
    t,
    {
      search: `
do:
  - fetch:
      url: "{{config.base}}/pages?space=DOCS"
      query: {id: [1, 2, 3], status: current, cursor: null, body-format: storage, q: "a b&c"}
      headers: {Accept: application/json, X-Trace: [one, two], X-None: null}
      auth: {basic: {username: me@example.com, password: "{{secret.apiToken}}"}}`,
    },
    { config: { base: srv.origin }, secrets: { apiToken: 'tok-123456' } },
  )
  await ws.run('search')
  const seen = srv.seen[0]
  t.equal(seen.url, '/pages?space=DOCS&id=1&id=2&id=3&status=current&body-format=storage&q=a+b%26c')
  t.equal(seen.headers.accept, 'application/json')
  t.equal(seen.headers['x-trace'], 'one, two')
  t.notOk('x-none' in seen.headers)
  t.equal(seen.headers.authorization, `Basic ${Buffer.from('me@example.com:tok-123456').toString('base64')}`)
})

t.test('auth: bearer; an empty token or auth plus an Authorization header is FETCH_INVALID before sending', async t => {
  const srv = await startServer(t, echo)
  const ws = makeWorkspace(
    t,
    {
      ok: `
do:
  - fetch: {url: "{{config.base}}/me", auth: {bearer: "{{secret.token}}"}}`,
      empty: `
do:
  - fetch: {url: "{{config.base}}/me", auth: {bearer: "{{secret.missing}}"}}`,
      both: `
do:
  - fetch: {url: "{{config.base}}/me", auth: {bearer: abcdef}, headers: {Authorization: Bearer xyz}}`,
    },
    {
      config: { base: srv.origin },
      secrets: { token: 'ey.bearer.token' },
      // `missing` is declared and has no value: reading an undeclared one would not even load.
      index: { secrets: { schema: { type: 'object', properties: { missing: { type: 'string' } } } } },
    },
  )
  await ws.run('ok')
  t.equal(srv.seen[0].headers.authorization, 'Bearer ey.bearer.token')
  await t.rejects(ws.run('empty'), { code: 'FETCH_INVALID', message: /auth\.bearer is empty/ })
  await t.rejects(ws.run('both'), { code: 'FETCH_INVALID', message: /either `auth` or an Authorization header/ })
  t.equal(srv.seen.length, 1)
})

t.test('load-time checks: two body kinds, a bad retry are located diagnostics', async t => {
  for (const [args, message] of [
    ['{url: "http://127.0.0.1/x", body: {a: 1}, form: {b: 2}}', /only one of `body`, `form` and `multipart`/],
    ['{url: "http://127.0.0.1/x", retry: {attempts: 0}}', /must be/],
  ] as const) {
    t.throws(() => makeWorkspace(t, { a: `do:\n  - fetch: ${args}` }), { message })
  }
})

t.test('run-time checks: a dynamic method, a non-http URL, a bad dynamic timeout, a header with CRLF', async t => {
  const srv = await startServer(t, echo)
  const ws = makeWorkspace(
    t,
    {
      dyn: `
arguments: {method: {type: string}, url: {type: string}}
do:
  - fetch: {url: "{{url}}", method: "{{method}}"}`,
      soon: `
do:
  - fetch: {url: "{{config.base}}", timeout: "{% 'soon' %}"}`,
      crlf: `
arguments: {v: {type: string}}
do:
  - fetch: {url: "{{config.base}}", headers: {X-Injected: "{{v}}"}}`,
    },
    { config: { base: srv.origin } },
  )
  await ws.run('dyn', { method: 'delete', url: `${srv.origin}/p/1` })
  t.equal(srv.seen[0].method, 'DELETE')
  await t.rejects(ws.run('dyn', { method: 'GET', url: 'file:///etc/passwd' }), {
    code: 'FETCH_INVALID',
    message: /unsupported protocol "file:"/,
  })
  await t.rejects(ws.run('dyn', { method: 'GET', url: '/relative' }), { code: 'FETCH_INVALID', message: /invalid URL/ })
  await t.rejects(ws.run('dyn', { method: 'GE T', url: srv.origin }), {
    code: 'FETCH_INVALID',
    message: /method must be an HTTP method/,
  })
  await t.rejects(ws.run('soon'), { code: 'FETCH_INVALID', message: /timeout must be a number of milliseconds/ })
  await t.rejects(
    ws.run('crlf', { v: 'a\r\nEvil: 1' }),
    { code: 'FETCH_INVALID', message: /invalid x-injected header/ },
    'no header injection',
  )
  t.equal(srv.seen.length, 1)
})
