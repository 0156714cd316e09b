// Webhooks: request variables, `$http` (status, headers, HTML, redirects), errors, declared arguments.
import t from 'tap'
import { start } from './helpers.ts'

t.test('the automation sees body, query, headers and method (never authorization)', async t => {
  const { url } = await start(t)
  const res = await fetch(url + '/webhooks/echo?a=1&a=2&b=x', {
    method: 'PUT',
    headers: {
      'content-type': 'application/json',
      'x-test': 'yes',
      authorization: 'Bearer secret-value-123',
      'x-user-id': 'hook-user',
    },
    body: JSON.stringify({ hello: 'world' }),
  })
  t.equal(res.status, 200)
  t.match(res.headers.get('content-type'), /^application\/json/)
  t.same(await res.json(), {
    method: 'PUT',
    query: { a: ['1', '2'], b: 'x' },
    body: { hello: 'world' },
    test: 'yes',
    hasAuthorization: false,
    user: 'hook-user',
    trigger: { type: 'endpoint', value: 'echo' },
  })
  const form = await fetch(url + '/v2/workspaces/slug:serve-basic/webhooks/echo', {
    method: 'POST',
    body: new URLSearchParams({ k: 'v' }),
  })
  t.match(await form.json(), { method: 'POST', body: { k: 'v' } }, 'form bodies are objects; the v2 path works')
  const plain = await fetch(url + '/webhooks/echo', {
    method: 'POST',
    headers: { 'content-type': 'text/plain' },
    body: 'just text',
  })
  t.match(await plain.json(), { body: 'just text' })
  const get = await fetch(url + '/webhooks/echo')
  t.match(await get.json(), { method: 'GET', body: null })
})

t.test('$http: status, headers, HTML body', async t => {
  const { url } = await start(t)
  const res = await fetch(url + '/webhooks/page.html?name=Ada')
  t.equal(res.status, 201)
  t.equal(res.headers.get('x-made-by'), 'confluence-next')
  t.equal(res.headers.get('content-type'), 'text/html; charset=utf-8')
  t.equal(await res.text(), '<!doctype html><html><body><h1>Hello Ada</h1></body></html>')
  const teapot = await fetch(url + '/webhooks/teapot', { method: 'POST' })
  t.equal(teapot.status, 418)
  t.match(teapot.headers.get('content-type'), /^application\/problem\+json/, 'the automation chose the content type')
  t.same(await teapot.json(), { title: "I'm a teapot" })
})

t.test('$http: a redirect', async t => {
  const { url } = await start(t)
  const res = await fetch(url + '/webhooks/go?from=here', { redirect: 'manual' })
  t.equal(res.status, 302)
  t.equal(res.headers.get('location'), 'https://example.test/next?from=here')
  t.equal(await res.text(), '')
})

t.test('endpoints named after a slug with a slash; unknown endpoints', async t => {
  const { url } = await start(t)
  const res = await fetch(url + '/webhooks/oauth/callback?code=abc')
  t.equal(res.status, 200)
  t.equal(res.headers.get('content-type'), 'text/plain; charset=utf-8')
  t.equal(await res.text(), 'code=abc')
  const missing = await fetch(url + '/webhooks/nope')
  t.equal(missing.status, 404)
  t.same(await missing.json(), { error: 'NOT_FOUND', message: 'no webhook "nope" in workspace "serve-basic"' })
  t.equal((await fetch(url + '/v2/workspaces/slug:other/webhooks/echo')).status, 404)
})

t.test('errors are JSON with the error code and its status', async t => {
  const { url } = await start(t)
  const broken = await fetch(url + '/webhooks/broken', { method: 'POST' })
  t.equal(broken.status, 400)
  const body = await broken.json()
  t.equal(body.error, 'EXPRESSION_FAILED')
  t.match(body.message, /webhook exploded/)
  t.notMatch(body.message, /\n\s+at /)
  const gone = await fetch(url + '/webhooks/broken?how=fail')
  t.equal(gone.status, 410, 'a `fail` chooses the status')
  t.same(await gone.json(), { error: 'GONE', message: 'This link has expired.' }, 'and its reason is the error code')
  const badJson = await fetch(url + '/webhooks/echo', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{nope',
  })
  t.equal(badJson.status, 400)
  t.match(await badJson.json(), { error: String, message: String })
})

t.test('declared arguments are read from the body and validated', async t => {
  const { url } = await start(t)
  const post = (body: unknown) =>
    fetch(url + '/webhooks/typed', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    })
  const ok = await post({ count: 21 })
  t.same(await ok.json(), { double: 42 })
  const bad = await post({ count: 'x' })
  t.equal(bad.status, 400)
  t.same(await bad.json(), {
    error: 'ARGUMENTS_INVALID',
    message: 'invalid arguments for "hooks/typed": `count` must be integer',
  })
})
