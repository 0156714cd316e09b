// No page, comment or query can freeze the server (issue 14): while agents read a 1.6 MB formatted
// page, a 160 KB comment and send a 60 KB CQL query under a space allowlist, /healthz still answers
// quickly, and every attacking call ends with a bounded result or a named limit error.
import t from 'tap'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { bulkBody } from '../../sandbox/confluence/index.ts'
import { ROOT, startConnector, text } from '../connector/helpers.ts'

/** Liveness bound: a blocked event loop takes seconds (39 s for 400 KB before the worker pool). */
const HEALTHZ_MS = 1_000

/** The page-id argument's name, read from the automation (it is being renamed from pageId to id). */
function pageArg(file: string): string {
  const args = (parse(readFileSync(join(ROOT, 'automations', file), 'utf8')) as { arguments: Record<string, unknown> })
    .arguments
  return 'pageId' in args ? 'pageId' : 'id'
}

t.test('the server stays responsive while agents read huge bodies and send huge queries', async t => {
  const c = await startConnector(t, { env: { CONFLUENCE_ALLOWED_SPACES: 'DEMO,BULK' } })
  const [page] = c.fake.seedBulk({ pages: 1, bodyBytes: 1_600_000, spaceKey: 'BULK' })
  c.fake.state.addComment({ kind: 'footer', pageId: page.id, body: bulkBody(160_000, 7) })
  const maxBodyChars = 20_000

  // Ping /healthz every 50 ms while the attack runs; record each round trip.
  const pings: number[] = []
  let attacking = true
  const pinger = (async () => {
    while (attacking) {
      const started = performance.now()
      const res = await fetch(`${c.url}/healthz`)
      t.equal(res.status, 200)
      await res.arrayBuffer()
      pings.push(performance.now() - started)
      await new Promise(resolve => setTimeout(resolve, 50))
    }
  })()

  const cql = 'type = page AND (' + Array.from({ length: 4_000 }, (_, i) => `title ~ "t${i}"`).join(' OR ') + ')'
  t.ok(cql.length > 60_000, `a ${cql.length}-character query`)
  const started = performance.now()
  const [bodyA, bodyB, comments, search] = await Promise.all([
    c.call('pages', 'getBody', { [pageArg('pages/get-body.yml')]: page.id }),
    c.call('pages', 'getBody', { [pageArg('pages/get-body.yml')]: page.id }),
    c.call('comments', 'getFooter', { [pageArg('comments/get-footer.yml')]: page.id }),
    c.call('search', 'cql', { cql }),
  ])
  const elapsed = performance.now() - started
  attacking = false
  await pinger

  for (const [label, r] of [
    ['body A', bodyA],
    ['body B', bodyB],
  ] as const) {
    t.notOk(r.isError, `${label}: ${text(r).slice(0, 200)}`)
    t.match(
      text(r),
      /\[… part 1 of the Markdown, cut at a heading\. Next: pages\.getBody \{[^}]*"part":2\}/,
      `${label} is part 1, naming the call for part 2`,
    )
    t.ok(text(r).length < maxBodyChars + 2_000, `${label} is bounded (${text(r).length} characters)`)
    t.match(text(r), /## Section 0/, `${label} is Markdown`)
  }
  t.notOk(comments.isError, text(comments).slice(0, 200))
  t.match(text(comments), /\[… truncated: showing the first 2000 characters/, 'the comment is cut with a notice')
  t.equal(search.isError, true, 'the huge query is refused')
  t.match(text(search), /LIMIT_QUERY|too long/, 'with the named limit')
  t.match(text(search), /8192/, 'naming the maximum')
  t.notMatch(text(search), /at .*\.ts:\d+|DsulError/, 'no stack trace')

  t.ok(pings.length > 0, `${pings.length} pings during ${elapsed.toFixed(0)} ms`)
  const worst = Math.max(...pings)
  t.ok(worst < HEALTHZ_MS, `/healthz answered within ${HEALTHZ_MS} ms (worst ${worst.toFixed(0)} ms)`)
  t.same(c.fake.violations, [], 'the fake saw only valid requests and responses')

  // Still alive and serving after the attack.
  const after = await c.call('pages', 'get', { [pageArg('pages/get.yml')]: '65538' })
  t.notOk(after.isError, 'the server still answers tool calls')
})
