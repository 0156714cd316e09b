// The config API (docs/tenants.md "Config API"): admin keys only, create/replace/read/remove tenants,
// located validation errors, secrets never sent back, new tenants served at once.
import t from 'tap'
import { Writable } from 'node:stream'
import { MemoryStore } from '../../../runtime/host/store/memory.ts'
import {
  ADMIN_KEY,
  api,
  call,
  GLOBAL_KEY,
  hashOf,
  KEY_A,
  KEY_B,
  mcpPath,
  output,
  SECRET_B,
  sha256hex,
  startTenantServer,
  TENANT_A_FILE,
} from '../tenants/helpers.ts'

const PATH = '/v2/workspaces/slug:b/config'
const B = {
  name: 'Tenant B',
  config: { label: 'b-label', siteUrl: 'https://b.example' },
  secrets: { token: SECRET_B },
  apiKeys: [KEY_B],
}

t.test('off without admin keys; admin keys only, with a challenge', async t => {
  const off = await startTenantServer(t, { store: new MemoryStore(), adminKeys: [] })
  const res = await api(off.url, 'PUT', PATH, GLOBAL_KEY, B)
  t.equal(res.status, 403)
  t.match(res.json, { error: 'FORBIDDEN', message: /CONFLUENCE_NEXT_ADMIN_KEYS/ })

  const { url } = await startTenantServer(t, { store: new MemoryStore() })
  for (const key of [undefined, GLOBAL_KEY, 'wrong-key-000000000000000']) {
    const r = await api(url, 'PUT', PATH, key, B)
    t.equal(r.status, 401)
    t.equal(r.headers.get('www-authenticate'), 'Bearer realm="confluence-next"')
    t.match(r.json, { error: 'UNAUTHORIZED' })
  }
  t.equal((await api(url, 'GET', '/v2/workspaces', ADMIN_KEY)).status, 200)
})

t.test('create, read, replace, remove: served at once, secrets never sent back', async t => {
  const { url, server } = await startTenantServer(t, {
    store: new MemoryStore(),
    files: { 'config/tenants/a.yml': TENANT_A_FILE },
  })
  t.equal((await call(url, mcpPath('b'), KEY_B, 'recall')).status, 401, 'no tenant b yet')

  const created = await api(url, 'PUT', PATH, ADMIN_KEY, B)
  t.equal(created.status, 201)
  t.match(created.json, {
    slug: 'b',
    name: 'Tenant B',
    source: 'api',
    config: { label: 'b-label', siteUrl: 'https://b.example', level: 1, publicUrl: 'https://public.example' },
    secrets: { token: true },
    apiKeys: 1,
    updatedAt: String,
    mcp: '/v2/workspaces/slug:b/webhooks/mcp',
  })
  t.notOk(created.text.includes(SECRET_B))
  t.notOk(created.text.includes(KEY_B))
  const recalled = output(await call(url, mcpPath('b'), KEY_B, 'recall', {}, 'u1'))
  t.equal(recalled.workspace, 'b', 'served without a restart, with its own key')
  t.equal(recalled.secretHash, sha256hex(SECRET_B))

  // Replace the config only: omitted secrets and keys are kept.
  const replaced = await api(url, 'PUT', PATH, ADMIN_KEY, {
    config: { label: 'b2', siteUrl: 'https://b2.example', level: 3 },
  })
  t.equal(replaced.status, 200)
  t.match(replaced.json, { name: 'Vault', config: { label: 'b2', level: 3 }, secrets: { token: true }, apiKeys: 1 })
  const again = output(await call(url, mcpPath('b'), KEY_B, 'recall', {}, 'u1'))
  t.same([again.config.label, again.secretHash], ['b2', sha256hex(SECRET_B)])
  // An empty secrets object clears them; new keys replace the old.
  const NEW_KEY = 'tenant-b-new-key-000000000000'
  t.equal(
    (await api(url, 'PUT', PATH, ADMIN_KEY, { secrets: {}, apiKeys: [hashOf(NEW_KEY)] })).json.secrets.token,
    false,
  )
  t.equal((await call(url, mcpPath('b'), KEY_B, 'recall', {}, 'u1')).status, 401, 'the old key is gone')
  t.equal((await call(url, mcpPath('b'), NEW_KEY, 'recall', {}, 'u1')).status, 200)

  const list = await api(url, 'GET', '/v2/workspaces', ADMIN_KEY)
  t.same(list.json, {
    workspaces: [
      { slug: 'core', name: 'Vault', source: 'core' },
      { slug: 'a', name: 'Tenant A', source: 'file' },
      {
        slug: 'b',
        name: 'Vault',
        source: 'api',
      },
    ],
  })
  const a = await api(url, 'GET', '/v2/workspaces/slug:a/config', ADMIN_KEY)
  t.match(a.json, { slug: 'a', source: 'file', file: 'config/tenants/a.yml', secrets: { token: true }, apiKeys: 1 })
  const core = await api(url, 'GET', '/v2/workspaces/slug:core/config', ADMIN_KEY)
  t.match(core.json, { slug: 'core', source: 'core', config: { label: 'core-from-env' }, secrets: { token: true } })
  t.notOk('apiKeys' in core.json)

  const removed = await api(url, 'DELETE', PATH, ADMIN_KEY)
  t.equal(removed.status, 204)
  t.equal((await api(url, 'GET', PATH, ADMIN_KEY)).status, 404)
  t.equal((await call(url, mcpPath('b'), NEW_KEY, 'recall')).status, 401, 'its key went with it')
  t.equal((await call(url, mcpPath('b'), GLOBAL_KEY, 'recall')).status, 404, 'no longer served')
  t.match((await api(url, 'DELETE', PATH, ADMIN_KEY)).json, { error: 'TENANT_NOT_FOUND', message: 'no tenant "b"' })
  t.notOk(server.tenants!.slugs.has('b'))
})

t.test('errors: located, one code each', async t => {
  const { url } = await startTenantServer(t, {
    store: new MemoryStore(),
    files: { 'config/tenants/a.yml': TENANT_A_FILE },
  })
  const put = (path: string, body: unknown): ReturnType<typeof api> => api(url, 'PUT', path, ADMIN_KEY, body)

  const bad = await put(PATH, { config: { siteUrl: 'ftp://b', level: 0, labl: 'x' }, secrets: { token: SECRET_B } })
  t.equal(bad.status, 400)
  t.equal(bad.json.error, 'CONFIG_INVALID')
  t.match(bad.json.message, 'config.siteUrl must match pattern "^https?://"')
  t.match(bad.json.message, 'config.level must be >= 1')
  t.match(bad.json.message, 'config.labl is not a setting of this workspace (did you mean "label"?)')
  t.same(bad.json.problems.map((p: { path: string }) => p.path).sort(), [
    'config.labl',
    'config.level',
    'config.siteUrl',
  ])
  t.equal((await api(url, 'GET', PATH, ADMIN_KEY)).status, 404, 'nothing was created')

  t.match((await put(PATH, { secrets: { tokn: 'x' } })).json, {
    error: 'CONFIG_INVALID',
    message: /secrets\.tokn is not a setting of this workspace \(did you mean "token"\?\)/,
  })
  t.match((await put(PATH, { secrets: { token: 5 } })).json, {
    error: 'INVALID_REQUEST',
    message: 'secrets.token must be string',
  })
  t.match((await put(PATH, { confg: {} })).json, {
    error: 'INVALID_REQUEST',
    message: 'confg is not a field (fields: name, config, secrets, apiKeys)',
  })
  t.match((await put(PATH, [])).json, { error: 'INVALID_REQUEST', message: 'body must be object' })
  t.match((await put(PATH, { apiKeys: ['short'] })).json, {
    error: 'CONFIG_INVALID',
    message: /apiKeys\[0\] is shorter than 16 characters/,
  })
  t.match(await put(PATH, { apiKeys: [GLOBAL_KEY] }), {
    status: 409,
    json: { error: 'KEY_IN_USE', message: /already a global API key/ },
  })
  t.match(await put(PATH, { apiKeys: [KEY_A] }), {
    status: 409,
    json: { error: 'KEY_IN_USE', message: /already a key of tenant "a"/ },
  })
  t.match(await put('/v2/workspaces/slug:a/config', {}), {
    status: 409,
    json: { error: 'TENANT_DECLARED', message: /declared in config\/tenants\/a\.yml/ },
  })
  t.match(await api(url, 'DELETE', '/v2/workspaces/slug:a/config', ADMIN_KEY), {
    status: 409,
    json: { error: 'TENANT_DECLARED' },
  })
  t.match(await put('/v2/workspaces/slug:core/config', {}), { status: 409, json: { error: 'RESERVED_SLUG' } })
  for (const slug of ['B', 'b_c', '1b', 'a:b', '..', 'x'.repeat(64)]) {
    t.match(
      await put(`/v2/workspaces/slug:${encodeURIComponent(slug)}/config`, {}),
      {
        status: 400,
        json: { error: 'INVALID_SLUG' },
      },
      slug,
    )
  }
  t.match(await put('/v2/workspaces/b/config', {}), { status: 404, json: { error: 'NOT_FOUND' } })
  t.match(await put(PATH, '{oops'), { status: 400, json: { error: 'INVALID_REQUEST' } })
  const text = await fetch(url + PATH, {
    method: 'PUT',
    headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'text/yaml' },
    body: 'a: 1',
  })
  t.equal(text.status, 415)
  t.match(await text.json(), { error: 'UNSUPPORTED_MEDIA_TYPE' })
})

t.test('every change is one audit line naming the tenant and the fields, never a value', async t => {
  const lines: any[] = []
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)))
      done()
    },
  })
  const { url } = await startTenantServer(t, { store: new MemoryStore(), logger: { level: 'info', stream } })
  await api(url, 'PUT', PATH, ADMIN_KEY, B)
  await api(url, 'PUT', PATH, ADMIN_KEY, { ...B, config: { label: 'again' } })
  await api(url, 'DELETE', PATH, ADMIN_KEY)
  const audit = lines.filter(l => l.audit === 'config')
  t.match(audit, [
    {
      msg: 'config change',
      tenant: 'b',
      change: 'create',
      fields: ['name', 'config', 'secrets', 'apiKeys'],
      config: ['label', 'siteUrl'],
      secrets: ['token'],
      apiKeys: 1,
    },
    { tenant: 'b', change: 'update', config: ['label'] },
    { tenant: 'b', change: 'delete' },
  ])
  t.notMatch(JSON.stringify(lines), new RegExp(`${SECRET_B}|${KEY_B}`), 'no secret, no key')
})
