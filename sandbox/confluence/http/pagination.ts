// Cursor pagination as Confluence v2 does it: an opaque cursor in `_links.next` (a site-relative
// URL that keeps the original filters) and the same URL in a `Link: <...>; rel="next"` header.
// Through the gateway the next link is still site-relative (`/wiki/api/v2/...`), as on Atlassian.
import { badRequest } from './errors.ts'

export interface PageRequest {
  /** Site-relative path of the request, e.g. `/wiki/api/v2/pages`. */
  path: string
  search: URLSearchParams
  cursor?: string
  limit: number
}

export interface PageResult<T> {
  items: T[]
  /** Site-relative URL of the next page, when there is one. */
  next?: string
}

// The cursor records the last item's key and its offset: the key keeps pagination stable when
// items are added or removed between calls; the offset is the fallback when that item is gone.
export function encodeCursor(offset: number, lastKey: string): string {
  return Buffer.from(`${offset}|${lastKey}`).toString('base64url')
}

function decodeCursor(cursor: string): { offset: number; lastKey: string } {
  const [offset, ...rest] = Buffer.from(cursor, 'base64url').toString('utf8').split('|')
  const n = Number(offset)
  if (!Number.isInteger(n) || n < 0 || rest.length === 0)
    throw badRequest(`Invalid cursor: ${cursor}`, 'INVALID_REQUEST_PARAMETER')
  return { offset: n, lastKey: rest.join('|') }
}

export function paginate<T>(all: T[], keyOf: (item: T) => string, req: PageRequest): PageResult<T> {
  let start = 0
  if (req.cursor) {
    const { offset, lastKey } = decodeCursor(req.cursor)
    const at = all.findIndex(item => keyOf(item) === lastKey)
    start = at >= 0 ? at + 1 : Math.min(offset, all.length)
  }
  const items = all.slice(start, start + req.limit)
  const end = start + items.length
  if (end >= all.length || items.length === 0) return { items }
  return { items, next: withParam(req.path, req.search, 'cursor', encodeCursor(end, keyOf(items[items.length - 1]!))) }
}

/** The request URL with one query parameter replaced (appended last, like Confluence does). */
export function withParam(path: string, search: URLSearchParams, name: string, value: string): string {
  const params = new URLSearchParams(search)
  params.delete(name)
  params.append(name, value)
  return `${path}?${params.toString()}`
}

/** `{results, _links}` plus the Link header of a v2 list response. */
export function v2List<T>(
  page: PageResult<T>,
  base: string,
): { body: { results: T[]; _links: { next?: string; base: string } }; headers: Record<string, string> } {
  const links = page.next ? `<${page.next}>; rel="next", <${base}>; rel="base"` : `<${base}>; rel="base"`
  return {
    body: { results: page.items, _links: { ...(page.next ? { next: page.next } : {}), base } },
    headers: { Link: links },
  }
}
