// Fault injection: 429 with Retry-After (seconds and HTTP date), 5xx, slow responses, resets.
import t from 'tap'
import { request } from 'undici'
import { BASIC, startFake } from './helpers.ts'

t.test('429 with Retry-After in seconds, consumed once', async t => {
  const { fake, api } = await startFake(t)
  const fault = fake.faults.add({ path: '/wiki/api/v2/pages', status: 429, retryAfter: 7 })
  const limited = await api.get('/wiki/api/v2/pages')
  t.equal(limited.status, 429)
  t.equal(limited.headers['retry-after'], '7')
  t.equal(limited.body.errors[0].status, 429)
  t.equal((await api.get('/wiki/api/v2/pages')).status, 200, 'times defaults to 1')
  t.match(fault, { hits: 1, remaining: 0 })
  t.same(fake.faults.list(), [])
})

t.test('429 with an HTTP-date Retry-After and a custom body', async t => {
  const { fake, api } = await startFake(t)
  const date = new Date(Date.now() + 30_000).toUTCString()
  fake.faults.add({
    status: 429,
    retryAfter: date,
    body: { message: 'slow down' },
    headers: { 'X-RateLimit-Remaining': '0' },
  })
  const res = await api.get('/wiki/rest/api/search?cql=type%3Dpage')
  t.equal(res.headers['retry-after'], date)
  t.equal(res.headers['x-ratelimit-remaining'], '0')
  t.same(res.body, { message: 'slow down' })
})

t.test('503, 500, 502 and 504 with matching by method, regex and times', async t => {
  const { fake, api, gateway } = await startFake(t)
  fake.faults.add({ method: 'POST', status: 503, retryAfter: 1, times: 2 })
  fake.faults.add({ path: /\/spaces(\?|$)/, status: 502 })
  fake.faults.add({ method: 'GET', path: '/wiki/api/v2/pages', status: 504 })
  fake.faults.add({ path: /cql=/, status: 500 })
  const body = {
    spaceId: fake.state.spaceByKey('DEMO')!.id,
    title: 'x',
    body: { representation: 'storage', value: '' },
  }
  t.equal((await api.get('/wiki/api/v2/pages/1')).status, 404, 'non-matching requests pass through')
  t.equal((await api('POST', '/wiki/api/v2/pages', { body })).status, 503)
  const second = await api('POST', '/wiki/api/v2/pages', { body })
  t.equal(second.status, 503)
  t.equal(second.headers['retry-after'], '1')
  t.equal((await api('POST', '/wiki/api/v2/pages', { body })).status, 200)
  t.equal((await api.get('/wiki/api/v2/spaces')).status, 502)
  fake.credentials.addAccessToken('tok')
  const viaGateway = await api.get(`${gateway}/wiki/api/v2/pages`, 'Bearer tok')
  t.equal(viaGateway.status, 504, 'string paths also match through the gateway')
  t.equal((await api.get('/wiki/rest/api/search?cql=type%3Dpage')).status, 500)
})

t.test('faults come before authentication, and clear() disarms them', async t => {
  const { fake, api } = await startFake(t)
  fake.faults.add({ status: 503, times: Infinity })
  t.equal((await api.get('/wiki/api/v2/pages', null)).status, 503)
  t.equal((await api.get('/wiki/api/v2/pages')).status, 503)
  fake.faults.clear()
  t.equal((await api.get('/wiki/api/v2/pages')).status, 200)
})

t.test('delayMs slows a normal response down', async t => {
  const { fake, api } = await startFake(t)
  await api.get('/wiki/api/v2/spaces') // compile validators first
  fake.faults.add({ path: '/wiki/api/v2/spaces', delayMs: 300 })
  const started = Date.now()
  const res = await api.get('/wiki/api/v2/spaces')
  t.equal(res.status, 200)
  t.ok(Date.now() - started >= 290, `took ${Date.now() - started} ms`)
})

t.test('a client timeout fires on a slow fault', async t => {
  const { fake, url } = await startFake(t)
  fake.faults.add({ status: 429, delayMs: 2_000 })
  await t.rejects(request(`${url}/wiki/api/v2/pages`, { headers: { authorization: BASIC }, headersTimeout: 200 }), {
    code: 'UND_ERR_HEADERS_TIMEOUT',
  })
})

t.test('reset destroys the connection without an answer', async t => {
  const { fake, api, url } = await startFake(t)
  fake.faults.add({ path: '/wiki/api/v2/pages', reset: true })
  await t.rejects(request(`${url}/wiki/api/v2/pages`, { headers: { authorization: BASIC } }), {
    code: 'UND_ERR_SOCKET',
  })
  t.equal((await api.get('/wiki/api/v2/pages')).status, 200, 'the next request is served')
})

t.test('a fault needs something to do', async t => {
  const { fake } = await startFake(t)
  t.throws(() => fake.faults.add({ path: '/x' }), /needs a status/)
})
