// POST /pages, PUT /pages/{id} (optimistic locking, version history, moves, restore) and
// DELETE /pages/{id} (trash, purge, discard draft).
import { currentVersion, type ConfluenceState } from '../model/state.ts'
import type { Page } from '../model/types.ts'
import { badRequest, conflict, notFound } from '../http/errors.ts'
import { pageJson } from '../serialize/v2.ts'
import { BodyConversionError, toStorage } from '../storage/from-input.ts'
import type { Handler, HandlerContext } from './context.ts'

interface BodyWrite {
  representation?: string
  value?: string
}

interface PageWrite {
  id?: string
  spaceId?: string
  status?: 'current' | 'draft'
  title?: string
  parentId?: string
  body?: BodyWrite & { storage?: BodyWrite; atlas_doc_format?: BodyWrite; wiki?: BodyWrite }
  version?: { number?: number; message?: string }
}

// The text Confluence Cloud answers when a title is reused within a space.
const DUPLICATE_TITLE = 'A page with this title already exists: A page already exists with the same TITLE in this space'

/** Accepts both body forms: `{representation, value}` and `{storage: {representation, value}}`. */
function readBody(body: PageWrite['body']): { storage: string; representation: string } {
  if (!body) return { storage: '', representation: 'storage' }
  const flat = body.representation ? body : (body.storage ?? body.atlas_doc_format ?? body.wiki)
  if (!flat?.representation) throw badRequest('The body must specify a representation')
  try {
    return {
      storage: toStorage(flat.representation, flat.value ?? ''),
      representation: flat.representation === 'wiki' ? 'storage' : flat.representation,
    }
  } catch (err) {
    if (err instanceof BodyConversionError) throw badRequest(err.message)
    throw err
  }
}

function checkParent(
  state: ConfluenceState,
  page: Pick<Page, 'id' | 'spaceId'> | undefined,
  spaceId: string,
  parentId: string,
): void {
  const parent = state.pages.get(parentId)
  if (parent?.status !== 'current' || parent.spaceId !== spaceId)
    throw badRequest(`Parent page ${parentId} does not exist in this space`)
  if (page && (parent.id === page.id || state.ancestors(parent).some(a => a.id === page.id))) {
    throw badRequest('A page cannot be moved below itself or one of its descendants')
  }
}

export const createPage: Handler = ctx => {
  const input = ctx.body as PageWrite
  const space = ctx.state.spaces.get(String(input.spaceId))
  if (!space) throw notFound(`Space ${String(input.spaceId)} does not exist`)
  const status = input.status ?? 'current'
  const title = input.title?.trim() ?? ''
  if (status === 'current' && !title) throw badRequest('Title is required when the status is current')
  if (ctx.query['root-level'] === true && input.parentId)
    throw badRequest('parentId cannot be provided when root-level is true')
  const parentId = input.parentId ?? (ctx.query['root-level'] === true ? undefined : space.homepageId)
  if (parentId) checkParent(ctx.state, undefined, space.id, parentId)
  if (status === 'current' && ctx.state.titleTaken(space.id, title)) throw badRequest(DUPLICATE_TITLE)
  const { storage, representation } = readBody(input.body)
  const page = ctx.state.addPage({
    spaceId: space.id,
    parentId,
    title,
    body: storage,
    status,
    authorId: ctx.user.accountId,
  })
  return { status: 200, body: withBase(ctx, pageJson(ctx.ser, page, { bodyFormat: representation })) }
}

export const updatePage: Handler = ctx => {
  const input = ctx.body as PageWrite
  const page = ctx.state.pages.get(ctx.pathParams.id!)
  if (!page) throw notFound()
  if (input.id !== undefined && String(input.id) !== page.id)
    throw badRequest('The id in the request body does not match the page id in the path')

  // Restoring from the trash only changes the status, as the spec describes.
  if (page.status === 'trashed') {
    if (input.status !== 'current') throw notFound()
    page.status = 'current'
    return { status: 200, body: withBase(ctx, pageJson(ctx.ser, page)) }
  }
  if (input.status === 'draft' && page.status !== 'draft')
    throw badRequest('Changing a published page back to a draft is not supported')

  const current = currentVersion(page).number
  const provided = input.version?.number
  if (provided === undefined) throw badRequest('Version number must be provided when updating a page')
  if (provided !== current + 1) {
    throw conflict(
      `Version must be incremented when updating a page. Current Version: [${current}]. Provided version: [${provided}]`,
    )
  }
  if (input.spaceId !== undefined && String(input.spaceId) !== page.spaceId)
    throw badRequest('Moving a page to a different space is not supported')
  const title = input.title?.trim() ?? ''
  if (!title) throw badRequest('Title is required when the status is current')
  if (ctx.state.titleTaken(page.spaceId, title, page.id)) throw badRequest(DUPLICATE_TITLE)
  if (input.parentId !== undefined && String(input.parentId) !== page.parentId)
    checkParent(ctx.state, page, page.spaceId, String(input.parentId))

  const { storage, representation } = readBody(input.body)
  ctx.state.updatePage(page, { title, body: storage, message: input.version?.message, authorId: ctx.user.accountId })
  if (input.parentId !== undefined) ctx.state.movePage(page, String(input.parentId))
  if (input.status === 'current') page.status = 'current'
  return { status: 200, body: withBase(ctx, pageJson(ctx.ser, page, { bodyFormat: representation })) }
}

export const deletePage: Handler = ctx => {
  const page = ctx.state.pages.get(ctx.pathParams.id!)
  if (!page) throw notFound()
  if (ctx.query.purge === true) {
    if (page.status !== 'trashed') throw badRequest('Only a trashed page can be purged')
    ctx.state.purgePage(page)
  } else if (ctx.query.draft === true) {
    if (page.status !== 'draft') throw notFound()
    ctx.state.purgePage(page)
  } else {
    if (page.status === 'trashed' || page.status === 'draft') throw notFound()
    ctx.state.trashPage(page)
  }
  return { status: 204 }
}

function withBase(ctx: HandlerContext, json: ReturnType<typeof pageJson>) {
  return { ...json, _links: { ...json._links, base: ctx.ser.base } }
}
