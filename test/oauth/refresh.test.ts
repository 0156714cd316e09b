// Refresh with rotating refresh tokens: before a call when the access token expired, after a 401
// once, single-flight for concurrent calls; a revoked grant drops the connection ("must reconnect");
// a tenant's read-only scope override is what the user grants, so the fake refuses writes.
import t, { type Test } from 'tap'
import {
  callTool,
  connectUser,
  hook,
  READ_SCOPES,
  ownClientEnv,
  serveInProcess,
  startWorld,
  worldEnv,
  type Instance,
  type World,
} from './helpers.ts'

const TOKEN = 'record:confluence-next:oauth:token:alice'

async function connected(
  t: Test,
  env: Record<string, string> = {},
): Promise<{ w: World; inst: Instance; mcp: string }> {
  const w = await startWorld(t)
  const inst = await serveInProcess(t, [{ env: worldEnv(w, { ...ownClientEnv, ...env }) }])
  const mcp = inst.url + '/mcp'
  t.equal((await connectUser(mcp, 'alice')).final.status, 200, 'alice connected')
  return { w, inst, mcp }
}

t.test('an expired access token is refreshed before the call, once for concurrent calls', async t => {
  const { w, inst, mcp } = await connected(t)
  const store = inst.workspaces[0].store
  const before = (await store.get(TOKEN)) as any
  t.equal(before.refresh, w.identity.latestRefreshToken())
  // Expired for us, and for the gateway too: the old token must not be used again.
  await store.set(TOKEN, { ...before, expiresAt: 0 })
  w.identity.expireAccessTokens([before.access])

  const results = await Promise.all(Array.from({ length: 10 }, () => callTool(mcp, 'alice', 'spaces', 'list')))
  t.same(
    results.filter(r => r.isError).map(r => r.text),
    [],
    'every call succeeds',
  )
  t.equal(w.identity.counts.refresh_token, 1, 'exactly one refresh')
  const after = (await store.get(TOKEN)) as any
  t.not(after.access, before.access)
  t.equal(after.refresh, w.identity.latestRefreshToken(), 'the rotated refresh token is stored')
  t.ok(after.expiresAt > Date.now() + 3_000_000, 'with its new expiry')
  t.ok(after.refreshedAt && after.connectedAt === before.connectedAt)
  t.equal((await callTool(mcp, 'alice', 'spaces', 'list')).isError, false)
  t.equal(w.identity.counts.refresh_token, 1, 'a fresh token is not refreshed again')
  t.same(w.fake.violations, [])
})

t.test('a 401 from Confluence refreshes once and retries once', async t => {
  const { w, inst, mcp } = await connected(t)
  // Revoked early (as a password change would): the stored expiry still says valid.
  w.identity.expireAccessTokens()
  const r = await callTool(mcp, 'alice', 'pages', 'get', { id: '65538' })
  t.equal(r.isError, false, r.text)
  t.equal(w.identity.counts.refresh_token, 1)
  const tok = (await inst.workspaces[0].store.get(TOKEN)) as any
  t.equal(tok.refresh, w.identity.latestRefreshToken())
  const unauthorized = w.fake.requests.filter(q => q.path.endsWith('/wiki/api/v2/pages/65538'))
  t.equal(unauthorized.length, 2, 'the request, then its one retry')

  // Several calls that all got a 401 with the same old token: still one refresh.
  w.identity.expireAccessTokens()
  const many = await Promise.all(Array.from({ length: 5 }, () => callTool(mcp, 'alice', 'spaces', 'list')))
  t.same(
    many.filter(m => m.isError).map(m => m.text),
    [],
  )
  t.equal(w.identity.counts.refresh_token, 2)
})

t.test('a revoked grant: "token refresh failed … must reconnect", and the connection is dropped', async t => {
  const { w, inst, mcp } = await connected(t)
  t.equal(w.identity.revoke(), 1, 'the user revokes the app at Atlassian')
  const r = await callTool(mcp, 'alice', 'spaces', 'list')
  t.equal(r.isError, true)
  t.match(
    r.text,
    /^spaces\.list failed \(RECONNECT_REQUIRED\): Confluence token refresh failed: Atlassian refused the grant \(invalid_grant: Unknown or invalid refresh token\.\)\. The connection was removed, so the user must reconnect Confluence\. To connect, the user opens this link/,
  )
  t.equal(await inst.workspaces[0].store.get(TOKEN), undefined, 'the tokens are deleted')
  t.match((await hook(inst.url + '/webhooks/oauthStatus', 'alice')).body, { connected: false })
  t.match((await callTool(mcp, 'alice', 'spaces', 'list')).text, /NOT_CONNECTED/)
  // Reconnecting works again.
  t.equal((await connectUser(mcp, 'alice')).final.status, 200)
  t.equal((await callTool(mcp, 'alice', 'spaces', 'list')).isError, false)
})

t.test('a refresh that fails for another reason keeps the connection', async t => {
  const { w, inst, mcp } = await connected(t)
  const store = inst.workspaces[0].store
  await store.set(TOKEN, { ...((await store.get(TOKEN)) as object), expiresAt: 0 })
  await w.identity.close() // Atlassian unreachable
  const r = await callTool(mcp, 'alice', 'spaces', 'list')
  t.match(
    r.text,
    /REFRESH_FAILED\): Confluence token refresh failed: .*connection refused.* The connection is kept; try again shortly\./,
  )
  t.ok(await store.get(TOKEN), 'still connected')
})

t.test('a read-only scope override: the user grants read scopes only, and the fake refuses writes', async t => {
  const { w, inst, mcp } = await connected(t, { CONFLUENCE_OAUTH_SCOPES: READ_SCOPES.join(',') })
  const tok = (await inst.workspaces[0].store.get(TOKEN)) as any
  t.same(
    [...tok.scopes].sort(),
    [...READ_SCOPES, 'offline_access'].sort(),
    'granted exactly the override, plus offline_access',
  )
  t.equal((await callTool(mcp, 'alice', 'pages', 'get', { id: '65538' })).isError, false, 'reads work')
  const pages = w.fake.state.pages.size
  const write = await callTool(mcp, 'alice', 'pages', 'create', {
    body: { spaceId: '98305', title: 'Nope', body: { value: '<p>x</p>' } },
  })
  t.equal(write.isError, true)
  t.match(
    write.text,
    /^pages\.create failed \(MISSING_SCOPE\): Confluence refused pages\.create \(401: scope does not match\): the token lacks the granular scope `write:page:confluence`/,
  )
  const label = await callTool(mcp, 'alice', 'labels', 'addToPage', { id: '65538', labels: ['x'] })
  t.match(label.text, /MISSING_SCOPE/)
  t.equal(w.identity.counts.refresh_token, 0, 'a missing scope is not a reason to refresh')
  t.equal(w.fake.state.pages.size, pages, 'nothing was written')
})
