// What agents actually send, beyond the contract's exact shapes (found by driving the tools with
// MCP clients): ids as numbers, page URLs and tiny links, space keys, stale or missing versions.
import t from 'tap'
import { startConnector, text } from './helpers.ts'

t.test('a page id as a number, a URL or a tiny link is the page', async t => {
  const c = await startConnector(t)
  const page = (await c.call('pages', 'get', { id: '65538' }, 'structured')).structuredContent as any
  const site = `${c.fake.url}/wiki`
  const forms = [
    65538,
    ` 65538 `,
    `${site}${page._links.webui}`,
    `${site}${page._links.webui}?focusedCommentId=1#x`,
    `${site}/pages/viewpage.action?pageId=65538`,
    `${site}${page._links.tinyui}`,
    `${site}${page._links.tinyui}/`,
  ]
  for (const id of forms) {
    const r = await c.call('pages', 'get', { id }, 'both')
    t.notOk(r.isError, `${JSON.stringify(id)}: ${text(r).slice(0, 200)}`)
    t.equal((r.structuredContent as any)?.id, '65538', `${JSON.stringify(id)} is page 65538`)
  }
  t.match(page._links.tinyui, /^\/x\/[A-Za-z0-9_-]+$/)
  // Larger ids than the demo's: Confluence's own alphabet writes `+` as `_` and `/` as `-`.
  const created = await c.call('labels', 'getForPage', { id: `${site}/x/JeXg-hY` })
  t.match(text(created), /page 98765432101/, 'a tiny link decodes to its id (98765432101)')
  for (const id of ['Getting started', 'https://example.com/wiki/spaces/DEMO/overview', '', 'x/../../etc']) {
    const bad = await c.call('pages', 'get', { id })
    t.equal(bad.isError, true, `${JSON.stringify(id)} is refused`)
    t.match(
      text(bad),
      /BAD_ARGUMENTS.*`id` must be a page id \(e\.g\. 65538\), a page URL/,
      `${JSON.stringify(id)}: says what works`,
    )
  }
  t.same(c.fake.violations, [])
})

t.test('a space key works wherever a space id does', async t => {
  const c = await startConnector(t)
  const list = await c.call('pages', 'list', { spaceId: 'ENG' }, 'structured')
  t.notOk(list.isError, text(list))
  t.ok(
    (list.structuredContent as any).results.every((p: any) => p.spaceId === '98306'),
    'pages of ENG only',
  )
  const space = await c.call('spaces', 'get', { id: 'ENG' }, 'structured')
  t.equal((space.structuredContent as any).id, '98306')
  const created = await c.call(
    'pages',
    'create',
    { body: { spaceId: 'DEMO', title: 'Made with a key', body: { value: '<p>k</p>' } } },
    'structured',
  )
  t.equal((created.structuredContent as any).spaceId, '98305')
  const unknown = await c.call('pages', 'list', { spaceId: 'NOPE' })
  t.equal(unknown.isError, true)
  t.match(text(unknown), /NOT_FOUND.*No space has the key NOPE.*spaces\.list/)
  const hostile = await c.call('pages', 'create', { body: { spaceId: 'DEV" OR 1=1', title: 'x' } })
  t.match(text(hostile), /BAD_ARGUMENTS.*`body\.spaceId` must be a numeric space id/)
  t.same(c.fake.violations, [])
})

t.test('a stale, too low or missing version is answered with the number to send', async t => {
  const c = await startConnector(t)
  const body = (version?: { number: number }) => ({
    title: 'Getting started',
    body: { value: '<p>x</p>' },
    ...(version ? { version } : {}),
  })
  for (const number of [1, 3, 4, 9]) {
    const r = await c.call('pages', 'update', { id: '65538', body: body({ number }) })
    t.equal(r.isError, true, `version ${number} is refused`)
    t.match(
      text(r),
      /VERSION_CONFLICT.*at version 4, so an update must send version\.number = 5/,
      `version ${number}: send 5`,
    )
  }
  const missing = await c.call('pages', 'update', { id: '65538', body: body() })
  t.match(text(missing), /VERSION_REQUIRED.*page 65538 is at version 4, so send "version": \{"number": 5\}/)
  const mismatch = await c.call('pages', 'update', { id: '65538', body: { ...body({ number: 5 }), id: '65543' } })
  t.match(text(mismatch), /BAD_ARGUMENTS.*body\.id \(65543\) is not the page being updated \(65538\)/)
  const ok = await c.call('pages', 'update', { id: 65538, body: { ...body({ number: 5 }), id: 65538 } }, 'structured')
  t.equal((ok.structuredContent as any).version.number, 5, 'then current + 1 succeeds')
  t.same(c.fake.violations, [])
})

t.test('search: cqlcontext as an object or its JSON string; cql and the versions id are required', async t => {
  const c = await startConnector(t)
  for (const cqlcontext of [{ spaceKey: 'DEMO' }, '{"spaceKey":"DEMO"}']) {
    const r = await c.call('search', 'cql', { cql: 'type = page AND title ~ "guide"', cqlcontext })
    t.notOk(r.isError, `${JSON.stringify(cqlcontext)}: ${text(r).slice(0, 200)}`)
  }
  const { tools } = await c.client.listTools()
  t.same(tools.find(x => x.name === 'search')?.inputSchema.required, ['cql'])
  t.same(tools.find(x => x.name === 'versions')?.inputSchema.required, ['id'])
  t.match(text(await c.call('search', 'cql', {})), /`cql` is required/)
})

t.test('tools/list: descriptions whole, annotations true for the tool as a whole', async t => {
  const c = await startConnector(t)
  const { tools } = await c.client.listTools()
  const byName = Object.fromEntries(tools.map(x => [x.name, x]))
  for (const tool of tools) {
    t.ok((tool.description ?? '').length <= 1024, `${tool.name}: ≤ 1024 characters`)
    t.notMatch(tool.description ?? '', /…$/, `${tool.name}: not cut off`)
  }
  t.match(byName.pages.description, /- `delete` \(write, destructive\)/)
  t.match(byName.pages.description, /- `get` \(read\)/)
  t.same(byName.pages.annotations, {
    readOnlyHint: false,
    destructiveHint: true,
    idempotentHint: false,
    openWorldHint: true,
  })
  t.same(
    byName.comments.annotations,
    { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    'comments never deletes: not destructive',
  )
  t.same(byName.labels.annotations, {
    readOnlyHint: false,
    destructiveHint: false,
    idempotentHint: true,
    openWorldHint: true,
  })
  for (const name of ['spaces', 'search', 'content', 'attachments', 'versions']) {
    t.same(
      byName[name].annotations,
      { readOnlyHint: true, destructiveHint: false, idempotentHint: true, openWorldHint: true },
      `${name}: reads`,
    )
  }
  t.match(c.client.getInstructions(), /`get` with `id` returns metadata only/)
})
