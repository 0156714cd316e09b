// v1 CQL search: GET /wiki/rest/api/search (SearchResult envelope, start/limit/totalSize, excerpts)
// and GET /wiki/rest/api/content/search (ContentArray).
import { search, type Hit } from '../cql/evaluate.ts'
import { CqlError } from '../cql/lexer.ts'
import { parseCql, type CqlQuery, type Expr } from '../cql/parser.ts'
import { decorate, excerpt, textQuery, type ExcerptMode, type TextQuery } from '../cql/text-match.ts'
import { ApiError, badRequest } from '../http/errors.ts'
import { contentV1, contentWebui, friendlyDate, spaceV1 } from '../serialize/v1.ts'
import { str, strings, type Handler, type HandlerContext } from './context.ts'
import { siteEntities, type SiteEntity } from './search-index.ts'

// The system limit Confluence applies to search page sizes.
const MAX_LIMIT = 250

function parse(cql: string): CqlQuery {
  try {
    return parseCql(cql)
  } catch (err) {
    if (err instanceof CqlError)
      throw badRequest(
        `com.atlassian.confluence.api.service.exceptions.BadRequestException: Could not parse cql : ${cql}`,
      )
    throw err
  }
}

/** Runs the query; evaluation errors (bad dates, functions) are parse errors to the caller. */
function run(ctx: HandlerContext, cql: string, contentOnly: boolean): Array<Hit<SiteEntity>> {
  const query = parse(cql)
  let entities = siteEntities(ctx.state)
  if (contentOnly) entities = entities.filter(e => e.type !== 'space')
  const context = parseContext(str(ctx.query.cqlcontext))
  if (context.spaceKey) entities = entities.filter(e => e.spaceKey === context.spaceKey)
  if (ctx.query.excludeCurrentSpaces === true) entities = [] // archived spaces are not modelled
  try {
    return search(query, entities, { currentUser: ctx.user.accountId, now: Date.now() })
  } catch (err) {
    if (err instanceof CqlError)
      throw badRequest(
        `com.atlassian.confluence.api.service.exceptions.BadRequestException: Could not parse cql : ${cql}`,
      )
    throw err
  }
}

function parseContext(raw: string | undefined): { spaceKey?: string } {
  if (!raw) return {}
  try {
    return JSON.parse(raw) as { spaceKey?: string }
  } catch {
    throw badRequest(`Invalid cqlcontext: ${raw}`)
  }
}

/** Text queries whose hits are highlighted: `~` clauses on title/text that are not negated. */
function highlightQueries(expr: Expr, out: TextQuery[] = []): TextQuery[] {
  if (expr.kind === 'and' || expr.kind === 'or') {
    highlightQueries(expr.left, out)
    highlightQueries(expr.right, out)
  } else if (expr.kind === 'clause' && expr.op === '~' && (expr.field === 'title' || expr.field === 'text')) {
    const v = expr.values[0]
    if (v?.kind === 'literal') out.push(textQuery(v.value))
  }
  return out
}

function offsetFrom(ctx: HandlerContext): number {
  const cursor = str(ctx.query.cursor)
  if (!cursor) return Number(ctx.query.start ?? 0)
  const n = Number(Buffer.from(cursor, 'base64url').toString('utf8'))
  if (!Number.isInteger(n) || n < 0) throw new ApiError(400, `Invalid cursor: ${cursor}`)
  return n
}

/**
 * v1 `_links`; `next` is relative to `base` and carries a cursor. /search also repeats
 * `next=true` and `start` (both declared there); /content/search declares neither.
 */
function links(
  ctx: HandlerContext,
  start: number,
  limit: number,
  total: number,
  withStart: boolean,
): Record<string, string> {
  const apiPath = ctx.path.replace(/^\/wiki/, '')
  const out: Record<string, string> = {
    base: ctx.ser.base,
    context: '/wiki',
    self: `${ctx.ser.base}${apiPath}?${ctx.search.toString()}`,
  }
  if (limit > 0 && start + limit < total) {
    const next = new URLSearchParams(ctx.search)
    next.delete('cursor')
    next.set('limit', String(limit))
    next.set('cursor', Buffer.from(String(start + limit)).toString('base64url'))
    if (withStart) {
      next.set('next', 'true')
      next.set('start', String(start + limit))
    }
    out.next = `${apiPath}?${next.toString()}`
  }
  return out
}

export const searchByCQL: Handler = ctx => {
  const started = Date.now()
  const cql = str(ctx.query.cql) ?? ''
  const hits = run(ctx, cql, false)
  const limit = Math.min(Number(ctx.query.limit ?? 25), MAX_LIMIT)
  const start = offsetFrom(ctx)
  const mode = (str(ctx.query.excerpt) ?? 'highlight') as ExcerptMode
  const expand = new Set(
    (strings(ctx.query.expand) ?? []).filter(e => e.startsWith('content.')).map(e => e.slice('content.'.length)),
  )
  const queries = highlightQueries(parse(cql).where)
  const tests = queries.flatMap(q => q.terms.map(t => t.test))
  const results = hits.slice(start, start + limit).map(({ entity, score }) => ({
    ...(entity.space
      ? { space: spaceV1(entity.space) }
      : { content: contentV1(ctx.state, entity.ref, expand, ctx.ser.base) }),
    title: decorate(entity.title, tests, mode),
    excerpt: excerpt(entity.text, queries, mode),
    url: entity.space ? `/spaces/${entity.space.key}` : contentWebui(ctx.state, entity.ref),
    resultGlobalContainer: { title: entity.spaceName ?? '', displayUrl: `/spaces/${entity.spaceKey ?? ''}` },
    breadcrumbs: [],
    entityType: entity.space ? 'space' : 'content',
    iconCssClass: `aui-icon content-type-${entity.type}`,
    lastModified: new Date(entity.modified).toISOString(),
    friendlyLastModified: friendlyDate(new Date(entity.modified).toISOString()),
    score: Math.round(score * 1000) / 1000,
  }))
  return {
    status: 200,
    body: {
      results,
      start,
      limit,
      size: results.length,
      totalSize: hits.length,
      cqlQuery: cql,
      searchDuration: Date.now() - started,
      _links: links(ctx, start, limit, hits.length, true),
    },
  }
}

export const searchContentByCQL: Handler = ctx => {
  const cql = str(ctx.query.cql)
  if (!cql) throw badRequest('CQL query parameter is required')
  const hits = run(ctx, cql, true)
  const limit = Math.min(Number(ctx.query.limit ?? 25), MAX_LIMIT)
  const start = offsetFrom(ctx)
  const expand = new Set(strings(ctx.query.expand) ?? [])
  const results = hits
    .slice(start, start + limit)
    .map(({ entity }) => contentV1(ctx.state, entity.ref!, expand, ctx.ser.base))
  return {
    status: 200,
    body: { results, start, limit, size: results.length, _links: links(ctx, start, limit, hits.length, false) },
  }
}
