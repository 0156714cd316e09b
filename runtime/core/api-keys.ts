// The format of an API key as configured (docs/serving.md "API keys"): a raw key of at least 16
// characters or `sha256:<hex>`, kept only as its SHA-256. Below every layer: the server checks
// presented keys against these hashes, tenancy checks the keys a tenant file or the config API gives.

import { createHash } from 'node:crypto'

const MIN_KEY_LENGTH = 16
/** A key given as the hex SHA-256 of the key rather than the key itself. */
export const HASHED_KEY = /^sha256:([0-9a-f]{64})$/i

/** One (trimmed) key entry, a raw key or `sha256:<64 hex digits>`, → the SHA-256 kept for it, or why not. */
export function parseKey(entry: string): { hash: Buffer; problem?: undefined } | { hash?: undefined; problem: string } {
  const hashed = HASHED_KEY.exec(entry)
  if (hashed) return { hash: Buffer.from(hashed[1], 'hex') }
  if (entry.startsWith('sha256:')) return { problem: 'starts with sha256: but is not 64 hex digits' }
  if (entry.length < MIN_KEY_LENGTH) {
    return { problem: `is shorter than ${MIN_KEY_LENGTH} characters; use a long random key` }
  }
  return { hash: sha256(entry) }
}

export function sha256(text: string): Buffer {
  return createHash('sha256').update(text).digest()
}
