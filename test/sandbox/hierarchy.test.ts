// The page tree: children (deprecated), direct-children, ancestors, descendants, pages in a space.
import t from 'tap'
import { pageId, spaceId, startFake } from './helpers.ts'

t.test('children and direct-children list child pages in tree order', async t => {
  const { fake, api } = await startFake(t)
  const id = pageId(fake, 'Getting started')
  const children = await api.get(`/wiki/api/v2/pages/${id}/children`)
  t.same(
    children.body.results.map((c: any) => [c.title, c.childPosition]),
    [
      ['Installation guide', 0],
      ['Configuration reference', 1],
    ],
  )
  t.same(Object.keys(children.body.results[0]).sort(), ['childPosition', 'id', 'spaceId', 'status', 'title'])

  const direct = await api.get(`/wiki/api/v2/pages/${id}/direct-children?sort=-child-position`)
  t.same(
    direct.body.results.map((c: any) => c.title),
    ['Configuration reference', 'Installation guide'],
  )
  t.equal(direct.body.results[0].type, 'page')
  t.equal((await api.get('/wiki/api/v2/pages/424242/direct-children')).status, 404)
  t.same(fake.violations, [])
})

t.test('ancestors are top-to-bottom; a limit keeps the closest ones', async t => {
  const { fake, api } = await startFake(t)
  const leaf = pageId(fake, 'Error handling')
  const all = await api.get(`/wiki/api/v2/pages/${leaf}/ancestors`)
  t.same(
    all.body.results.map((a: any) => a.id),
    [pageId(fake, 'Demo space'), pageId(fake, 'Architecture overview'), pageId(fake, 'API design')],
  )
  t.same(all.body.results[0], { id: pageId(fake, 'Demo space'), type: 'page' })
  const one = await api.get(`/wiki/api/v2/pages/${leaf}/ancestors?limit=1`)
  t.same(
    one.body.results.map((a: any) => a.id),
    [pageId(fake, 'API design')],
  )
  t.same(fake.violations, [])
})

t.test('descendants honour depth (default 2, max 5) and report depth and parentId', async t => {
  const { fake, api } = await startFake(t)
  const home = pageId(fake, 'Demo space')
  const d2 = await api.get(`/wiki/api/v2/pages/${home}/descendants`)
  t.equal(d2.body.results.length, 7, 'depth 2 by default')
  t.ok(d2.body.results.every((d: any) => d.depth <= 2))
  const d5 = await api.get(`/wiki/api/v2/pages/${home}/descendants?depth=5`)
  t.equal(d5.body.results.length, 8)
  const leaf = d5.body.results.find((d: any) => d.title === 'Error handling')
  t.match(leaf, { depth: 3, parentId: pageId(fake, 'API design'), type: 'page', status: 'current' })
  t.same(
    d5.body.results.map((d: any) => d.depth),
    [...d5.body.results.map((d: any) => d.depth)].sort(),
    'level by level',
  )
  const paged = await api.get(`/wiki/api/v2/pages/${home}/descendants?depth=5&limit=5`)
  t.equal(paged.body.results.length, 5)
  t.equal((await api.get(paged.body._links.next)).body.results.length, 3)
  t.equal((await api.get(`/wiki/api/v2/pages/${home}/descendants?depth=6`)).status, 400)
  fake.violations.length = 0 // depth=6 is rejected and recorded by design
})

t.test('GET /spaces/{id}/pages with depth=root', async t => {
  const { fake, api } = await startFake(t)
  const demo = spaceId(fake, 'DEMO')
  const all = await api.get(`/wiki/api/v2/spaces/${demo}/pages?limit=250`)
  t.equal(all.body.results.length, 9)
  const root = await api.get(`/wiki/api/v2/spaces/${demo}/pages?depth=root`)
  t.same(
    root.body.results.map((p: any) => p.title),
    ['Demo space'],
  )
  t.equal((await api.get('/wiki/api/v2/spaces/1/pages')).status, 404)
  t.same(fake.violations, [])
})
