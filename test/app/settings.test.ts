// The `settings` instruction (runtime/instructions/settings.ts) and where it keeps values
// (runtime/tenants/settings.ts): in memory without a server; in the store for a server's own
// workspace (applied at start, on every instance, shared values reaching the tenants); in the tenant
// registry for an API tenant; never for a declared tenant.
import t from 'tap'
import type { DsulError } from '../../runtime/core/errors.ts'
import { createServer } from '../../runtime/server/app.ts'
import { MemoryStore } from '../../runtime/host/store/memory.ts'
import { createTenants } from '../../runtime/tenants/registry.ts'
import { formatDiagnostic } from '../../runtime/workspace/diagnostics.ts'
import { loadWorkspace } from '../../runtime/workspace/load.ts'
import { loadFiles, writeWorkspace } from '../helpers/workspace.ts'

const INDEX = `slug: core
name: Settings test
config:
  schema:
    type: object
    properties:
      siteUrl: { type: string, pattern: '^https?://', env: SITE_URL }
      label: { type: string, default: plain }
      clientId: { type: string, shared: true, env: CLIENT_ID }
      agents: { type: array, items: { type: string }, default: [] }
secrets:
  schema:
    type: object
    properties:
      token: { type: string, env: TOKEN }
      other: { type: string, minLength: 8 }
`
const FILES: Record<string, string> = {
  'config/index.yml': INDEX,
  'automations/get.yml': "do:\n  - settings: { op: get, output: s }\noutput: '{{s}}'\n",
  'automations/put.yml': `arguments:
  cfg: { type: object }
  sec: { type: object }
do:
  - settings: { op: put, config: '{{cfg}}', secrets: '{{sec}}', output: s }
output: { s: '{{s}}', leak: 'token is {{secret.token}} / {{sec.token}}' }
`,
  'automations/read.yml': "do: []\noutput: { config: '{{config}}', token: '{% $sha256(secret.token, \"hex\") %}' }\n",
}

const fail = async (p: Promise<unknown>): Promise<DsulError> => {
  try {
    await p
  } catch (err) {
    return err as DsulError
  }
  throw new Error('expected an error')
}

t.test('without a server: in memory, validated, secrets write-only and redacted', async t => {
  const { workspace: ws, diagnostics } = loadFiles(FILES, { env: { TOKEN: 'env-token-value' } })
  t.same(diagnostics.map(formatDiagnostic), [])
  const before = (await ws!.run('get')).output as any
  t.match(before, {
    workspace: 'core',
    source: 'memory',
    config: { label: 'plain', agents: [] },
    secrets: { token: true, other: false },
  })
  t.notOk(JSON.stringify(before).includes('env-token-value'), 'no secret value in a view')

  const put = (
    await ws!.run('put', {
      cfg: { siteUrl: 'https://a.example', label: 'new' },
      sec: { token: 'brand-new-token-1', other: '' },
    })
  ).output as any
  t.match(put.s, {
    source: 'memory',
    config: { siteUrl: 'https://a.example', label: 'new' },
    secrets: { token: true, other: false },
  })
  t.equal(put.leak, 'token is [REDACTED] / [REDACTED]', 'the new secret is redacted in the run that wrote it')
  t.match(
    (await ws!.run('read')).output,
    { config: { siteUrl: 'https://a.example', label: 'new' } },
    'the next run sees the new values',
  )

  await ws!.run('put', { sec: { other: 'another-secret-2' } })
  const cleared = (await ws!.run('put', { cfg: { label: null }, sec: { token: null, other: null } })).output as any
  t.equal(cleared.s.config.label, 'plain', 'null: back to the default')
  t.equal(cleared.s.config.siteUrl, 'https://a.example', 'other values are kept')
  t.equal(cleared.s.secrets.other, false, 'null clears a saved secret')
  t.equal(cleared.s.secrets.token, true, "… and the environment's value applies again")

  const bad = await fail(
    ws!.run('put', { cfg: { siteUrl: 'ftp://x', colour: 'red', agents: 'a' }, sec: { other: 'short' } }),
  )
  t.equal(bad.code, 'SETTINGS_INVALID')
  t.same((bad.data.problems as Array<{ path: string }>).map(p => p.path).sort(), [
    'config.agents',
    'config.colour',
    'config.siteUrl',
    'secrets.other',
  ])
  t.match(bad.message, /config\.colour is not a setting of this workspace/)
  t.equal(bad.status, 400)
  t.equal(
    (await ws!.run('get')).output && ((await ws!.run('read')).output as any).config.siteUrl,
    'https://a.example',
    'nothing kept from a refused put',
  )
  const typed = await fail(ws!.run('put', { sec: { token: 42 } }))
  t.match(typed, { code: 'SETTINGS_INVALID', data: { problems: [{ path: 'secrets.token' }] } })
})

t.test('misuse is a located diagnostic at load', async t => {
  const { diagnostics } = loadFiles({
    'automations/a.yml': 'do:\n  - settings: { op: get, config: {} }\n',
    'automations/b.yml': 'do:\n  - settings: { op: put }\n',
    'automations/c.yml': 'do:\n  - settings: { op: delete }\n',
  })
  const text = diagnostics.map(formatDiagnostic).join('\n')
  t.match(text, /automations\/a\.yml:2:15 INVALID_VALUE settings: `config` and `secrets` only go with `put`/)
  t.match(text, /automations\/b\.yml:2:15 INVALID_VALUE settings: `put` needs `config` or `secrets`/)
  t.match(text, /automations\/c\.yml:2:\d+ SCHEMA_VIOLATION/)
})

t.test(
  "a server's own workspace: kept in the store, applied at start and on every instance; tenants follow shared values",
  async t => {
    const dir = writeWorkspace({
      ...FILES,
      'config/tenants/filed.yml': 'slug: filed\nconfig:\n  label: from-file\n',
    })
    const store = new MemoryStore()
    const env = { SITE_URL: 'https://env.example', CLIENT_ID: 'env-client', TOKEN: 'env-token-value' }
    const serve = async (): Promise<Awaited<ReturnType<typeof createServer>>> => {
      const { workspace, diagnostics } = loadWorkspace(dir, { env, store })
      if (!workspace) throw new Error(diagnostics.map(formatDiagnostic).join('\n'))
      const server = await createServer({
        workspaces: [workspace],
        port: 0,
        logger: false,
        env: {},
        apiKeys: [],
        adminKeys: [],
        tenants: host => createTenants(host, { dir, env: {}, syncMs: 0 }),
      })
      t.teardown(() => server.close())
      return server
    }
    const a = await serve()
    const coreA = a.served[0].workspace
    await a.tenants!.put('acme', { config: { label: 'acme' }, secrets: { token: 'acme-token-0000' } })
    t.equal(
      a.tenants!.entry('acme')!.served.workspace.config.clientId,
      'env-client',
      "a tenant starts with the core's shared value",
    )

    const put = (
      await coreA.run('put', { cfg: { clientId: 'saved-client', label: 'saved' }, sec: { other: 'saved-secret-1' } })
    ).output as any
    t.match(put.s, {
      source: 'core',
      config: { siteUrl: 'https://env.example', clientId: 'saved-client', label: 'saved' },
      secrets: { token: true, other: true },
    })
    t.match(await store.getDoc('settings', 'core'), {
      config: { clientId: 'saved-client', label: 'saved' },
      secrets: { other: 'saved-secret-1' },
    })
    t.equal(
      a.tenants!.entry('acme')!.served.workspace.config.clientId,
      'saved-client',
      'the tenant is rebuilt with the new shared value',
    )
    t.equal(a.tenants!.entry('acme')!.served.workspace.config.label, 'acme', 'its own values stay')

    // Another instance on the same store: the saved values apply at start, before its tenants are built.
    const b = await serve()
    const coreB = b.served[0].workspace
    t.match((await coreB.run('read')).output, {
      config: { clientId: 'saved-client', label: 'saved', siteUrl: 'https://env.example' },
    })
    t.equal(b.tenants!.entry('acme')!.served.workspace.config.clientId, 'saved-client')
    t.match(await fail(coreB.run('put', { cfg: { label: 'x' }, sec: { other: 'x' } })), {
      code: 'SETTINGS_INVALID',
      data: { problems: [{ path: 'secrets.other' }] },
    })

    // A change on one instance reaches the other (a get re-reads; a timer does it every 5 s).
    await coreB.run('put', { cfg: { label: 'from-b' } })
    t.equal(((await coreA.run('get')).output as any).config.label, 'from-b')
    t.equal(((await coreA.run('read')).output as any).config.label, 'from-b')
    // Dropping the override falls back to the environment.
    await coreA.run('put', { cfg: { clientId: null } })
    t.equal(((await coreA.run('read')).output as any).config.clientId, 'env-client')

    // An API tenant writes its registry record (as a config API PUT would).
    const tenant = a.tenants!.entry('acme')!.served.workspace
    const saved = (
      await tenant.run('put', { cfg: { siteUrl: 'https://acme.example' }, sec: { other: 'acme-secret-9' } })
    ).output as any
    t.match(saved.s, {
      workspace: 'acme',
      source: 'api',
      config: { siteUrl: 'https://acme.example', label: 'acme' },
      secrets: { token: true, other: true },
    })
    t.match(a.tenants!.entry('acme')!.spec, {
      config: { label: 'acme', siteUrl: 'https://acme.example' },
      secrets: { token: 'acme-token-0000', other: 'acme-secret-9' },
    })
    t.match(await fail(a.tenants!.entry('acme')!.served.workspace.run('put', { cfg: { siteUrl: 'nope' } })), {
      code: 'SETTINGS_INVALID',
      data: { problems: [{ path: 'config.siteUrl' }] },
    })
    await b.tenants!.refresh()
    t.equal(
      b.tenants!.entry('acme')!.served.workspace.config.siteUrl,
      'https://acme.example',
      'the other instance serves it after its sync',
    )

    // A declared tenant is changed in its file, not from an automation.
    const filed = a.tenants!.entry('filed')!.served.workspace
    t.match((await filed.run('get')).output as any, { source: 'file', config: { label: 'from-file' } })
    const ro = await fail(filed.run('put', { cfg: { label: 'x' } }))
    t.equal(ro.code, 'SETTINGS_READ_ONLY')
    t.equal(ro.status, 409)
    t.match(ro.message, /declared in config\/tenants\/filed\.yml/)
  },
)
