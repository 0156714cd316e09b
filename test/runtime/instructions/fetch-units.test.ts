// The pieces under runtime/host/http/ on their own: backoff, Retry-After, idempotency, URL masking,
// header credentials, content types, metrics.
import t from 'tap'
import {
  registerHeaderSecret,
  registerUrlSecrets,
  safeRawUrl,
  safeUrl,
} from '../../../runtime/host/http/credentials.ts'
import { httpEvents, httpStats, type HttpAttemptEvent } from '../../../runtime/host/http/metrics.ts'
import { kindOf, parseBody } from '../../../runtime/host/http/response.ts'
import {
  backoffDelay,
  DEFAULT_RETRY,
  nextDelay,
  parseRetryAfter,
  replayable,
  retryableStatus,
} from '../../../runtime/host/http/retry.ts'
import { Redactor } from '../../../runtime/core/redact.ts'
import { json, makeWorkspace, startServer } from './fetch-helpers.ts'

t.test('backoff: exponential, capped, full jitter between 0 and the exponential value', async t => {
  const p = { attempts: 10, base: 100, cap: 1000, jitter: 'none' as const }
  t.same(
    [1, 2, 3, 4, 5, 6].map(n => backoffDelay(n, p)),
    [100, 200, 400, 800, 1000, 1000],
  )
  const full = { ...p, jitter: 'full' as const }
  t.equal(
    backoffDelay(3, full, () => 0),
    0,
  )
  t.equal(
    backoffDelay(3, full, () => 0.5),
    200,
  )
  t.equal(
    backoffDelay(9, full, () => 0.999),
    999,
  )
  t.same(DEFAULT_RETRY, { attempts: 3, base: 250, cap: 10_000, jitter: 'full' })
})

t.test('Retry-After: seconds, HTTP date, garbage', async t => {
  const now = Date.parse('2026-01-01T00:00:00Z')
  t.equal(parseRetryAfter('120', now), 120_000)
  t.equal(parseRetryAfter(' 0 ', now), 0)
  t.equal(parseRetryAfter('Thu, 01 Jan 2026 00:00:05 GMT', now), 5000)
  t.equal(parseRetryAfter('Wed, 31 Dec 2025 23:59:00 GMT', now), 0, 'a date in the past means now')
  t.equal(parseRetryAfter(['3', '9'], now), 3000)
  t.equal(parseRetryAfter('soon', now), undefined)
  t.equal(parseRetryAfter('-1', now), undefined)
  t.equal(parseRetryAfter(undefined, now), undefined)
})

t.test('nextDelay: attempts, cap and the remaining wall time stop retries', async t => {
  const p = { attempts: 3, base: 100, cap: 1000, jitter: 'none' as const }
  t.equal(nextDelay(1, p, undefined, 60_000), 100)
  t.equal(nextDelay(2, p, undefined, 60_000), 200)
  t.equal(nextDelay(3, p, undefined, 60_000), undefined, 'no attempts left')
  t.equal(nextDelay(1, p, 900, 60_000), 900, 'Retry-After replaces the backoff')
  t.equal(nextDelay(1, p, 1001, 60_000), undefined, 'Retry-After above the cap')
  t.equal(nextDelay(1, p, 500, 500), undefined, 'the wait would reach the deadline')
})

t.test('which requests are replayed, on which statuses', async t => {
  for (const m of ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']) t.ok(replayable(m, undefined, {}), m)
  for (const m of ['POST', 'PATCH']) t.notOk(replayable(m, undefined, {}), m)
  t.ok(replayable('POST', undefined, { 'idempotency-key': 'k' }))
  t.ok(replayable('POST', true, {}))
  t.notOk(replayable('PUT', false, {}))
  t.ok(retryableStatus(429, false) && retryableStatus(503, false))
  t.notOk(retryableStatus(502, false) || retryableStatus(504, false))
  t.ok(retryableStatus(502, true) && retryableStatus(504, true))
  t.notOk(retryableStatus(500, true) || retryableStatus(404, true))
})

t.test('safeUrl and safeRawUrl', async t => {
  t.equal(
    safeUrl(new URL('https://u:p@x.atlassian.net/wiki/a?cql=type%3Dpage&access_token=abc&Api-Key=k&limit=5#frag')),
    'https://x.atlassian.net/wiki/a?cql=type%3Dpage&access_token=[REDACTED]&Api-Key=[REDACTED]&limit=5',
  )
  t.equal(safeUrl(new URL('http://127.0.0.1:8080/')), 'http://127.0.0.1:8080/')
  t.equal(safeRawUrl('not a url://user:secret@host/x?token=1'), 'not a url://host/x')
  // A query without any sensitive word is shown as it is without being walked; an escaped name is walked.
  const plain = 'https://x.atlassian.net/wiki/api/v2/pages/1?include-labels=true&body-format=storage'
  t.equal(safeUrl(new URL(`${plain}#frag`)), plain)
  t.equal(safeUrl(new URL('https://x.test/a?%74oken=abc&limit=5')), 'https://x.test/a?%74oken=[REDACTED]&limit=5')
  t.equal(safeUrl(new URL('https://x.test/a?TOKEN=d&sig=e')), 'https://x.test/a?TOKEN=[REDACTED]&sig=[REDACTED]')
})

t.test('URL credentials: userinfo and the values of sensitive query parameters, escaped names included', async t => {
  const r = new Redactor()
  registerUrlSecrets(r, new URL('https://me:pa%24s-word@x.test/a?Api_Key=key-value-2&limit=25'))
  registerUrlSecrets(r, new URL('https://x.test/a?%74oken=abc-def-1&limit=25'))
  t.equal(r.redact('pa$s-word abc-def-1 key-value-2 25'), '[REDACTED] [REDACTED] [REDACTED] 25')
  const none = new Redactor()
  registerUrlSecrets(none, new URL('https://x.test/a?include-labels=true&limit=25'))
  t.equal(none.size, 0)
})

t.test('header credentials: Basic is decoded, short cookie values are left alone', async t => {
  const r = new Redactor()
  registerHeaderSecret(r, 'authorization', `Basic ${Buffer.from('me@x.com:pw-123456').toString('base64')}`)
  registerHeaderSecret(r, 'cookie', 'sid=abcdefgh12345; theme=dark')
  t.equal(r.redact('pw-123456 me@x.com:pw-123456 abcdefgh12345 dark'), '[REDACTED] [REDACTED] [REDACTED] dark')
})

t.test('content types', async t => {
  t.equal(kindOf('application/json; charset=utf-8'), 'json')
  t.equal(kindOf('application/vnd.atlassian+json'), 'json')
  t.equal(kindOf('text/html'), 'text')
  t.equal(kindOf('application/atom+xml'), 'text')
  t.equal(kindOf('application/pdf'), 'binary')
  t.equal(kindOf(undefined), 'binary')
  t.same(parseBody(Buffer.from('[1]'), 'application/json'), [1])
  t.equal(parseBody(Buffer.alloc(0), 'application/json'), null)
})

t.test('metrics: counters and attempt events carry the origin only', async t => {
  const srv = await startServer(t, (req, res, body, n) => (n === 1 ? json(res, 503, {}) : json(res, 200, {})))
  const ws = makeWorkspace(
    t,
    {
      a: `
do:
  - fetch: {url: "{{config.base}}/secret/path?token=abcdef", retry: {backoff: {base: 1, cap: 1}}}`,
    },
    { config: { base: srv.origin } },
  )
  const seen: HttpAttemptEvent[] = []
  const on = (e: HttpAttemptEvent): number => seen.push(e)
  httpEvents.on('attempt', on)
  t.teardown(() => {
    httpEvents.off('attempt', on)
  })
  const before = { ...httpStats }
  await ws.run('a')
  t.equal(httpStats.requests - before.requests, 2)
  t.equal(httpStats.retries - before.retries, 1)
  t.equal(httpStats.failures - before.failures, 0)
  t.match(seen, [
    { workspace: 'fetch-test', method: 'GET', origin: srv.origin, attempt: 1, status: 503 },
    { attempt: 2, status: 200 },
  ])
  t.notOk(JSON.stringify(seen).includes('secret/path'))
})
