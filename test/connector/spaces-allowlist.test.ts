// CONFLUENCE_ALLOWED_SPACES confines every action, failing closed (docs/connector.md).
import t from 'tap'
import { startConnector, text } from './helpers.ts'

// DEMO is 98305 (pages 65537…65551, attachment att65546 on 65545); ENG is 98306 (pages 65552…65554).
const INSIDE: Array<[string, string, Record<string, unknown>]> = [
  ['pages', 'get', { id: '65538' }],
  ['content', 'children', { id: '65537' }],
  ['attachments', 'get', { id: 'att65546' }],
]
const OUTSIDE: Array<[string, string, Record<string, unknown>]> = [
  ['pages', 'list', { spaceId: '98306' }],
  ['pages', 'get', { id: '65553' }],
  ['pages', 'getBody', { id: '65553' }],
  ['pages', 'create', { body: { spaceId: '98306', title: 'Nope', body: { value: '<p>x</p>' } } }],
  ['pages', 'update', { id: '65553', body: { title: 'Nope', body: { value: '<p>x</p>' }, version: { number: 2 } } }],
  ['pages', 'delete', { id: '65553' }],
  ['spaces', 'get', { id: '98306' }],
  ['content', 'children', { id: '65552' }],
  ['content', 'ancestors', { id: '65553' }],
  ['content', 'descendants', { id: '65552' }],
  ['comments', 'getFooter', { id: '65553' }],
  ['comments', 'addFooter', { body: { pageId: '65553', body: { value: '<p>x</p>' } } }],
  ['comments', 'getInline', { id: '65553' }],
  ['labels', 'getForPage', { id: '65553' }],
  ['labels', 'addToPage', { id: '65553', labels: ['x'] }],
  ['attachments', 'listForPage', { id: '65553' }],
  ['versions', 'listForPage', { id: '65553' }],
]

t.test('every action is confined to the allowed spaces', async t => {
  const c = await startConnector(t, { env: { CONFLUENCE_ALLOWED_SPACES: 'DEMO' } })
  for (const [tool, action, args] of INSIDE) {
    const r = await c.call(tool, action, args)
    t.notOk(r.isError, `${tool}.${action} inside DEMO: ${text(r).slice(0, 120)}`)
  }
  const writesBefore = c.fake.requests.filter(q => q.method !== 'GET').length
  for (const [tool, action, args] of OUTSIDE) {
    const r = await c.call(tool, action, args)
    t.equal(r.isError, true, `${tool}.${action} outside is refused`)
    t.match(
      text(r),
      /not allowed here: .*outside the spaces this connector may use \(DEMO\)/,
      `${tool}.${action} says why`,
    )
  }
  t.equal(c.fake.requests.filter(q => q.method !== 'GET').length, writesBefore, 'no write reached Confluence')

  const spaces = await c.call('spaces', 'list', {}, 'structured')
  t.same(
    (spaces.structuredContent as any).results.map((s: any) => s.key),
    ['DEMO'],
    'spaces.list shows only DEMO',
  )
  const pages = await c.call('pages', 'list', { limit: 250 }, 'structured')
  t.ok(
    (pages.structuredContent as any).results.every((p: any) => p.spaceId === '98305'),
    'pages.list without spaceId stays in DEMO',
  )
  const search = await c.call('search', 'cql', { cql: 'type = page ORDER BY title' }, 'structured')
  t.notOk(search.isError, text(search))
  t.match(
    (search.structuredContent as any).cql,
    /^\(type = page\) AND space IN \("DEMO"\) ORDER BY title$/,
    'CQL is wrapped, ORDER BY kept last',
  )
  t.ok(
    (search.structuredContent as any).results.every((r: any) => r.resultGlobalContainer?.title === 'Demo space'),
    'search finds only DEMO content',
  )
  t.same(c.fake.violations, [])
})

t.test('an allowlist naming no existing space refuses everything (fail closed)', async t => {
  const c = await startConnector(t, { env: { CONFLUENCE_ALLOWED_SPACES: 'TYPO' } })
  for (const [tool, action, args] of [
    ['pages', 'get', { id: '65538' }],
    ['pages', 'list', {}],
    ['spaces', 'list', {}],
    ['search', 'cql', { cql: 'type = page' }],
  ] as const) {
    const r = await c.call(tool, action, args)
    t.equal(r.isError, true, `${tool}.${action} refused`)
    t.match(text(r), /None of the spaces this connector is confined to \(TYPO/)
  }
})

t.test('space ids work as well as keys', async t => {
  const c = await startConnector(t, { env: { CONFLUENCE_ALLOWED_SPACES: '98306' } })
  t.notOk((await c.call('pages', 'get', { id: '65553' })).isError)
  t.equal((await c.call('pages', 'get', { id: '65538' })).isError, true)
})
