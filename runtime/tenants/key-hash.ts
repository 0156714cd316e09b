// A tenant's API keys as its file or the config API gives them (docs/tenants.md "API keys"): only
// their SHA-256 is kept. The key ring that checks presented keys is the server's (server/tenant-keys.ts).

import { HASHED_KEY, parseKey } from '../core/api-keys.ts'

/** A key given for a tenant (raw, at least 16 characters, or `sha256:<hex>`) → its hex hash, or why not. */
export function tenantKeyHash(entry: string, allowRaw: boolean): { hash?: string; problem?: string } {
  const key = entry.trim()
  if (!allowRaw && !HASHED_KEY.test(key))
    return { problem: 'must be `sha256:<64 hex digits>` (the hash of the key, never the key itself)' }
  const { hash, problem } = parseKey(key)
  return problem !== undefined ? { problem } : { hash: hash.toString('hex') }
}
