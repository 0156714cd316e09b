// API keys with tenant scope (docs/tenants.md "API keys"). Global keys (CONFLUENCE_NEXT_API_KEYS)
// reach every workspace; a tenant's keys reach only `/v2/workspaces/slug:<tenant>/…`. The MCP and
// webhook routes only ask `verify` (any valid key); the server's tenant hook then refuses a tenant
// key on any route but its own tenant's. Only SHA-256 hashes are kept, compared in constant time.

import { timingSafeEqual } from 'node:crypto'
import { API_KEYS_ENV, ApiKeys, sha256 } from '../server/auth.ts'

const HASHED = /^sha256:([0-9a-f]{64})$/i
const MIN_KEY_LENGTH = 16

export class TenantKeyRing extends ApiKeys {
  private scoped: Array<{ hash: Buffer, tenant: string }> = []

  static override fromEnv (env: NodeJS.ProcessEnv = process.env): TenantKeyRing {
    return new TenantKeyRing((env[API_KEYS_ENV] ?? '').split(','))
  }

  /** Replace the keys of one tenant (hex SHA-256 hashes); none removes them. */
  setTenantKeys (tenant: string, hexHashes: readonly string[]): void {
    this.scoped = [...this.scoped.filter(k => k.tenant !== tenant), ...hexHashes.map(h => ({ hash: Buffer.from(h, 'hex'), tenant }))]
  }

  /** Whose key a hash already is: `'global'`, a tenant slug, or undefined (unused). */
  owner (hexHash: string): string | undefined {
    const hash = Buffer.from(hexHash, 'hex')
    if (this.hashes.some(h => h.equals(hash))) return 'global'
    return this.scoped.find(k => k.hash.equals(hash))?.tenant
  }

  override verify (authorization: string | string[] | undefined): boolean {
    return super.verify(authorization) || this.tenantOf(authorization) !== undefined
  }

  /** The tenant a presented key belongs to; undefined for a global key, no key or an unknown one. */
  tenantOf (authorization: string | string[] | undefined): string | undefined {
    if (this.scoped.length === 0 || typeof authorization !== 'string') return undefined
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization)
    if (!match) return undefined
    const presented = sha256(match[1])
    let tenant: string | undefined
    for (const k of this.scoped) if (timingSafeEqual(presented, k.hash)) tenant = k.tenant // no early exit
    return tenant
  }
}

/** A key given for a tenant (raw, at least 16 characters, or `sha256:<hex>`) → its hex hash, or why not. */
export function tenantKeyHash (entry: string, allowRaw: boolean): { hash?: string, problem?: string } {
  const hashed = HASHED.exec(entry.trim())
  if (hashed) return { hash: hashed[1].toLowerCase() }
  if (!allowRaw) return { problem: 'must be `sha256:<64 hex digits>` (the hash of the key, never the key itself)' }
  if (entry.startsWith('sha256:')) return { problem: 'starts with sha256: but is not 64 hex digits' }
  if (entry.trim().length < MIN_KEY_LENGTH) return { problem: `is shorter than ${MIN_KEY_LENGTH} characters; use a long random key` }
  return { hash: sha256(entry.trim()).toString('hex') }
}
