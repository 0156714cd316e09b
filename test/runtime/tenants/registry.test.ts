// API-created tenants live in the store: they survive a restart, and every instance sharing the store
// serves them (picked up on a request for an unknown slug, and by the periodic sync). Both backends.
import t from 'tap'
import { allBackends, opened, sleep } from '../host/store/helpers.ts'
import { REGISTRY_NAMESPACE } from '../../../runtime/tenants/registry.ts'
import { writeWorkspace } from '../../helpers/workspace.ts'
import {
  ADMIN_KEY,
  api,
  call,
  GLOBAL_KEY,
  KEY_B,
  mcpPath,
  output,
  SECRET_B,
  sha256hex,
  startTenantServer,
  VAULT_FILES,
} from './helpers.ts'

const PATH = '/v2/workspaces/slug:b/config'
const B = { config: { label: 'b-label' }, secrets: { token: SECRET_B }, apiKeys: [KEY_B] }

for (const backend of await allBackends(t)) {
  t.test(`two instances and a restart on ${backend.name}`, async t => {
    const dir = writeWorkspace(VAULT_FILES)
    const one = await startTenantServer(t, { dir, store: await opened(t, backend) })
    const two = await startTenantServer(t, { dir, store: await opened(t, backend) })

    t.equal((await api(one.url, 'PUT', PATH, ADMIN_KEY, B)).status, 201)
    // Instance two has never heard of b: the request itself makes it look.
    const first = await call(two.url, mcpPath('b'), KEY_B, 'recall', {}, 'u1')
    t.equal(output(first).workspace, 'b', 'served by the other instance, with its key')
    t.equal(output(first).secretHash, sha256hex(SECRET_B))

    t.equal((await api(one.url, 'PUT', PATH, ADMIN_KEY, { config: { label: 'changed' } })).status, 200)
    await two.server.tenants!.refresh()
    t.equal(
      output(await call(two.url, mcpPath('b'), KEY_B, 'recall', {}, 'u1')).config.label,
      'changed',
      'a replacement reaches the other instance',
    )
    t.equal(
      (await api(two.url, 'GET', PATH, ADMIN_KEY)).json.config.label,
      'changed',
      'the config API reads the store first',
    )

    // Restart: a new store handle and server on the same data.
    await one.server.close()
    const three = await startTenantServer(t, { dir, store: await opened(t, backend) })
    const restored = output(await call(three.url, mcpPath('b'), KEY_B, 'recall', {}, 'u1'))
    t.same(
      [restored.config.label, restored.secretHash],
      ['changed', sha256hex(SECRET_B)],
      'config and secrets survive the restart',
    )

    t.equal((await api(three.url, 'DELETE', PATH, ADMIN_KEY)).status, 204)
    await two.server.tenants!.refresh()
    t.equal(
      (await call(two.url, mcpPath('b'), GLOBAL_KEY, 'recall')).status,
      404,
      'a removal reaches the other instance',
    )
    t.equal((await call(two.url, mcpPath('b'), KEY_B, 'recall')).status, 401, "and so does its key's removal")
  })

  t.test(`the periodic sync, and a stored tenant that no longer validates, on ${backend.name}`, async t => {
    const dir = writeWorkspace(VAULT_FILES)
    const store = await opened(t, backend)
    const watcher = await startTenantServer(t, { dir, store: await opened(t, backend), syncMs: 20 })
    await store.patchDoc(REGISTRY_NAMESPACE, 'core', {
      type: 'replace',
      path: ['c'],
      value: { config: { label: 'c' }, secrets: {}, apiKeys: [], rev: 'r1', updatedAt: new Date().toISOString() },
    })
    await store.patchDoc(REGISTRY_NAMESPACE, 'core', {
      type: 'replace',
      path: ['broken'],
      value: { config: { level: 0 }, secrets: {}, apiKeys: [], rev: 'r1', updatedAt: new Date().toISOString() },
    })
    for (let i = 0; i < 100 && !watcher.server.tenants!.slugs.has('c'); i++) await sleep(20)
    t.ok(watcher.server.tenants!.slugs.has('c'), 'picked up without a request')
    t.notOk(watcher.server.tenants!.slugs.has('broken'), 'an invalid stored tenant is not served (and logged)')
    const fixed = await api(watcher.url, 'PUT', '/v2/workspaces/slug:broken/config', ADMIN_KEY, {
      config: { level: 2 },
    })
    t.equal(fixed.status, 200, 'PUT repairs it (it existed: 200)')
    t.ok(watcher.server.tenants!.slugs.has('broken'))
  })
}

t.test('concurrent PUTs on one instance: every one lands, none is undone by a sync', async t => {
  const { MemoryStore } = await import('../../../runtime/host/store/memory.ts')
  const { url, server } = await startTenantServer(t, { store: new MemoryStore(), syncMs: 1 })
  const slugs = Array.from({ length: 20 }, (_, i) => `t${i}`)
  const results = await Promise.all(
    slugs.map(s => api(url, 'PUT', `/v2/workspaces/slug:${s}/config`, ADMIN_KEY, { config: { label: s } })),
  )
  t.same(
    results.map(r => r.status),
    slugs.map(() => 201),
  )
  await server.tenants!.refresh()
  t.same([...server.tenants!.slugs].sort(), [...slugs].sort())
  t.same(Object.keys(await server.tenants!.core.store.getDoc(REGISTRY_NAMESPACE, 'core')).sort(), [...slugs].sort())
})
