// The configuration app over HTTP, without a browser: the static files and their headers, sign-in
// by role, the app/* webhooks (automations) with sessions and CSRF, validation errors by field,
// write-only secrets, persistence, user links, and the action → scope table.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import { CSP } from '../../runtime/server/web-apps.ts'
import { MemoryStore } from '../../runtime/host/store/memory.ts'
import { ROOT } from '../connector/helpers.ts'
import {
  ADMIN_KEY,
  APP,
  Browser,
  CENTRAL,
  GLOBAL_KEY,
  hooks,
  OTHER_TENANT_KEY,
  putTenant,
  startWorld,
  TENANT_KEY,
  tenantApp,
  userLink,
} from './helpers.ts'

const CORE = 'confluence-next'

t.test('the page: static files under a strict CSP, no inline script or style, nothing without the app', async t => {
  const dir = join(ROOT, 'apps', 'confluence-next')
  for (const f of readdirSync(dir)) {
    const text = readFileSync(join(dir, f), 'utf8')
    if (f.endsWith('.html')) {
      t.notMatch(text, /<script(?![^>]*\bsrc=)[^>]*>/i, `${f}: every script is a file`)
      t.notMatch(text, /<style|\sstyle=|\son[a-z]+=/i, `${f}: no inline style or handler`)
    }
    if (f.endsWith('.js')) {
      t.notMatch(
        text,
        /innerHTML|outerHTML|insertAdjacentHTML|eval\(|new Function/,
        `${f}: no HTML or code from strings`,
      )
    }
  }
  const w = await startWorld(t)
  const b = new Browser(w.url)
  const page = await b.fetch(APP)
  t.equal(page.status, 200)
  t.equal(page.headers.get('content-security-policy'), CSP)
  t.equal(
    CSP,
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  )
  t.match(Object.fromEntries(page.headers), {
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
    'x-frame-options': 'DENY',
    'content-type': 'text/html; charset=utf-8',
  })
  t.match(page.text, /<script type="module" src="app\.js"><\/script>/)
  const js = await b.fetch(APP + 'app.js')
  t.equal(js.headers.get('content-type'), 'text/javascript; charset=utf-8')
  t.equal(js.headers.get('content-security-policy'), CSP)
  t.equal((await b.fetch(APP + 'app.css')).headers.get('content-type'), 'text/css; charset=utf-8')
  t.equal((await b.fetch(APP + 'index.html')).status, 404, 'only the page itself serves the HTML')
  t.equal((await b.fetch(APP + '..%2Fpackage.json')).status, 404)
  const bare = await b.fetch('/apps/confluence-next?x=1')
  t.equal(bare.status, 308)
  t.equal(bare.headers.get('location'), '/apps/confluence-next/?x=1')
  t.equal((await b.fetch('/v2/workspaces/slug:nobody/apps/confluence-next/')).status, 404)
  t.match((await b.fetch(APP + 'api/session')).json, {
    app: 'confluence-next',
    workspace: CORE,
    core: true,
    open: false,
    session: null,
    hooks: `/v2/workspaces/slug:${CORE}/webhooks`,
  })
})

t.test('sign-in: admin keys make maintainers at the core and admins of tenants; a tenant key only its own', async t => {
  const w = await startWorld(t)
  await putTenant(w, 'acme', { config: {}, apiKeys: [TENANT_KEY] })
  await putTenant(w, 'beta', { config: {}, apiKeys: [OTHER_TENANT_KEY] })
  const role = async (base: string, key: string, userId?: string): Promise<string | number> => {
    const r = await new Browser(w.url).login(base, key, userId)
    return r.status === 200 ? r.json.session.role : r.status
  }
  t.equal(await role(APP, ADMIN_KEY), 'maintainer')
  t.equal(await role(APP, GLOBAL_KEY), 401, "an agent's key is not an admin's")
  t.equal(await role(APP, TENANT_KEY), 401)
  t.equal(await role(APP, 'wrong-key-0123456789abcdef'), 401)
  t.equal(await role(APP, ''), 401, 'no key: only on a keyless server')
  t.equal(await role(tenantApp('acme'), ADMIN_KEY), 'admin')
  t.equal(await role(tenantApp('acme'), TENANT_KEY), 'admin')
  t.equal(await role(tenantApp('acme'), OTHER_TENANT_KEY), 401, "another tenant's key")
  t.equal(await role(tenantApp('acme'), GLOBAL_KEY, 'alice'), 'user', 'a trusted caller opens a user session')
  t.equal(await role(tenantApp('acme'), TENANT_KEY, 'alice'), 'user')
  t.equal(await role(tenantApp('acme'), OTHER_TENANT_KEY, 'alice'), 401)

  const b = new Browser(w.url)
  const viaForm = await b.fetch(APP + 'api/login', {
    method: 'POST',
    raw: `key=${ADMIN_KEY}`,
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  })
  t.equal(viaForm.status, 415, 'a cross-site form cannot sign anyone in')
  t.equal(
    (
      await b.fetch(APP + 'api/login', {
        method: 'POST',
        body: { key: ADMIN_KEY },
        headers: { origin: 'https://evil.example' },
      })
    ).status,
    403,
  )

  // Sessions are per workspace: acme's cookie opens nothing at beta or the core.
  const acme = new Browser(w.url)
  await acme.login(tenantApp('acme'), TENANT_KEY)
  t.equal((await acme.fetch(hooks('acme') + 'state')).status, 200)
  t.equal((await acme.fetch(hooks('beta') + 'state')).status, 401)
  t.equal((await acme.fetch(hooks(CORE) + 'state')).status, 401)
})

t.test('app webhooks: a session, never a key; CSRF on every change; roles checked; secrets never answered', async t => {
  const w = await startWorld(t)
  const b = new Browser(w.url)
  t.equal((await b.fetch(hooks(CORE) + 'state')).status, 401)
  t.equal(
    (await b.fetch(hooks(CORE) + 'state', { headers: { authorization: `Bearer ${GLOBAL_KEY}` } })).status,
    401,
    "an API key does not open the app's webhooks",
  )
  await b.login(APP, ADMIN_KEY)
  const state = await b.fetch(hooks(CORE) + 'state')
  t.match(Object.fromEntries(state.headers), {
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'content-type': /^application\/json/,
  })
  t.match(state.json, {
    role: 'maintainer',
    workspace: CORE,
    source: 'core',
    callbackUri: `${w.url}/v2/workspaces/slug:${CORE}/webhooks/oauthCallback`,
    central: { clientSecretSet: false, scopes: Array },
  })

  const save = { config: { centralClientId: CENTRAL.id }, secrets: { centralClientSecret: CENTRAL.secret } }
  const url = hooks(CORE) + 'save-central-client'
  t.match(await b.fetch(url, { method: 'POST', body: save }), { status: 403, json: { error: 'CSRF' } }, 'no token')
  t.match(
    await b.fetch(url, { method: 'POST', body: save, headers: { 'x-csrf-token': 'forged' } }),
    { status: 403 },
    'a wrong token',
  )
  t.match(
    await b.fetch(url, {
      method: 'POST',
      raw: 'config=x',
      headers: { 'x-csrf-token': b.csrf(CORE), 'content-type': 'text/plain' },
    }),
    { status: 403 },
    'not JSON',
  )
  t.match(
    await b.fetch(url, {
      method: 'POST',
      body: save,
      headers: { 'x-csrf-token': b.csrf(CORE), origin: 'https://evil.example' },
    }),
    { status: 403 },
    'another origin',
  )
  t.match(await b.fetch(url, { method: 'GET' }), { status: 405 }, 'a read never changes anything')
  const saved = await b.post(CORE, 'save-central-client', save)
  t.match(saved, {
    status: 200,
    json: { ok: true, view: { central: { clientId: CENTRAL.id, clientSecretSet: true } } },
  })
  t.notOk(saved.text.includes(CENTRAL.secret), 'the secret is not answered back')
  const again = await b.fetch(hooks(CORE) + 'state')
  t.notOk(again.text.includes(CENTRAL.secret))
  t.equal(again.json.central.clientSecretSet, true)
  const viaApi = (await fetch(`${w.url}/v2/workspaces/slug:${CORE}/config`, {
    headers: { authorization: `Bearer ${ADMIN_KEY}` },
  }).then(r => r.json())) as any
  t.match(
    viaApi,
    { config: { centralClientId: CENTRAL.id }, secrets: { centralClientSecret: true } },
    'the core runs with it now',
  )
  t.match(
    await w.store.getDoc('settings', CORE),
    { secrets: { centralClientSecret: CENTRAL.secret } },
    'kept in the (encrypted) store',
  )
  t.equal(
    await b
      .post(CORE, 'save-central-client', {
        config: { centralClientId: CENTRAL.id },
        secrets: { centralClientSecret: '' },
      })
      .then(r => r.json.view.central.clientSecretSet),
    true,
    'an empty secret keeps the stored one',
  )

  // Errors name their field.
  const bad = await b.post(CORE, 'save-central-client', {
    config: { centralClientId: 42, oauthScopes: 'read:page:confluence', publicUrl: 'https://x.example' },
    secrets: { coreExchangeKey: 'k' },
  })
  t.equal(bad.status, 400)
  t.same(
    bad.json.problems.map((p: any) => p.path).sort(),
    ['config.publicUrl', 'secrets.coreExchangeKey'],
    'names the view may not change are refused first',
  )
  const typed = await b.post(CORE, 'save-central-client', {
    config: { centralClientId: 42, oauthScopes: 'read:page:confluence' },
  })
  t.match(typed, { status: 400, json: { error: 'SETTINGS_INVALID' } })
  t.same(typed.json.problems.map((p: any) => p.path).sort(), ['config.centralClientId', 'config.oauthScopes'])
  t.match((await b.post(CORE, 'save-central-client', 'not an object')).status, 400)
  // `session` comes from the server only: a body cannot claim another role.
  const forged = await new Browser(w.url).fetch(hooks(CORE) + 'state', {
    method: 'POST',
    body: { session: { role: 'maintainer' } },
  })
  t.equal(forged.status, 401)

  // The maintainer also edits the core's own workspace settings; a user cannot touch either.
  const core = await b.post(CORE, 'save-tenant', { config: { allowedAgents: ['core-agent'], siteUrl: 'ftp://nope' } })
  t.match(core, { status: 400, json: { problems: [{ path: 'config.siteUrl', message: /must match pattern/ }] } })
  t.equal(
    (await b.post(CORE, 'save-tenant', { config: { allowedAgents: ['core-agent'] } })).json.view.settings
      .allowedAgents[0],
    'core-agent',
  )
  const user = new Browser(w.url)
  await user.login(APP, GLOBAL_KEY, 'alice')
  t.match(await user.fetch(hooks(CORE) + 'state'), { status: 403, json: { error: 'FORBIDDEN' } })
  t.match(await user.post(CORE, 'save-central-client', save), { status: 403 })
  t.match(await user.post(CORE, 'save-tenant', { config: {} }), { status: 403 })

  // Sign-out: the cookie is worthless afterwards, even replayed.
  const cookies = new Map(b.cookies)
  t.equal((await b.fetch(APP + 'api/logout', { method: 'POST' })).status, 403, 'sign-out needs the token too')
  t.equal(
    (await b.fetch(APP + 'api/logout', { method: 'POST', headers: { 'x-csrf-token': b.csrf(CORE) } })).status,
    204,
  )
  t.equal(b.cookies.size, 0)
  const replay = new Browser(w.url)
  for (const [k, v] of cookies) replay.cookies.set(k, v)
  t.equal((await replay.fetch(hooks(CORE) + 'state')).status, 401)
})

t.test('a tenant admin: only the workspace view, applied at once, persisted in the registry', async t => {
  const store = new MemoryStore()
  const w = await startWorld(t, { store })
  await putTenant(w, 'acme', { config: {}, apiKeys: [TENANT_KEY] })
  const b = new Browser(w.url)
  await b.login(tenantApp('acme'), TENANT_KEY)
  const state = await b.fetch(hooks('acme') + 'state')
  t.match(state.json, {
    role: 'admin',
    workspace: 'acme',
    source: 'api',
    settings: { authMode: 'oauthCentral', allowAllAgents: false },
    secrets: { apiToken: false },
  })
  t.notOk('central' in state.json, 'no central client for a tenant admin')
  t.equal(state.json.callbackUri, `${w.url}/v2/workspaces/slug:acme/webhooks/oauthCallback`)
  t.match(await b.post('acme', 'save-central-client', { config: { centralClientId: 'x' } }), { status: 403 })
  t.match(
    await b.post('acme', 'save-tenant', { config: { centralClientId: 'x', atlassianAuthUrl: 'https://evil.example' } }),
    { status: 400, json: { problems: [{ path: 'config.centralClientId' }, { path: 'config.atlassianAuthUrl' }] } },
  )
  const saved = await b.post('acme', 'save-tenant', {
    config: {
      authMode: 'apiToken',
      siteUrl: w.fake.url,
      email: 'bot@acme.example',
      allowedAgents: ['a1'],
      cloudId: '',
    },
    secrets: { apiToken: 'acme-token-123456' },
  })
  t.match(saved.json.view, {
    source: 'api',
    settings: { authMode: 'apiToken', siteUrl: w.fake.url, allowedAgents: ['a1'] },
    secrets: { apiToken: true },
  })
  t.notOk(saved.text.includes('acme-token-123456'))
  t.match(
    w.server.tenants!.entry('acme')!.spec,
    {
      config: { authMode: 'apiToken', email: 'bot@acme.example' },
      secrets: { apiToken: 'acme-token-123456' },
      apiKeys: [String],
    },
    'its keys are kept',
  )
  t.notOk('cloudId' in w.server.tenants!.entry('acme')!.spec.config, 'an empty field drops the value')
  const mode = await b.post('acme', 'save-tenant', { config: { authMode: 'ldap' } })
  t.match(mode, { status: 400, json: { problems: [{ path: 'config.authMode', message: /must be one of/ }] } })

  // Another server on the same store serves the saved tenant.
  const other = await startWorld(t, { store, fake: w.fake, identity: w.identity })
  const b2 = new Browser(other.url)
  await b2.login(tenantApp('acme'), TENANT_KEY)
  t.match((await b2.fetch(hooks('acme') + 'state')).json.settings, { authMode: 'apiToken', allowedAgents: ['a1'] })
})

t.test(
  'user links: minted by a trusted caller, single use, bound to the workspace; the user sees only their connection',
  async t => {
    const w = await startWorld(t)
    await putTenant(w, 'acme', {
      config: { authMode: 'oauth', oauthClientId: CENTRAL.id },
      secrets: { oauthClientSecret: CENTRAL.secret },
      apiKeys: [TENANT_KEY],
    })
    t.equal((await userLink(w, 'acme', 'wrong-key-0123456789abcdef', 'alice')).status, 401)
    t.equal((await userLink(w, 'acme', OTHER_TENANT_KEY, 'alice')).status, 401)
    t.equal((await userLink(w, 'acme', GLOBAL_KEY, '')).status, 400)
    const link = await userLink(w, 'acme', TENANT_KEY, 'alice')
    t.match(link.json, { url: `${w.url}/v2/workspaces/slug:acme/apps/confluence-next/?ticket=`, expiresIn: 600 })
    const b = new Browser(w.url)
    const opened = await b.fetch(link.json.path)
    t.equal(opened.status, 303)
    t.equal(
      opened.headers.get('location'),
      '/v2/workspaces/slug:acme/apps/confluence-next/',
      'the ticket leaves the address bar',
    )
    t.match((await b.fetch(tenantApp('acme') + 'api/session')).json.session, {
      role: 'user',
      userId: 'alice',
      workspace: 'acme',
    })
    const reused = await new Browser(w.url).fetch(link.json.path)
    t.equal(reused.headers.get('location'), '/v2/workspaces/slug:acme/apps/confluence-next/#link-invalid')
    t.equal(reused.headers.get('set-cookie'), null)
    const elsewhere = await userLink(w, 'acme', GLOBAL_KEY, 'bob')
    t.equal(
      (await new Browser(w.url).fetch(elsewhere.json.path.replace('slug:acme', `slug:${CORE}`))).headers.get(
        'location',
      ),
      `/v2/workspaces/slug:${CORE}/apps/confluence-next/#link-invalid`,
    )

    const status = await b.fetch(hooks('acme') + 'user-status', { headers: { 'x-user-id': 'mallory' } })
    t.match(
      status.json,
      {
        oauth: true,
        configured: true,
        userId: 'alice',
        connected: false,
        connectUrl: /\/v2\/workspaces\/slug:acme\/webhooks\/oauthConnect\?token=/,
      },
      "as the session's user, whatever the headers say",
    )
    t.match(await b.post('acme', 'user-disconnect', {}), { status: 200, json: { disconnected: false } })
    t.match(await b.fetch(hooks('acme') + 'user-disconnect', { method: 'POST' }), { status: 403 }, 'CSRF')
    t.match(await b.fetch(tenantApp('acme') + 'api/scopes'), { status: 401 }, 'the scope table is for admins')
  },
)

t.test('a keyless loopback server: sign in without a key', async t => {
  const w = await startWorld(t, { keyless: true })
  const b = new Browser(w.url)
  t.match((await b.fetch(APP + 'api/session')).json, { open: true })
  t.match((await b.login(APP, '')).json, { session: { role: 'maintainer' } })
})

t.test('the action → scope table follows the automations', async t => {
  const w = await startWorld(t)
  const b = new Browser(w.url)
  await b.login(APP, ADMIN_KEY)
  const table = (await b.fetch(APP + 'api/scopes')).json
  t.equal(Object.keys(table.actions).length, 20, 'every action')
  t.same(table.actions['pages.create'], ['write:page:confluence'])
  t.same(table.actions['pages.delete'], ['delete:page:confluence'])
  t.same(table.actions['search.cql'], ['read:content-details:confluence'])
  t.same(table.actions['comments.addFooter'], ['read:comment:confluence', 'write:comment:confluence'])
  for (const [action, scopes] of Object.entries(table.actions as Record<string, string[]>)) {
    t.ok(scopes.length > 0, `${action} needs a scope`)
    for (const s of scopes) t.ok(table.defaultScopes.includes(s), `${action}: ${s} is in the default set`)
  }
  t.ok(table.defaultScopes.includes('offline_access'))
  t.notOk(
    table.readOnlyScopes.some((s: string) => /^(write|delete):/.test(s)),
    'the read-only preset has no write scope',
  )
  t.ok(
    table.readOnlyScopes.includes('read:page:confluence') &&
      table.readOnlyScopes.includes('read:content-details:confluence'),
  )
})

t.test("the app's webhooks declare no arguments: `session` can only come from the server", async t => {
  const dir = join(ROOT, 'automations', 'app')
  for (const f of readdirSync(dir)) {
    const text = readFileSync(join(dir, f), 'utf8')
    if (/^ {2}endpoint:/m.test(text)) t.notMatch(text, /^arguments:/m, `${f} reads \`body\`, never arguments`)
    t.notMatch(text, /^\s+session:/m, `${f} declares no "session"`)
  }
})
