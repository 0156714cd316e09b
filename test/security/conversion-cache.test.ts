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
  cachedBody,
  remember,
  rememberBody,
  throughCache,
  versionKey,
} from '../../runtime/host/functions/cache.ts'
import { pageBodyCacheable } from '../../runtime/host/functions/page-bodies.ts'
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

t.test('a body is taken from the cache by version only after Confluence named that version to this caller', async t => {
  clearConversionCache()
  const c = await startConnector(t)
  const [page] = c.fake.seedBulk({ pages: 1, bodyBytes: 60_000, spaceKey: 'BULK' })
  const first = page.versions.at(-1)!
  first.body = first.body.replace('<h1>Generated page 0</h1>', '<h1>Version one</h1>')
  const read = (args: Record<string, unknown> = {}) =>
    c.call('pages', 'getBody', { id: page.id, bodyFormat: 'markdown', ...args }, 'verbose')
  const requests = () => c.fake.requests.filter(r => r.path === `/wiki/api/v2/pages/${page.id}`)

  const cold = await read()
  t.match(text(cold), 'Version one')
  const before = requests().length
  const bodyHits = cacheStats.bodyHits
  const warm = await read()
  t.equal(text(warm), text(cold), 'the same text from the cache')
  t.ok(cacheStats.bodyHits > bodyHits, 'the body came from the cache')
  const asked = requests().slice(before)
  t.equal(asked.length, 1, 'one request: the page without its body')
  t.notOk(asked[0]?.query['body-format'], 'no body asked for')

  // A new version: Confluence names it, so the cached body of version 1 is not served for it.
  page.versions.push({ ...first, number: first.number + 1, body: '<h1>Version two</h1><p>new text</p>' })
  const next = await read()
  t.match(text(next), 'Version two')
  t.notMatch(text(next), 'Version one')
  // An older version asked by number is that version, from the cache, never the current one.
  const old = await read({ version: first.number })
  t.match(text(old), 'Version one')
  t.notMatch(text(old), 'Version two')
  t.match(text(await read()), 'Version two', 'the current version again')

  // Storage reads carry the exact body in the data, from the cache too.
  const exact = await c.call('pages', 'getBody', { id: page.id, bodyFormat: 'storage' }, 'structured')
  const again = await c.call('pages', 'getBody', { id: page.id, bodyFormat: 'storage' }, 'structured')
  const data = again.structuredContent as { body: { storage: { value: string } } }
  t.equal(data.body.storage.value, '<h1>Version two</h1><p>new text</p>')
  t.same(again.structuredContent, exact.structuredContent)
  // Markdown reads carry the Markdown shown, not the storage it came from.
  const md = await c.call('pages', 'getBody', { id: page.id }, 'structured')
  const mdBody = (md.structuredContent as { body: Record<string, { value: string }> }).body
  t.same(Object.keys(mdBody), ['markdown'])
  t.match(mdBody.markdown?.value, /^# Version two\n\nnew text/)
})

t.test('bodies by version share the bound and the recency order of conversions; kept bodies are copies', async t => {
  t.teardown(() => configureConversionCache({ chars: DEFAULT_CACHE_CHARS }))
  clearConversionCache()
  configureConversionCache({ chars: 40_000 })
  const body = { storage: { representation: 'storage', value: 'x'.repeat(4_000) } }
  rememberBody('body-1', body, 'storage')
  body.storage.value = 'changed after it was kept'
  const kept = cachedBody('body-1') as typeof body
  t.equal(kept.storage.value.length, 4_000, 'a copy: later changes to the answer do not reach the cache')
  t.ok(Object.isFrozen(kept.storage), 'frozen: no reader changes what the next one gets')
  for (let i = 0; i < 20; i++) remember(`k${i}`, 'y'.repeat(4_000))
  t.ok(cacheSize().chars <= 40_000)
  t.equal(cachedBody('body-1'), undefined, 'the least recently used entry went first, a body as well')
  rememberBody('body-2', { storage: { value: 'z'.repeat(4_000) } }, 'storage')
  t.ok(cachedBody('body-2'))
  t.equal(cachedBody('k19'), undefined, 'a conversion key never answers as a body')
})

t.test('drafts, view renderings and a cache turned off are never cached by version', async t => {
  t.teardown(() => configureConversionCache({ chars: DEFAULT_CACHE_CHARS }))
  const page = (status: string) => ({ id: '65538', status, version: { number: 3 } })
  const site = 'https://a.atlassian.net'
  t.type(versionKey(site, page('current'), 'storage'), 'string')
  t.not(versionKey('https://b.atlassian.net', page('current'), 'storage'), versionKey(site, page('current'), 'storage'))
  t.not(versionKey(site, page('current'), 'atlas_doc_format'), versionKey(site, page('current'), 'storage'))
  t.equal(versionKey(site, page('draft'), 'storage'), undefined, 'a draft is edited in place under one number')
  t.equal(versionKey(site, page('current'), 'view'), undefined, 'view is rendered per user')
  t.equal(versionKey(site, { id: '65538', status: 'current' }, 'storage'), undefined, 'no version, no key')
  t.equal(versionKey('', page('current'), 'storage'), undefined, 'no site, no key')
  t.notOk(pageBodyCacheable('view'))
  t.ok(pageBodyCacheable('markdown'))
  configureConversionCache({ chars: 0 })
  t.notOk(pageBodyCacheable('markdown'), 'off: every read fetches the body')
  t.equal(versionKey(site, page('current'), 'storage'), undefined)
})

t.test('view reads fetch the rendering every time', async t => {
  clearConversionCache()
  const c = await startConnector(t)
  const read = () => c.call('pages', 'getBody', { id: '65538', bodyFormat: 'view' }, 'verbose')
  t.notOk((await read()).isError)
  const bodyHits = cacheStats.bodyHits
  const before = c.fake.requests.length
  t.notOk((await read()).isError)
  t.equal(cacheStats.bodyHits, bodyHits)
  const asked = c.fake.requests.slice(before).filter(r => r.path === '/wiki/api/v2/pages/65538')
  t.same(
    asked.map(r => r.query['body-format']),
    ['view'],
  )
})
