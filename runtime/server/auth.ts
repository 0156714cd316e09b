// Who may call (docs/serving.md "Authentication"). API keys come from CONFLUENCE_NEXT_API_KEYS
// (comma-separated; each a raw key or `sha256:<hex>` of one) and only their SHA-256 is kept: a
// presented key is hashed and compared with every stored hash in constant time. Without keys the
// server is for this machine only: it binds loopback, and the Host/Origin guard stops a web page
// from reaching it through DNS rebinding.

import { timingSafeEqual } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'
import { parseKey, sha256 } from '../core/api-keys.ts'

export { HASHED_KEY, parseKey, sha256 } from '../core/api-keys.ts'

export const API_KEYS_ENV = 'CONFLUENCE_NEXT_API_KEYS'
/** Keys of the config API (docs/tenants.md); never valid for MCP or webhooks. */
export const ADMIN_KEYS_ENV = 'CONFLUENCE_NEXT_ADMIN_KEYS'
/** Keys that may read /metrics and /readyz details and nothing else (docs/serving.md "Operations"). */
export const METRICS_KEYS_ENV = 'CONFLUENCE_NEXT_METRICS_KEYS'
export const CHALLENGE = 'Bearer realm="confluence-next"'

/**
 * What the holder of a key may assert about who is calling (docs/serving.md "Threat model"):
 * `platform` may pass `agent_id`/`user_id` in arguments or headers; a key bound to an agent and/or a
 * user runs as them whatever the call says; `none` (a key without options) asserts no identity.
 * Without any key configured the server answers loopback callers only and trusts what they assert.
 */
export type Grant =
  | { kind: 'open' }
  | { kind: 'platform'; tenant?: string }
  | {
      kind: 'bound'
      agentId?: string
      userId?: string
    }
  | { kind: 'none' }

export type IdentityClaims = { agentId?: string; userId?: string; contextId?: string }

/**
 * The identity a call runs as, from what the key grants and what the call asserts, or why the call is
 * refused. A conflicting or unallowed assertion is refused, never silently replaced.
 */
export function identityFor(
  grant: Grant,
  asserted: IdentityClaims,
): { identity: IdentityClaims } | { refused: string } {
  if (grant.kind === 'open' || grant.kind === 'platform') return { identity: asserted }
  const bound: { agentId?: string; userId?: string } = grant.kind === 'bound' ? grant : {}
  const out: IdentityClaims = { contextId: asserted.contextId }
  for (const [field, name] of [
    ['agentId', 'agent_id'],
    ['userId', 'user_id'],
  ] as const) {
    const claimed = asserted[field]
    const own = bound[field]
    if (claimed !== undefined && claimed !== own) {
      return {
        refused:
          own === undefined
            ? `this API key may not assert \`${name}\`: use a key bound to the ${name.slice(
                0,
                -3,
              )} or a platform key (docs/serving.md "Threat model")`
            : `this API key is bound to ${name} ${JSON.stringify(own)}; it cannot act as ${JSON.stringify(claimed)}`,
      }
    }
    out[field] = own
  }
  return { identity: out }
}

/** `<key>;platform`, `<key>;agent=<id>;user=<id>` → the key and what it grants, or why not. */
export function parseKeyEntry(entry: string): { key: string; grant: Grant; problem?: undefined } | { problem: string } {
  const [key, ...options] = entry.split(';').map(s => s.trim())
  if (options.length === 0) return { key, grant: { kind: 'none' } }
  const bound: { agentId?: string; userId?: string } = {}
  let platform = false
  for (const option of options) {
    const m = /^(agent|user)=(.+)$/.exec(option)
    if (option === 'platform') platform = true
    else if (m) bound[m[1] === 'agent' ? 'agentId' : 'userId'] = m[2]
    else {
      return {
        problem: `has an unknown option ${JSON.stringify(option)} (options: platform, agent=<id>, user=<id>)`,
      }
    }
  }
  if (platform && (bound.agentId || bound.userId)) {
    return { problem: 'is both a platform key and bound to an identity; choose one' }
  }
  return { key, grant: platform ? { kind: 'platform' } : { kind: 'bound', ...bound } }
}

/** The SHA-256 of the key an `Authorization: Bearer <key>` header presents; undefined without one. */
export function presentedKey(authorization: string | string[] | undefined): Buffer | undefined {
  if (typeof authorization !== 'string') return undefined
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization)
  return match ? sha256(match[1]) : undefined
}

export class ApiKeys {
  protected readonly hashes: Buffer[]
  protected readonly grants: Grant[]

  /**
   * Each entry is a raw key or `sha256:<64 hex digits>`, optionally followed by `;platform` or
   * `;agent=<id>;user=<id>`; a bad entry throws (start-up error) naming `envName`.
   */
  constructor(entries: readonly string[], envName = API_KEYS_ENV) {
    const parsed = entries
      .map(e => e.trim())
      .filter(Boolean)
      .map((entry, i) => {
        const e = parseKeyEntry(entry)
        const { hash, problem } = e.problem === undefined ? parseKey(e.key) : { problem: e.problem }
        if (problem !== undefined) throw new Error(`${envName}: entry ${i + 1} ${problem}`)
        return { hash: hash!, grant: (e as { grant: Grant }).grant }
      })
    this.hashes = parsed.map(p => p.hash)
    this.grants = parsed.map(p => p.grant)
  }

  /** What a call's key grants: `open` without configured keys (loopback only), else as `grantOf`. */
  grantFor(authorization: string | string[] | undefined): Grant | undefined {
    return this.configured ? this.grantOf(authorization) : { kind: 'open' }
  }

  /** What the presented key grants; undefined for no key or an unknown one. */
  grantOf(authorization: string | string[] | undefined): Grant | undefined {
    const presented = presentedKey(authorization)
    if (!presented) return undefined
    let grant: Grant | undefined
    this.hashes.forEach((h, i) => {
      if (timingSafeEqual(presented, h)) grant = this.grants[i]
    }) // no early exit
    return grant
  }

  static fromEnv(env: NodeJS.ProcessEnv = process.env, envName = API_KEYS_ENV): ApiKeys {
    return new ApiKeys((env[envName] ?? '').split(','), envName)
  }

  get configured(): boolean {
    return this.hashes.length > 0
  }

  /** True when the `Authorization: Bearer <key>` header carries one of the keys. */
  verify(authorization: string | string[] | undefined): boolean {
    const presented = presentedKey(authorization)
    if (!presented) return false
    let ok = false
    for (const h of this.hashes) ok = timingSafeEqual(presented, h) || ok // no early exit
    return ok
  }
}

const LOOPBACK_NAMES = new Set(['localhost', '::1', '[::1]'])

export function isLoopback(host: string): boolean {
  const h = host.toLowerCase()
  return LOOPBACK_NAMES.has(h) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h.endsWith('.localhost')
}

/** `host:port`, `[v6]:port` or a bare name → the host name. */
function hostName(value: string): string {
  if (value.startsWith('[')) return value.slice(0, value.indexOf(']') + 1)
  const i = value.lastIndexOf(':')
  return i === -1 ? value : value.slice(0, i)
}

/**
 * For a loopback bind: why a request must be refused (a Host or Origin that is not this machine),
 * or undefined. Public binds need API keys instead and accept any Host.
 */
export function rebindingProblem(headers: IncomingHttpHeaders): string | undefined {
  const host = headers.host
  if (!host || !isLoopback(hostName(host))) return `Host header ${JSON.stringify(host ?? '')} is not a loopback name`
  const origin = headers.origin
  if (origin !== undefined) {
    let name: string
    try {
      name = new URL(origin).hostname
    } catch {
      return `Origin ${JSON.stringify(origin)} is not a loopback origin`
    }
    if (!isLoopback(name)) return `Origin ${JSON.stringify(origin)} is not a loopback origin`
  }
  return undefined
}
