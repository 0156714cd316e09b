// No credential a fetch handles may surface: not in the output, the trace, emitted events, error
// messages, `$error`, logs or HTTP metrics events — neither as is nor base64- or URL-encoded.
import t from 'tap'
import { httpEvents, type HttpAttemptEvent } from '../../../runtime/host/http/metrics.ts'
import type { TraceEntry } from '../../../runtime/core/run-context.ts'
import type { WorkspaceEvent } from '../../../runtime/engine/types.ts'
import { closedPort, json, makeWorkspace, startServer } from './fetch-helpers.ts'

const SECRETS = {
  workspaceToken: 'ws-Tok3n/with+chars=',
  password: 'pa$$word-from-args',
  bearer: 'bearer.eyJhbGciOi.0987',
  apiKey: 'api-key-1234567',
  session: 'sess-ABCDEF123456',
  accessToken: 'at-qwerty-98765',
  urlPassword: 'url-pw-24680',
  clientSecret: 'client/secret?42',
}

function forms(secret: string): string[] {
  const b64 = Buffer.from(secret).toString('base64')
  return [
    secret,
    b64,
    b64.replace(/=+$/, ''),
    Buffer.from(secret).toString('base64url'),
    encodeURIComponent(secret),
    new URLSearchParams({ v: secret }).toString().slice(2),
  ]
}

t.test('credentials are redacted everywhere', async t => {
  const srv = await startServer(t, (req, res, body) =>
    json(res, 401, { youSent: req.headers, url: req.url, body: body.toString() }),
  )
  const port = await closedPort()
  const logs: unknown[] = []
  const log = {
    info: (o: object) => logs.push(o),
    warn: (o: object) => logs.push(o),
    error: (o: object) => logs.push(o),
  }
  const ws = makeWorkspace(
    t,
    {
      leak: `
arguments: {password: {type: string}, bearer: {type: string}, apiKey: {type: string}, session: {type: string}, accessToken: {type: string}, urlPassword: {type: string}, clientSecret: {type: string}, dead: {type: string}}
do:
  - fetch:
      url: "{{config.base}}/basic?access_token={{accessToken}}"
      auth: {basic: {username: me@example.com, password: "{{password}}"}}
      headers: {X-Api-Key: "{{apiKey}}", Cookie: "session={{session}}; theme=dark", X-Ws: "{{secret.token}}"}
      outputMode: detailed_response
      output: basic
  - fetch:
      url: "{{config.base}}/bearer"
      method: POST
      auth: {bearer: "{{bearer}}"}
      form: {grant_type: client_credentials, client_secret: "{{clientSecret}}"}
      output: bearer
  - emit: {event: leaked, payload: {basic: "{{basic}}", bearer: "{{bearer}}", fetch: "{{$fetch}}"}}
  - try:
      do:
        - fetch: {url: "http://me:{{urlPassword}}@127.0.0.1:{{dead}}/x?token={{accessToken}}&page=2", retry: {attempts: 1}}
      catch:
        - set: {name: caught, value: "{{$error}}"}
  - fetch: {url: "http://127.0.0.1:{{dead}}/again?api_key={{apiKey}}&password={{password}}", retry: {attempts: 1}}
output: {basic: "{{basic}}", bearer: "{{bearer}}", caught: "{{caught}}"}`,
    },
    { config: { base: srv.origin }, secrets: { token: SECRETS.workspaceToken }, log },
  )

  const trace: TraceEntry[] = []
  const events: WorkspaceEvent[] = []
  const attempts: HttpAttemptEvent[] = []
  ws.events.on('event', e => events.push(e))
  const onAttempt = (e: HttpAttemptEvent): number => attempts.push(e)
  httpEvents.on('attempt', onAttempt)
  t.teardown(() => {
    httpEvents.off('attempt', onAttempt)
  })

  const { workspaceToken: _, ...args } = SECRETS
  let failure: (Error & { describe?: () => string; toJSON?: () => unknown }) | undefined
  try {
    await ws.run('leak', { ...args, dead: String(port) }, { trace: e => trace.push(e) })
  } catch (err) {
    failure = err as typeof failure
  }
  t.match(failure, { code: 'FETCH_CONNECTION' }, 'the last fetch fails')
  t.match(
    failure!.message,
    new RegExp(
      `^fetch GET http://127\\.0\\.0\\.1:${port}/again\\?api_key=\\[REDACTED\\]&password=\\[REDACTED\\]: connection refused`,
    ),
  )

  // The requests really carried the credentials…
  t.equal(srv.seen[0].headers['x-api-key'], SECRETS.apiKey)
  t.equal(srv.seen[1].headers.authorization, `Bearer ${SECRETS.bearer}`)
  // …and the server echoes them back, so the output only passes if redaction works. A second run
  // whose last fetch reaches the server returns that output.
  const out = await ws.run('leak', { ...args, dead: String(srv.port) }, { trace: e => trace.push(e) })
  t.match(out.output, { basic: { status: 401, body: { youSent: { 'x-api-key': '[REDACTED]' } } } })

  const haystack = JSON.stringify({
    out,
    trace,
    events,
    attempts,
    logs,
    message: failure!.message,
    describe: failure!.describe?.(),
    json: failure!.toJSON?.(),
  })
  for (const [name, secret] of Object.entries(SECRETS)) {
    for (const form of forms(secret)) t.notOk(haystack.includes(form), `${name} (${form}) does not appear`)
  }
  t.ok(haystack.includes('[REDACTED]'), 'redaction happened (the test looks at real data)')
  t.ok(events.length >= 1 && trace.some(e => e.error), 'events and an error trace were captured')
  t.match(JSON.stringify(events[0].payload), /me@example\.com|\[REDACTED\]/)
})

t.test('$fetch.url and error URLs never show userinfo or sensitive query values', async t => {
  const srv = await startServer(t, (req, res) => json(res, 200, {}))
  const ws = makeWorkspace(
    t,
    {
      a: `
do:
  - fetch: {url: "http://user:hunter22@127.0.0.1:{{config.port}}/cb?code=abcd1234&state=xyz&client_secret=s3cr3t-value"}
output: "{{$fetch.url}}"`,
    },
    { config: { port: srv.port } },
  )
  const { output } = await ws.run('a')
  t.equal(output, `http://127.0.0.1:${srv.port}/cb?code=[REDACTED]&state=xyz&client_secret=[REDACTED]`)
  t.match(srv.seen[0].url, /code=abcd1234/, 'the request itself is unchanged')
  t.equal(
    srv.seen[0].headers.authorization,
    `Basic ${Buffer.from('user:hunter22').toString('base64')}`,
    'URL userinfo is sent as Basic auth',
  )
})
