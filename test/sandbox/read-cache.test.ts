// `cacheReads` (the bench's fake): a repeated read is answered from memory, but never past a check
// a fresh read would fail, nor after a write.
import t from 'tap'
import { BASIC, pageId, startFake } from './helpers.ts'

t.test('a repeated read is the same answer, with a trace id of its own', async t => {
  const { fake, api } = await startFake(t, { cacheReads: true })
  const path = `/wiki/api/v2/pages/${pageId(fake, 'Configuration reference')}?body-format=storage`
  const first = await api.get(path)
  t.equal(first.status, 200)
  // Changed behind the API's back: a cached read does not see it (the option says so).
  fake.state.pages.get(pageId(fake, 'Configuration reference'))!.versions.at(-1)!.title = 'Changed directly'
  const second = await api.get(path)
  t.equal(second.text, first.text)
  t.not(second.headers['atl-traceid'], first.headers['atl-traceid'])
  t.match(second.headers['content-type'], /^application\/json/)
  t.same(fake.violations, [])
})

t.test('a write empties the cache', async t => {
  const { fake, api } = await startFake(t, { cacheReads: true })
  const id = pageId(fake, 'Configuration reference')
  const before = await api.get(`/wiki/api/v2/pages/${id}?body-format=storage`)
  const put = await api('PUT', `/wiki/api/v2/pages/${id}`, {
    body: {
      id,
      status: 'current',
      title: 'Configuration reference',
      body: { representation: 'storage', value: '<p>rev 2</p>' },
      version: { number: before.body.version.number + 1 },
    },
  })
  t.equal(put.status, 200)
  const after = await api.get(`/wiki/api/v2/pages/${id}?body-format=storage`)
  t.equal(after.body.version.number, before.body.version.number + 1)
  t.equal(after.body.body.storage.value, '<p>rev 2</p>')
})

t.test('credentials and the request are checked on every read', async t => {
  const { fake, api } = await startFake(t, { cacheReads: true })
  const path = `/wiki/api/v2/pages/${pageId(fake, 'Configuration reference')}`
  fake.credentials.addApiToken('other@example.com', 'other-token')
  const other = `Basic ${Buffer.from('other@example.com:other-token').toString('base64')}`
  t.equal((await api.get(path, other)).status, 200)
  t.equal((await api.get(path)).status, 200)
  fake.credentials.revokeApiToken('other@example.com', 'other-token')
  t.equal((await api.get(path, other)).status, 401, 'a revoked token is refused, though its read was cached')
  t.equal((await api.get(path, BASIC)).status, 200)
  t.equal((await api.get(`${path}?body-format=nonsense`)).status, 400)
  t.equal((await api.get(`${path}?body-format=nonsense`)).status, 400, 'an error is not cached as an answer')
})

t.test('without the option every read is computed afresh', async t => {
  const { fake, api } = await startFake(t)
  const id = pageId(fake, 'Configuration reference')
  const first = await api.get(`/wiki/api/v2/pages/${id}`)
  fake.state.pages.get(id)!.versions.at(-1)!.title = 'Changed directly'
  const second = await api.get(`/wiki/api/v2/pages/${id}`)
  t.equal(first.body.title, 'Configuration reference')
  t.equal(second.body.title, 'Changed directly')
})
