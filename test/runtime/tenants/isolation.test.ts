// Tenant isolation (issue 5): two tenants and the core on one server and one store (SQLite, and Redis
// when redis-server is installed), the same user id everywhere. Tenant A tries to read, overwrite and
// enumerate tenant B's tokens through every tool, webhook, expression, route and key it has.
import t from 'tap'
import { allBackends, opened } from '../host/store/helpers.ts'
import { isInstruction } from '../../../runtime/instructions/index.ts'
import {
  ADMIN_KEY,
  api,
  call,
  GLOBAL_KEY,
  KEY_A,
  KEY_B,
  mcpPath,
  output,
  SECRET_A,
  SECRET_B,
  SECRET_CORE,
  sha256hex,
  startTenantServer,
  TENANT_A_FILE,
} from './helpers.ts'

const USER = 'u1'

for (const backend of await allBackends(t)) {
  t.test(`isolation on ${backend.name}`, async t => {
    const store = await opened(t, backend)
    const { url, server } = await startTenantServer(t, { store, files: { 'config/tenants/a.yml': TENANT_A_FILE } })
    // B is created through the config API, A is declared in a file.
    const created = await api(url, 'PUT', '/v2/workspaces/slug:b/config', ADMIN_KEY, {
      name: 'Tenant B',
      config: { label: 'b-label', siteUrl: 'https://b.example' },
      secrets: { token: SECRET_B },
      apiKeys: [KEY_B],
    })
    t.equal(created.status, 201, created.text)
    t.same(
      server.tenants!.list().map(e => e.spec.slug),
      ['a', 'b'],
    )

    const A = mcpPath('a')
    const B = mcpPath('b')
    const CORE = mcpPath()

    t.test('the same user id writes its own user and global documents in each workspace', async t => {
      t.equal(output(await call(url, A, KEY_A, 'remember', { value: 'a-token' }, USER)), 'stored')
      t.equal(output(await call(url, B, KEY_B, 'remember', { value: 'b-token' }, USER)), 'stored')
      t.equal(output(await call(url, CORE, GLOBAL_KEY, 'remember', { value: 'core-token' }, USER)), 'stored')
      const a = output(await call(url, A, KEY_A, 'recall', {}, USER))
      const b = output(await call(url, B, KEY_B, 'recall', {}, USER))
      const core = output(await call(url, CORE, GLOBAL_KEY, 'recall', {}, USER))
      t.same([a.workspace, b.workspace, core.workspace], ['a', 'b', 'core'])
      t.same(a.user, { id: USER, token: 'a-token' })
      t.same(a.global, { token: 'a-token' })
      t.same(b.user, { id: USER, token: 'b-token' })
      t.same(b.global, { token: 'b-token' })
      t.same(core.user, { id: USER, token: 'core-token' })
      t.same(a.userKeys.sort(), ['id', 'token'], 'no key of another tenant to enumerate')
      // Config: each its own; the core's environment (VAULT_LABEL, VAULT_SITE_URL) never reaches a
      // tenant; a `shared: true` property does, as a default.
      t.same(a.config, {
        label: 'a-label',
        siteUrl: 'https://a.example',
        publicUrl: 'https://public.example',
        level: 1,
      })
      t.same(b.config, {
        label: 'b-label',
        siteUrl: 'https://b.example',
        publicUrl: 'https://public.example',
        level: 1,
      })
      t.equal(core.config.label, 'core-from-env')
      // Secrets: each sees its own, redacted in any output.
      t.equal(a.secretHash, sha256hex(SECRET_A))
      t.equal(b.secretHash, sha256hex(SECRET_B))
      t.equal(core.secretHash, sha256hex(SECRET_CORE))
      t.same(a.secret, { token: '[REDACTED]' })
      const everything = JSON.stringify([a, b, core])
      for (const s of [SECRET_A, SECRET_B, SECRET_CORE])
        t.notOk(everything.includes(s), 'no secret in clear in any output')
    })

    t.test("path tricks in set names stay inside the tenant's own documents", async t => {
      t.equal(output(await call(url, A, KEY_A, 'poke', { value: 'from-a' }, USER)), 'poked')
      // A user id that looks like another namespace is only a key in A's namespace.
      t.equal(output(await call(url, A, KEY_A, 'remember', { value: 'forged' }, 'b:user')), 'stored')
      t.equal(output(await call(url, A, KEY_A, 'remember', { value: 'forged' }, `../b:user/${USER}`)), 'stored')
      const b = output(await call(url, B, KEY_B, 'recall', {}, USER))
      t.same(b.user, { id: USER, token: 'b-token' }, "B's user is untouched")
      t.same(b.global, { token: 'b-token' }, "B's global is untouched")
      t.same(await store.getDoc('b:user', USER), { token: 'b-token' })
      t.same(await store.getDoc('b:global', 'global'), { token: 'b-token' })
      const aUser = await store.getDoc('a:user', USER)
      t.equal(aUser['../b'], 'from-a')
      t.equal(aUser['b:user'], 'from-a')
      t.same(Object.keys(await store.getDoc('a:user', 'b:user')), ['token'])
      t.equal((await store.getDoc('a:global', 'global'))['../../b:global/global'], 'from-a')
      t.same(
        await store.getDoc('tenants', 'core').then(r => Object.keys(r)),
        ['b'],
        'the tenant registry is not reachable from a scope',
      )
    })

    t.test('rate limits, events and records are per tenant', async t => {
      t.equal(output(await call(url, A, KEY_A, 'limited', {}, USER)), 'allowed')
      const second = await call(url, A, KEY_A, 'limited', {}, USER)
      t.match(second.json.result.content[0].text, /RATE_LIMITED/)
      t.equal(output(await call(url, B, KEY_B, 'limited', {}, USER)), 'allowed', "A's counter is not B's")

      t.equal(output(await call(url, A, KEY_A, 'ping', {}, USER)), 'sent')
      await server.tenants!.served('a')!.workspace.drain()
      t.equal(output(await call(url, A, KEY_A, 'recall', {}, USER)).global.pingedBy, 'a')
      t.notOk(output(await call(url, B, KEY_B, 'recall', {}, USER)).global.pingedBy, "A's event triggers nothing in B")
      t.notOk(output(await call(url, CORE, GLOBAL_KEY, 'recall', {}, USER)).global.pingedBy, 'nor in the core')

      if (!isInstruction('record')) return
      output(await call(url, B, KEY_B, 'note', { op: 'put', key: 'oauth-state', value: 'b-state' }, USER))
      for (const key of ['oauth-state', '../b:oauth-state', 'b:oauth-state']) {
        t.equal(
          output(await call(url, A, KEY_A, 'note', { op: 'get', key }, USER)),
          null,
          `A cannot read B's record as "${key}"`,
        )
      }
      t.equal(output(await call(url, B, KEY_B, 'note', { op: 'get', key: 'oauth-state' }, USER)), 'b-state')
    })

    t.test('keys: a tenant key reaches its own tenant only, and reveals nothing elsewhere', async t => {
      const unknown = await call(url, mcpPath('zzz'), KEY_A, 'recall', {}, USER)
      const other = await call(url, B, KEY_A, 'recall', {}, USER)
      t.equal(other.status, 401, "A's key on B")
      t.same(other.json, unknown.json, 'B answers exactly like a tenant that does not exist')
      t.equal(unknown.status, 401)
      t.equal((await call(url, CORE, KEY_A, 'recall', {}, USER)).status, 401, "A's key on the core")
      t.equal((await call(url, '/webhooks/mcp', KEY_A, 'recall', {}, USER)).status, 401)
      t.equal((await call(url, mcpPath('core'), KEY_A, 'recall', {}, USER)).status, 401)
      t.equal((await call(url, A, KEY_B, 'recall', {}, USER)).status, 401, "B's key on A")
      t.equal((await call(url, B, undefined, 'recall', {}, USER)).status, 401, 'no key')
      t.equal((await call(url, A, GLOBAL_KEY, 'recall', {}, USER)).status, 200, 'a global key reaches every workspace')
      t.equal((await call(url, A, ADMIN_KEY, 'recall', {}, USER)).status, 401, 'an admin key is not an API key')

      const peek = (path: string, key?: string): Promise<Response> =>
        fetch(url + path, { headers: { 'x-user-id': USER, ...(key ? { authorization: `Bearer ${key}` } : {}) } })
      const own = await peek('/v2/workspaces/slug:a/webhooks/peek', KEY_A)
      t.equal(own.status, 200)
      t.same(await own.json(), {
        workspace: 'a',
        user: { id: USER, token: 'a-token', '../b': 'from-a', 'b:user': 'from-a' },
        global: { token: 'forged', '../../b:global/global': 'from-a', tenants: 'from-a', pingedBy: 'a' },
      })
      t.equal((await peek('/v2/workspaces/slug:b/webhooks/peek', KEY_A)).status, 401, "A's key on B's webhook")
      t.equal((await peek('/webhooks/peek', KEY_A)).status, 401, "A's key on the core's webhook")
      t.equal(
        (await peek('/v2/workspaces/slug:b/webhooks/hello', KEY_A)).status,
        401,
        'even on a public one: a foreign key is refused',
      )
      const hello = await peek('/v2/workspaces/slug:b/webhooks/hello')
      t.equal(await hello.text(), 'hello from b', 'a public webhook is what B deliberately exposes')
      t.equal((await peek('/metrics', KEY_A)).status, 401, 'metrics (which name every tenant) need a global key')

      // Slug tricks in A's routes never reach B.
      for (const path of [
        '/v2/workspaces/slug:a/webhooks/..%2F..%2Fslug:b%2Fwebhooks%2Fpeek',
        '/v2/workspaces/slug:a%2F..%2Fslug:b/webhooks/peek',
        '/v2/workspaces/slug:a/../slug:b/webhooks/peek',
        '/v2/workspaces/slug:b%00/webhooks/peek',
        '/v2/workspaces/slug:B/webhooks/peek',
        '/v2/workspaces/slug:a:b/webhooks/peek',
        '/v2/workspaces/slug:a/webhooks/peek?ws=slug:b',
      ]) {
        const res = await server.app.inject({
          url: path,
          headers: { authorization: `Bearer ${KEY_A}`, 'x-user-id': USER },
        })
        t.notMatch(res.body, /b-token|"workspace":"b"/, `${path}: nothing of B`)
        if (res.statusCode === 200) t.match(res.json(), { workspace: 'a' }, `${path}: served by A`)
      }
    })

    t.test('the config API and the operations endpoints enumerate nothing for a tenant', async t => {
      for (const key of [KEY_A, KEY_B, GLOBAL_KEY, undefined]) {
        t.equal(
          (await api(url, 'GET', '/v2/workspaces/slug:b/config', key)).status,
          401,
          `GET B's config with ${key ?? 'no key'}`,
        )
        t.equal((await api(url, 'GET', '/v2/workspaces', key)).status, 401)
        t.equal(
          (
            await api(url, 'PUT', '/v2/workspaces/slug:b/config', key, {
              config: {},
              secrets: { token: 'x'.repeat(20) },
            })
          ).status,
          401,
        )
        t.equal((await api(url, 'DELETE', '/v2/workspaces/slug:b/config', key)).status, 401)
      }
      const readyz = await api(url, 'GET', '/readyz', GLOBAL_KEY) // details are for an operator's key
      t.equal(readyz.status, 200)
      t.same(
        readyz.json.workspaces.map((w: { slug: string }) => w.slug),
        ['core'],
        '/readyz lists no tenant',
      )

      const shown = await api(url, 'GET', '/v2/workspaces/slug:b/config', ADMIN_KEY)
      t.equal(shown.status, 200)
      t.same(shown.json.secrets, { token: true }, 'secrets: only whether they are set')
      t.notOk(shown.text.includes(SECRET_B), 'never the secret itself')
      t.notOk((await api(url, 'GET', '/v2/workspaces/slug:a/config', ADMIN_KEY)).text.includes(SECRET_A))
      t.notOk((await api(url, 'GET', '/v2/workspaces/slug:core/config', ADMIN_KEY)).text.includes(SECRET_CORE))
    })

    t.test('the raw store holds no tenant secret in clear', async t => {
      if (backend.name !== 'sqlite') return
      const { readFileSync, readdirSync } = await import('node:fs')
      const dir = backend.options.dataDir
      const raw = readdirSync(dir)
        .filter(f => f.startsWith('confluence-next.db'))
        .map(f => readFileSync(`${dir}/${f}`).toString('latin1'))
        .join('')
      t.ok(raw.length > 0)
      for (const s of [SECRET_B, 'b-token', KEY_B]) t.notOk(raw.includes(s), `${s} is not in the SQLite files`)
    })
  })
}
