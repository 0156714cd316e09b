// Footer and inline comments: page lists, replies, single comments and creation (201).
import { randomUUID } from 'node:crypto'
import { currentVersion } from '../model/state.ts'
import type { Comment } from '../model/types.ts'
import { badRequest, notFound } from '../http/errors.ts'
import { commentJson } from '../serialize/v2.ts'
import { BodyConversionError, toStorage } from '../storage/from-input.ts'
import { plainText } from '../storage/text.ts'
import { listResult, requirePage, sortBy, str, strings, type Handler, type HandlerContext } from './context.ts'

const COMMENT_SORT_KEYS = {
  'created-date': (c: Comment) => Date.parse(c.createdAt),
  'modified-date': (c: Comment) => Date.parse(c.createdAt),
}

function listComments(ctx: HandlerContext, comments: Comment[]) {
  const statuses = strings(ctx.query.status) ?? ['current']
  const resolution = strings(ctx.query['resolution-status'])
  const filtered = comments.filter(
    c => statuses.includes(c.status) && (!resolution || resolution.includes(c.resolutionStatus ?? '')),
  )
  const bodyFormat = str(ctx.query['body-format'])
  return listResult(
    ctx,
    sortBy(filtered, str(ctx.query.sort), COMMENT_SORT_KEYS, 'created-date'),
    c => c.id,
    c => commentJson(ctx.ser, c, bodyFormat),
  )
}

const topLevel = (ctx: HandlerContext, kind: Comment['kind']) => {
  const page = requirePage(ctx, ctx.pathParams.id!)
  return [...ctx.state.comments.values()].filter(c => c.kind === kind && c.pageId === page.id && !c.parentCommentId)
}

export const getPageFooterComments: Handler = ctx => listComments(ctx, topLevel(ctx, 'footer'))
export const getPageInlineComments: Handler = ctx => listComments(ctx, topLevel(ctx, 'inline'))

function requireComment(ctx: HandlerContext, id: string, kind: Comment['kind']): Comment {
  const comment = ctx.state.comments.get(id)
  if (!comment || comment.kind !== kind || comment.status !== 'current') throw notFound()
  return comment
}

const replies =
  (kind: Comment['kind']): Handler =>
  ctx => {
    const parent = requireComment(ctx, ctx.pathParams.id!, kind)
    return listComments(
      ctx,
      [...ctx.state.comments.values()].filter(c => c.parentCommentId === parent.id),
    )
  }
export const getFooterCommentChildren = replies('footer')
export const getInlineCommentChildren = replies('inline')

const single =
  (kind: Comment['kind']): Handler =>
  ctx => {
    const comment = requireComment(ctx, ctx.pathParams['comment-id']!, kind)
    const json = commentJson(ctx.ser, comment, str(ctx.query['body-format']))
    return { status: 200, body: { ...json, _links: { ...json._links, base: ctx.ser.base } } }
  }
export const getFooterCommentById = single('footer')
export const getInlineCommentById = single('inline')

interface CommentWrite {
  pageId?: string
  parentCommentId?: string
  blogPostId?: string
  attachmentId?: string
  customContentId?: string
  body?: { representation?: string; value?: string; storage?: { representation?: string; value?: string } }
  inlineCommentProperties?: {
    textSelection?: string
    textSelectionMatchCount?: number
    textSelectionMatchIndex?: number
  }
}

function commentBody(input: CommentWrite): string {
  const flat = input.body?.representation ? input.body : input.body?.storage
  if (!flat?.representation || flat.value === undefined)
    throw badRequest('A comment body with a representation and a value is required')
  try {
    return toStorage(flat.representation, flat.value)
  } catch (err) {
    if (err instanceof BodyConversionError) throw badRequest(err.message)
    throw err
  }
}

/** The page a new comment belongs to: given directly, or through the comment it replies to. */
function targetPage(
  ctx: HandlerContext,
  input: CommentWrite,
  kind: Comment['kind'],
): { pageId: string; parent?: Comment } {
  const containers = [
    input.pageId,
    input.parentCommentId,
    input.blogPostId,
    input.attachmentId,
    input.customContentId,
  ].filter(v => v !== undefined)
  if (containers.length !== 1)
    throw badRequest(
      'Exactly one of pageId, blogPostId, attachmentId, customContentId or parentCommentId must be provided',
    )
  if (input.parentCommentId !== undefined) {
    const parent = ctx.state.comments.get(String(input.parentCommentId))
    if (!parent || parent.kind !== kind || parent.status !== 'current')
      throw notFound(`Comment ${String(input.parentCommentId)} not found`)
    return { pageId: parent.pageId, parent }
  }
  if (input.pageId === undefined) throw notFound('The container does not exist') // no blog posts, custom content or attachment comments
  return { pageId: requirePage(ctx, String(input.pageId), ['current']).id }
}

function created(ctx: HandlerContext, comment: Comment, collection: string) {
  const json = commentJson(ctx.ser, comment, 'storage')
  return {
    status: 201,
    body: { ...json, _links: { ...json._links, base: ctx.ser.base } },
    headers: { Location: `${ctx.ser.base}/api/v2/${collection}/${comment.id}` },
  }
}

export const createFooterComment: Handler = ctx => {
  const input = ctx.body as CommentWrite
  const { pageId, parent } = targetPage(ctx, input, 'footer')
  const comment = ctx.state.addComment({
    kind: 'footer',
    pageId,
    parentCommentId: parent?.id,
    body: commentBody(input),
    authorId: ctx.user.accountId,
  })
  return created(ctx, comment, 'footer-comments')
}

/** Top-level inline comments anchor to the n-th occurrence of a text selection in the page. */
export const createInlineComment: Handler = ctx => {
  const input = ctx.body as CommentWrite
  const { pageId, parent } = targetPage(ctx, input, 'inline')
  const body = commentBody(input)
  if (parent)
    return created(
      ctx,
      ctx.state.addComment({ kind: 'inline', pageId, parentCommentId: parent.id, body, authorId: ctx.user.accountId }),
      'inline-comments',
    )

  const props = input.inlineCommentProperties
  const selection = props?.textSelection
  if (!selection || props.textSelectionMatchCount === undefined || props.textSelectionMatchIndex === undefined) {
    throw badRequest(
      'inlineCommentProperties with textSelection, textSelectionMatchCount and textSelectionMatchIndex are required',
    )
  }
  const page = ctx.state.pages.get(pageId)!
  const occurrences = plainText(currentVersion(page).body).split(selection).length - 1
  if (occurrences === 0) throw badRequest(`The text selection "${selection}" was not found in the page`)
  if (props.textSelectionMatchCount !== occurrences || props.textSelectionMatchIndex >= props.textSelectionMatchCount) {
    throw badRequest(`textSelectionMatchCount must be ${occurrences} and textSelectionMatchIndex lower than it`)
  }
  const ref = randomUUID()
  wrapOccurrence(currentVersion(page), selection, props.textSelectionMatchIndex, ref)
  const comment = ctx.state.addComment({
    kind: 'inline',
    pageId,
    body,
    authorId: ctx.user.accountId,
    resolutionStatus: 'open',
    inlineMarkerRef: ref,
    inlineOriginalSelection: selection,
  })
  return created(ctx, comment, 'inline-comments')
}

/** Marks the n-th raw occurrence in storage; selections spanning markup are left unmarked. */
function wrapOccurrence(version: { body: string }, selection: string, index: number, ref: string): void {
  let at = -1
  for (let i = 0; i <= index; i++) {
    at = version.body.indexOf(selection, at + 1)
    if (at < 0) return
  }
  version.body = `${version.body.slice(0, at)}<ac:inline-comment-marker ac:ref="${ref}">${selection}</ac:inline-comment-marker>${version.body.slice(at + selection.length)}`
}
