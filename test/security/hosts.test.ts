// Attack rows 3, 5 and 6 of issue 15: a loopback siteUrl, names resolving to loopback, forged redirect
// URIs at centralTokenExchange and user links built from a forged Host header.
import t from 'tap'
import { request } from 'undici'
import { guardedAgent } from '../../runtime/host/http/dispatcher.ts'
import { guardedLookup, nonPublicRange } from '../../runtime/host/http/host-policy.ts'
import { makeWorkspace, runError, startServer, json } from '../runtime/instructions/fetch-helpers.ts'
import { startConnector, text } from '../connector/helpers.ts'
import {
  CENTRAL,
  EXCHANGE_KEY,
  hook,
  serveInProcess,
  startWorld as startOAuthWorld,
  worldEnv,
} from '../oauth/helpers.ts'
import { GLOBAL_KEY, startWorld as startAppWorld, tenantApp } from '../app/helpers.ts'

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
  const ws = makeWorkspace(
    t,
    { go },
    {
      env: { CONFLUENCE_ALLOW_LOOPBACK: 'false' },
      index: { http: { allowedHosts: ['*'] } },
    },
  )
  for (const url of [
    srv.origin + '/readyz',
    `http://localhost:${srv.port}/`,
    'http://[::ffff:127.0.0.1]/',
    'http://10.1.2.3/',
    'http://169.254.169.254/',
  ]) {
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
  const err = await request(`http://localhost:${srv.port}/`, { dispatcher: guardedAgent() }).then(
    () => null,
    (e: Error) => e,
  )
  t.ok(err, 'the shared guarded Agent refuses the connection')
  t.equal(srv.seen.length, 0)
  const allowed = makeWorkspace(t, { go }, { env: { CONFLUENCE_ALLOW_LOOPBACK: 'true' } })
  t.match(
    (await allowed.run('go', { url: srv.origin + '/x' })).output,
    { secret: 'readyz' },
    'the explicit opt-in reaches it',
  )
})

t.test('row 5: the exchange key holder cannot have a code exchanged for a look-alike redirect URI', async t => {
  const w = await startOAuthWorld(t)
  const inst = await serveInProcess(t, [
    {
      env: worldEnv(w, {
        CONFLUENCE_AUTH_MODE: 'oauthCentral',
        CONFLUENCE_CENTRAL_CLIENT_ID: CENTRAL.id,
        CONFLUENCE_CENTRAL_CLIENT_SECRET: CENTRAL.secret,
        CONFLUENCE_CORE_EXCHANGE_KEY: EXCHANGE_KEY,
      }),
    },
  ])
  const exchange = inst.url + '/v2/workspaces/slug:confluence-next/webhooks/centralTokenExchange'
  const registered = inst.url + '/v2/workspaces/slug:confluence-next/webhooks/oauthCallback'
  const post = (body: Record<string, string>): ReturnType<typeof hook> =>
    hook(exchange, undefined, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-confluence-exchange-key': EXCHANGE_KEY },
      body: JSON.stringify(body),
    })
  for (const redirect of [
    'https://evil.example/x?/webhooks/oauthCallback',
    'https://evil.example/webhooks/oauthCallback',
    registered + '?x=1',
    registered + '#x',
    registered.replace('127.0.0.1', '127.0.0.1@evil.example'),
    registered + '/',
  ]) {
    const r = await post({ grant_type: 'authorization_code', code: 'c', redirect_uri: redirect })
    t.equal(r.status, 400, redirect)
    t.match(r.body, { error: 'invalid_request', error_description: /exactly the registered oauthCallback/ })
    // A forward may name another host (a tenant in another process), but only a plain oauthCallback.
    if (/[?#@]|\/$/.test(redirect)) {
      const fwd = await post({ action: 'forward', state_hash: 'a'.repeat(43), callback: redirect })
      t.equal(fwd.status, 400, `no forward to ${redirect}`)
    }
  }
  t.equal(w.identity.requests.length, 0, 'nothing reached Atlassian')
  const exact = await post({ grant_type: 'authorization_code', code: 'c', redirect_uri: registered })
  t.match(
    exact,
    { status: 403, body: { error: 'invalid_grant' } },
    'the exact callback is exchanged (and the bogus code refused by Atlassian)',
  )
})

t.test('row 6: api/user-link with a forged Host header and no public URL never points at the attacker', async t => {
  const w = await startAppWorld(t, { env: { PUBLIC_URL: '', HOST: '127.0.0.1', PORT: '3999' } })
  // Names that are not loopback are refused before anything (this server listens on loopback); a
  // loopback name with another port still gets the configured origin.
  for (const host of ['evil.example', 'evil.example:443', '127.0.0.1.evil.example', 'localhost:6666', '[::1]:1']) {
    const r = await w.server.app.inject({
      method: 'POST',
      url: tenantApp('confluence-next') + 'api/user-link',
      headers: {
        host,
        'x-forwarded-host': 'evil.example',
        'x-forwarded-proto': 'https',
        'content-type': 'application/json',
        authorization: `Bearer ${GLOBAL_KEY}`,
      },
      payload: JSON.stringify({ userId: 'alice' }),
    })
    t.notMatch(r.body, /"url":"https?:\/\/(?!127\.0\.0\.1:3999)/, `Host: ${host}: no link elsewhere`)
    if (!/^(localhost|\[::1\])/.test(host)) {
      t.equal(r.statusCode, 403, `Host: ${host} is refused`)
      continue
    }
    t.equal(r.statusCode, 200, r.body)
    const link = new URL(r.json().url)
    t.equal(link.origin, 'http://127.0.0.1:3999', `Host: ${host} → the configured HOST:PORT`)
    t.notMatch(r.body, /evil|6666|\[::1\]:1/)
  }
})
