// The demo seed, custom seeds and bulk generation.
import t from 'tap'
import { createFakeConfluence, currentVersion, seedBulk, ConfluenceState } from '../../sandbox/confluence/index.ts'

t.test('the demo seed is a realistic site', async t => {
  const fake = await createFakeConfluence()
  t.teardown(() => fake.close())
  const { state } = fake
  const demo = state.spaceByKey('DEMO')!
  t.equal(demo.name, 'Demo space')
  t.equal(state.spaces.size, 2)
  const demoPages = [...state.pages.values()].filter(p => p.spaceId === demo.id)
  t.ok(demoPages.length >= 8, `${demoPages.length} pages in DEMO`)
  const depth = Math.max(...demoPages.map(p => state.ancestors(p).length))
  t.equal(depth, 3, 'homepage + three levels below it')
  const bodies = demoPages.map(p => currentVersion(p).body).join('')
  for (const marker of [
    '<h1>',
    '<ul>',
    '<ol>',
    '<table>',
    '<ac:structured-macro ac:name="code"',
    '<ac:link>',
    '<a href=',
  ])
    t.ok(bodies.includes(marker), marker)
  t.ok(
    demoPages.some(p => p.versions.length >= 3),
    'a page with several versions',
  )
  t.ok(state.labels.size >= 5)
  const footer = [...state.comments.values()].filter(c => c.kind === 'footer')
  t.equal(footer.filter(c => !c.parentCommentId).length, 2)
  t.equal(footer.filter(c => c.parentCommentId).length, 1)
  t.equal([...state.comments.values()].filter(c => c.kind === 'inline').length, 1)
  t.equal(state.attachments.size, 2)
})

t.test('custom and empty seeds', async t => {
  const empty = await createFakeConfluence({ seed: 'empty' })
  t.teardown(() => empty.close())
  t.equal(empty.state.pages.size, 0)
  const custom = await createFakeConfluence({
    seed: {
      spaces: [
        {
          key: 'T',
          name: 'Test',
          homepage: {
            title: 'Home',
            body: '<p>h</p>',
            children: [{ title: 'Child', body: '<p>c</p>', labels: ['x'] }],
          },
        },
      ],
    },
  })
  t.teardown(() => custom.close())
  t.equal(custom.state.pages.size, 2)
  t.equal(custom.state.spaceByKey('T')!.homepageId, [...custom.state.pages.values()][0]!.id)
})

t.test('seedBulk generates pages of the requested size', async t => {
  const state = new ConfluenceState()
  const pages = seedBulk(state, { pages: 25, bodyBytes: 20_000, labels: ['bench'] })
  t.equal(pages.length, 25)
  for (const p of pages) {
    const size = Buffer.byteLength(currentVersion(p).body)
    t.ok(size >= 20_000 && size < 22_000, `body is ${size} bytes`)
  }
  t.equal(new Set(pages.map(p => currentVersion(p).title)).size, 25, 'titles are unique')
  t.same(
    state.labelsOf(pages[0]!.id).map(l => l.name),
    ['bench'],
  )
  const more = seedBulk(state, { pages: 2, bodyBytes: 100 })
  t.equal(currentVersion(more[0]!).title, 'Bulk page 1 (2)', 'reruns do not collide on titles')
})
