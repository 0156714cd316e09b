// oauthCentral: tenants hold no client secret; the core's centralTokenExchange adds it. In one process
// (core and tenant served together; and the core connecting its own users without any HTTP hop) and
// between two `serve` processes. The exchange serves only callers with the exchange key, keeps the
// tenant's scopes, and the central secret never shows up anywhere a tenant (or a log) can see.
import t from 'tap'
import { freePort } from '../helpers/free-port.ts'
import { createServer } from '../../runtime/server/app.ts'
import { createTenants } from '../../runtime/tenants/registry.ts'
import { loadWorkspace } from '../../runtime/workspace/load.ts'
import {
  AGENT,
  callTool,
  CENTRAL,
  connectLink,
  connectUser,
  EXCHANGE_KEY,
  hook,
  openLink,
  READ_SCOPES,
  ROOT,
  serveChild,
  serveInProcess,
  startWorld,
  worldEnv,
  type World,
} from './helpers.ts'

const EXCHANGE_PATH = '/v2/workspaces/slug:confluence-next/webhooks/centralTokenExchange'
const CORE_CALLBACK = '/v2/workspaces/slug:confluence-next/webhooks/oauthCallback'
const coreEnv = (w: World): Record<string, string> =>
  worldEnv(w, {
    CONFLUENCE_AUTH_MODE: 'oauthCentral',
    CONFLUENCE_CENTRAL_CLIENT_ID: CENTRAL.id,
    CONFLUENCE_CENTRAL_CLIENT_SECRET: CENTRAL.secret,
    CONFLUENCE_CORE_EXCHANGE_KEY: EXCHANGE_KEY,
  })
const tenantEnv = (w: World, extra: Record<string, string> = {}): Record<string, string> =>
  worldEnv(w, {
    CONFLUENCE_AUTH_MODE: 'oauthCentral',
    CONFLUENCE_CENTRAL_CLIENT_ID: CENTRAL.id,
    CONFLUENCE_CORE_EXCHANGE_KEY: EXCHANGE_KEY,
    ...extra,
  })

/** Everything the secret could hide in: the value and the encodings a redactor would also know. */
function leaks(texts: string[]): string[] {
  const forms = [
    CENTRAL.secret,
    Buffer.from(CENTRAL.secret).toString('base64'),
    encodeURIComponent(CENTRAL.secret),
    `${CENTRAL.id}:${CENTRAL.secret}`,
  ]
  return texts.filter(text => forms.some(f => text.includes(f)))
}

const exchanges = (logs: string[]): number => logs.join('\n').split('"endpoint":"centralTokenExchange"').length - 1

t.test(
  'in one process: a tenant connects and refreshes through the core; the core connects its own users without HTTP',
  async t => {
    const w = await startWorld(t)
    const inst = await serveInProcess(t, [
      { env: coreEnv(w) },
      { slug: 'acme', env: tenantEnv(w) },
      {
        slug: 'readonly',
        env: tenantEnv(w, { CONFLUENCE_OAUTH_SCOPES: READ_SCOPES.join(' ') }),
      },
    ])
    const seen: string[] = []
    const tenantMcp = `${inst.url}/v2/workspaces/slug:acme/webhooks/mcp`
    // As at Atlassian: the central app has exactly one callback URL, the core's.
    w.identity.clients.get(CENTRAL.id)!.redirectUris = [inst.url + CORE_CALLBACK]

    const link = await connectLink(tenantMcp, 'alice')
    const flow = await openLink(link)
    seen.push(link, ...flow.hops.flatMap(h => [h.url, h.location ?? '', h.text]))
    const authorize = new URL(flow.hops[0].location!)
    t.equal(authorize.searchParams.get('client_id'), CENTRAL.id, 'the central client id')
    t.equal(
      authorize.searchParams.get('redirect_uri'),
      inst.url + CORE_CALLBACK,
      "the central client's one callback: the core's",
    )
    t.equal(authorize.searchParams.get('code_challenge'), null, "no PKCE: the client is not the tenant's own")
    t.same(
      flow.hops.map(h => new URL(h.url).pathname),
      [
        '/v2/workspaces/slug:acme/webhooks/oauthConnect',
        '/authorize',
        CORE_CALLBACK,
        '/v2/workspaces/slug:acme/webhooks/oauthCallback',
      ],
      'the core forwards the browser to the tenant',
    )
    t.equal(flow.final.status, 200, flow.final.text)
    t.equal(exchanges(inst.logs), 2, "the forward and the code went through the core's centralTokenExchange")
    t.match(
      w.identity.requests.filter(r => r.path === '/oauth/token'),
      [
        {
          grantType: 'authorization_code',
          clientId: CENTRAL.id,
          status: 200,
        },
      ],
    )

    const r = await callTool(tenantMcp, 'alice', 'pages', 'get', { id: '65538' })
    t.equal(r.isError, false, r.text)
    seen.push(r.text)

    // Refresh through the core, on a 401.
    w.identity.expireAccessTokens()
    const again = await callTool(tenantMcp, 'alice', 'spaces', 'list')
    t.equal(again.isError, false, again.text)
    seen.push(again.text)
    t.equal(w.identity.counts.refresh_token, 1)
    t.equal(exchanges(inst.logs), 3)
    const tok = (await inst.workspaces[1].store.get('record:acme:oauth:token:alice')) as any
    t.equal(tok.refresh, w.identity.latestRefreshToken(), 'the rotated token is stored by the tenant')
    t.equal(tok.client, 'central')
    seen.push(
      JSON.stringify(tok),
      JSON.stringify((await hook(`${inst.url}/v2/workspaces/slug:acme/webhooks/oauthStatus`, 'alice')).body),
    )

    // The tenant's scope override is what is granted, through the core too.
    const ro = `${inst.url}/v2/workspaces/slug:readonly/webhooks/mcp`
    const roFlow = await connectUser(ro, 'alice')
    t.equal(roFlow.final.status, 200)
    t.same(
      new URL(roFlow.hops[0].location!).searchParams.get('scope')!.split(' ').sort(),
      [...READ_SCOPES, 'offline_access'].sort(),
    )
    const write = await callTool(ro, 'alice', 'pages', 'create', {
      body: { spaceId: '98305', title: 'x', body: { value: '<p>x</p>' } },
    })
    t.match(write.text, /MISSING_SCOPE\): .*lacks the granular scope `write:page:confluence`/)
    seen.push(write.text, ...roFlow.hops.map(h => h.text))

    // The core's own users: the core holds the secret, so it exchanges in-process (no webhook call).
    const before = exchanges(inst.logs)
    const own = await connectUser(inst.url + '/mcp', 'bob')
    t.equal(own.final.status, 200)
    t.equal((await callTool(inst.url + '/mcp', 'bob', 'spaces', 'list')).isError, false)
    t.equal(exchanges(inst.logs), before, 'no HTTP hop for the core itself')

    t.same(leaks([...seen, ...inst.logs, ...inst.events]), [], 'the central secret is nowhere')
    t.ok(inst.logs.length > 10 && seen.length > 5, 'and there was plenty to look in')
    t.same(w.fake.violations, [])
  },
)

t.test('the exchange serves only callers with the exchange key, and never says the secret', async t => {
  const w = await startWorld(t)
  const inst = await serveInProcess(t, [
    { env: coreEnv(w) },
    {
      slug: 'notcore',
      env: worldEnv(w, { CONFLUENCE_CENTRAL_CLIENT_ID: CENTRAL.id, CONFLUENCE_CENTRAL_CLIENT_SECRET: CENTRAL.secret }),
    },
    { slug: 'wrongkey', env: tenantEnv(w, { CONFLUENCE_CORE_EXCHANGE_KEY: 'x'.repeat(40) }) },
  ])
  const url = inst.url + EXCHANGE_PATH
  const post = (headers: Record<string, string>, body: Record<string, string>, at = url): ReturnType<typeof hook> =>
    hook(at, undefined, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    })
  const seen: string[] = []

  const none = await post({}, { grant_type: 'refresh_token', refresh_token: 'r' })
  t.equal(none.status, 401)
  t.match(none.body, { error: 'unauthorized_caller' })
  const wrong = await post(
    { 'x-confluence-exchange-key': EXCHANGE_KEY + 'x' },
    {
      grant_type: 'refresh_token',
      refresh_token: 'r',
    },
  )
  t.equal(wrong.status, 401)
  const bearer = await post(
    { authorization: `Bearer ${EXCHANGE_KEY}` },
    {
      grant_type: 'refresh_token',
      refresh_token: 'r',
    },
  )
  t.equal(bearer.status, 401, 'only in its own header')
  t.equal(w.identity.requests.length, 0, 'none of them reached Atlassian')

  const key = { 'x-confluence-exchange-key': EXCHANGE_KEY }
  const odd = await post(key, { grant_type: 'password', username: 'u' })
  t.equal(odd.status, 400)
  t.match(odd.body, { error: 'invalid_request' })
  const elsewhere = await post(key, {
    grant_type: 'authorization_code',
    code: 'c',
    redirect_uri: 'https://evil.example/steal',
  })
  t.equal(elsewhere.status, 400, 'a code is only exchanged for an oauthCallback redirect URI')
  const refused = await post(key, { grant_type: 'refresh_token', refresh_token: 'not-a-token' })
  t.equal(refused.status, 403, "Atlassian's answer is passed on")
  t.same(
    refused.body,
    { error: 'invalid_grant', error_description: 'Unknown or invalid refresh token.' },
    'only the token fields',
  )
  t.equal(refused.headers.get('cache-control'), 'no-store')
  const form = await hook(url, undefined, {
    method: 'POST',
    headers: { ...key, 'content-type': 'application/x-www-form-urlencoded' },
    body: 'grant_type=refresh_token&refresh_token=nope',
  })
  t.equal(form.status, 403, 'form bodies too')
  seen.push(none.text, wrong.text, bearer.text, odd.text, elsewhere.text, refused.text, form.text)

  // Forwards: only to an oauthCallback, once, and only for a state a tenant registered.
  const hash = 'h'.repeat(43)
  t.equal(
    (await post(key, { action: 'forward', state_hash: hash, callback: 'https://evil.example/steal' })).status,
    400,
  )
  t.match(
    (
      await post(key, {
        action: 'forward',
        state_hash: hash,
        callback: 'http://127.0.0.1:9/v2/workspaces/slug:x/webhooks/oauthCallback',
      })
    ).body,
    { ok: true },
  )
  t.equal(
    (await post({}, { action: 'forward', state_hash: hash, callback: 'https://evil.example/webhooks/oauthCallback' }))
      .status,
    401,
  )
  const unknown = await hook(
    `${inst.url}/v2/workspaces/slug:confluence-next/webhooks/oauthCallback?state=not-registered&code=c`,
  )
  t.equal(unknown.status, 400, 'an unregistered state is not forwarded')

  const notCore = await post(
    key,
    { grant_type: 'refresh_token', refresh_token: 'r' },
    `${inst.url}/v2/workspaces/slug:notcore/webhooks/centralTokenExchange`,
  )
  t.equal(notCore.status, 503)
  t.match(notCore.body, { error: 'exchange_not_configured' })

  // A tenant whose key is not the core's: the callback says so, and nothing is stored.
  const tenant = `${inst.url}/v2/workspaces/slug:wrongkey/webhooks/mcp`
  const flow = await connectUser(tenant, 'alice')
  t.equal(flow.hops.length, 1, 'the user is not even sent to Atlassian')
  t.equal(flow.final.status, 503)
  t.match(
    flow.final.text,
    /The core refused to forward the callback \(401 unauthorized_caller\): check CONFLUENCE_CORE_URL and CONFLUENCE_CORE_EXCHANGE_KEY/,
  )
  t.equal(await inst.workspaces[2].store.get('record:wrongkey:oauth:token:alice'), undefined)
  seen.push(...flow.hops.map(h => h.text))

  t.same(leaks([...seen, ...inst.logs, ...inst.events]), [])
})

t.test('over HTTP between two runtime processes: core and tenant', async t => {
  const w = await startWorld(t)
  const core = await serveChild(t, coreEnv(w))
  const tenant = await serveChild(t, tenantEnv(w, { CONFLUENCE_CORE_URL: core.url + EXCHANGE_PATH }))
  const mcp = tenant.url + '/mcp'
  const seen: string[] = []

  w.identity.clients.get(CENTRAL.id)!.redirectUris = [core.url + CORE_CALLBACK]
  const flow = await connectUser(mcp, 'alice')
  seen.push(...flow.hops.flatMap(h => [h.url, h.location ?? '', h.text]))
  t.equal(flow.final.status, 200, flow.final.text)
  t.same(
    flow.hops.map(h => new URL(h.url).origin + new URL(h.url).pathname),
    [
      tenant.url + '/v2/workspaces/slug:confluence-next/webhooks/oauthConnect',
      w.identity.url + '/authorize',
      core.url + CORE_CALLBACK,
      tenant.url + CORE_CALLBACK,
    ],
  )
  const r = await callTool(mcp, 'alice', 'pages', 'getBody', { id: '65544' })
  t.equal(r.isError, false, r.text)
  t.match(r.text, /Configuration reference/)
  seen.push(r.text)

  w.identity.expireAccessTokens()
  const again = await callTool(mcp, 'alice', 'spaces', 'list')
  t.equal(again.isError, false, again.text)
  t.equal(w.identity.counts.refresh_token, 1, 'refreshed through the core')
  const status = await hook(tenant.url + '/webhooks/oauthStatus', 'alice')
  t.match(status.body, { connected: true, client: 'central' })
  seen.push(again.text, status.text)

  t.equal(exchanges(core.logs), 3, 'the core served the forward, the code and the refresh')
  t.equal(exchanges(tenant.logs), 0)
  t.same(leaks([...seen, ...tenant.logs, ...core.logs]), [], "not in any output, nor in either process's logs")
  t.same(w.fake.violations, [])
})

t.test('a tenant created through the config API: shared settings from the core, its own key and scopes', async t => {
  const w = await startWorld(t)
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const { workspace } = loadWorkspace(ROOT, {
    env: { ...coreEnv(w), PUBLIC_URL: url, CONFLUENCE_ALLOW_LOOPBACK: 'true' },
  })
  const [globalKey, adminKey, tenantKey] = [
    'global-key-0123456789abcdef',
    'admin-key-0123456789abcdef',
    'acme-key-0123456789abcdef',
  ]
  const server = await createServer({
    workspaces: [workspace!],
    port,
    logger: false,
    env: {},
    apiKeys: [`${globalKey};platform`],
    adminKeys: [adminKey],
    tenants: host => createTenants(host, { dir: ROOT, env: {}, syncMs: 0 }),
  })
  await server.listen()
  t.teardown(() => server.close())
  w.identity.clients.get(CENTRAL.id)!.redirectUris = [url + CORE_CALLBACK]

  // No public URL, client id or core URL given: PUBLIC_URL and the central client id are shared by the core.
  const put = await fetch(`${url}/v2/workspaces/slug:acme/config`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}` },
    body: JSON.stringify({
      config: {
        authMode: 'oauthCentral',
        siteUrl: w.fake.url,
        atlassianApiUrl: w.fake.url,
        atlassianAuthUrl: w.identity.url,
        allowedAgents: [AGENT],
        oauthScopes: READ_SCOPES,
      },
      secrets: { coreExchangeKey: EXCHANGE_KEY },
      apiKeys: [tenantKey],
    }),
  })
  t.equal(put.status, 201, await put.text())
  const mcp = `${url}/v2/workspaces/slug:acme/webhooks/mcp`
  const flow = await connectUser(mcp, 'alice', tenantKey)
  t.equal(flow.final.status, 200, flow.final.text)
  const q = new URL(flow.hops[0].location!).searchParams
  t.equal(q.get('client_id'), CENTRAL.id)
  t.same(q.get('scope')!.split(' ').sort(), [...READ_SCOPES, 'offline_access'].sort(), "the tenant's own scopes")
  t.equal(new URL(flow.hops.at(-1)!.url).pathname, '/v2/workspaces/slug:acme/webhooks/oauthCallback')
  const r = await callTool(mcp, 'alice', 'spaces', 'list', {}, tenantKey)
  t.equal(r.isError, false, r.text)
  t.match((await callTool(mcp, 'alice', 'pages', 'delete', { id: '65549' }, tenantKey)).text, /MISSING_SCOPE/)
  t.same(leaks([r.text, ...flow.hops.map(h => h.text)]), [])
})
