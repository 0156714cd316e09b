// When and how long a fetch waits before trying again (docs/fetch.md "Retries"). Exponential backoff
// with full jitter (AWS Architecture Blog, "Exponential Backoff and Jitter"): delay = random(0,
// min(cap, base·2^(n-1))). A server's Retry-After (RFC 9110 §10.2.3, seconds or an HTTP date) replaces
// the computed delay. No single wait exceeds `cap`, and no wait runs past the run's wall time: when
// the next wait would, the fetch stops and reports what it has (the last response or error).

export interface RetryPolicy {
  /** Total attempts, the first included. */
  attempts: number
  base: number
  cap: number
  jitter: 'full' | 'none'
  /** true: replay anything; false: replay nothing that may have reached the server; unset: by method. */
  unsafe?: boolean
}

export const DEFAULT_RETRY: Readonly<RetryPolicy> = Object.freeze({
  attempts: 3,
  base: 250,
  cap: 10_000,
  jitter: 'full',
})

// RFC 9110 §9.2.2. A PUT or DELETE repeated gives the same end state; POST and PATCH may not.
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE', 'PUT', 'DELETE'])

/** May this request be sent again although the server may already have processed it? */
export function replayable(method: string, unsafe: boolean | undefined, headers: Record<string, unknown>): boolean {
  if (unsafe !== undefined) return unsafe
  return IDEMPOTENT.has(method) || headers['idempotency-key'] !== undefined
}

/** 429 and 503 say the request was not processed; 502 and 504 do not, so only replayable requests retry on them. */
export function retryableStatus(status: number, replay: boolean): boolean {
  if (status === 429 || status === 503) return true
  return replay && (status === 502 || status === 504)
}

export function backoffDelay(retry: number, p: RetryPolicy, random: () => number = Math.random): number {
  const exp = Math.min(p.cap, p.base * 2 ** (retry - 1))
  return p.jitter === 'none' ? exp : Math.round(random() * exp)
}

/** Retry-After in ms, or undefined when absent or unreadable. */
export function parseRetryAfter(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const v = Array.isArray(value) ? value[0] : value
  if (v === undefined) return undefined
  const trimmed = v.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000
  // An HTTP date names its day and zone; Date.parse alone would also read "-1" as a year.
  const at = /[a-z]/i.test(trimmed) ? Date.parse(trimmed) : NaN
  return Number.isNaN(at) ? undefined : Math.max(0, at - now)
}

/**
 * The wait before retry number `retry` (1 = the first retry), or undefined to stop retrying:
 * no attempts left, a Retry-After longer than `cap`, or a wait that would reach the run's deadline.
 */
export function nextDelay(
  retry: number,
  p: RetryPolicy,
  retryAfter: number | undefined,
  remainingMs: number,
): number | undefined {
  if (retry >= p.attempts) return undefined
  const delay = retryAfter ?? backoffDelay(retry, p)
  if (delay > p.cap || delay >= remainingMs) return undefined
  return delay
}

/** Resolves after `ms`, or early (false) when the signal aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  if (signal.aborted) return Promise.resolve(false)
  if (ms <= 0) return Promise.resolve(true)
  return new Promise(resolve => {
    const onAbort = (): void => {
      clearTimeout(timer)
      resolve(false)
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve(true)
    }, ms)
    signal.addEventListener('abort', onAbort, { once: true })
  })
}
