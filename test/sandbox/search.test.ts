// v1 CQL search over HTTP: queries, ordering, excerpts, parse errors, content search.
import t from 'tap'
import { pageId, startFake, type Started } from './helpers.ts'

async function titles(s: Started, cql: string, extra = ''): Promise<string[]> {
  const res = await s.api.get(`/wiki/rest/api/search?cql=${encodeURIComponent(cql)}&limit=100${extra}`)
  if (res.status !== 200) throw new Error(`${cql}: ${res.status} ${res.text}`)
  return res.body.results.map((r: any) => r.content?.title ?? r.space?.name)
}

t.test('CQL queries select the expected content', async t => {
  const s = await startFake(t)
  const { fake } = s
  t.same(await titles(s, 'type = page AND space = ENG order by title'), [
    'Engineering',
    'On-call handbook',
    'Runbook: deploys',
  ])
  t.same(await titles(s, 'type = page and space.key = "ENG" and title ~ "runbook"'), ['Runbook: deploys'])
  t.same(await titles(s, 'title = "API design"'), ['API design'])
  t.same(await titles(s, 'type = page AND text ~ "rollback"'), ['Runbook: deploys'])
  t.same(await titles(s, 'label = runbook order by title desc'), ['Runbook: deploys', 'On-call handbook'])
  t.same(await titles(s, 'label IN (oncall, api) order by title'), ['API design', 'On-call handbook'])
  t.same(await titles(s, `ancestor = ${pageId(fake, 'Architecture overview')} order by title`), [
    'API design',
    'Error handling',
  ])
  t.same(await titles(s, `parent = ${pageId(fake, 'Getting started')} order by title`), [
    'Configuration reference',
    'Installation guide',
  ])
  t.same(await titles(s, `id = ${pageId(fake, 'Meeting notes')}`), ['Meeting notes'])
  t.same(await titles(s, 'type = page AND space = DEMO AND NOT label = guide AND title ~ "guide"'), [])
  t.same(
    await titles(s, 'type = page AND (label = runbook OR label = reference) AND space NOT IN (DEMO) order by title'),
    ['On-call handbook', 'Runbook: deploys'],
  )
  t.same(await titles(s, 'type = space order by title'), ['Demo space', 'Engineering'])
  t.same(await titles(s, 'type = attachment AND title ~ "architecture"'), ['architecture.png'])
  t.same(await titles(s, 'type = comment AND text ~ "proxies"'), ['Re: Getting started'])
  t.same(await titles(s, 'type = page AND title ~ "instal*"'), ['Installation guide'], 'wildcards')
  t.same(await titles(s, 'type = page AND created >= "2024-01-16 03:00" order by created'), [
    'Meeting notes',
    '2024-01-15 Sprint planning',
    'Engineering',
    'Runbook: deploys',
    'On-call handbook',
  ])
  t.same(
    await titles(s, 'type = page AND created = "2024-01-15"'),
    await titles(s, 'type = page AND created < "2024-01-16"'),
    'a bare date means that day',
  )
  t.ok((await titles(s, 'type = page AND lastmodified > now("-1d")')).length === 0, 'the seed is in the past')
  t.same(fake.violations, [])
})

t.test('order by lastmodified desc reflects edits', async t => {
  const s = await startFake(t)
  const id = pageId(s.fake, 'On-call handbook')
  await s.api('PUT', `/wiki/api/v2/pages/${id}`, {
    body: {
      id,
      status: 'current',
      title: 'On-call handbook',
      body: { representation: 'storage', value: '<p>Updated</p>' },
      version: { number: 2 },
    },
  })
  t.equal((await titles(s, 'type = page order by lastmodified desc'))[0], 'On-call handbook')
  t.same(s.fake.violations, [])
})

t.test('highlight excerpts and titles use @@@hl@@@ markers', async t => {
  const s = await startFake(t)
  const res = await s.api.get(`/wiki/rest/api/search?cql=${encodeURIComponent('type = page AND text ~ "rollback"')}`)
  const hit = res.body.results[0]
  t.match(hit.excerpt, /@@@hl@@@rollback@@@endhl@@@/)
  t.match(hit, {
    entityType: 'content',
    iconCssClass: 'aui-icon content-type-page',
    url: `/spaces/ENG/pages/${hit.content.id}/Runbook%3A+deploys`,
    resultGlobalContainer: { title: 'Engineering', displayUrl: '/spaces/ENG' },
  })
  const titled = await s.api.get(`/wiki/rest/api/search?cql=${encodeURIComponent('title ~ "handbook"')}`)
  t.equal(titled.body.results[0].title, 'On-call @@@hl@@@handbook@@@endhl@@@')
  t.equal(titled.body.results[0].content.title, 'On-call handbook', 'content.title stays plain')

  const indexed = await s.api.get(
    `/wiki/rest/api/search?cql=${encodeURIComponent('text ~ "rollback"')}&excerpt=indexed`,
  )
  t.notMatch(indexed.body.results[0].excerpt, /@@@hl@@@/)
  const none = await s.api.get(`/wiki/rest/api/search?cql=${encodeURIComponent('text ~ "rollback"')}&excerpt=none`)
  t.equal(none.body.results[0].excerpt, '')
  t.same(s.fake.violations, [])
})

t.test('expand adds space, version, ancestors and storage body to content', async t => {
  const s = await startFake(t)
  const res = await s.api.get(
    `/wiki/rest/api/search?cql=${encodeURIComponent('title = "Error handling"')}&expand=content.space,content.version,content.ancestors,content.body.storage`,
  )
  const content = res.body.results[0].content
  t.match(content, { space: { key: 'DEMO' }, version: { number: 1 }, body: { storage: { representation: 'storage' } } })
  t.same(
    content.ancestors.map((a: any) => a.title),
    ['Demo space', 'Architecture overview', 'API design'],
  )
  t.same(s.fake.violations, [])
})

t.test('invalid CQL is a 400 with Confluence’s message', async t => {
  const s = await startFake(t)
  for (const cql of [
    'type = ',
    'title ~ "unterminated',
    'nosuchfield = x',
    'text = "exact"',
    '(type = page',
    'type = page order title',
    'created > "yesterday"',
  ]) {
    const res = await s.api.get(`/wiki/rest/api/search?cql=${encodeURIComponent(cql)}`)
    t.equal(res.status, 400, cql)
    t.match(res.body, {
      statusCode: 400,
      reason: 'Bad Request',
      message: `com.atlassian.confluence.api.service.exceptions.BadRequestException: Could not parse cql : ${cql}`,
    })
  }
  const missing = await s.api.get('/wiki/rest/api/search')
  t.equal(missing.status, 400, 'cql is required')
  s.fake.violations.length = 0 // the missing-cql request is recorded by design
})

t.test('cqlcontext and content search', async t => {
  const s = await startFake(t)
  const scoped = await titles(
    s,
    'type = page AND text ~ "deploy*"',
    `&cqlcontext=${encodeURIComponent('{"spaceKey":"ENG"}')}`,
  )
  t.same(scoped, ['Runbook: deploys'])
  const res = await s.api.get(
    `/wiki/rest/api/content/search?cql=${encodeURIComponent('label = guide order by title')}&limit=1&expand=space`,
  )
  t.match(res.body, {
    start: 0,
    limit: 1,
    size: 1,
    results: [{ title: 'Getting started', type: 'page', space: { key: 'DEMO' } }],
  })
  const next = await s.api.get(`/wiki${res.body._links.next}`)
  t.same(
    next.body.results.map((c: any) => c.title),
    ['Installation guide'],
  )
  t.same(s.fake.violations, [])
})
