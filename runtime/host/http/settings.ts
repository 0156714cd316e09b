// The workspace's `http` section of config/index.yml (schemas/workspace.schema.json), resolved once per
// workspace and cached: fetch reads it on every call, so it must cost one WeakMap lookup.
import type { Dispatcher } from 'undici'
import { injectedDispatcher } from './dispatcher.ts'
import {
  compileHostPolicy,
  DEFAULT_ALLOWED_HOSTS,
  LOOPBACK_HOSTS,
  nonPublicRange,
  type HostPolicy,
} from './host-policy.ts'

export interface HttpSettings {
  readonly allows: HostPolicy
  /** CONFLUENCE_ALLOW_LOOPBACK=true: loopback and private addresses are reachable (sandbox, tests). */
  readonly allowLoopback: boolean
  /** The non-public range (`loopback`, `private`, …) a URL's literal address or local name is in, when refused. */
  readonly nonPublic: (url: URL) => string | undefined
  readonly timeoutMs: number
  readonly maxResponseBytes: number
  readonly userAgent: string
  /** The injected dispatcher; undefined means the shared Agent (looked up per call, it may be replaced). */
  readonly dispatcher?: Dispatcher
}

interface HttpSection {
  allowedHosts?: string[]
  timeoutMs?: number
  maxResponseBytes?: number
  userAgent?: string
}

/** What fetch needs from the engine; Workspace (runtime/engine/workspace.ts) has both members. */
export interface HttpHost {
  readonly info?: { readonly index?: Record<string, unknown>; readonly allowLoopback?: boolean }
  readonly services?: Record<string, unknown>
}

export const DEFAULT_TIMEOUT_MS = 15_000
export const DEFAULT_MAX_RESPONSE_BYTES = 10 * 1024 * 1024
export const DEFAULT_USER_AGENT = 'confluence-next'

const cache = new WeakMap<object, HttpSettings>()

export function httpSettings(engine: object): HttpSettings {
  let s = cache.get(engine)
  if (!s) {
    const host = engine as HttpHost
    const section = (host.info?.index?.http ?? {}) as HttpSection
    const allowLoopback = host.info?.allowLoopback === true
    const listed = compileHostPolicy([
      ...(section.allowedHosts ?? DEFAULT_ALLOWED_HOSTS),
      ...(allowLoopback ? LOOPBACK_HOSTS : []),
    ])
    s = {
      allows: listed,
      allowLoopback,
      // An IP literal in a non-public range is refused even when listed (names: dispatcher.ts guardedAgent).
      nonPublic: allowLoopback
        ? () => undefined
        : url => nonPublicRange(url.hostname) ?? (isLocalName(url.hostname) ? 'loopback' : undefined),
      timeoutMs: section.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      maxResponseBytes: section.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES,
      userAgent: section.userAgent ?? DEFAULT_USER_AGENT,
      dispatcher: injectedDispatcher(host.services),
    }
    cache.set(engine, s)
  }
  return s
}

/** `localhost` and `*.localhost` resolve to loopback by definition (RFC 6761), whatever DNS says. */
function isLocalName(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/\.$/, '')
  return h === 'localhost' || h.endsWith('.localhost')
}
