// Caller authentication: API keys (hashed, Bearer), public webhooks, loopback-only without keys,
// and the Host/Origin guard against DNS rebinding.
import t from 'tap'
import { createHash } from 'node:crypto'
import { ApiKeys, isLoopback, rebindingProblem } from '../../../runtime/server/auth.ts'
import { createServer } from '../../../runtime/server/app.ts'
import { connect, fixture, rpc, start } from './helpers.ts'

const KEY = 'test-key-0123456789abcdef'
const OTHER = 'second-key-abcdefghijklmnop'
const hashed = 'sha256:' + createHash('sha256').update(OTHER).digest('hex')

t.test('ApiKeys: raw or sha256 entries, Bearer only, bad entries refused', async t => {
  const keys = new ApiKeys([KEY, ` ${hashed} `, ''])
  t.ok(keys.configured)
  t.ok(keys.verify(`Bearer ${KEY}`))
  t.ok(keys.verify(`bearer ${OTHER}`), 'a key given as its hash')
  t.notOk(keys.verify(`Bearer ${KEY}x`))
  t.notOk(keys.verify(KEY), 'no scheme')
  t.notOk(keys.verify(`Basic ${KEY}`))
  t.notOk(keys.verify(undefined))
  t.notOk(new ApiKeys([]).configured)
  t.notOk(ApiKeys.fromEnv({}).configured)
  t.ok(ApiKeys.fromEnv({ CONFLUENCE_NEXT_API_KEYS: `${KEY},${hashed}` }).verify(`Bearer ${OTHER}`))
  t.throws(() => new ApiKeys(['short']), /shorter than 16 characters/)
  t.throws(() => new ApiKeys(['sha256:abc']), /not 64 hex digits/)
})

t.test('with keys: 401 + WWW-Authenticate without a key, 200 with one', async t => {
  const { url } = await start(t, { apiKeys: [KEY, hashed] })
  const anonymous = await rpc(url, { jsonrpc: '2.0', id: 1, method: 'tools/list' })
  t.equal(anonymous.status, 401)
  t.equal(anonymous.headers.get('www-authenticate'), 'Bearer realm="confluence-next"')
  t.equal(anonymous.json.error.code, -32001)
  t.equal(
    (await rpc(url, { jsonrpc: '2.0', id: 1, method: 'ping' }, { authorization: 'Bearer wrong-key-000000000000' }))
      .status,
    401,
  )
  const ok = await rpc(url, { jsonrpc: '2.0', id: 1, method: 'tools/list' }, { authorization: `Bearer ${KEY}` })
  t.equal(ok.status, 200)
  const client = await connect(t, url, { authorization: `Bearer ${OTHER}` })
  t.equal((await client.listTools()).tools.length, 4, 'the SDK client with a key')

  const hook = await fetch(url + '/webhooks/echo')
  t.equal(hook.status, 401)
  t.equal(hook.headers.get('www-authenticate'), 'Bearer realm="confluence-next"')
  t.equal((await fetch(url + '/webhooks/nope')).status, 401, 'unknown endpoints do not reveal themselves')
  t.equal((await fetch(url + '/webhooks/echo', { headers: { authorization: `Bearer ${KEY}` } })).status, 200)
  const callback = await fetch(url + '/webhooks/oauth/callback?code=xyz')
  t.equal(callback.status, 200, 'public webhooks need no key')
  t.equal(await callback.text(), 'code=xyz')

  t.equal((await fetch(url + '/metrics')).status, 401, '/metrics needs the key too')
  t.equal((await fetch(url + '/metrics', { headers: { authorization: `Bearer ${KEY}` } })).status, 200)
  t.equal((await fetch(url + '/healthz')).status, 200, 'probes need no key')
})

t.test('public webhooks ignore identity headers from unauthenticated callers', async t => {
  const { server } = await start(t, { apiKeys: [`${KEY};platform`] })
  const anonymous = await server.app.inject({ url: '/webhooks/public-whoami', headers: { 'x-user-id': 'forged' } })
  t.equal(anonymous.statusCode, 200)
  t.same(anonymous.json(), {}, 'no user for an anonymous caller')
  const keyed = await server.app.inject({
    url: '/webhooks/public-whoami',
    headers: { authorization: `Bearer ${KEY}`, 'x-user-id': 'trusted' },
  })
  t.same(keyed.json(), { user: 'trusted' })
})

t.test('without keys: loopback only', async t => {
  await t.rejects(
    createServer({ dir: fixture('serve-basic'), host: '0.0.0.0', port: 0, env: {} }),
    /refusing to listen on 0\.0\.0\.0 without API keys/,
  )
  const server = await createServer({
    dir: fixture('serve-basic'),
    host: '0.0.0.0',
    port: 0,
    env: { CONFLUENCE_NEXT_API_KEYS: KEY },
  })
  t.ok(server.authenticated, 'a public bind is fine with keys')
  await server.close()
  t.ok(isLoopback('127.0.0.1') && isLoopback('localhost') && isLoopback('[::1]') && isLoopback('::1'))
  t.notOk(isLoopback('0.0.0.0') || isLoopback('10.0.0.1') || isLoopback('example.com'))
})

t.test('loopback binds refuse foreign Host and Origin headers (DNS rebinding)', async t => {
  const { server } = await start(t)
  const inject = (headers: Record<string, string>) =>
    server.app.inject({
      method: 'POST',
      url: '/mcp',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
      payload: { jsonrpc: '2.0', id: 1, method: 'ping' },
    })
  t.equal((await inject({ host: '127.0.0.1:3000' })).statusCode, 200)
  t.equal((await inject({ host: 'localhost' })).statusCode, 200)
  t.equal((await inject({ host: '[::1]:3000', origin: 'http://localhost:5173' })).statusCode, 200)
  const evil = await inject({ host: 'evil.example:3000' })
  t.equal(evil.statusCode, 403)
  t.match(evil.json().message, /Host header "evil\.example:3000" is not a loopback name/)
  t.equal((await inject({ host: '127.0.0.1:3000', origin: 'https://evil.example' })).statusCode, 403)
  t.equal(
    (await server.app.inject({ url: '/webhooks/echo', headers: { host: 'attacker.test' } })).statusCode,
    403,
    'webhooks too',
  )
  t.match(rebindingProblem({ host: '127.0.0.1', origin: 'null' }), /not a loopback origin/)
})
