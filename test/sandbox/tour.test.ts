// A full tour of every implemented operation, through the site host and the gateway: no response
// may drift from the OpenAPI specs, and every registered handler must have been exercised.
import t from 'tap'
import { HANDLERS } from '../../sandbox/confluence/handlers/index.ts'
import { matchOperation } from '../../sandbox/confluence/openapi/spec.ts'
import { bearer, pageId, spaceId, startFake, type Client } from './helpers.ts'

async function tour(
  api: Client,
  prefix: string,
  ids: { page: string; leaf: string; arch: string; demo: string },
  auth?: string,
) {
  const get = async (path: string) => {
    const res = await api.get(prefix + path, auth)
    if (res.status >= 400) throw new Error(`${path}: ${res.status} ${res.text}`)
    return res
  }
  const send = async (method: string, path: string, body?: unknown) => {
    const res = await api(method, prefix + path, { body, auth })
    if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${res.text}`)
    return res
  }
  const { page, leaf, arch, demo } = ids
  await get('/wiki/api/v2/spaces?description-format=view&include-icon=true')
  await get(`/wiki/api/v2/spaces/${demo}?description-format=plain`)
  await get(`/wiki/api/v2/spaces/${demo}/pages?body-format=storage&limit=3`)
  for (const format of ['storage', 'atlas_doc_format']) await get(`/wiki/api/v2/pages?body-format=${format}&limit=250`)
  for (const format of ['storage', 'atlas_doc_format', 'view', 'export_view'])
    await get(`/wiki/api/v2/pages/${page}?body-format=${format}`)
  await get(
    `/wiki/api/v2/pages/${page}?include-labels=true&include-properties=true&include-operations=true&include-likes=true&include-versions=true&include-favorited-by-current-user-status=true`,
  )
  await get(`/wiki/api/v2/pages/${page}/children`)
  await get(`/wiki/api/v2/pages/${page}/direct-children`)
  await get(`/wiki/api/v2/pages/${leaf}/ancestors`)
  await get(`/wiki/api/v2/pages/${page}/descendants?depth=5`)
  const footer = await get(`/wiki/api/v2/pages/${page}/footer-comments?body-format=storage`)
  await get(`/wiki/api/v2/footer-comments/${footer.body.results[0].id}?body-format=view`)
  await get(`/wiki/api/v2/footer-comments/${footer.body.results[0].id}/children?body-format=atlas_doc_format`)
  const inline = await get(`/wiki/api/v2/pages/${page}/inline-comments?body-format=storage`)
  await get(`/wiki/api/v2/inline-comments/${inline.body.results[0].id}`)
  await get(`/wiki/api/v2/inline-comments/${inline.body.results[0].id}/children`)
  await get(`/wiki/api/v2/pages/${page}/labels`)
  const attachments = await get(`/wiki/api/v2/pages/${arch}/attachments`)
  await get(`/wiki/api/v2/attachments/${attachments.body.results[0].id}`)
  await get(`/wiki/api/v2/pages/${page}/versions?body-format=storage`)
  await get(`/wiki/api/v2/pages/${page}/versions/2`)
  await get(
    `/wiki/rest/api/search?cql=${encodeURIComponent('type = page and text ~ "guide"')}&expand=content.space,content.version,content.history,content.ancestors,content.body.view,content.metadata.labels`,
  )
  await get(`/wiki/rest/api/search?cql=${encodeURIComponent('type in (space, attachment, comment)')}&excerpt=indexed`)
  await get(
    `/wiki/rest/api/content/search?cql=${encodeURIComponent('label = guide')}&expand=space,version,body.storage`,
  )
  await get(`/wiki/rest/api/content/${page}/label?prefix=global`)
  await api.get(
    `${prefix}/wiki/rest/api/content/${arch}/child/attachment/${attachments.body.results[0].id}/download`,
    auth,
  )

  const created = await send('POST', '/wiki/api/v2/pages', {
    spaceId: demo,
    status: 'current',
    title: `Tour ${prefix || 'site'}`,
    parentId: page,
    body: { representation: 'storage', value: '<p>tour</p>' },
  })
  const id = created.body.id
  await send('PUT', `/wiki/api/v2/pages/${id}`, {
    id,
    status: 'current',
    title: `Tour ${prefix || 'site'} v2`,
    body: {
      representation: 'atlas_doc_format',
      value: JSON.stringify({
        type: 'doc',
        version: 1,
        content: [{ type: 'paragraph', content: [{ type: 'text', text: 'hello' }] }],
      }),
    },
    version: { number: 2, message: 'edit' },
  })
  const comment = await send('POST', '/wiki/api/v2/footer-comments', {
    pageId: id,
    body: { representation: 'storage', value: '<p>c</p>' },
  })
  await send('POST', '/wiki/api/v2/footer-comments', {
    parentCommentId: comment.body.id,
    body: { representation: 'storage', value: '<p>r</p>' },
  })
  await send('POST', '/wiki/api/v2/inline-comments', {
    pageId: id,
    body: { representation: 'storage', value: '<p>i</p>' },
    inlineCommentProperties: { textSelection: 'hello', textSelectionMatchCount: 1, textSelectionMatchIndex: 0 },
  })
  await send('POST', `/wiki/rest/api/content/${id}/label`, [
    { prefix: 'global', name: 'tour' },
    { prefix: 'global', name: 'tmp' },
  ])
  await send('DELETE', `/wiki/rest/api/content/${id}/label/tmp`)
  await send('DELETE', `/wiki/rest/api/content/${id}/label?name=tour`)
  await send('DELETE', `/wiki/api/v2/pages/${id}`)
  await send('DELETE', `/wiki/api/v2/pages/${id}?purge=true`)
}

t.test('a tour of the API leaves no violations', async t => {
  const { fake, api, gateway } = await startFake(t)
  fake.credentials.addAccessToken('full')
  const ids = {
    page: pageId(fake, 'Getting started'),
    leaf: pageId(fake, 'Error handling'),
    arch: pageId(fake, 'Architecture overview'),
    demo: spaceId(fake, 'DEMO'),
  }
  await tour(api, '', ids)
  await tour(api, gateway, ids, bearer('full'))
  t.same(fake.violations, [], 'no request or response violated the OpenAPI specs')

  const exercised = new Set(
    fake.requests.map(r => {
      const m = matchOperation(r.method, r.path.replace(/^\/ex\/confluence\/[^/]+/, ''))
      return m.kind === 'operation' ? m.op.operationId : ''
    }),
  )
  t.same(
    Object.keys(HANDLERS).filter(op => !exercised.has(op)),
    [],
    'every handler is part of the tour',
  )
})
