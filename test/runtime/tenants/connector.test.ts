// The connector as tenants: this repository's workspace served for the core and two tenants, each on
// its own (fake) Confluence site with its own credentials and allowed agents. The core's CONFLUENCE_*
// environment never reaches a tenant, and one tenant's token never goes to another's site.
import t from 'tap'
import { createFakeConfluence } from '../../../sandbox/confluence/index.ts'
import { createServer } from '../../../runtime/server/app.ts'
import { MemoryStore } from '../../../runtime/host/store/memory.ts'
import { createTenants } from '../../../runtime/tenants/registry.ts'
import { loadWorkspace } from '../../../runtime/workspace/load.ts'
import { ROOT } from '../../connector/helpers.ts'
import { ADMIN_KEY, api, GLOBAL_KEY, KEY_A, KEY_B } from './helpers.ts'

const fakes = await Promise.all(['demo', 'empty'].map(seed => createFakeConfluence({ seed: seed as 'demo' | 'empty' })))
const [siteA, siteB] = await Promise.all(fakes.map(f => f.listen()))
t.teardown(() => Promise.all(fakes.map(f => f.close())))
fakes[0].credentials.addApiToken('bot@a.example', 'token-of-tenant-a-000000')
fakes[1].credentials.addApiToken('bot@b.example', 'token-of-tenant-b-000000')

// The core's own settings are in its environment: they must not leak into the tenants.
const coreEnv = {
  CONFLUENCE_AUTH_MODE: 'apiToken',
  CONFLUENCE_SITE_URL: siteA,
  CONFLUENCE_EMAIL: 'bot@a.example',
  CONFLUENCE_API_TOKEN: 'token-of-tenant-a-000000',
  CONFLUENCE_ALLOWED_AGENTS: 'core-agent',
}
const store = new MemoryStore()
const { workspace } = loadWorkspace(ROOT, { env: { ...coreEnv, CONFLUENCE_ALLOW_LOOPBACK: 'true' }, store })
const server = await createServer({
  workspaces: [workspace!],
  port: 0,
  logger: false,
  env: {},
  apiKeys: [`${GLOBAL_KEY};platform`],
  adminKeys: [ADMIN_KEY],
  tenants: host => createTenants(host, { dir: ROOT, env: {}, syncMs: 0 }),
})
const url = await server.listen()
t.teardown(() => server.close())

const tenant = (
  slug: string,
  site: string,
  email: string,
  token: string,
  key: string,
  agents: string[],
): ReturnType<typeof api> =>
  api(url, 'PUT', `/v2/workspaces/slug:${slug}/config`, ADMIN_KEY, {
    config: { authMode: 'apiToken', siteUrl: site, email, allowedAgents: agents },
    secrets: { apiToken: token },
    apiKeys: [key],
  })

async function spaces(slug: string, key: string, agent = 'agent-1'): Promise<string> {
  const res = await fetch(`${url}/v2/workspaces/slug:${slug}/webhooks/mcp`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      authorization: `Bearer ${key}`,
    },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: { name: 'spaces', arguments: { action: 'list', agent_id: agent, user_id: 'same-user' } },
    }),
  })
  const json = (await res.json()) as { result: { content: Array<{ text: string }> } }
  return json.result.content[0].text
}

t.test('each tenant reaches its own site with its own credentials', async t => {
  t.equal((await tenant('acme', siteA, 'bot@a.example', 'token-of-tenant-a-000000', KEY_A, ['agent-1'])).status, 201)
  t.equal((await tenant('beta', siteB, 'bot@b.example', 'token-of-tenant-b-000000', KEY_B, ['agent-1'])).status, 201)
  t.match(await spaces('acme', KEY_A), /DEMO — Demo space/)
  t.match(await spaces('beta', KEY_B), /^No spaces match/, 'beta sees its own (empty) site')
  const toB = fakes[1].requests.map(r => JSON.stringify(r))
  t.ok(toB.length > 0)
  t.notOk(
    toB.some(r => r.includes(Buffer.from('bot@a.example:token-of-tenant-a-000000').toString('base64'))),
    "A's token never went to B's site",
  )
  t.match(
    await spaces('acme', KEY_A, 'core-agent'),
    /not authorized/,
    "the core's allowed agents (its environment) do not apply to a tenant",
  )
  t.match(await spaces('confluence-next', GLOBAL_KEY, 'core-agent'), /DEMO — Demo space/, 'the core still has its own')
  t.same(
    fakes.flatMap(f => f.violations),
    [],
  )
})

t.test('a tenant with a wrong token fails on its own, naming nothing of the others', async t => {
  t.equal(
    (await tenant('gamma', siteB, 'bot@b.example', 'a-wrong-token-00000000', 'gamma-key-0123456789abcdef', ['agent-1']))
      .status,
    201,
  )
  const text = await spaces('gamma', 'gamma-key-0123456789abcdef')
  t.match(text, /rejected the credentials/)
  t.notMatch(text, /DEMO|token-of-tenant|bot@a\.example/)
  t.match(await spaces('beta', KEY_B), /^No spaces match/, 'beta still works')
})
