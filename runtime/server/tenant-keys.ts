// API keys with tenant scope (docs/tenants.md "API keys"). Global keys (CONFLUENCE_NEXT_API_KEYS)
// reach every workspace; a tenant's keys reach only `/v2/workspaces/slug:<tenant>/…`. The MCP and
// webhook routes only ask `verify` (any valid key); the server's tenant hook then refuses a tenant
// key on any route but its own tenant's. Only SHA-256 hashes are kept, compared in constant time.

import { timingSafeEqual } from 'node:crypto'
import { API_KEYS_ENV, ApiKeys, presentedKey, type Grant } from './auth.ts'

export class TenantKeyRing extends ApiKeys {
  private scoped: Array<{ hash: Buffer; tenant: string }> = []

  static override fromEnv(env: NodeJS.ProcessEnv = process.env): TenantKeyRing {
    return new TenantKeyRing((env[API_KEYS_ENV] ?? '').split(','))
  }

  /** Replace the keys of one tenant (hex SHA-256 hashes); none removes them. */
  setTenantKeys(tenant: string, hexHashes: readonly string[]): void {
    this.scoped = [
      ...this.scoped.filter(k => k.tenant !== tenant),
      ...hexHashes.map(h => ({ hash: Buffer.from(h, 'hex'), tenant })),
    ]
  }

  /** Whose key a hash already is: `'global'`, a tenant slug, or undefined (unused). */
  owner(hexHash: string): string | undefined {
    const hash = Buffer.from(hexHash, 'hex')
    if (this.hashes.some(h => h.equals(hash))) return 'global'
    return this.scoped.find(k => k.hash.equals(hash))?.tenant
  }

  override verify(authorization: string | string[] | undefined): boolean {
    return super.verify(authorization) || this.tenantOf(authorization) !== undefined
  }

  /**
   * What a call's key grants (auth.ts `Grant`): a tenant's key is a platform key of its tenant (its
   * admin issued it for the agent platform); `open` when no key is configured at all.
   */
  override grantFor(authorization: string | string[] | undefined): Grant | undefined {
    const tenant = this.tenantOf(authorization)
    return tenant !== undefined ? { kind: 'platform', tenant } : super.grantFor(authorization)
  }

  /** The tenant a presented key belongs to; undefined for a global key, no key or an unknown one. */
  tenantOf(authorization: string | string[] | undefined): string | undefined {
    const presented = this.scoped.length === 0 ? undefined : presentedKey(authorization)
    if (!presented) return undefined
    let tenant: string | undefined
    for (const k of this.scoped) if (timingSafeEqual(presented, k.hash)) tenant = k.tenant // no early exit
    return tenant
  }
}
