// Results of conversions ($bodyView, $markdown) by what they are computed from: a page version is
// immutable, so the same body read again (by any agent) converts to the same text. docs/connector.md
// "Reading and editing bodies" and docs/performance.md "Conversion cache".
//
// The key is a SHA-256 of the whole task — the body Confluence answered with, and every option
// (format, maxChars, part, section, the call named in notices, the input cap) — never an id or a
// version a caller names. So a lookup happens only after Confluence has answered this caller's own
// request with this body (permissions checked by Confluence), and a hit is exactly the text the
// conversion would compute from what the caller already holds: another tenant, site or user cannot
// reach an entry without sending, and so having, the same body.
//
// Two levels: this process's memory (LRU bounded in characters), and the shared store when it is
// Redis (several replicas; entries sealed like every store record, with a time to live).
import { createHash } from 'node:crypto'
import type { Store } from '../../core/store.ts'

/** Default memory for cached results: 64 MB of UTF-16 text. */
export const DEFAULT_CACHE_CHARS = 32 * 1024 * 1024
/** A result longer than this share of the cache is not kept (one entry never empties the cache). */
const MAX_ENTRY_SHARE = 8
/** Entries in the shared store expire: a page's old versions are read less and less. */
const SHARED_TTL_MS = 6 * 60 * 60 * 1000
const SHARED_PREFIX = 'conversion:'

let maxChars = DEFAULT_CACHE_CHARS
let usedChars = 0
let shared: Store | undefined
/** Insertion order is recency order: a hit is deleted and set again (Map keeps insertion order). */
const entries = new Map<string, string>()
export const cacheStats = { hits: 0, sharedHits: 0, misses: 0 }

/**
 * `chars` 0 turns caching off (the benchmark's cold figures); `store` is the shared level (Redis
 * only: with SQLite, one process per data directory, memory already is the whole cache).
 */
export function configureConversionCache(options: { chars?: number; store?: Store }): void {
  if (options.chars !== undefined) {
    maxChars = Math.max(0, Math.floor(options.chars))
    evict()
  }
  if ('store' in options) shared = options.store
}

/** The key of a task: a digest of everything the result is computed from. */
export function cacheKey(kind: string, input: string, options: unknown): string {
  return createHash('sha256')
    .update(kind)
    .update('\0')
    .update(JSON.stringify(options ?? null))
    .update('\0')
    .update(input)
    .digest('base64url')
}

export function cached(key: string): string | undefined {
  if (maxChars === 0) return undefined
  const hit = entries.get(key)
  if (hit === undefined) return undefined
  entries.delete(key)
  entries.set(key, hit)
  cacheStats.hits++
  return hit
}

/** The shared level, after a memory miss; undefined when there is none or it fails (a cache never fails a call). */
export async function sharedLookup(key: string): Promise<string | undefined> {
  if (!shared || maxChars === 0) return undefined
  try {
    const value = await shared.get(SHARED_PREFIX + key)
    if (typeof value !== 'string') return undefined
    cacheStats.sharedHits++
    remember(key, value, false)
    return value
  } catch {
    return undefined
  }
}

export function remember(key: string, value: string, share = shared !== undefined): void {
  if (maxChars === 0 || value.length > maxChars / MAX_ENTRY_SHARE) return
  const old = entries.get(key)
  if (old !== undefined) usedChars -= old.length + key.length
  entries.delete(key)
  entries.set(key, value)
  usedChars += value.length + key.length
  evict()
  if (share && shared) shared.set(SHARED_PREFIX + key, value, SHARED_TTL_MS).catch(() => {})
}

function evict(): void {
  for (const [key, value] of entries) {
    if (usedChars <= maxChars) break
    entries.delete(key)
    usedChars -= value.length + key.length
  }
}

/** Memory in use, for tests and stats. */
export function cacheSize(): { entries: number; chars: number; maxChars: number } {
  return { entries: entries.size, chars: usedChars, maxChars }
}

export function clearConversionCache(): void {
  entries.clear()
  usedChars = 0
}

/**
 * `convert` through the cache: a memory hit answers at once (no thread, no promise), a shared hit
 * after one store round trip; otherwise the conversion runs and its result is kept. `shareable`
 * false (a small input, converted inline in well under a store round trip) keeps it in memory only.
 */
export function throughCache(
  kind: string,
  input: string,
  options: unknown,
  convert: () => string | Promise<string>,
  shareable = true,
): string | Promise<string> {
  if (maxChars === 0) return convert()
  const key = cacheKey(kind, input, options)
  const hit = cached(key)
  if (hit !== undefined) return hit
  cacheStats.misses++
  const fresh = (): string | Promise<string> => {
    const out = convert()
    if (typeof out === 'string') {
      remember(key, out)
      return out
    }
    return out.then(value => {
      remember(key, value)
      return value
    })
  }
  if (!shared || !shareable) return fresh()
  return sharedLookup(key).then(value => value ?? fresh())
}
