// $pageBodyKey, $cachedPageBody, $keepPageBody: what lets pages.getBody read a page version's body
// without fetching it again (docs/connector.md "Conversion cache"). The automation first asks
// Confluence for the page without its body — the answer says the caller may read it and names its
// version — and only then looks the body up by (site, page id, status, version, representation)
// (cache.ts versionKey). A miss fetches the body and keeps it under the key of the page it came with.
import { cachedBody, rememberBody, versionCacheable, versionKey } from './cache.ts'

/** `bodyFormat` markdown is read from storage; view and anything else is not version-cached. */
function representation(bodyFormat: unknown): string | undefined {
  return bodyFormat === 'markdown' ? 'storage' : typeof bodyFormat === 'string' ? bodyFormat : undefined
}

/** Whether pages.getBody in `bodyFormat` asks for the page without its body first (the cache is on, not view). */
export function pageBodyCacheable(bodyFormat: unknown): boolean {
  return versionCacheable(representation(bodyFormat))
}

/** The version key of `page` (an answer from Confluence) read in `bodyFormat`, or undefined when not cacheable. */
export function pageBodyKey(site: unknown, page: unknown, bodyFormat: unknown): string | undefined {
  return versionKey(site, page, representation(bodyFormat))
}

/** `page` (Confluence's answer without the body) with the cached body of its version, or undefined on a miss. */
export function cachedPageBody(site: unknown, page: unknown, bodyFormat: unknown): unknown {
  const key = pageBodyKey(site, page, bodyFormat)
  if (key === undefined) return undefined
  const body = cachedBody(key)
  if (body === undefined) return undefined
  return { ...(page as Record<string, unknown>), body }
}

/** Keeps the body of `page` (Confluence's answer with the body) under its own version key; returns `page`. */
export function keepPageBody(site: unknown, page: unknown, bodyFormat: unknown): unknown {
  const key = pageBodyKey(site, page, bodyFormat)
  const rep = representation(bodyFormat)
  if (key !== undefined && rep !== undefined) rememberBody(key, (page as { body?: unknown }).body, rep)
  return page
}
