// The host policy (http.allowedHosts) and redirects, which are re-checked against it hop by hop.
import t from 'tap'
import { compileHostPolicy, DEFAULT_ALLOWED_HOSTS } from '../../../runtime/host/http/host-policy.ts'
import { json, makeWorkspace, runError, startServer } from './fetch-helpers.ts'

t.test('host patterns', async t => {
  const allows = compileHostPolicy([
    '*.atlassian.net',
    'api.example.com',
    'localhost:8080',
    '[::1]:9000',
    '*.corp.example:443',
    'EXACT.example.org.',
  ])
  const cases: Array<[string, boolean]> = [
    ['https://acme.atlassian.net/wiki', true],
    ['https://a.b.atlassian.net/', true],
    ['https://atlassian.net/', false], // a wildcard covers sub-domains only
    ['https://evilatlassian.net/', false],
    ['https://acme.atlassian.net.evil.com/', false],
    ['https://API.Example.com:8443/x', true], // no port in the pattern: any port
    ['http://localhost:8080/', true],
    ['http://localhost:8081/', false],
    ['http://[::1]:9000/', true],
    ['http://[::1]:9001/', false],
    ['https://x.corp.example/', true], // default port of https is 443
    ['http://x.corp.example/', false],
    ['https://exact.example.org/', true],
  ]
  for (const [url, expected] of cases) t.equal(allows(new URL(url)), expected, url)
  t.ok(compileHostPolicy(['*'])(new URL('https://anything.example/')), '`*` allows every host')
  const defaults = compileHostPolicy(DEFAULT_ALLOWED_HOSTS)
  for (const url of [
    'https://acme.atlassian.net/',
    'https://api.atlassian.com/',
    'https://auth.atlassian.com/',
    'https://api.media.atlassian.com/',
  ])
    t.ok(defaults(new URL(url)), url)
  // No loopback in the defaults: only CONFLUENCE_ALLOW_LOOPBACK=true adds it (test/security/hosts.test.ts).
  for (const url of [
    'http://localhost:3000/',
    'http://127.0.0.1:1/',
    'http://[::1]:2/',
    'https://example.com/',
    'http://169.254.169.254/latest/meta-data',
    'http://10.0.0.1/',
    'http://127.0.0.2/',
  ])
    t.notOk(defaults(new URL(url)), url)
})

t.test('redirects are followed, each hop checked against the host policy', async t => {
  let port = 0
  const srv = await startServer(t, (req, res) => {
    const to = (status: number, location: string): void => {
      res.writeHead(status, { location })
      res.end()
    }
    switch (req.url) {
      case '/same':
        return to(302, '/final?from=same')
      case '/cross':
        return to(307, `http://localhost:${port}/final?from=cross`)
      case '/see-other':
        return to(303, '/final?from=303')
      case '/metadata':
        return to(302, 'http://169.254.169.254/latest/meta-data/')
      case '/loop':
        return to(302, '/loop')
      default:
        return json(res, 200, {
          url: req.url,
          method: req.method,
          auth: req.headers.authorization ?? null,
          key: req.headers['x-api-key'] ?? null,
        })
    }
  })
  port = srv.port
  const ws = makeWorkspace(
    t,
    {
      go: `
arguments: {path: {type: string}, method: {type: string, default: GET}}
do:
  - fetch:
      url: "{{config.base}}{{path}}"
      method: "{{method}}"
      headers: {X-Api-Key: key-12345678}
      auth: {bearer: token-abcdefgh}
      body: {sent: true}
      outputMode: detailed_response
      output: r
output: {status: "{{r.status}}", body: "{{r.body}}", url: "{{$fetch.url}}"}`,
    },
    { config: { base: srv.origin } },
  )
  const go = async (path: string, method = 'GET'): Promise<unknown> => (await ws.run('go', { path, method })).output

  t.match(await go('/same'), {
    status: 200,
    body: { url: '/final?from=same', auth: '[REDACTED]', key: '[REDACTED]' },
    url: `${srv.origin}/final?from=same`,
  })
  t.match(
    await go('/cross', 'POST'),
    {
      status: 200,
      body: { url: '/final?from=cross', method: 'POST', auth: null, key: null },
      url: `http://localhost:${port}/final?from=cross`,
    },
    'credentials are not sent to another origin',
  )
  t.equal(srv.seen.at(-1)!.body.toString(), '{"sent":true}', '307 keeps the method and the body')
  t.match(await go('/see-other', 'POST'), { body: { url: '/final?from=303', method: 'GET' } })
  t.equal(srv.seen.at(-1)!.body.length, 0, '303 turns the request into a GET without body')
  t.match(await go('/loop'), { status: 302 }, 'after 5 redirects the 3xx itself is the answer')

  const err = await runError(ws, 'go', { path: '/metadata' })
  t.equal(err.code, 'FETCH_HOST_REFUSED')
  t.equal(
    err.message,
    'fetch GET http://169.254.169.254/latest/meta-data/: host "169.254.169.254" is not in http.allowedHosts of the workspace (config/index.yml)',
  )
})
