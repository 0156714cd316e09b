// The conversion cache (runtime/host/functions/cache.ts) as an attacker sees it: one server process
// serves every tenant, so a cached body must never answer a request Confluence did not answer with
// that body for this caller. Two tenants on two sites whose pages share an id and a version number,
// and a caller whose access is revoked after the body was cached.
import t from 'tap'
import {
  cacheSize,
  cacheStats,
  clearConversionCache,
  configureConversionCache,
  DEFAULT_CACHE_CHARS,
  remember,
  throughCache,
} from '../../runtime/host/functions/cache.ts'
import { API_TOKEN, EMAIL, startConnector, text } from '../connector/helpers.ts'

const SECRET = 'Tenant A only: launch code 0451'

t.test('a cached body never answers another site, nor a caller Confluence refuses', async t => {
  clearConversionCache()
  const a = await startConnector(t)
  const b = await startConnector(t)
  const [pageA] = a.fake.seedBulk({ pages: 1, bodyBytes: 60_000, spaceKey: 'BULK' })
  const [pageB] = b.fake.seedBulk({ pages: 1, bodyBytes: 60_000, spaceKey: 'BULK' })
  // The same id and version on both sites: a cache keyed on (page id, version) would serve A's body to B.
  t.equal(pageA.id, pageB.id)
  t.equal(pageA.versions.length, pageB.versions.length)
  const versionA = pageA.versions.at(-1)!
  versionA.body = versionA.body.replace('<h1>Generated page 0</h1>', `<h1>${SECRET}</h1>`)
  const read = (c: typeof a) => c.call('pages', 'getBody', { id: pageA.id, bodyFormat: 'markdown' }, 'verbose')

  const first = await read(a)
  t.notOk(first.isError)
  t.match(text(first), SECRET)
  const hits = cacheStats.hits
  t.match(text(await read(a)), SECRET, 'the same caller again')
  t.ok(cacheStats.hits > hits, 'answered from the cache')

  const other = await read(b)
  t.notOk(other.isError)
  t.notMatch(text(other), SECRET, 'the other site gets its own body')
  t.match(text(other), 'Generated page 0')

  // Access revoked at Confluence: the cached body is never consulted, the call fails as Confluence says.
  a.fake.credentials.revokeApiToken(EMAIL, API_TOKEN)
  const refused = await read(a)
  t.ok(refused.isError)
  t.notMatch(text(refused), SECRET)
})

t.test('the memory level stays within its bound; 0 turns caching off', async t => {
  t.teardown(() => configureConversionCache({ chars: DEFAULT_CACHE_CHARS }))
  clearConversionCache()
  configureConversionCache({ chars: 10_000 })
  for (let i = 0; i < 50; i++) remember(`k${i}`, 'x'.repeat(1_000))
  t.ok(cacheSize().chars <= 10_000)
  t.ok(cacheSize().entries >= 5, 'the most recent entries stay')
  let runs = 0
  const convert = (): string => `converted ${++runs}`
  t.equal(throughCache('view', 'body', { a: 1 }, convert), 'converted 1')
  t.equal(throughCache('view', 'body', { a: 1 }, convert), 'converted 1', 'a hit')
  t.equal(throughCache('view', 'body', { a: 2 }, convert), 'converted 2', 'another option is another entry')
  t.equal(throughCache('view', 'body!', { a: 1 }, convert), 'converted 3', 'another body is another entry')
  configureConversionCache({ chars: 0 })
  t.equal(cacheSize().entries, 0)
  t.equal(throughCache('view', 'body', { a: 1 }, convert), 'converted 4', 'off: converted every time')
})
