// Spaces, comments, labels (v2 read, v1 write), attachments and versions.
import t from 'tap'
import { pageId, spaceId, startFake } from './helpers.ts'

t.test('spaces: list with filters and description, single space', async t => {
  const { fake, api, url } = await startFake(t)
  const all = await api.get('/wiki/api/v2/spaces')
  t.same(
    all.body.results.map((s: any) => s.key),
    ['DEMO', 'ENG'],
  )
  t.match(all.body.results[0], {
    name: 'Demo space',
    type: 'global',
    status: 'current',
    _links: { webui: '/spaces/DEMO' },
  })
  const eng = await api.get('/wiki/api/v2/spaces?keys=ENG&description-format=plain')
  t.same(
    eng.body.results.map((s: any) => s.key),
    ['ENG'],
  )
  t.equal(eng.body.results[0].description.plain.value, 'Runbooks and on-call material for engineers.')
  const one = await api.get(`/wiki/api/v2/spaces/${spaceId(fake, 'DEMO')}`)
  t.equal(one.body.homepageId, pageId(fake, 'Demo space'))
  t.equal(one.body._links.base, `${url}/wiki`)
  t.equal((await api.get('/wiki/api/v2/spaces?type=personal')).body.results.length, 0)
  t.equal((await api.get('/wiki/api/v2/spaces/1')).status, 404)
  t.same(fake.violations, [])
})

t.test('footer comments, replies and creation', async t => {
  const { fake, api, url } = await startFake(t)
  const id = pageId(fake, 'Getting started')
  const list = await api.get(`/wiki/api/v2/pages/${id}/footer-comments?body-format=storage`)
  t.equal(list.body.results.length, 2, 'replies are not top-level comments')
  t.match(list.body.results[0], {
    title: 'Re: Getting started',
    pageId: id,
    body: { storage: { value: '<p>Great guide, thanks!</p>' } },
  })
  const replies = await api.get(`/wiki/api/v2/footer-comments/${list.body.results[0].id}/children?body-format=storage`)
  t.same(
    replies.body.results.map((r: any) => r.body.storage.value),
    ['<p>Glad it helps.</p>'],
  )

  const created = await api('POST', '/wiki/api/v2/footer-comments', {
    body: { pageId: id, body: { representation: 'storage', value: '<p>New comment</p>' } },
  })
  t.equal(created.status, 201)
  t.equal(created.headers.location, `${url}/wiki/api/v2/footer-comments/${created.body.id}`)
  t.equal(created.body.pageId, id)
  const reply = await api('POST', '/wiki/api/v2/footer-comments', {
    body: { parentCommentId: created.body.id, body: { representation: 'storage', value: '<p>A reply</p>' } },
  })
  t.equal(reply.status, 201)
  t.equal(reply.body.parentCommentId, created.body.id)
  const single = await api.get(`/wiki/api/v2/footer-comments/${reply.body.id}?body-format=storage`)
  t.equal(single.body.body.storage.value, '<p>A reply</p>')

  const both = await api('POST', '/wiki/api/v2/footer-comments', {
    body: { pageId: id, parentCommentId: created.body.id, body: { representation: 'storage', value: 'x' } },
  })
  t.equal(both.status, 400)
  const gone = await api('POST', '/wiki/api/v2/footer-comments', {
    body: { pageId: '424242', body: { representation: 'storage', value: 'x' } },
  })
  t.equal(gone.status, 404)
  t.same(fake.violations, [])
})

t.test('inline comments: list with resolution filter, create on a text selection', async t => {
  const { fake, api } = await startFake(t)
  const id = pageId(fake, 'Getting started')
  const list = await api.get(`/wiki/api/v2/pages/${id}/inline-comments?body-format=storage`)
  t.match(list.body.results[0], {
    resolutionStatus: 'open',
    properties: { inlineOriginalSelection: 'about ten minutes' },
  })
  t.equal((await api.get(`/wiki/api/v2/pages/${id}/inline-comments?resolution-status=resolved`)).body.results.length, 0)

  const created = await api('POST', '/wiki/api/v2/inline-comments', {
    body: {
      pageId: id,
      body: { representation: 'storage', value: '<p>Which version?</p>' },
      inlineCommentProperties: { textSelection: 'Node.js 20', textSelectionMatchCount: 1, textSelectionMatchIndex: 0 },
    },
  })
  t.equal(created.status, 201)
  t.match(
    fake.state.pages.get(id)!.versions.at(-1)!.body,
    new RegExp(
      `<ac:inline-comment-marker ac:ref="${created.body.properties.inlineMarkerRef}">Node.js 20</ac:inline-comment-marker>`,
    ),
  )
  const wrongCount = await api('POST', '/wiki/api/v2/inline-comments', {
    body: {
      pageId: id,
      body: { representation: 'storage', value: '<p>?</p>' },
      inlineCommentProperties: { textSelection: 'Node.js 20', textSelectionMatchCount: 2, textSelectionMatchIndex: 0 },
    },
  })
  t.equal(wrongCount.status, 400)
  t.same(fake.violations, [])
})

t.test('labels: v2 read, v1 add (array or single), read and remove', async t => {
  const { fake, api } = await startFake(t)
  const id = pageId(fake, 'Installation guide')
  t.same(
    (await api.get(`/wiki/api/v2/pages/${id}/labels`)).body.results.map((l: any) => l.name),
    ['guide'],
  )

  const added = await api('POST', `/wiki/rest/api/content/${id}/label`, {
    body: [
      { prefix: 'global', name: 'Setup' },
      { prefix: 'global', name: 'cli' },
    ],
  })
  t.equal(added.status, 200)
  t.same(
    added.body.results.map((l: any) => l.name),
    ['guide', 'setup', 'cli'],
    'names are lower-cased; all labels returned',
  )
  t.match(added.body.results[1], { prefix: 'global', name: 'setup', label: 'setup' })
  const single = await api('POST', `/wiki/rest/api/content/${id}/label`, { body: { prefix: 'global', name: 'single' } })
  t.equal(single.body.size, 4)
  const invalid = await api('POST', `/wiki/rest/api/content/${id}/label`, {
    body: [{ prefix: 'global', name: 'has space' }],
  })
  t.equal(invalid.status, 400)
  t.equal(invalid.body.statusCode, 400)

  t.equal((await api.get(`/wiki/rest/api/content/${id}/label`)).body.size, 4)
  t.equal((await api('DELETE', `/wiki/rest/api/content/${id}/label/cli`)).status, 204)
  t.equal((await api('DELETE', `/wiki/rest/api/content/${id}/label?name=single`)).status, 204)
  t.same(
    (await api.get(`/wiki/api/v2/pages/${id}/labels?prefix=global`)).body.results.map((l: any) => l.name),
    ['guide', 'setup'],
  )
  const missing = await api.get('/wiki/rest/api/content/424242/label')
  t.equal(missing.status, 404)
  t.match(missing.body, { statusCode: 404, reason: 'Not Found', data: { successful: false } })
  t.same(fake.violations, [])
})

t.test('attachments: list, by id, download link and v1 download redirect', async t => {
  const { fake, api, url } = await startFake(t)
  const id = pageId(fake, 'Architecture overview')
  const list = await api.get(`/wiki/api/v2/pages/${id}/attachments`)
  t.same(
    list.body.results.map((a: any) => a.title),
    ['architecture.png', 'capacity-notes.txt'],
  )
  const png = list.body.results[0]
  t.match(png, { mediaType: 'image/png', fileSize: 70, pageId: id, _links: { download: png.downloadLink } })
  t.match(png.downloadLink, new RegExp(`^/download/attachments/${id}/architecture.png\\?version=1`))
  t.equal((await api.get(`/wiki/api/v2/pages/${id}/attachments?mediaType=text/plain`)).body.results.length, 1)
  const one = await api.get(`/wiki/api/v2/attachments/${png.id}`)
  t.equal(one.body.title, 'architecture.png')
  t.equal((await api.get(`/wiki/api/v2/attachments/${png.id.slice(3)}`)).body.id, png.id, 'numeric ids work too')

  const file = await api.get(`/wiki${png.downloadLink}`)
  t.equal(file.status, 200)
  t.equal(file.headers['content-type'], 'image/png')
  const redirect = await api.get(`/wiki/rest/api/content/${id}/child/attachment/${png.id}/download`)
  t.equal(redirect.status, 302)
  t.equal(redirect.headers.location, `${url}/wiki${png.downloadLink}`)
  t.same(fake.violations, [])
})

t.test('versions: list newest first, version details', async t => {
  const { fake, api } = await startFake(t)
  const id = pageId(fake, 'Getting started')
  const list = await api.get(`/wiki/api/v2/pages/${id}/versions`)
  t.same(
    list.body.results.map((v: any) => [v.number, v.message, v.minorEdit]),
    [
      [4, '', false],
      [3, 'Wording', true],
      [2, 'Add steps', false],
      [1, 'First draft', false],
    ],
  )
  t.same(
    (await api.get(`/wiki/api/v2/pages/${id}/versions?sort=modified-date&limit=2`)).body.results.map(
      (v: any) => v.number,
    ),
    [1, 2],
  )
  const detail = await api.get(`/wiki/api/v2/pages/${id}/versions/2`)
  t.match(detail.body, { number: 2, prevVersion: 1, nextVersion: 3, message: 'Add steps' })
  t.equal((await api.get(`/wiki/api/v2/pages/${id}/versions/9`)).status, 404)
  t.same(fake.violations, [])
})
