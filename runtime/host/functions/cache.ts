// Results of conversions ($bodyView, $markdown) by what they are computed from, and the bodies of page
// versions (docs/connector.md "Conversion cache", docs/performance.md "Conversion cache").
//
// Two kinds of keys, neither ever built from an id or a version a caller names:
// - a SHA-256 of the whole task — the body Confluence answered with, and every option (format,
//   maxChars, part, section, the call named in notices, the input cap). A lookup happens only after
//   Confluence has answered this caller's own request with this body, and a hit is exactly the text
//   the conversion would compute from what the caller already holds.
// - a version key (versionKey below): site, page id, status, version number and representation, from
//   Confluence's answer to this caller for that page (pages.getBody asks for the page without its
//   body first). A version is immutable, so its storage or ADF body, and what is shown of it, are the
//   same for every reader of that version on that site; another site has another key.
//
// Two levels: this process's memory (LRU bounded in characters), and the shared store when it is
// Redis (several replicas; entries sealed like every store record, with a time to live). Bodies by
// version are kept in memory only.
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
/** A page version's body as Confluence returned it (under a versionKey; digests never look like one). */
interface BodyEntry {
  body: unknown
  chars: number
}
/** Conversion results and bodies in one recency order, so eviction drops the least recently used of either. */
const entries = new Map<string, string | BodyEntry>()

function charsOf(value: string | BodyEntry): number {
  return typeof value === 'string' ? value.length : value.chars
}
export const cacheStats = { hits: 0, sharedHits: 0, misses: 0, bodyHits: 0 }

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
  if (typeof hit !== 'string') return undefined
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
  if (old !== undefined) usedChars -= charsOf(old) + key.length
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
    usedChars -= charsOf(value) + key.length
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

// ---------------------------------------------------------------------------------------------------
// Version-keyed bodies (pages.getBody): a page version is immutable, so its storage or ADF body, and
// what is shown of it, are the same for every reader of that version on that site. The key names the
// site, the page, its status and version number and the representation; it is only ever built from an
// answer Confluence gave the caller (the page without its body: the caller may read the page, and this
// is its version), never from a caller's arguments. Not for `view` (rendered per user, and macros in it
// change without a new version) nor drafts (edited in place under one version number).

/** Whether bodies in `representation` are cached by version (the cache on; storage or atlas_doc_format). */
export function versionCacheable(representation: unknown): boolean {
  return maxChars > 0 && (representation === 'storage' || representation === 'atlas_doc_format')
}

const STABLE_STATUSES = new Set(['current', 'archived', 'historical'])

/**
 * The key of a page version's body in `representation`, or undefined when it is not cacheable (the
 * cache off, `view`, a draft, an answer without an id or a version number).
 */
export function versionKey(site: unknown, page: unknown, representation: unknown): string | undefined {
  if (!versionCacheable(representation) || typeof site !== 'string' || !site) return undefined
  const p = page as { id?: unknown; status?: unknown; version?: { number?: unknown } } | null
  if (!p || typeof p !== 'object') return undefined
  const number = p.version?.number
  if (typeof p.id !== 'string' || !p.id || !Number.isInteger(number)) return undefined
  if (typeof p.status !== 'string' || !STABLE_STATUSES.has(p.status)) return undefined
  return JSON.stringify([site, p.id, p.status, number, representation])
}

/** The body (`page.body` as Confluence returned it) of a version key, or undefined. */
export function cachedBody(key: string): unknown {
  if (maxChars === 0) return undefined
  const hit = entries.get(key)
  if (hit === undefined || typeof hit === 'string') return undefined
  entries.delete(key)
  entries.set(key, hit)
  cacheStats.bodyHits++
  return hit.body
}

/** Keeps a copy of `body` (frozen: every later reader shares it) under a version key; bodies without the representation's value are not kept. */
export function rememberBody(key: string, body: unknown, representation: string): void {
  const value = (body as Record<string, { value?: unknown }> | null)?.[representation]?.value
  if (maxChars === 0 || typeof value !== 'string') return
  const chars = value.length + 64
  if (chars > maxChars / MAX_ENTRY_SHARE) return
  const old = entries.get(key)
  if (old !== undefined) usedChars -= charsOf(old) + key.length
  entries.delete(key)
  entries.set(key, { body: deepFreeze(structuredClone(body)), chars })
  usedChars += chars + key.length
  evict()
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner)
    Object.freeze(value)
  }
  return value
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
