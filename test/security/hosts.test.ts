// Attack rows 3, 5 and 6 of issue 15: a loopback siteUrl, names resolving to loopback, forged redirect
// URIs at centralTokenExchange and user links built from a forged Host header.
import t from 'tap'
import { request } from 'undici'
import { guardedAgent } from '../../runtime/http/dispatcher.ts'
import { guardedLookup, nonPublicRange } from '../../runtime/http/host-policy.ts'
import { makeWorkspace, runError, startServer, json } from '../runtime/instructions/fetch-helpers.ts'
import { startConnector, text } from '../connector/helpers.ts'

t.test('a loopback siteUrl is refused without CONFLUENCE_ALLOW_LOOPBACK=true', async t => {
  const c = await startConnector(t, { env: { CONFLUENCE_ALLOW_LOOPBACK: 'false' } })
  const before = c.fake.requests.length
  const r = await c.call('spaces', 'list', {})
  t.equal(r.isError, true)
  t.match(text(r), /SITE_URL_REFUSED.*must be\s+https:\/\/<your-site>\.atlassian\.net/)
  t.equal(c.fake.requests.length, before, 'no credentialed request left')
})

t.test('outside sandbox mode fetch reaches no loopback, private or link-local address', async t => {
  const srv = await startServer(t, (_req, res) => json(res, 200, { secret: 'readyz' }))
  const go = `
arguments: {url: {type: string}}
do:
  - fetch: {url: "{{url}}", output: r}
output: "{{r}}"`
  const ws = makeWorkspace(t, { go }, { env: { CONFLUENCE_ALLOW_LOOPBACK: 'false' }, index: { http: { allowedHosts: ['*'] } } })
  for (const url of [srv.origin + '/readyz', `http://localhost:${srv.port}/`, 'http://[::ffff:127.0.0.1]/', 'http://10.1.2.3/', 'http://169.254.169.254/']) {
    const err = await runError(ws, 'go', { url })
    t.equal(err.code, 'FETCH_ADDRESS_REFUSED', url)
  }
  t.equal(srv.seen.length, 0, 'nothing reached the loopback service')
  t.equal(nonPublicRange('fd00::1'), 'private')
  t.equal(nonPublicRange('fe80::1'), 'link-local')
  t.equal(nonPublicRange('8.8.8.8'), undefined)
  // A name resolving to loopback is refused once resolved: the connection never opens.
  const resolved = await new Promise<Error | null>(resolve => guardedLookup('localhost', {}, err => resolve(err)))
  t.match(resolved, { code: 'ERR_ADDRESS_REFUSED', message: /localhost resolves to .*a loopback address/ })
  const err = await request(`http://localhost:${srv.port}/`, { dispatcher: guardedAgent() }).then(() => null, (e: Error) => e)
  t.ok(err, 'the shared guarded Agent refuses the connection')
  t.equal(srv.seen.length, 0)
  const allowed = makeWorkspace(t, { go }, { env: { CONFLUENCE_ALLOW_LOOPBACK: 'true' } })
  t.match((await allowed.run('go', { url: srv.origin + '/x' })).output, { secret: 'readyz' }, 'the explicit opt-in reaches it')
})
