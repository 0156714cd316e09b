// The page hierarchy: /children (deprecated), /direct-children, /ancestors and /descendants.
import { currentVersion } from '../model/state.ts'
import type { Page } from '../model/types.ts'
import { PAGE_SORT_KEYS, first, listResult, requirePage, sortBy, type Handler } from './context.ts'

const childStatus = (p: Page) => (p.status === 'archived' ? 'archived' : 'current')

/** A page's children, by child position unless sorted: /direct-children also names each one's type. */
function children(typed: boolean): Handler {
  return ctx => {
    const page = requirePage(ctx, ctx.pathParams.id!)
    const sorted = sortBy(ctx.state.children(page.id), first(ctx.query.sort), PAGE_SORT_KEYS, 'child-position')
    return listResult(
      ctx,
      sorted,
      p => p.id,
      p => ({
        id: p.id,
        status: childStatus(p),
        title: currentVersion(p).title,
        ...(typed ? { type: 'page' } : {}),
        spaceId: p.spaceId,
        childPosition: p.position,
      }),
    )
  }
}

export const getChildPages: Handler = children(false)
export const getPageDirectChildren: Handler = children(true)

/**
 * Top-to-bottom. When there are more ancestors than `limit`, Confluence returns the ones closest
 * to the page; callers continue from the first (highest) returned ancestor.
 */
export const getPageAncestors: Handler = ctx => {
  const page = requirePage(ctx, ctx.pathParams.id!)
  const limit = Number(ctx.query.limit ?? 25)
  const ancestors = ctx.state.ancestors(page).slice(-limit)
  return {
    status: 200,
    body: { results: ancestors.map(a => ({ id: a.id, type: 'page' })), _links: { base: ctx.ser.base } },
  }
}

export const getPageDescendants: Handler = ctx => {
  const page = requirePage(ctx, ctx.pathParams.id!)
  const found = ctx.state.descendants(page, Number(ctx.query.depth ?? 2))
  return listResult(
    ctx,
    found,
    d => d.page.id,
    ({ page: p, depth }) => ({
      id: p.id,
      status: childStatus(p),
      title: currentVersion(p).title,
      type: 'page',
      parentId: p.parentId!,
      depth,
      childPosition: p.position,
    }),
  )
}
