// oauth mode (the workspace's own client, PKCE): connect link → Atlassian consent → callback → tool
// calls with the user's own token; and every way the flow must refuse: links and states that are
// forged, reused or expired, a declined consent, a grant without the configured site.
import { createHash } from 'node:crypto'
import t from 'tap'
import {
  AGENT,
  browse,
  callTool,
  connectLink,
  connectUser,
  hook,
  LINK,
  openLink,
  OWN,
  ownClientEnv,
  serveInProcess,
  startWorld,
  worldEnv,
} from './helpers.ts'

const sha = (s: string): string => createHash('sha256').update(s).digest('base64url')
const stateOf = (hops: Array<{ location?: string }>): string => new URL(hops[0].location!).searchParams.get('state')!

t.test("connect → callback → tool call, with PKCE, the user's own token and the discovered site", async t => {
  const w = await startWorld(t)
  const inst = await serveInProcess(t, [{ env: worldEnv(w, ownClientEnv) }])
  const mcp = inst.url + '/mcp'

  const first = await callTool(mcp, 'alice', 'pages', 'get', { id: '65538' })
  t.equal(first.isError, true)
  t.match(
    first.text,
    /^pages\.get failed \(NOT_CONNECTED\): Confluence is not connected for this user\. To connect, the user opens this link \(valid 15 minutes, single use\): http:\/\/127\.0\.0\.1:\d+\/v2\/workspaces\/slug:confluence-next\/webhooks\/oauthConnect\?token=/,
  )

  const link = LINK.exec(first.text)![0]
  // Opening the link shows a Continue button; a GET (a chat's link preview) uses nothing up.
  for (let i = 0; i < 2; i++) {
    const page = await browse(link)
    t.equal(page.final.status, 200)
    t.match(
      page.final.text,
      /<h1>Connect Confluence<\/h1>.*<form method="post" action="\?token=[\w-]+"><button type="submit">Continue to Atlassian<\/button><\/form>/,
    )
    t.equal(page.final.text.includes('<script'), false)
  }
  const { hops, final } = await openLink(link)
  t.equal(hops.length, 3, 'POST oauthConnect → /authorize → oauthCallback')
  t.equal(hops[0].status, 303)
  const authorize = new URL(hops[0].location!)
  t.equal(authorize.origin + authorize.pathname, w.identity.url + '/authorize')
  const q = Object.fromEntries(authorize.searchParams)
  t.match(q, {
    audience: 'api.atlassian.com',
    client_id: OWN.id,
    response_type: 'code',
    prompt: 'consent',
    code_challenge_method: 'S256',
    redirect_uri: `${inst.url}/v2/workspaces/slug:confluence-next/webhooks/oauthCallback`,
  })
  t.ok(q.code_challenge && q.state, 'PKCE challenge and state')
  t.ok(
    q.scope.split(' ').includes('offline_access') && q.scope.split(' ').includes('write:page:confluence'),
    'the default granular scopes and offline_access',
  )
  t.equal(hops[0].text.includes('&amp;client_id='), true, 'the redirect body escapes its link')
  t.equal(final.status, 200)
  t.match(final.text, /<h1>Confluence is connected<\/h1>/)
  t.match(final.text, new RegExp(`Confluence \\(${w.fake.url.replace(/\./g, '\\.')}\\)`))
  t.equal(w.identity.counts.authorization_code, 1)

  const page = await callTool(mcp, 'alice', 'pages', 'get', { id: '65538' })
  t.equal(page.isError, false, page.text)
  t.match(page.text, /"Getting started" \(page 65538\)/)
  const gateway = w.fake.requests.filter(r => r.path.startsWith(`/ex/confluence/${w.fake.cloudId}/`))
  t.ok(
    gateway.length > 0 && gateway.every(r => r.headers.authorization === 'Bearer'),
    'through the gateway with a bearer token',
  )

  // A write is attributed to the user who connected (the identity server's test user).
  const created = await callTool(mcp, 'alice', 'pages', 'create', {
    body: { spaceId: '98305', title: 'From OAuth', body: { value: '<p>x</p>' } },
  })
  t.equal(created.isError, false, created.text)
  const author = w.fake.state.userByEmail(w.identity.user.email)
  t.ok(author && created.text.includes(author.accountId), 'authored by the connected user')

  // Another user of the same workspace is still not connected.
  t.match((await callTool(mcp, 'bob', 'spaces', 'list')).text, /NOT_CONNECTED/)

  const status = await hook(inst.url + '/webhooks/oauthStatus', 'alice')
  t.match(status.body, {
    oauth: true,
    connected: true,
    userId: 'alice',
    site: w.fake.url,
    cloudId: w.fake.cloudId,
    client: 'own',
  })
  t.notOk(JSON.stringify(status.body).includes(w.identity.latestRefreshToken()!), 'status never shows a token')
  t.same(w.fake.violations, [])
})

t.test('a connect link works once, only in its own workspace, and not after 15 minutes', async t => {
  const w = await startWorld(t)
  const inst = await serveInProcess(t, [
    { env: worldEnv(w, ownClientEnv) },
    {
      slug: 'acme',
      env: worldEnv(w, ownClientEnv),
    },
  ])
  const link = await connectLink(inst.url + '/mcp', 'alice')

  // Bound to the workspace: the same token at another tenant's oauthConnect is unknown there.
  const elsewhere = await browse(link.replace('slug:confluence-next', 'slug:acme'), 'POST')
  t.equal(elsewhere.final.status, 400)
  t.match(elsewhere.final.text, /This connect link does not work/)

  t.equal((await openLink(link)).final.status, 200, 'first use connects')
  t.equal((await browse(link, 'POST')).final.status, 400, 'a second POST finds nothing')
  const again = await browse(link)
  t.equal(again.hops.length, 1, 'no redirect to Atlassian')
  t.equal(again.final.status, 400)
  t.match(again.final.text, /unknown, expired \(links last 15 minutes\) or was already used/)
  t.equal((await browse(inst.url + '/webhooks/oauthConnect?token=forged')).final.status, 400, 'a forged token')
  t.equal((await browse(inst.url + '/webhooks/oauthConnect')).final.status, 400, 'no token')

  // Expired: the record carries a 15-minute ttl; age it.
  const old = await connectLink(inst.url + '/mcp', 'carol')
  const key = `record:confluence-next:oauth:connect:${sha(new URL(old).searchParams.get('token')!)}`
  const store = inst.workspaces[0].store
  t.match(await store.get(key), { userId: 'carol' }, "the store keeps the token's hash, bound to the user")
  await store.set(key, await store.get(key), 1)
  await new Promise(resolve => setTimeout(resolve, 10))
  t.equal((await browse(old)).final.status, 400, 'an expired link')
  t.equal((await browse(old, 'POST')).final.status, 400)

  // Per-tenant callback URI: the tenant's own slug.
  const acme = await openLink(await connectLink(`${inst.url}/v2/workspaces/slug:acme/webhooks/mcp`, 'alice'))
  t.equal(
    new URL(acme.hops[0].location!).searchParams.get('redirect_uri'),
    `${inst.url}/v2/workspaces/slug:acme/webhooks/oauthCallback`,
  )
  t.equal(acme.final.status, 200)
  t.equal(
    (await callTool(`${inst.url}/v2/workspaces/slug:acme/webhooks/mcp`, 'alice', 'spaces', 'list')).isError,
    false,
  )
})

t.test('state forged, reused or expired: a clear page, nothing exchanged, nothing stored', async t => {
  const w = await startWorld(t)
  const inst = await serveInProcess(t, [{ env: worldEnv(w, ownClientEnv) }])
  const mcp = inst.url + '/mcp'
  const callback = inst.url + '/v2/workspaces/slug:confluence-next/webhooks/oauthCallback'
  const store = inst.workspaces[0].store

  const forged = await browse(`${callback}?code=whatever&state=forged-state`)
  t.equal(forged.final.status, 400)
  t.match(forged.final.text, /<h1>This sign-in cannot be completed<\/h1>/)
  t.match(forged.final.text, /unknown, expired \(10 minutes\) or was already used/)
  t.equal(forged.hops[0].text.includes('<script'), false)
  t.equal((await browse(`${callback}?code=whatever`)).final.status, 400, 'no state at all')

  // Reused: replaying the exact callback Atlassian sent.
  const { hops } = await connectUser(mcp, 'alice')
  t.equal(hops.at(-1)!.status, 200)
  const replay = await browse(hops.at(-1)!.url)
  t.equal(replay.final.status, 400)
  t.match(replay.final.text, /already used/)
  t.equal(w.identity.counts.authorization_code, 1, 'the replayed code was never exchanged')

  // Expired: stop before the callback, age the state past its ttl, then come back.
  const link = await connectLink(mcp, 'bob')
  const toAtlassian = await fetch(link, { method: 'POST', redirect: 'manual' })
  const state = new URL(toAtlassian.headers.get('location')!).searchParams.get('state')!
  const key = `record:confluence-next:oauth:state:${sha(state)}`
  t.match(
    await store.get(key),
    { userId: 'bob', client: 'own', redirectUri: callback },
    'the state is stored by its hash, with the PKCE verifier',
  )
  t.ok(((await store.get(key)) as any).verifier)
  await store.set(key, await store.get(key), 1)
  await new Promise(resolve => setTimeout(resolve, 10))
  const late = await browse(toAtlassian.headers.get('location')!)
  t.equal(late.final.status, 400)
  t.match(late.final.text, /expired/)
  t.equal(await store.get('record:confluence-next:oauth:token:bob'), undefined, 'nothing stored for bob')
  t.equal(w.identity.counts.authorization_code, 1, 'and no code exchanged for him')
  t.match((await callTool(mcp, 'bob', 'spaces', 'list')).text, /NOT_CONNECTED/)
})

t.test('a declined consent and a bad code are explained; nothing is stored', async t => {
  const w = await startWorld(t)
  const inst = await serveInProcess(t, [{ env: worldEnv(w, ownClientEnv) }])
  const mcp = inst.url + '/mcp'
  w.identity.approve = false
  const declined = await connectUser(mcp, 'alice')
  t.equal(declined.final.status, 400)
  t.match(
    declined.final.text,
    /Atlassian did not grant access \(access_denied: The user declined to grant access\)\. Nothing was stored/,
  )
  w.identity.approve = true

  // A code that does not verify (wrong PKCE verifier: the state's own is replaced).
  const link = await connectLink(mcp, 'alice')
  const posted = await fetch(link, { method: 'POST', redirect: 'manual' })
  const toAtlassian = posted.headers.get('location')!
  const key = `record:confluence-next:oauth:state:${sha(stateOf([{ location: toAtlassian }]))}`
  const store = inst.workspaces[0].store
  await store.set(key, { ...((await store.get(key)) as object), verifier: 'not-the-verifier' }, 60_000)
  // The same browser: it keeps the flow's cookie.
  const jar = new Map(posted.headers.getSetCookie().map(c => c.split(';')[0].split('=') as [string, string]))
  const bad = await browse(toAtlassian, 'GET', jar)
  t.equal(bad.final.status, 400)
  t.match(bad.final.text, /Atlassian refused the grant \(invalid_grant: PKCE verification failed/)
  t.equal(await store.get('record:confluence-next:oauth:token:alice'), undefined)
  t.equal(w.identity.counts.invalid_grant, 1)
})

t.test("the site is picked from the grant's accessible resources by URL", async t => {
  const w = await startWorld(t)
  // Another site, and this site listed first for Jira (same URL, other cloud id, no Confluence scopes).
  w.fake.extraSites.push({
    id: 'other-site',
    url: 'https://other.atlassian.net',
    name: 'other',
    scopes: ['read:page:confluence'],
    avatarUrl: '',
  })
  w.fake.extraSites.unshift({
    id: 'jira-id',
    url: w.fake.url + '/',
    name: 'jira',
    scopes: ['read:jira-work'],
    avatarUrl: '',
  })
  const inst = await serveInProcess(t, [
    { env: worldEnv(w, ownClientEnv) },
    {
      slug: 'nowhere',
      env: worldEnv(w, { ...ownClientEnv, CONFLUENCE_SITE_URL: 'https://missing.atlassian.net' }),
    },
  ])
  t.equal((await connectUser(inst.url + '/mcp', 'alice')).final.status, 200)
  const status = await hook(inst.url + '/webhooks/oauthStatus', 'alice')
  t.equal(status.body.cloudId, w.fake.cloudId, 'the Confluence entry of the configured site')

  const none = await connectUser(`${inst.url}/v2/workspaces/slug:nowhere/webhooks/mcp`, 'alice')
  t.equal(none.final.status, 400)
  t.match(
    none.final.text,
    /The token cannot reach https:\/\/missing\.atlassian\.net: its accessible sites are http:\/\/127\.0\.0\.1:\d+, https:\/\/other\.atlassian\.net/,
  )
  t.equal(await inst.workspaces[1].store.get('record:nowhere:oauth:token:alice'), undefined, 'nothing stored')
})

t.test('disconnect, status, a missing user id, and no client at all', async t => {
  const w = await startWorld(t)
  const inst = await serveInProcess(t, [
    { env: worldEnv(w, ownClientEnv) },
    {
      slug: 'unset',
      env: worldEnv(w, { CONFLUENCE_AUTH_MODE: 'oauth' }),
    },
    {
      slug: 'central-unset',
      env: worldEnv(w, { CONFLUENCE_AUTH_MODE: 'oauthCentral', CONFLUENCE_CENTRAL_CLIENT_ID: 'only-an-id' }),
    },
  ])
  const mcp = inst.url + '/mcp'
  const before = await hook(inst.url + '/webhooks/oauthStatus', 'alice')
  t.match(before.body, { connected: false, configured: true })
  t.match(before.body.connectUrl, LINK)
  t.equal((await openLink(before.body.connectUrl)).final.status, 200, "the status's link connects too")
  t.equal((await callTool(mcp, 'alice', 'spaces', 'list')).isError, false)

  const gone = await hook(inst.url + '/webhooks/oauthDisconnect', 'alice', { method: 'POST' })
  t.match(gone.body, { disconnected: true })
  t.match((await hook(inst.url + '/webhooks/oauthDisconnect', 'alice', { method: 'POST' })).body, {
    disconnected: false,
  })
  t.match((await callTool(mcp, 'alice', 'spaces', 'list')).text, /NOT_CONNECTED/)
  t.equal((await hook(inst.url + '/webhooks/oauthStatus')).status, 400, 'status needs a user')

  const anonymous = await callTool(mcp, undefined, 'spaces', 'list')
  t.match(anonymous.text, /USER_UNIDENTIFIED.*Scope "context_id,agent_id,user_id"/)

  for (const slug of ['unset', 'central-unset']) {
    const r = await callTool(`${inst.url}/v2/workspaces/slug:${slug}/webhooks/mcp`, 'alice', 'spaces', 'list')
    t.match(r.text, /OAUTH_NOT_CONFIGURED\): OAuth is not configured for this connector/, slug)
    const s = await hook(`${inst.url}/v2/workspaces/slug:${slug}/webhooks/oauthStatus`, 'alice')
    t.match(s.body, { configured: false, connected: false })
  }
  t.equal(AGENT, 'agent-1')
})
