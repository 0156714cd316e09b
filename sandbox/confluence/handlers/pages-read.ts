// GET /pages, GET /pages/{id} and GET /spaces/{id}/pages.
import { currentVersion } from '../model/state.ts'
import type { Page } from '../model/types.ts'
import { badRequest, notFound } from '../http/errors.ts'
import { labelJson, pageJson, versionJson } from '../serialize/v2.ts'
import {
  PAGE_SORT_KEYS,
  listResult,
  requirePage,
  sortBy,
  str,
  strings,
  type Handler,
  type HandlerContext,
} from './context.ts'

const DEFAULT_STATUSES = ['current', 'archived']

function filterPages(ctx: HandlerContext, pages: Page[]): Page[] {
  const ids = strings(ctx.query.id)
  const spaceIds = strings(ctx.query['space-id'])
  const statuses = strings(ctx.query.status) ?? DEFAULT_STATUSES
  const title = str(ctx.query.title)
  return pages.filter(
    p =>
      (!ids || ids.includes(p.id)) &&
      (!spaceIds || spaceIds.includes(p.spaceId)) &&
      statuses.includes(p.status) &&
      (title === undefined || currentVersion(p).title === title),
  )
}

function listPages(ctx: HandlerContext, pages: Page[]) {
  const sorted = sortBy(filterPages(ctx, pages), str(ctx.query.sort), PAGE_SORT_KEYS, 'id')
  const bodyFormat = str(ctx.query['body-format'])
  return listResult(
    ctx,
    sorted,
    p => p.id,
    p => pageJson(ctx.ser, p, { bodyFormat }),
  )
}

export const getPages: Handler = ctx => listPages(ctx, [...ctx.state.pages.values()])

export const getPagesInSpace: Handler = ctx => {
  const space = ctx.state.spaces.get(ctx.pathParams.id!)
  if (!space) throw notFound()
  const inSpace = [...ctx.state.pages.values()].filter(p => p.spaceId === space.id)
  return listPages(ctx, ctx.query.depth === 'root' ? inSpace.filter(p => !p.parentId) : inSpace)
}

// include-* blocks are capped at 50 results with `meta.hasMore`, per the spec descriptions.
function includeBlock<T>(items: T[], self: string) {
  return { results: items.slice(0, 50), meta: { hasMore: items.length > 50 }, _links: { self } }
}

export const getPageById: Handler = ctx => {
  const q = ctx.query
  const statuses = strings(q.status) ?? ['current', 'archived']
  const page = requirePage(ctx, ctx.pathParams.id!, q['get-draft'] ? [...statuses, 'draft'] : statuses)
  let version = currentVersion(page)
  if (q.version !== undefined) {
    const found = page.versions.find(v => v.number === q.version)
    if (!found)
      throw badRequest(`Version ${String(q.version)} does not exist for page ${page.id}`, 'INVALID_REQUEST_PARAMETER')
    version = found
  }
  const json: Record<string, unknown> = pageJson(ctx.ser, page, {
    bodyFormat: str(q['body-format']),
    version,
    includeVersion: q['include-version'] !== false,
  })
  const api = `/wiki/api/v2/pages/${page.id}`
  if (q['include-labels']) json.labels = includeBlock(ctx.state.labelsOf(page.id).map(labelJson), `${api}/labels`)
  if (q['include-versions'])
    json.versions = includeBlock([...page.versions].reverse().map(versionJson), `${api}/versions`)
  if (q['include-properties']) json.properties = includeBlock([], `${api}/properties`)
  if (q['include-likes']) json.likes = includeBlock([], `${api}/likes/users`)
  if (q['include-operations']) {
    const ops = ['read', 'update', 'delete'].map(operation => ({ operation, targetType: 'page' }))
    json.operations = includeBlock(ops, `${api}/operations`)
  }
  if (q['include-favorited-by-current-user-status']) json.isFavoritedByCurrentUser = false
  json._links = { ...(json._links as object), base: ctx.ser.base }
  return { status: 200, body: json }
}
