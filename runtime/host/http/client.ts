// One fetch on the wire (docs/fetch.md "Retries", "Redirects", "Errors"): attempts with a per-attempt
// timeout, retries by retry.ts, redirects re-checked against the host policy, and every failure
// turned into a DsulError whose message names what went wrong and shows only the safe URL.
import { EventEmitter } from 'node:events'
import { DsulError } from '../../core/errors.ts'
import type { RunContext } from '../../core/run-context.ts'
import { registerUrlSecrets, safeUrl, SENSITIVE_HEADERS } from './credentials.ts'
import { guardedAgent, sharedAgent } from './dispatcher.ts'
import { AddressRefused, normalizeHost } from './host-policy.ts'
import { request } from './undici.ts'
import { recordAttempt, recordRetry } from './metrics.ts'
import type { Body, Headers, PreparedRequest } from './request.ts'
import { readBody, TooLarge, type ResponseHeaders } from './response.ts'
import { nextDelay, parseRetryAfter, replayable, retryableStatus, sleep, type RetryPolicy } from './retry.ts'
import type { HttpSettings } from './settings.ts'

export interface Exchange {
  status: number
  headers: ResponseHeaders
  body: Buffer
  /** Where the response came from (after redirects). */
  url: URL
  attempts: number
}

export interface ExchangeOptions {
  settings: HttpSettings
  timeoutMs: number
  retry: RetryPolicy
  run: RunContext
  /** For metrics and LIMIT_WALL_TIME. */
  workspace: string
  automation: string
}

/**
 * An attempt's abort signal. undici takes an EventEmitter with `aborted` and `reason` as well as an
 * AbortSignal, and this one costs far less to make (an AbortController is several µs per attempt).
 */
class AttemptSignal extends EventEmitter {
  aborted = false
  reason: unknown = undefined

  constructor(private readonly run: RunContext) {
    super()
  }

  abort(reason: unknown): void {
    if (this.aborted) return
    this.aborted = true
    this.reason = reason
    this.emit('abort')
  }

  /** Told when the run stops (RunContext.onStop): an object listener, no closure to make per attempt. */
  handleEvent(): void {
    this.abort(this.run.abortReason)
  }
}

/** A failed attempt: the error to raise, and whether the server may have seen the request. */
class AttemptFailure {
  constructor(
    readonly error: DsulError,
    readonly mayHaveReached: boolean,
  ) {}
}

const REDIRECTS = new Set([301, 302, 303, 307, 308])
const MAX_REDIRECTS = 5
// Failures that happen before a byte of the request is sent: always safe to retry.
const NOT_SENT = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_FAIL',
  'EAI_NODATA',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
])

export async function exchange(req: PreparedRequest, o: ExchangeOptions): Promise<Exchange> {
  const replay = replayable(req.method, o.retry.unsafe, req.headers)
  for (let attempt = 1; ; attempt++) {
    let delay: number | undefined
    let cause: string
    try {
      const res = await attemptOnce(req, o, attempt)
      if (!retryableStatus(res.status, replay)) return { ...res, attempts: attempt }
      cause = String(res.status)
      delay = nextDelay(attempt, o.retry, parseRetryAfter(res.headers['retry-after']), o.run.remainingMs())
      // Out of attempts or of time: the last response is the answer (statuses never throw).
      if (delay === undefined) return { ...res, attempts: attempt }
    } catch (err) {
      if (!(err instanceof AttemptFailure)) {
        if (err instanceof DsulError && err.code.startsWith('FETCH_')) err.data.attempts = attempt
        throw err
      }
      err.error.data.attempts = attempt
      cause = err.error.code
      if (err.mayHaveReached && !replay) throw err.error
      delay = nextDelay(attempt, o.retry, undefined, o.run.remainingMs())
      if (delay === undefined) throw err.error
    }
    recordRetry(() => ({ workspace: o.workspace, origin: req.url.origin, cause }))
    if (!(await sleep(delay, o.run.signal))) throw aborted(req, o)
  }
}

async function attemptOnce(
  req: PreparedRequest,
  o: ExchangeOptions,
  attempt: number,
): Promise<Omit<Exchange, 'attempts'>> {
  const run = o.run
  if (run.aborted) throw aborted(req, o)
  const controller = new AttemptSignal(run)
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    controller.abort(new Error('fetch attempt timed out'))
  }, o.timeoutMs)
  run.onStop(controller)
  const started = performance.now()
  let url = req.url
  let method = req.method
  let headers: Headers = req.headers
  let body: Body = req.body
  let status = 0
  let failed: string | undefined
  try {
    for (let hop = 0; ; hop++) {
      const dispatcher = o.settings.dispatcher ?? (o.settings.allowLoopback ? sharedAgent() : guardedAgent())
      const res = await request(dispatcher, {
        origin: url.origin,
        path: url.pathname + url.search,
        method,
        headers,
        body,
        signal: controller,
      })
      status = res.statusCode
      const location =
        REDIRECTS.has(status) && hop < MAX_REDIRECTS ? nextLocation(res.headers.location, url) : undefined
      if (!location) {
        const data = await readBody(res.body, res.headers, o.settings.maxResponseBytes)
        return { status, headers: res.headers, body: data, url }
      }
      await res.body.dump()
      // A redirect is a new request: it must pass the host policy too (else a redirect would be an SSRF hole).
      if (!o.settings.allows(location)) throw hostRefused(method, location)
      const range = o.settings.nonPublic(location)
      if (range) throw addressRefusedError(method, location, range)
      registerUrlSecrets(o.run.redactor, location)
      if (location.origin !== url.origin) headers = without(headers, SENSITIVE_HEADERS)
      if ((status === 303 && method !== 'HEAD') || ((status === 301 || status === 302) && method === 'POST')) {
        method = 'GET'
        body = null
        headers = without(headers, new Set(['content-type', 'content-length']))
      }
      url = location
    }
  } catch (err) {
    const failure =
      err instanceof DsulError
        ? err
        : run.aborted
          ? aborted(req, o)
          : toFailure(err, timedOut, method, safeUrl(url), o.timeoutMs, o.settings.maxResponseBytes)
    failed = failure instanceof AttemptFailure ? failure.error.code : failure.code
    throw failure
  } finally {
    clearTimeout(timer)
    run.offStop(controller)
    recordAttempt(
      () => ({
        workspace: o.workspace,
        method: req.method,
        origin: req.url.origin,
        attempt,
        durationMs: performance.now() - started,
        ...(failed ? { code: failed } : { status }),
      }),
      attempt > 1,
      failed !== undefined,
    )
  }
}

export function hostRefused(method: string, url: URL): DsulError {
  return new DsulError('FETCH_HOST_REFUSED', {
    method,
    url: safeUrl(url),
    host: normalizeHost(url.hostname) + (url.port ? `:${url.port}` : ''),
  })
}

/** FETCH_ADDRESS_REFUSED for a URL whose host is itself a non-public address (or `localhost`). */
export function addressRefusedError(method: string, url: URL, range: string): DsulError {
  const host = normalizeHost(url.hostname)
  return new DsulError('FETCH_ADDRESS_REFUSED', { method, url: safeUrl(url), host, address: host, range })
}

function nextLocation(location: string | string[] | undefined, base: URL): URL | undefined {
  const raw = Array.isArray(location) ? location[0] : location
  if (!raw) return undefined
  try {
    const next = new URL(raw, base)
    return next.protocol === 'http:' || next.protocol === 'https:' ? next : undefined
  } catch {
    return undefined
  }
}

function without(headers: Headers, names: ReadonlySet<string>): Headers {
  const out: Headers = {}
  for (const k in headers) if (!names.has(k)) out[k] = headers[k]
  return out
}

/** The run's wall time ran out (LIMIT_WALL_TIME), or its caller gave up (RUN_CANCELLED). */
function aborted(req: PreparedRequest, o: ExchangeOptions): DsulError {
  if (o.run.cancelled !== undefined) return o.run.abortError(o.automation)
  if (o.run.remainingMs() <= 5) {
    return new DsulError('LIMIT_WALL_TIME', { limit: o.run.limits.runWallTimeMs, slug: o.automation })
  }
  return new DsulError('FETCH_CONNECTION', {
    method: req.method,
    url: req.display,
    detail: 'cancelled: the run was aborted',
  })
}

function toFailure(
  err: unknown,
  timedOut: boolean,
  method: string,
  url: string,
  timeout: number,
  limit: number,
): AttemptFailure | DsulError {
  if (err instanceof TooLarge) return new DsulError('FETCH_TOO_LARGE', { method, url, limit })
  const refused = addressRefused(err)
  if (refused) {
    return new DsulError('FETCH_ADDRESS_REFUSED', {
      method,
      url,
      host: refused.host,
      address: refused.address,
      range: refused.range,
    })
  }
  if (timedOut) {
    return new AttemptFailure(new DsulError('FETCH_TIMEOUT', { method, url, timeout }, { cause: err }), true)
  }
  const code = String((err as { code?: unknown }).code ?? '')
  if (code === 'UND_ERR_INVALID_ARG') {
    return new DsulError('FETCH_INVALID', { method, url, detail: (err as Error).message }, { cause: err })
  }
  if (code === 'UND_ERR_HEADERS_TIMEOUT' || code === 'UND_ERR_BODY_TIMEOUT') {
    return new AttemptFailure(new DsulError('FETCH_TIMEOUT', { method, url, timeout }, { cause: err }), true)
  }
  const detail = describeNetworkError(code, err, url)
  return new AttemptFailure(
    new DsulError('FETCH_CONNECTION', { method, url, detail, errno: code || undefined }, { cause: err }),
    !NOT_SENT.has(code),
  )
}

/** The AddressRefused of guardedLookup, as undici passes it on (itself or as a cause). */
function addressRefused(err: unknown): AddressRefused | undefined {
  for (let e = err, i = 0; e && i < 4; e = (e as { cause?: unknown }).cause, i++) {
    if (e instanceof AddressRefused) return e
  }
  return undefined
}

function describeNetworkError(code: string, err: unknown, url: string): string {
  switch (code) {
    case 'ECONNREFUSED':
      return 'connection refused (ECONNREFUSED)'
    case 'ECONNRESET':
      return 'connection reset (ECONNRESET)'
    case 'UND_ERR_SOCKET':
      return 'connection closed by the server before the response was complete (UND_ERR_SOCKET)'
    case 'EPIPE':
      return 'connection closed while sending the request (EPIPE)'
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EAI_FAIL':
    case 'EAI_NODATA':
      return `DNS lookup failed for ${new URL(url).hostname} (${code})`
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return `host unreachable (${code})`
    case 'UND_ERR_CONNECT_TIMEOUT':
      return 'could not connect in time (UND_ERR_CONNECT_TIMEOUT)'
    case 'ETIMEDOUT':
      return 'connection timed out (ETIMEDOUT)'
    default:
      return `${(err as Error)?.message ?? String(err)}${code ? ` (${code})` : ''}`
  }
}
