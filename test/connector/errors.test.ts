// Every Confluence failure becomes a clear isError result (docs/connector.md "Errors").
import t from 'tap'
import { startConnector, text } from './helpers.ts'

t.test('Confluence error statuses', async t => {
  const c = await startConnector(t)
  const expectError = async (label: string, p: ReturnType<typeof c.call>, message: RegExp): Promise<void> => {
    const r = await p
    t.equal(r.isError, true, `${label} is an error`)
    t.match(text(r), message, label)
    t.notMatch(text(r), /at .*\.ts:\d+|DsulError|stack/i, `${label}: no stack trace`)
  }

  await expectError(
    '400 bad CQL',
    c.call('search', 'cql', { cql: 'type = = page' }),
    /Confluence rejected search\.cql as invalid \(400 Bad Request\)\. Confluence says: .*Could not parse cql : type = = page/,
  )
  await expectError(
    '404 unknown page',
    c.call('pages', 'get', { id: '424242' }),
    /Not found \(404\): page 424242 does not exist, was deleted, or this account cannot see it/,
  )
  await expectError(
    '409 stale version',
    c.call('pages', 'update', {
      id: '65538',
      body: { title: 'Getting started', body: { value: '<p>x</p>' }, version: { number: 3 } },
    }),
    /Version conflict \(409\): the page is now at version 4, so an update must send version\.number = 5/,
  )

  c.fake.faults.add({ path: '/wiki/api/v2/pages/65538', status: 403 })
  await expectError(
    '403 forbidden',
    c.call('pages', 'get', { id: '65538' }),
    /Confluence refused pages\.get \(403 Forbidden\): the account has no permission on page 65538, or the token lacks the granular scope `read:page:confluence`/,
  )

  c.fake.faults.add({ path: '/wiki/api/v2/pages', method: 'POST', status: 413 })
  await expectError(
    '413 too large',
    c.call('pages', 'create', { body: { spaceId: '98305', title: 'Big', body: { value: '<p>x</p>' } } }),
    /too large \(413\)/,
  )

  // 429 is retried first (attempts 3 by default), then explained.
  const before = c.fake.requests.length
  c.fake.faults.add({ path: '/wiki/api/v2/spaces', status: 429, retryAfter: 0, times: 3 })
  await expectError(
    '429 after retries',
    c.call('spaces', 'list', {}),
    /rate-limiting requests \(429\) and still was after retrying with backoff/,
  )
  t.equal(c.fake.requests.length - before, 3, '429: three attempts reached Confluence')

  c.fake.faults.add({ path: '/wiki/api/v2/spaces', status: 503, retryAfter: 0, times: 3 })
  await expectError(
    '503 after retries',
    c.call('spaces', 'list', {}),
    /temporarily unavailable \(503\) and still was after retrying\. This is transient/,
  )

  c.fake.faults.add({ path: '/wiki/api/v2/spaces', status: 500 })
  await expectError('500', c.call('spaces', 'list', {}), /temporarily unavailable \(500\)/)

  // One 429 then success: the caller never sees it.
  c.fake.faults.add({ path: '/wiki/api/v2/spaces', status: 429, retryAfter: 0, times: 1 })
  const ok = await c.call('spaces', 'list', {})
  t.notOk(ok.isError, 'a single 429 is absorbed by the retry')
})

t.test('401 in apiToken mode says which credentials to check', async t => {
  const c = await startConnector(t, { env: { CONFLUENCE_API_TOKEN: 'wrong-token-value' } })
  const r = await c.call('spaces', 'list', {})
  t.equal(r.isError, true)
  t.match(
    text(r),
    /rejected the credentials for spaces\.list \(401 Unauthorized\)\. Check CONFLUENCE_EMAIL and CONFLUENCE_API_TOKEN/,
  )
  t.notMatch(text(r), /wrong-token-value/, 'the token never appears')
})

t.test('argument errors name the argument and the action', async t => {
  const c = await startConnector(t)
  const missing = await c.call('pages', 'get', {})
  t.equal(missing.isError, true)
  t.match(text(missing), /`id` is required/)
  const wrongType = await c.call('pages', 'list', { limit: 'ten' })
  t.equal(wrongType.isError, true)
  t.match(text(wrongType), /limit/)
  const unknownAction = await c.call('pages', 'explode', {})
  t.equal(unknownAction.isError, true)
  t.match(text(unknownAction), /getBody/, 'lists the valid actions')
})
