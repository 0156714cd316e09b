// Site host (Basic) vs API gateway (Bearer, scoped tokens), scopes, cloudId, accessible-resources.
import t from 'tap'
import { BASIC, EMAIL, bearer, pageId, startFake } from './helpers.ts'

const basic = (email: string, token: string) => `Basic ${Buffer.from(`${email}:${token}`).toString('base64')}`

t.test('site host: Basic with a registered API token', async t => {
  const { fake, api } = await startFake(t)
  t.equal((await api.get('/wiki/api/v2/spaces')).status, 200)

  const missing = await api.get('/wiki/api/v2/spaces', null)
  t.equal(missing.status, 401)
  t.same(missing.body, {
    errors: [
      {
        status: 401,
        code: 'UNAUTHORIZED',
        title: 'Client must be authenticated to access this resource.',
        detail: null,
      },
    ],
  })
  const wrong = await api.get('/wiki/rest/api/search?cql=type%3Dpage', basic(EMAIL, 'nope'))
  t.equal(wrong.status, 401)
  t.match(wrong.body, { statusCode: 401, reason: 'Unauthorized' }, 'v1 paths answer with the v1 envelope')
  t.equal(wrong.headers['x-seraph-loginreason'], 'AUTHENTICATED_FAILED')
  t.equal(
    (await api.get('/wiki/api/v2/spaces', bearer('any'))).status,
    401,
    'OAuth tokens are not accepted by the site host',
  )

  t.equal(fake.requests.at(-1)!.headers.authorization, 'Bearer', 'the request log keeps only the scheme')
  t.same(fake.violations, [])
})

t.test('logRequests: false keeps the request log empty, and answers as before', async t => {
  const { fake, api } = await startFake(t, { logRequests: false })
  t.equal((await api.get('/wiki/api/v2/spaces')).status, 200)
  t.equal((await api.get('/wiki/api/v2/spaces', null)).status, 401)
  t.same(fake.requests, [])
  t.same(fake.violations, [])
})

t.test('gateway: Bearer tokens, unknown cloudId, revocation', async t => {
  const { fake, api, gateway } = await startFake(t)
  fake.credentials.addAccessToken('tok-all')
  t.equal((await api.get(`${gateway}/wiki/api/v2/pages?limit=1`, bearer('tok-all'))).status, 200)
  t.equal((await api.get(`${gateway}/wiki/rest/api/search?cql=type%3Dpage`, bearer('tok-all'))).status, 200)

  const unknown = await api.get(`${gateway}/wiki/api/v2/pages`, bearer('tok-unknown'))
  t.equal(unknown.status, 401)
  t.same(unknown.body, { code: 401, message: 'Unauthorized' })
  const otherSite = await api.get(
    '/ex/confluence/00000000-0000-0000-0000-000000000000/wiki/api/v2/pages',
    bearer('tok-all'),
  )
  t.equal(otherSite.status, 404)

  fake.credentials.revokeAccessToken('tok-all')
  t.equal((await api.get(`${gateway}/wiki/api/v2/pages`, bearer('tok-all'))).status, 401)
  t.same(fake.violations, [])
})

t.test('gateway: granular scopes are enforced per operation', async t => {
  const { fake, api, gateway } = await startFake(t)
  const id = pageId(fake, 'Getting started')
  fake.credentials.addAccessToken('reader', { scopes: ['read:page:confluence', 'read:space:confluence'] })
  fake.credentials.addAccessToken('writer', {
    scopes: ['read:page:confluence', 'write:page:confluence', 'read:hierarchical-content:confluence'],
  })
  fake.credentials.addAccessToken('labeller', { scopes: ['read:label:confluence', 'write:label:confluence'] })
  const mismatch = { code: 401, message: 'Unauthorized; scope does not match' }

  t.equal((await api.get(`${gateway}/wiki/api/v2/pages/${id}`, bearer('reader'))).status, 200)
  t.equal((await api.get(`${gateway}/wiki/api/v2/spaces`, bearer('reader'))).status, 200)
  const denied = await api(`PUT`, `${gateway}/wiki/api/v2/pages/${id}`, {
    auth: bearer('reader'),
    body: { id, status: 'current', title: 'x', body: { representation: 'storage', value: '' }, version: { number: 5 } },
  })
  t.equal(denied.status, 401)
  t.same(denied.body, mismatch)
  t.same(
    (await api.get(`${gateway}/wiki/api/v2/pages/${id}/footer-comments`, bearer('reader'))).body,
    mismatch,
    'read:comment:confluence is required',
  )
  t.same(
    (await api.get(`${gateway}/wiki/rest/api/search?cql=type%3Dpage`, bearer('reader'))).body,
    mismatch,
    'search:confluence is required',
  )

  const created = await api('POST', `${gateway}/wiki/api/v2/pages`, {
    auth: bearer('writer'),
    body: {
      spaceId: fake.state.spaceByKey('DEMO')!.id,
      title: 'Via gateway',
      body: { representation: 'storage', value: '<p>x</p>' },
    },
  })
  t.equal(created.status, 200)
  t.equal(
    (await api.get(`${gateway}/wiki/api/v2/pages/${id}/descendants`, bearer('writer'))).status,
    200,
    'read:hierarchical-content:confluence',
  )
  t.same(
    (await api.get(`${gateway}/wiki/api/v2/pages/${id}/ancestors`, bearer('writer'))).body,
    mismatch,
    'ancestors need read:content.metadata:confluence per the spec',
  )
  t.same(
    (await api('DELETE', `${gateway}/wiki/api/v2/pages/${created.body.id}`, { auth: bearer('writer') })).body,
    mismatch,
    'delete needs delete:page:confluence',
  )

  const labelled = await api('POST', `${gateway}/wiki/rest/api/content/${id}/label`, {
    auth: bearer('labeller'),
    body: [{ prefix: 'global', name: 'gw' }],
  })
  t.equal(labelled.status, 200, 'v1 label writes accept the granular label scopes')
  t.same(fake.violations, [])
})

t.test('scoped API tokens work only through the gateway', async t => {
  const { fake, api, gateway } = await startFake(t)
  fake.credentials.addApiToken('bot@example.com', 'scoped', { scopes: ['read:page:confluence'] })
  const auth = basic('bot@example.com', 'scoped')
  t.equal((await api.get('/wiki/api/v2/pages', auth)).status, 401, 'the site host rejects scoped tokens')
  t.equal((await api.get(`${gateway}/wiki/api/v2/pages`, auth)).status, 200)
  t.equal((await api.get(`${gateway}/wiki/api/v2/spaces`, auth)).status, 401)
  t.equal((await api.get(`${gateway}/wiki/api/v2/spaces`, BASIC)).status, 200, 'classic tokens are unrestricted')
})

t.test('gateway answers link to the site, like Atlassian', async t => {
  const { fake, api, gateway, url } = await startFake(t)
  fake.credentials.addAccessToken('tok')
  const res = await api.get(`${gateway}/wiki/api/v2/pages?limit=2`, bearer('tok'))
  t.equal(res.body._links.base, `${url}/wiki`)
  t.match(
    res.body._links.next,
    /^\/wiki\/api\/v2\/pages\?limit=2&cursor=/,
    'next is site-relative, without the gateway prefix',
  )
  t.equal((await api.get(`${gateway}${res.body._links.next}`, bearer('tok'))).body.results.length, 2)
})

t.test('accessible-resources and tenant_info', async t => {
  const { fake, api, url } = await startFake(t, { siteName: 'acme' })
  fake.credentials.addAccessToken('tok', { scopes: ['read:page:confluence'] })
  fake.extraSites.push(
    { id: 'jira-site', url, name: 'acme', scopes: ['read:jira-work'], avatarUrl: 'https://example.com/a.png' },
    {
      id: 'other',
      url: 'https://other.atlassian.net',
      name: 'other',
      scopes: ['read:page:confluence'],
      avatarUrl: 'https://example.com/b.png',
    },
  )
  const res = await api.get('/oauth/token/accessible-resources', bearer('tok'))
  t.equal(res.status, 200)
  t.same(
    res.body.map((r: any) => [r.id, r.url, r.name]),
    [
      [fake.cloudId, url, 'acme'],
      ['jira-site', url, 'acme'],
      ['other', 'https://other.atlassian.net', 'other'],
    ],
  )
  t.same(res.body[0].scopes, ['read:page:confluence'])
  t.ok(res.body[0].avatarUrl)
  t.equal((await api.get('/oauth/token/accessible-resources', null)).status, 401)
  t.same((await api.get('/_edge/tenant_info', null)).body, { cloudId: fake.cloudId })
})

t.test("credentials: 'any' accepts every Basic and Bearer credential", async t => {
  const { api, gateway } = await startFake(t, { credentials: 'any' })
  t.equal((await api.get('/wiki/api/v2/pages', basic('who@ever.com', 'x'))).status, 200)
  t.equal((await api.get(`${gateway}/wiki/api/v2/pages`, bearer('whatever'))).status, 200)
  t.equal((await api.get('/wiki/api/v2/pages', null)).status, 401, 'credentials are still required')
})
