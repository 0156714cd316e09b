// A scripted agent session in the sandbox, and pagination across pages of results.
import t from 'tap'
import { startConnector, text } from './helpers.ts'

t.test('create → getBody → stale update → read the conflict → update right → label → comment → search', async t => {
  const c = await startConnector(t)
  const created = await c.call(
    'pages',
    'create',
    {
      body: {
        spaceId: '98305',
        parentId: '65537',
        title: 'Incident review 42',
        body: { value: '<h2>Summary</h2><p>The cache expired.</p>' },
      },
    },
    'both',
  )
  t.notOk(created.isError, text(created))
  const page = created.structuredContent as any
  t.equal(page.version.number, 1)

  const body = await c.call('pages', 'getBody', { id: page.id })
  t.match(text(body), /## Summary\n\nThe cache expired\./, 'the body reads as Markdown')

  // A colleague edits the page meanwhile (version 2)…
  const other = await c.call('pages', 'update', {
    id: page.id,
    body: {
      title: page.title,
      body: { value: '<h2>Summary</h2><p>The cache expired.</p><p>Timeline to come.</p>' },
      version: { number: 2 },
    },
  })
  t.notOk(other.isError, text(other))
  // …so the agent's update, based on version 1, is stale.
  const stale = await c.call('pages', 'update', {
    id: page.id,
    body: { title: page.title, body: { value: '<p>v2</p>' }, version: { number: 2 } },
  })
  t.equal(stale.isError, true)
  const current = Number(/the page is now at version (\d+)/.exec(text(stale))?.[1])
  t.equal(current, 2, 'the conflict names the current version')
  t.match(text(stale), /must send version\.number = 3/)

  const updated = await c.call(
    'pages',
    'update',
    {
      id: page.id,
      body: {
        title: page.title,
        body: { value: '<h2>Summary</h2><p>The cache expired; fixed TTL.</p>' },
        version: { number: current + 1, message: 'Root cause' },
      },
    },
    'both',
  )
  t.notOk(updated.isError, text(updated))
  t.equal((updated.structuredContent as any).version.number, 3)

  const labelled = await c.call('labels', 'addToPage', { id: page.id, labels: ['incident', 'postmortem'] })
  t.match(text(labelled), /are now: incident, postmortem/)
  const commented = await c.call('comments', 'addFooter', {
    body: { pageId: page.id, body: { value: '<p>Thanks for the write-up.</p>' } },
  })
  t.notOk(commented.isError, text(commented))
  const comments = await c.call('comments', 'getFooter', { id: page.id })
  t.match(text(comments), /Thanks for the write-up\./)

  const found = await c.call('search', 'cql', { cql: 'label = postmortem AND type = page' }, 'both')
  t.notOk(found.isError, text(found))
  t.same(
    (found.structuredContent as any).results.map((r: any) => r.content.id),
    [page.id],
    'search finds the new page by its label',
  )
  const history = await c.call('versions', 'listForPage', { id: page.id })
  t.match(text(history), /Version 3 — .*: Root cause\n- Version 2/)
  t.same(c.fake.violations, [])
})

t.test('pagination: following nextCursor visits every page exactly once', async t => {
  const c = await startConnector(t)
  c.fake.seedBulk({ pages: 23, bodyBytes: 200 })
  const all = await c.call('pages', 'list', { limit: 250 }, 'structured')
  const expected = (all.structuredContent as any).results.map((p: any) => p.id)
  t.ok(expected.length >= 30, `${expected.length} pages in the sandbox`)
  const seen: string[] = []
  let cursor: string | undefined
  let rounds = 0
  do {
    const r = await c.call('pages', 'list', { limit: 7, ...(cursor ? { cursor } : {}) }, 'both')
    t.notOk(r.isError, text(r))
    const data = r.structuredContent as any
    seen.push(...data.results.map((p: any) => p.id))
    cursor = data.nextCursor
    if (cursor) t.match(text(r), `More results: call again with cursor = ${cursor}`)
    else t.match(text(r), /No more results\./)
    rounds++
  } while (cursor && rounds < 20)
  t.same(seen, expected, 'same pages, same order, no duplicates')
  t.equal(rounds, Math.ceil(expected.length / 7))
})
