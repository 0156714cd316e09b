// What every operation handler receives and returns, plus the helpers most of them share.
import { currentVersion, type ConfluenceState } from '../model/state.ts'
import type { Page, User } from '../model/types.ts'
import { notFound } from '../http/errors.ts'
import { paginate, v2List } from '../http/pagination.ts'
import type { SerializeContext } from '../serialize/v2.ts'

export interface HandlerContext {
  state: ConfluenceState
  ser: SerializeContext
  /** Path parameters as sent (strings), by their spec names (`id`, `page-id`, ...). */
  pathParams: Record<string, string>
  /** Query parameters after validation: coerced to their spec types, defaults filled in. */
  query: Record<string, unknown>
  body: unknown
  user: User
  /** Site-relative request path (gateway prefix removed) and its query string. */
  path: string
  search: URLSearchParams
  /** Site URL without `/wiki`, e.g. http://127.0.0.1:4010. */
  siteUrl: string
}

export interface HandlerResult {
  status: number
  body?: unknown
  headers?: Record<string, string>
}

export type Handler = (ctx: HandlerContext) => HandlerResult | Promise<HandlerResult>

export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined)
export const strings = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.map(String) : undefined)
/** A string parameter the spec sometimes declares as an array (e.g. `sort`). */
export const first = (v: unknown): string | undefined => (Array.isArray(v) ? str(v[0]) : str(v))

/** A page visible with the given statuses; anything else is a 404, as Confluence hides it. */
export function requirePage(ctx: HandlerContext, id: string, statuses: string[] = ['current', 'archived']): Page {
  const page = ctx.state.pages.get(id)
  if (!page || !statuses.includes(page.status)) throw notFound()
  return page
}

/** A v2 list response for already filtered and sorted items. */
export function listResult<T, J>(
  ctx: HandlerContext,
  items: T[],
  keyOf: (item: T) => string,
  toJson: (item: T) => J,
): HandlerResult {
  const page = paginate(items, keyOf, {
    path: ctx.path,
    search: ctx.search,
    cursor: str(ctx.query.cursor),
    limit: Number(ctx.query.limit ?? 25),
  })
  const { body, headers } = v2List({ items: page.items.map(toJson), next: page.next }, ctx.ser.base)
  return { status: 200, body, headers }
}

type SortKey<T> = (item: T) => string | number

/** Sorts by a Confluence sort token such as `title` or `-modified-date`. */
export function sortBy<T>(
  items: T[],
  token: string | undefined,
  keys: Record<string, SortKey<T>>,
  fallback: string,
): T[] {
  const raw = token ?? fallback
  const desc = raw.startsWith('-')
  const key = keys[desc ? raw.slice(1) : raw] ?? keys[fallback.replace(/^-/, '')]!
  return [...items].sort((a, b) => {
    const x = key(a)
    const y = key(b)
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y))
    return desc ? -order : order
  })
}

export const PAGE_SORT_KEYS: Record<string, SortKey<Page>> = {
  id: p => Number(p.id),
  'created-date': p => Date.parse(p.createdAt),
  'modified-date': p => Date.parse(currentVersion(p).createdAt),
  title: p => currentVersion(p).title,
  'child-position': p => p.position,
}
