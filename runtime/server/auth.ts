// Who may call (docs/serving.md "Authentication"). API keys come from CONFLUENCE_NEXT_API_KEYS
// (comma-separated; each a raw key or `sha256:<hex>` of one) and only their SHA-256 is kept: a
// presented key is hashed and compared with every stored hash in constant time. Without keys the
// server is for this machine only: it binds loopback, and the Host/Origin guard stops a web page
// from reaching it through DNS rebinding.

import { createHash, timingSafeEqual } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'

export const API_KEYS_ENV = 'CONFLUENCE_NEXT_API_KEYS'
/** Keys of the config API (docs/tenants.md); never valid for MCP or webhooks. */
export const ADMIN_KEYS_ENV = 'CONFLUENCE_NEXT_ADMIN_KEYS'
export const CHALLENGE = 'Bearer realm="confluence-next"'
const MIN_KEY_LENGTH = 16
/** A key given as the hex SHA-256 of the key rather than the key itself. */
export const HASHED_KEY = /^sha256:([0-9a-f]{64})$/i

/** One (trimmed) key entry, a raw key or `sha256:<64 hex digits>`, → the SHA-256 kept for it, or why not. */
export function parseKey (entry: string): { hash: Buffer, problem?: undefined } | { hash?: undefined, problem: string } {
  const hashed = HASHED_KEY.exec(entry)
  if (hashed) return { hash: Buffer.from(hashed[1], 'hex') }
  if (entry.startsWith('sha256:')) return { problem: 'starts with sha256: but is not 64 hex digits' }
  if (entry.length < MIN_KEY_LENGTH) return { problem: `is shorter than ${MIN_KEY_LENGTH} characters; use a long random key` }
  return { hash: sha256(entry) }
}

/** The SHA-256 of the key an `Authorization: Bearer <key>` header presents; undefined without one. */
export function presentedKey (authorization: string | string[] | undefined): Buffer | undefined {
  if (typeof authorization !== 'string') return undefined
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization)
  return match ? sha256(match[1]) : undefined
}

export class ApiKeys {
  protected readonly hashes: Buffer[]

  /** Each entry is a raw key or `sha256:<64 hex digits>`; a bad entry throws (start-up error) naming `envName`. */
  constructor (entries: readonly string[], envName = API_KEYS_ENV) {
    this.hashes = entries.map(e => e.trim()).filter(Boolean).map((entry, i) => {
      const { hash, problem } = parseKey(entry)
      if (problem !== undefined) throw new Error(`${envName}: entry ${i + 1} ${problem}`)
      return hash
    })
  }

  static fromEnv (env: NodeJS.ProcessEnv = process.env, envName = API_KEYS_ENV): ApiKeys {
    return new ApiKeys((env[envName] ?? '').split(','), envName)
  }

  get configured (): boolean { return this.hashes.length > 0 }

  /** True when the `Authorization: Bearer <key>` header carries one of the keys. */
  verify (authorization: string | string[] | undefined): boolean {
    const presented = presentedKey(authorization)
    if (!presented) return false
    let ok = false
    for (const h of this.hashes) ok = timingSafeEqual(presented, h) || ok // no early exit
    return ok
  }
}

export function sha256 (text: string): Buffer {
  return createHash('sha256').update(text).digest()
}

const LOOPBACK_NAMES = new Set(['localhost', '::1', '[::1]'])

export function isLoopback (host: string): boolean {
  const h = host.toLowerCase()
  return LOOPBACK_NAMES.has(h) || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h) || h.endsWith('.localhost')
}

/** `host:port`, `[v6]:port` or a bare name → the host name. */
function hostName (value: string): string {
  if (value.startsWith('[')) return value.slice(0, value.indexOf(']') + 1)
  const i = value.lastIndexOf(':')
  return i === -1 ? value : value.slice(0, i)
}

/**
 * For a loopback bind: why a request must be refused (a Host or Origin that is not this machine),
 * or undefined. Public binds need API keys instead and accept any Host.
 */
export function rebindingProblem (headers: IncomingHttpHeaders): string | undefined {
  const host = headers.host
  if (!host || !isLoopback(hostName(host))) return `Host header ${JSON.stringify(host ?? '')} is not a loopback name`
  const origin = headers.origin
  if (origin !== undefined) {
    let name: string
    try { name = new URL(origin).hostname } catch { return `Origin ${JSON.stringify(origin)} is not a loopback origin` }
    if (!isLoopback(name)) return `Origin ${JSON.stringify(origin)} is not a loopback origin`
  }
  return undefined
}
