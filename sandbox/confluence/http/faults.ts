// Fault injection: rate limits, outages, slow responses and dropped connections, applied before
// normal handling (before authentication, too) and consumed one request at a time.

export interface FaultSpec {
  /** HTTP method to match (any when omitted). */
  method?: string
  /**
   * Path to match. A string matches the pathname exactly, with or without the gateway prefix
   * (`/wiki/api/v2/pages` also matches `/ex/confluence/{cloudId}/wiki/api/v2/pages`);
   * a RegExp is tested against the full request URL (path and query).
   */
  path?: string | RegExp
  /** Status to answer with; omit with `delayMs` for a slow but otherwise normal response. */
  status?: number
  /** `Retry-After` header: seconds (number) or an HTTP date / raw value (string). */
  retryAfter?: number | string
  /** Response body; defaults to the error envelope of the request's API family. */
  body?: unknown
  headers?: Record<string, string>
  /** How many matching requests this fault applies to (default 1; Infinity for all). */
  times?: number
  /** Wait this long before answering (or before normal handling when there is no status). */
  delayMs?: number
  /** Destroy the socket without answering. */
  reset?: boolean
}

export interface ActiveFault extends FaultSpec {
  readonly id: number
  /** Matching requests still to be affected. */
  remaining: number
  /** Requests affected so far. */
  hits: number
}

const GATEWAY_PREFIX = /^\/ex\/confluence\/[^/]+/

export class FaultInjector {
  private readonly active: ActiveFault[] = []
  private nextId = 1

  add(spec: FaultSpec): ActiveFault {
    if (spec.status === undefined && spec.delayMs === undefined && !spec.reset) {
      throw new Error('a fault needs a status, a delayMs or reset: true')
    }
    const fault: ActiveFault = { ...spec, id: this.nextId++, remaining: spec.times ?? 1, hits: 0 }
    this.active.push(fault)
    return fault
  }

  clear(): void {
    this.active.length = 0
  }

  /** Faults still armed, in the order they were added. */
  list(): readonly ActiveFault[] {
    return this.active.filter(f => f.remaining > 0)
  }

  /** Returns and consumes the first armed fault matching the request. */
  take(method: string, url: string): ActiveFault | undefined {
    const pathname = url.split('?')[0]!
    const fault = this.active.find(f => f.remaining > 0 && matches(f, method, pathname, url))
    if (!fault) return undefined
    fault.remaining--
    fault.hits++
    if (fault.remaining <= 0) this.active.splice(this.active.indexOf(fault), 1)
    return fault
  }
}

function matches(fault: FaultSpec, method: string, pathname: string, url: string): boolean {
  if (fault.method && fault.method.toUpperCase() !== method.toUpperCase()) return false
  if (fault.path === undefined) return true
  if (fault.path instanceof RegExp) return fault.path.test(url)
  return fault.path === pathname || fault.path === pathname.replace(GATEWAY_PREFIX, '')
}

/** `Retry-After` value: integers become seconds, strings (HTTP dates) pass through unchanged. */
export function retryAfterHeader(value: number | string): string {
  return typeof value === 'number' ? String(Math.max(0, Math.round(value))) : value
}
