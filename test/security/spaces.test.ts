// Attack row 1 of issue 15: with CONFLUENCE_ALLOWED_SPACES=DEMO, CQL that tries to close the
// connector's wrapper, and answers that carry another space's content (a parser gap, a stub upstream):
// nothing outside DEMO comes back from any list action.
import t from 'tap'
import { startConnector, text } from '../connector/helpers.ts'

// DEMO is space 98305 (pages 65537…65551); ENG is 98306 (pages 65552…65554).
const ENG_PAGE = { id: '65553', status: 'current', title: 'ENG secret', spaceId: '98306', childPosition: 9 }

t.test('row 1: CQL that escapes the wrapper is refused or confined, never answered from ENG', async t => {
  const c = await startConnector(t, { env: { CONFLUENCE_ALLOWED_SPACES: 'DEMO' } })
  for (const cql of [
    'type = page) OR (space = ENG',
    "title ~ 'x order by ' OR type = page)",
    'space = ENG',
    'type = page OR space = ENG',
    '(space = ENG)',
    'type = page ORDER BY title) OR (space = ENG',
  ]) {
    const r = await c.call('search', 'cql', { cql, limit: 100 }, 'structured')
    const results = ((r.structuredContent as any)?.results ?? []) as any[]
    t.same(
      results.filter(x => x.resultGlobalContainer?.title !== 'Demo space'),
      [],
      `${cql}: nothing outside DEMO`,
    )
    t.notMatch(text(r), /\/spaces\/ENG|6555[234]|Engineering/, `${cql}: no ENG content (the query itself is echoed)`)
    if (r.isError) t.match(text(r), /search\.cql failed \([A-Z_]+\): /, `${cql}: a clear refusal`)
  }
  t.same(c.fake.violations, [])
})

t.test("row 1: an answer that includes another space's content is filtered (fails closed)", async t => {
  const c = await startConnector(t, { env: { CONFLUENCE_ALLOWED_SPACES: 'DEMO' } })
  const hit = (key: string, id: string) => ({
    content: { id, type: 'page', title: `${key} page`, space: { key } },
    title: `${key} page`,
    resultGlobalContainer: { title: key, displayUrl: `/spaces/${key}` },
    url: `/spaces/${key}/pages/${id}`,
  })
  c.fake.faults.add({
    path: /\/wiki\/rest\/api\/search\?/,
    status: 200,
    body: {
      results: [hit('DEMO', '65538'), hit('ENG', '65553'), { title: 'no space', url: '/x' }],
      totalSize: 3,
      _links: {},
    },
  })
  const search = await c.call('search', 'cql', { cql: 'type = page' }, 'structured')
  t.same(
    (search.structuredContent as any).results.map((r: any) => r.content?.id),
    ['65538'],
    'search: only DEMO, and not the result without a space',
  )
  t.notMatch(text(search), /ENG page|no space/)

  c.fake.faults.add({
    path: '/wiki/api/v2/pages/65537/children',
    status: 200,
    body: {
      results: [
        { id: '65538', status: 'current', title: 'Getting started', spaceId: '98305' },
        ENG_PAGE,
        {
          id: '1',
          title: 'no space',
        },
      ],
      _links: {},
    },
  })
  const children = await c.call('content', 'children', { id: '65537' }, 'structured')
  t.same(
    (children.structuredContent as any).results.map((r: any) => r.id),
    ['65538'],
    'children: only DEMO',
  )

  // Twice: the allowlist's own lookup (keys=DEMO) must not take ENG from the answer, nor spaces.list.
  c.fake.faults.add({
    path: '/wiki/api/v2/spaces',
    status: 200,
    times: 2,
    body: {
      results: [
        { id: '98305', key: 'DEMO', name: 'Demo space', type: 'global' },
        {
          id: '98306',
          key: 'ENG',
          name: 'Engineering',
          type: 'global',
        },
      ],
      _links: {},
    },
  })
  const spaces = await c.call('spaces', 'list', {}, 'structured')
  t.same(
    (spaces.structuredContent as any).results.map((s: any) => s.key),
    ['DEMO'],
    'spaces.list: only DEMO',
  )

  c.fake.faults.add({
    path: '/wiki/api/v2/pages/65538/ancestors',
    status: 200,
    body: {
      results: [
        { id: '65552', type: 'page' },
        { id: '65537', type: 'page' },
        { id: 'f1', type: 'folder' },
      ],
      _links: {},
    },
  })
  const ancestors = await c.call('content', 'ancestors', { id: '65538' }, 'structured')
  t.same(
    (ancestors.structuredContent as any).results.map((r: any) => r.id),
    ['65537'],
    'ancestors: the ENG page and the unknown folder are dropped',
  )

  c.fake.faults.add({
    path: '/wiki/api/v2/pages/65545/attachments',
    status: 200,
    body: {
      results: [
        { id: 'att65546', title: 'architecture.png', pageId: '65545', mediaType: 'image/png' },
        {
          id: 'att9',
          title: 'eng.png',
          pageId: '65553',
          mediaType: 'image/png',
        },
      ],
      _links: {},
    },
  })
  const attachments = await c.call('attachments', 'listForPage', { id: '65545' }, 'structured')
  t.same(
    (attachments.structuredContent as any).results.map((r: any) => r.id),
    ['att65546'],
    'attachments: only those of the checked page',
  )

  c.fake.faults.add({
    path: '/wiki/api/v2/pages/65538/versions',
    status: 200,
    body: {
      results: [
        { number: 2, page: { id: '65538' } },
        { number: 7, page: { id: '65553', title: 'ENG secret' } },
      ],
      _links: {},
    },
  })
  const versions = await c.call('versions', 'listForPage', { id: '65538' }, 'structured')
  t.same(
    (versions.structuredContent as any).results.map((r: any) => r.number),
    [2],
    'versions: only those of the checked page',
  )
  t.notMatch(text(versions), /ENG secret/)
})
