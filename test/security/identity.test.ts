// Attack row 2 of issue 15: a key holder asserting someone else's identity; row 7: /metrics keys.
import t from 'tap'
import { rpc, start } from '../runtime/server/helpers.ts'

const BOUND = 'bound-key-0123456789abcdef'
const PLATFORM = 'platform-key-0123456789abcdef'
const PLAIN = 'plain-key-0123456789abcdef'
const SCRAPE = 'scrape-key-0123456789abcdef'
const KEYS = [`${BOUND};agent=agent-1;user=bob`, `${PLATFORM};platform`, PLAIN]

const whoami = (url: string, key: string, args: Record<string, unknown>, headers: Record<string, string> = {}) =>
  rpc(
    url,
    {
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: { name: 'whoami', arguments: { outputFormat: 'structured', ...args } },
    },
    { authorization: `Bearer ${key}`, ...headers },
  )

t.test('a key asserts only what it carries; a conflicting assertion is refused', async t => {
  const { url } = await start(t, { apiKeys: KEYS })
  const own = await whoami(url, BOUND, {})
  t.match(
    own.json.result.structuredContent,
    { userId: 'bob', agent: 'agent-1' },
    'a bound key runs as its user and agent',
  )
  const forged = await whoami(url, BOUND, { user_id: 'alice' })
  t.equal(forged.json.result.isError, true)
  t.match(forged.json.result.content[0].text, /IDENTITY_REFUSED.*bound to user_id "bob"; it cannot act as "alice"/)
  const byHeader = await whoami(url, BOUND, {}, { 'x-agent-id': 'agent-2' })
  t.match(byHeader.json.result.content[0].text, /IDENTITY_REFUSED.*bound to agent_id "agent-1"/, 'headers too')
  const plain = await whoami(url, PLAIN, { user_id: 'alice' })
  t.match(
    plain.json.result.content[0].text,
    /IDENTITY_REFUSED.*may not assert `user_id`/,
    'a key without options asserts nobody',
  )
  t.notOk((await whoami(url, PLAIN, {})).json.result.structuredContent.userId, 'and runs as nobody')
  const platform = await whoami(url, PLATFORM, { user_id: 'alice', agent_id: 'agent-9' })
  t.match(
    platform.json.result.structuredContent,
    { userId: 'alice', agent: 'agent-9' },
    'a platform key asserts identities',
  )
})

t.test('webhooks: identity headers obey the key too', async t => {
  const { server } = await start(t, { apiKeys: KEYS })
  const forged = await server.app.inject({
    url: '/webhooks/public-whoami',
    headers: { authorization: `Bearer ${BOUND}`, 'x-user-id': 'alice' },
  })
  t.equal(forged.statusCode, 403)
  t.match(forged.json(), { error: 'IDENTITY_REFUSED' })
  const own = await server.app.inject({ url: '/webhooks/public-whoami', headers: { authorization: `Bearer ${BOUND}` } })
  t.same(own.json(), { user: 'bob' })
})

t.test('entries with unknown or contradictory options are start-up errors', async t => {
  await t.rejects(start(t, { apiKeys: [`${PLAIN};admin`] }), /entry 1 has an unknown option "admin"/)
  await t.rejects(start(t, { apiKeys: [`${PLAIN};platform;user=x`] }), /both a platform key and bound/)
})

t.test('/metrics and /readyz details need a scrape key, which cannot call tools', async t => {
  const { url } = await start(t, { apiKeys: KEYS, metricsKeys: [SCRAPE] })
  const get = (path: string, key?: string) =>
    fetch(url + path, { headers: key ? { authorization: `Bearer ${key}` } : {} })
  t.equal((await get('/metrics', PLATFORM)).status, 401, 'a tool key does not open /metrics')
  t.equal((await get('/metrics', SCRAPE)).status, 200)
  t.same(await (await get('/readyz')).json(), { status: 'ok' }, 'no workspace list for anyone')
  t.match(await (await get('/readyz', SCRAPE)).json(), { status: 'ok', workspaces: [{ slug: String }] })
  t.equal((await whoami(url, SCRAPE, {})).status, 401, 'a scrape key calls no tool')
})
