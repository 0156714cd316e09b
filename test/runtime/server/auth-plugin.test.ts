// The auth plugin's policy table (runtime/server/auth-plugin.ts, docs/serving.md "Who may call what"):
// every route of a server with every surface (MCP, webhooks, the configuration app, the config API,
// the operations endpoints, OAuth metadata) declares the policy this table expects, a route without
// one cannot be registered, and one that slipped in before the plugin is refused at request time.
import Fastify from 'fastify'
import t from 'tap'
import { authPlugin, AUTH_POLICIES } from '../../../runtime/server/auth-plugin.ts'
import { ApiKeys } from '../../../runtime/server/auth.ts'
import { createServer } from '../../../runtime/server/app.ts'
import { TenantKeyRing } from '../../../runtime/server/tenant-keys.ts'
import { MemoryStore } from '../../../runtime/host/store/memory.ts'
import { createTenants } from '../../../runtime/tenants/registry.ts'
import { loadWorkspace } from '../../../runtime/workspace/load.ts'
import { ROOT } from '../../connector/helpers.ts'

const GLOBAL_KEY = 'global-key-auth-0123456789abcdef'
const ADMIN_KEY = 'admin-key-auth-0123456789abcdef'
const PUBLIC_URL = 'http://127.0.0.1:3000'

async function fullServer(t: { teardown(fn: () => unknown): void }) {
  const env = { CONFLUENCE_ALLOW_LOOPBACK: 'true', PUBLIC_URL }
  const { workspace } = loadWorkspace(ROOT, { env, store: new MemoryStore() })
  if (!workspace) throw new Error('the repository workspace does not load')
  const server = await createServer({
    workspaces: [workspace],
    port: 0,
    logger: false,
    // OAuth resource-server mode adds the metadata routes; its JWKS is only fetched for a token.
    env: { CONFLUENCE_NEXT_OAUTH_ISSUER: 'https://issuer.example', PUBLIC_URL },
    apiKeys: [`${GLOBAL_KEY};platform`],
    adminKeys: [ADMIN_KEY],
    tenants: host => createTenants(host, { dir: ROOT, env: {}, syncMs: 0 }),
  })
  t.teardown(() => server.close())
  await server.app.ready()
  return server
}

t.test('every route has the policy the table says, for every method', async t => {
  const server = await fullServer(t)
  const byUrl = new Map<string, Set<string>>()
  for (const [route, policy] of server.policies) {
    const url = route.slice(route.indexOf(' ') + 1)
    byUrl.set(url, (byUrl.get(url) ?? new Set()).add(policy))
  }
  const app = [...byUrl.keys()].find(u => /^\/apps\/[^/]+$/.test(u))
  t.ok(app, 'the configuration app is served')
  const appRoutes = (base: string): Record<string, string> => ({
    [base]: 'public',
    [`${base}/`]: 'public',
    [`${base}/:file`]: 'public',
    [`${base}/api/session`]: 'public',
    [`${base}/api/login`]: 'public',
    [`${base}/api/scopes`]: 'appSession',
    [`${base}/api/logout`]: 'appSessionIfAny',
    [`${base}/api/user-link`]: 'vouchForUser',
  })
  const expected: Record<string, string> = {
    '/healthz': 'public',
    '/readyz': 'metricsOptional',
    '/metrics': 'metrics',
    '/mcp': 'mcp',
    '/webhooks/mcp': 'mcp',
    '/v2/workspaces/:ws/webhooks/mcp': 'mcp',
    '/.well-known/oauth-protected-resource': 'public',
    '/.well-known/oauth-protected-resource/mcp': 'public',
    '/webhooks/*': 'webhook',
    '/v2/workspaces/:ws/webhooks/*': 'webhook',
    ...appRoutes(app!),
    ...appRoutes(`/v2/workspaces/:ws${app}`),
    '/v2/workspaces': 'admin',
    '/v2/workspaces/:ws/config': 'admin',
  }
  const actual = Object.fromEntries([...byUrl].map(([url, policies]) => [url, [...policies].join('|')]))
  t.same(actual, expected, 'one policy per URL, the one in the table')
  for (const policy of Object.values(expected)) t.ok(Object.hasOwn(AUTH_POLICIES, policy), `${policy} is a policy`)
  // fastify knows each of them (the table is what it registered, not a list kept beside it).
  for (const route of server.policies.keys()) {
    const [method, url] = route.split(' ')
    t.ok(server.app.hasRoute({ method: method as 'GET', url }), `${route} is a route`)
  }
})

t.test('the refusals: status, challenge and body per policy', async t => {
  const server = await fullServer(t)
  const inject = (method: 'GET' | 'POST', url: string, headers: Record<string, string> = {}) =>
    server.app.inject({ method, url, headers: { host: '127.0.0.1:3000', ...headers } })

  const mcp = await inject('POST', '/mcp', { 'content-type': 'application/json' })
  t.equal(mcp.statusCode, 401)
  t.match(mcp.headers['www-authenticate'], /^Bearer realm="confluence-next", resource_metadata="/)
  t.match(mcp.json(), { jsonrpc: '2.0', error: { code: -32001, message: /^Unauthorized: send an access token/ } })

  const hook = await inject('POST', '/webhooks/anything')
  t.equal(hook.statusCode, 401)
  t.equal(hook.headers['www-authenticate'], 'Bearer realm="confluence-next"')
  t.match(hook.json(), { error: 'UNAUTHORIZED', message: /Authorization: Bearer/ })

  const admin = await inject('GET', '/v2/workspaces', { authorization: `Bearer ${GLOBAL_KEY}` })
  t.equal(admin.statusCode, 401, 'a workspace key is not an admin key')
  t.match(admin.json(), { error: 'UNAUTHORIZED', message: /CONFLUENCE_NEXT_ADMIN_KEYS/ })
  t.equal((await inject('GET', '/v2/workspaces', { authorization: `Bearer ${ADMIN_KEY}` })).statusCode, 200)

  const metrics = await inject('GET', '/metrics', { authorization: `Bearer ${ADMIN_KEY}` })
  t.equal(metrics.statusCode, 401, 'an admin key is not a scrape key')
  t.equal((await inject('GET', '/metrics', { authorization: `Bearer ${GLOBAL_KEY}` })).statusCode, 200)

  t.same((await inject('GET', '/readyz')).json(), { status: 'ok' }, 'no details without a key')
  t.ok((await inject('GET', '/readyz', { authorization: `Bearer ${GLOBAL_KEY}` })).json().workspaces)
  t.equal((await inject('GET', '/healthz')).statusCode, 200)
  t.equal((await inject('GET', '/.well-known/oauth-protected-resource')).statusCode, 200)
})

const bareOptions = () => ({
  keys: new TenantKeyRing([GLOBAL_KEY]),
  adminKeys: new ApiKeys([]),
  metricsKeys: new ApiKeys([]),
  loopback: true,
  resolve: () => undefined,
  hasApp: () => false,
  isTenant: () => false,
})

t.test('fail closed: a route without a policy does not register', async t => {
  const app = Fastify()
  t.teardown(() => app.close())
  authPlugin(app, bareOptions()).decide()
  t.throws(() => app.get('/forgotten', async () => 'secret'), /GET \/forgotten declares no auth policy/)
  t.throws(
    () => app.get('/typo', { config: { auth: 'publik' as 'public' } }, async () => 'secret'),
    /declares no auth policy/,
  )
  // Inside an encapsulated plugin too (the surfaces register their routes in their own scope).
  app.register(async scope => {
    scope.post('/scoped', async () => 'secret')
  })
  await t.rejects(async () => {
    await app.ready()
  }, /POST \/scoped declares no auth policy/)
})

t.test('fail closed: a route registered before the plugin is refused at request time', async t => {
  const app = Fastify()
  t.teardown(() => app.close())
  app.get('/early', async () => 'secret')
  authPlugin(app, bareOptions()).decide()
  app.get('/declared', { config: { auth: 'public' } }, async () => 'fine')
  const early = await app.inject({ method: 'GET', url: '/early', headers: { authorization: `Bearer ${GLOBAL_KEY}` } })
  t.equal(early.statusCode, 403)
  t.same(early.json(), { error: 'FORBIDDEN', message: 'this route declares no auth policy' })
  t.equal((await app.inject({ method: 'GET', url: '/declared' })).body, 'fine')
  const missing = await app.inject({ method: 'GET', url: '/nowhere' })
  t.equal(missing.statusCode, 404, 'no route: nothing to protect, a plain 404')
})
