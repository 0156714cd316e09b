// v2 pages: reads with every body format, create, optimistic-lock update, trash and purge.
import t from 'tap'
import { pageId, spaceId, startFake } from './helpers.ts'

t.test('GET /pages filters by space, title, ids and status', async t => {
  const { fake, api } = await startFake(t)
  const eng = spaceId(fake, 'ENG')
  const inEng = await api.get(`/wiki/api/v2/pages?space-id=${eng}`)
  t.equal(inEng.status, 200)
  t.same(inEng.body.results.map((p: any) => p.title).sort(), ['Engineering', 'On-call handbook', 'Runbook: deploys'])
  t.same(inEng.body.results[0].body, {}, 'no body unless body-format is given')

  const byTitle = await api.get(`/wiki/api/v2/pages?title=${encodeURIComponent('API design')}&body-format=storage`)
  t.equal(byTitle.body.results.length, 1)
  t.match(byTitle.body.results[0].body.storage.value, /<ac:structured-macro ac:name="code"/)

  const a = pageId(fake, 'Installation guide')
  const b = pageId(fake, 'Error handling')
  const comma = await api.get(`/wiki/api/v2/pages?id=${a},${b}`)
  const repeated = await api.get(`/wiki/api/v2/pages?id=${a}&id=${b}`)
  t.same(
    comma.body.results.map((p: any) => p.id),
    [a, b].sort((x, y) => Number(x) - Number(y)),
  )
  t.same(repeated.body.results, comma.body.results, 'comma-separated and repeated arrays are equivalent')

  const sorted = await api.get(`/wiki/api/v2/pages?space-id=${eng}&sort=-title`)
  t.same(
    sorted.body.results.map((p: any) => p.title),
    ['Runbook: deploys', 'On-call handbook', 'Engineering'],
  )
  t.same(fake.violations, [])
})

t.test('GET /pages/{id} renders storage, ADF and view, and old versions', async t => {
  const { fake, api, url } = await startFake(t)
  const id = pageId(fake, 'Getting started')
  const storage = await api.get(`/wiki/api/v2/pages/${id}?body-format=storage`)
  t.equal(storage.status, 200)
  t.equal(storage.body.version.number, 4)
  t.equal(storage.body.body.storage.representation, 'storage')
  t.match(storage.body._links, {
    webui: `/spaces/DEMO/pages/${id}/Getting+started`,
    editui: `/pages/resumedraft.action?draftId=${id}`,
    base: `${url}/wiki`,
  })
  t.match(storage.body._links.tinyui, /^\/x\/[\w-]+$/)

  const adf = await api.get(`/wiki/api/v2/pages/${id}?body-format=atlas_doc_format`)
  const doc = JSON.parse(adf.body.body.atlas_doc_format.value)
  t.equal(doc.type, 'doc')
  t.ok(
    doc.content.some((n: any) => n.type === 'codeBlock' && n.attrs.language === 'bash'),
    'code macro becomes a codeBlock',
  )

  const view = await api.get(`/wiki/api/v2/pages/${id}?body-format=view`)
  const html: string = view.body.body.view.value
  t.match(html, /<pre class="syntaxhighlighter-pre"/)
  t.match(html, /confluence-information-macro-information/)
  t.match(html, new RegExp(`href="${url}/wiki/spaces/DEMO/pages/\\d+/Installation\\+guide"`))
  t.notMatch(html, /ac:structured-macro/)

  const old = await api.get(`/wiki/api/v2/pages/${id}?version=1&body-format=storage`)
  t.equal(old.body.version.number, 1)
  t.equal(old.body.status, 'historical')
  t.equal(old.body.body.storage.value, '<h1>Getting started</h1><p>Draft: how to set up the demo.</p>')

  const missing = await api.get('/wiki/api/v2/pages/999999')
  t.equal(missing.status, 404)
  t.same(missing.body, { errors: [{ status: 404, code: 'NOT_FOUND', title: 'Not Found', detail: null }] })
  t.same(fake.violations, [])
})

t.test('GET /pages/{id} include-* blocks', async t => {
  const { fake, api } = await startFake(t)
  const id = pageId(fake, 'Getting started')
  const res = await api.get(
    `/wiki/api/v2/pages/${id}?include-labels=true&include-versions=true&include-version=false&include-operations=true`,
  )
  t.same(
    res.body.labels.results.map((l: any) => l.name),
    ['onboarding', 'guide'],
  )
  t.same(res.body.labels.meta, { hasMore: false })
  t.same(
    res.body.versions.results.map((v: any) => v.number),
    [4, 3, 2, 1],
  )
  t.notOk('version' in res.body, 'include-version=false drops the version')
  t.ok(res.body.operations.results.length > 0)
  t.same(fake.violations, [])
})

t.test('POST /pages creates under the homepage and rejects duplicate titles', async t => {
  const { fake, api } = await startFake(t)
  const demo = fake.state.spaceByKey('DEMO')!
  const created = await api('POST', '/wiki/api/v2/pages', {
    body: {
      spaceId: demo.id,
      status: 'current',
      title: 'Release notes',
      body: { representation: 'storage', value: '<p>v1.0</p>' },
    },
  })
  t.equal(created.status, 200)
  t.equal(created.body.parentId, demo.homepageId, 'defaults to the space homepage')
  t.equal(created.body.version.number, 1)
  t.equal(created.body.body.storage.value, '<p>v1.0</p>')

  const nested = await api('POST', '/wiki/api/v2/pages', {
    body: {
      spaceId: demo.id,
      title: 'Nested form',
      parentId: created.body.id,
      body: { storage: { representation: 'storage', value: '<p>x</p>' } },
    },
  })
  t.equal(nested.status, 200, 'the nested body form is accepted')
  t.equal(nested.body.parentId, created.body.id)

  const root = await api('POST', '/wiki/api/v2/pages?root-level=true', {
    body: { spaceId: demo.id, title: 'Top level', body: { representation: 'storage', value: '' } },
  })
  t.notOk(root.body.parentId, 'root-level pages have no parent')

  const wiki = await api('POST', '/wiki/api/v2/pages', {
    body: { spaceId: demo.id, title: 'From wiki', body: { representation: 'wiki', value: 'h1. Title\n* one\n* two' } },
  })
  t.equal(wiki.body.body.storage.value, '<h1>Title</h1><ul><li>one</li><li>two</li></ul>')

  const dup = await api('POST', '/wiki/api/v2/pages', {
    body: { spaceId: demo.id, title: 'Getting started', body: { representation: 'storage', value: '<p>x</p>' } },
  })
  t.equal(dup.status, 400)
  t.match(dup.body.errors[0].title, /^A page with this title already exists/)

  const noSpace = await api('POST', '/wiki/api/v2/pages', { body: { spaceId: '1', title: 'x' } })
  t.equal(noSpace.status, 404)
  t.same(fake.violations, [])
})

t.test('PUT /pages/{id} enforces the optimistic lock and keeps history', async t => {
  const { fake, api } = await startFake(t)
  const id = pageId(fake, 'Configuration reference')
  const update = (number: number, extra: object = {}) =>
    api('PUT', `/wiki/api/v2/pages/${id}`, {
      body: {
        id,
        status: 'current',
        title: 'Configuration reference',
        body: { representation: 'storage', value: `<p>rev ${number}</p>` },
        version: { number, message: `rev ${number}` },
        ...extra,
      },
    })
  t.equal((await update(2)).status, 200)
  const ok = await update(3)
  t.equal(ok.body.version.number, 3)
  t.equal(ok.body.version.message, 'rev 3')

  const stale = await update(3)
  t.equal(stale.status, 409)
  t.same(stale.body, {
    errors: [
      {
        status: 409,
        code: 'CONFLICT',
        title: 'Version must be incremented when updating a page. Current Version: [3]. Provided version: [3]',
        detail: null,
      },
    ],
  })

  const versions = await api.get(`/wiki/api/v2/pages/${id}/versions?body-format=storage`)
  t.same(
    versions.body.results.map((v: any) => [v.number, v.page.body.storage.value]),
    [
      [3, '<p>rev 3</p>'],
      [2, '<p>rev 2</p>'],
      [1, fake.state.pages.get(id)!.versions[0]!.body],
    ],
  )

  const dupTitle = await update(4, { title: 'Getting started' })
  t.equal(dupTitle.status, 400)
  t.match(dupTitle.body.errors[0].title, /A page with this title already exists/)

  const target = pageId(fake, 'Meeting notes')
  const moved = await update(4, { parentId: target })
  t.equal(moved.body.parentId, target, 'parentId moves the page')
  t.same(fake.violations, [], 'the 409 is a known spec gap, not a violation')
})

t.test('DELETE /pages/{id} trashes, reparents children, restores and purges', async t => {
  const { fake, api } = await startFake(t)
  const parent = pageId(fake, 'Getting started')
  const child = pageId(fake, 'Installation guide')
  const grandparent = fake.state.pages.get(parent)!.parentId
  t.equal((await api('DELETE', `/wiki/api/v2/pages/${parent}`)).status, 204)
  t.equal((await api.get(`/wiki/api/v2/pages/${parent}`)).status, 404, 'trashed pages are hidden')
  t.equal((await api.get(`/wiki/api/v2/pages/${parent}?status=trashed`)).body.status, 'trashed')
  t.equal(fake.state.pages.get(child)!.parentId, grandparent, 'children move up to the deleted page’s parent')

  const restored = await api('PUT', `/wiki/api/v2/pages/${parent}`, {
    body: {
      id: parent,
      status: 'current',
      title: 'Getting started',
      body: { representation: 'storage', value: '' },
      version: { number: 5 },
    },
  })
  t.equal(restored.status, 200)
  t.equal(restored.body.status, 'current')

  t.equal((await api('DELETE', `/wiki/api/v2/pages/${parent}`)).status, 204)
  t.equal((await api('DELETE', `/wiki/api/v2/pages/${parent}?purge=true`)).status, 204)
  t.notOk(fake.state.pages.has(parent), 'purged pages are gone')
  t.same(fake.violations, [])
})

t.test('request bodies over 5 MB get 413', async t => {
  const { fake, api } = await startFake(t)
  const demo = fake.state.spaceByKey('DEMO')!
  const res = await api('POST', '/wiki/api/v2/pages', {
    body: { spaceId: demo.id, title: 'Huge', body: { representation: 'storage', value: 'x'.repeat(5 * 1024 * 1024) } },
  })
  t.equal(res.status, 413)
  t.equal(res.body.errors[0].status, 413)
})
