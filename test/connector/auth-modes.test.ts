// accessToken mode: bearer through the gateway, cloud id discovered from accessible-resources.
import t from 'tap'
import { startConnector, text } from './helpers.ts'

const READ_SCOPES = [
  'read:page:confluence',
  'read:space:confluence',
  'read:content-details:confluence',
  'read:comment:confluence',
  'read:attachment:confluence',
  'read:content.metadata:confluence',
  'read:hierarchical-content:confluence',
  'read:label:confluence',
]

t.test('accessToken: every call goes through the gateway with the discovered cloud id', async t => {
  const c = await startConnector(t, {
    mode: 'accessToken',
    accessToken: { token: 'bearer-token-xyz', scopes: [...READ_SCOPES, 'write:page:confluence'] },
  })
  const r = await c.call('pages', 'get', { id: '65538' })
  t.notOk(r.isError, text(r))
  t.match(text(r), /"Getting started" \(page 65538\)/)
  const paths = c.fake.requests.map(q => q.path)
  t.ok(paths.includes('/oauth/token/accessible-resources'), 'the cloud id was discovered')
  t.ok(
    paths.some(p => p === `/ex/confluence/${c.fake.cloudId}/wiki/api/v2/pages/65538`),
    'the page was read through the gateway',
  )
  t.ok(
    c.fake.requests.every(q => !q.path.startsWith('/wiki/')),
    'never the site host directly',
  )
  t.ok(
    c.fake.requests
      .filter(q => q.path !== '/oauth/token/accessible-resources')
      .every(q => /^Bearer/.test(String(q.headers.authorization))),
    'bearer auth',
  )
  // The discovered id is remembered: a second call does not look it up again.
  await c.call('spaces', 'list', {})
  t.equal(c.fake.requests.filter(q => q.path === '/oauth/token/accessible-resources').length, 1, 'discovered once')
  // Lists paginate through the gateway too.
  const first = await c.call('pages', 'list', { limit: 5 }, 'structured')
  const next = await c.call(
    'pages',
    'list',
    { limit: 5, cursor: (first.structuredContent as any).nextCursor },
    'structured',
  )
  t.notOk(next.isError, text(next))
  t.equal((next.structuredContent as any).results.length, 5)
  t.same(c.fake.violations, [])
})

t.test('accessToken: the same site listed twice (Jira and Confluence) resolves to the Confluence entry', async t => {
  const c = await startConnector(t, { mode: 'accessToken', accessToken: { token: 'bearer-two', scopes: READ_SCOPES } })
  c.fake.extraSites.unshift({
    id: 'jira-cloud-id',
    url: c.fake.url,
    name: 'jira',
    scopes: ['read:jira-work'],
    avatarUrl: '',
  })
  const r = await c.call('spaces', 'list', {})
  t.notOk(r.isError, text(r))
  t.ok(c.fake.requests.some(q => q.path.startsWith(`/ex/confluence/${c.fake.cloudId}/`)))
})

t.test('accessToken: a token that cannot reach the site says which sites it can reach', async t => {
  const c = await startConnector(t, {
    mode: 'accessToken',
    accessToken: { token: 'bearer-three', scopes: READ_SCOPES },
    env: { CONFLUENCE_SITE_URL: 'https://other-site.atlassian.net' },
  })
  const r = await c.call('spaces', 'list', {})
  t.equal(r.isError, true)
  t.match(
    text(r),
    /The token cannot reach https:\/\/other-site\.atlassian\.net: its accessible sites are http:\/\/127\.0\.0\.1/,
  )
})

t.test('accessToken: a configured cloud id skips discovery', async t => {
  const c = await startConnector(t, {
    mode: 'accessToken',
    accessToken: { token: 'bearer-four', scopes: READ_SCOPES },
    cloudIdFromFake: true,
  })
  t.notOk((await c.call('spaces', 'list', {})).isError)
  t.notOk(
    c.fake.requests.some(q => q.path === '/oauth/token/accessible-resources'),
    'no discovery',
  )
})

t.test('accessToken: a missing granular scope is named', async t => {
  const c = await startConnector(t, {
    mode: 'accessToken',
    accessToken: { token: 'bearer-five', scopes: ['read:page:confluence', 'read:space:confluence'] },
  })
  const search = await c.call('search', 'cql', { cql: 'type = page' })
  t.equal(search.isError, true)
  t.match(text(search), /lacks the granular scope `read:content-details:confluence`/)
  const ancestors = await c.call('content', 'ancestors', { id: '65544' })
  t.equal(ancestors.isError, true)
  t.match(text(ancestors), /lacks the granular scope `read:content\.metadata:confluence`/)
  const descendants = await c.call('content', 'descendants', { id: '65537' })
  t.equal(descendants.isError, true)
  t.match(text(descendants), /lacks the granular scope `read:hierarchical-content:confluence`/)
  const write = await c.call('pages', 'create', { body: { spaceId: '98305', title: 'x', body: { value: '<p>x</p>' } } })
  t.match(text(write), /lacks the granular scope `write:page:confluence`/)
})

t.test('accessToken: an expired or revoked token', async t => {
  const c = await startConnector(t, { mode: 'accessToken', accessToken: { token: 'bearer-six', scopes: READ_SCOPES } })
  t.notOk((await c.call('spaces', 'list', {})).isError)
  c.fake.credentials.revokeAccessToken('bearer-six')
  const r = await c.call('spaces', 'list', {})
  t.equal(r.isError, true)
  t.match(text(r), /rejected the access token for spaces\.list \(401 Unauthorized\): it expired or was revoked/)
})
