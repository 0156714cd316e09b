// Cursor pagination (v2) and start/limit pagination (v1 search), following links as a client would.
import t from 'tap'
import { startFake } from './helpers.ts'

const parseLink = (header: string) =>
  Object.fromEntries([...header.matchAll(/<([^>]+)>;\s*rel="(\w+)"/g)].map(m => [m[2], m[1]]))

t.test('three pages via _links.next and the Link header, filters kept', async t => {
  const { fake, api, url } = await startFake(t, { seed: 'empty' })
  fake.seedBulk({ pages: 6, bodyBytes: 500, spaceKey: 'BULK' }) // homepage + 6 pages = 7
  const space = fake.state.spaceByKey('BULK')!
  const first = await api.get(`/wiki/api/v2/pages?space-id=${space.id}&limit=3`)
  t.equal(first.status, 200)
  t.equal(first.body.results.length, 3)
  const link = parseLink(first.headers.link!)
  t.equal(link.next, first.body._links.next, 'Link rel="next" equals _links.next')
  t.equal(link.base, `${url}/wiki`)
  t.equal(first.body._links.base, `${url}/wiki`)
  t.match(first.body._links.next, new RegExp(`^/wiki/api/v2/pages\\?space-id=${space.id}&limit=3&cursor=[\\w-]+$`))

  const second = await api.get(first.body._links.next)
  t.equal(second.body.results.length, 3)
  const viaHeader = await api.get(parseLink(second.headers.link!).next!)
  t.equal(viaHeader.body.results.length, 1)
  t.notOk(viaHeader.body._links.next, 'the last page has no next link')
  t.notOk(parseLink(viaHeader.headers.link!).next)

  const ids = [...first.body.results, ...second.body.results, ...viaHeader.body.results].map((p: any) => p.id)
  t.equal(new Set(ids).size, 7, 'no duplicates or gaps')
  t.same(
    ids,
    [...ids].sort((a, b) => Number(a) - Number(b)),
    'default order is id ascending',
  )
  t.same(fake.violations, [])
})

t.test('pagination is stable when an already returned item is deleted', async t => {
  const { fake, api } = await startFake(t, { seed: 'empty' })
  fake.seedBulk({ pages: 5, bodyBytes: 200 })
  const first = await api.get('/wiki/api/v2/pages?limit=2')
  fake.state.trashPage(fake.state.pages.get(first.body.results[0].id)!)
  const second = await api.get(first.body._links.next)
  const all = (await api.get('/wiki/api/v2/pages?limit=250&status=current,trashed')).body.results.map((p: any) => p.id)
  t.equal(second.body.results[0].id, all[2], 'continues after the last returned item')
})

t.test('limits: default 25, max 250, attachments default 50', async t => {
  const { fake, api } = await startFake(t, { seed: 'empty' })
  const [page] = fake.seedBulk({ pages: 30, bodyBytes: 100 })
  t.equal((await api.get('/wiki/api/v2/pages')).body.results.length, 25)
  const tooBig = await api.get('/wiki/api/v2/pages?limit=251')
  t.equal(tooBig.status, 400)
  t.equal(tooBig.body.errors[0].code, 'INVALID_REQUEST_PARAMETER')
  for (let i = 0; i < 60; i++)
    fake.state.addAttachment({
      pageId: page!.id,
      title: `file-${i}.txt`,
      mediaType: 'text/plain',
      data: Buffer.from(String(i)),
    })
  const attachments = await api.get(`/wiki/api/v2/pages/${page!.id}/attachments`)
  t.equal(attachments.body.results.length, 50)
  t.ok(attachments.body._links.next)
  fake.violations.length = 0 // the limit=251 request is a recorded violation by design
})

t.test('an invalid cursor is a 400', async t => {
  const { api } = await startFake(t)
  const res = await api.get('/wiki/api/v2/pages?cursor=not-a-cursor')
  t.equal(res.status, 400)
  t.equal(res.body.errors[0].code, 'INVALID_REQUEST_PARAMETER')
})

t.test('v1 search pages with start/limit/size/totalSize and _links.next', async t => {
  const { fake, api, url } = await startFake(t, { seed: 'empty' })
  fake.seedBulk({ pages: 7, bodyBytes: 300 })
  const first = await api.get('/wiki/rest/api/search?cql=type%3Dpage%20order%20by%20title&limit=3')
  t.match(first.body, { start: 0, limit: 3, size: 3, totalSize: 8, cqlQuery: 'type=page order by title' })
  t.equal(first.body._links.base, `${url}/wiki`)
  t.equal(first.body._links.context, '/wiki')
  t.match(first.body._links.next, /^\/rest\/api\/search\?.*cursor=/)
  const seen: string[] = first.body.results.map((r: any) => r.content.id)
  let next: string | undefined = first.body._links.next
  while (next) {
    const page = await api.get(`/wiki${next}`)
    seen.push(...page.body.results.map((r: any) => r.content.id))
    next = page.body._links.next
  }
  t.equal(seen.length, 8)
  t.equal(new Set(seen).size, 8)
  const byStart = await api.get('/wiki/rest/api/search?cql=type%3Dpage%20order%20by%20title&limit=3&start=6')
  t.match(byStart.body, { start: 6, size: 2 })
  t.same(fake.violations, [])
})
