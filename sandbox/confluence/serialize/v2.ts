// Model -> Confluence REST v2 JSON (PageBulk/PageSingle, SpaceBulk, comments, attachments, labels).
// Optional fields are omitted rather than null where the spec does not declare them nullable.
import { currentVersion, type ConfluenceState } from '../model/state.ts'
import type { Attachment, Comment, Label, Page, PageVersion, Space } from '../model/types.ts'
import { storageToAdf } from '../storage/to-adf.ts'
import { renderView } from '../storage/view.ts'
import { attachmentDownload, attachmentWebui, commentWebui, pageLinks, renderLinksFor } from './links.ts'

export interface SerializeContext {
  state: ConfluenceState
  /** `<site>/wiki`, the `_links.base` of every response. */
  base: string
}

/** `body` for one representation; Confluence fills only the requested one (`{}` when none). */
export function bodyOf(
  ctx: SerializeContext,
  storage: string,
  format: string | undefined,
  page?: Page,
): Record<string, { representation: string; value: string }> {
  if (!format) return {}
  if (format === 'storage' || format === 'editor') return { [format]: { representation: format, value: storage } }
  if (format === 'atlas_doc_format')
    return { atlas_doc_format: { representation: 'atlas_doc_format', value: JSON.stringify(storageToAdf(storage)) } }
  const links = page
    ? renderLinksFor(ctx.state, page, ctx.base)
    : { page: () => undefined, attachment: () => undefined, children: () => [] }
  return { [format]: { representation: format, value: renderView(storage, links) } }
}

export function versionJson(v: Pick<PageVersion, 'number' | 'message' | 'minorEdit' | 'authorId' | 'createdAt'>) {
  return { createdAt: v.createdAt, message: v.message, number: v.number, minorEdit: v.minorEdit, authorId: v.authorId }
}

export interface PageJsonOptions {
  bodyFormat?: string
  /** Serialize this historical version instead of the current one. */
  version?: PageVersion
  includeVersion?: boolean
}

export function pageJson(ctx: SerializeContext, page: Page, options: PageJsonOptions = {}) {
  const { state } = ctx
  const v = options.version ?? currentVersion(page)
  const historical = v !== currentVersion(page)
  return {
    id: page.id,
    status: historical ? 'historical' : page.status,
    title: v.title,
    spaceId: page.spaceId,
    ...(page.parentId ? { parentId: page.parentId, parentType: 'page' } : {}),
    position: page.position,
    authorId: page.authorId,
    ownerId: page.ownerId,
    lastOwnerId: null,
    createdAt: page.createdAt,
    ...(options.includeVersion === false ? {} : { version: versionJson(v) }),
    body: bodyOf(ctx, v.body, options.bodyFormat, page),
    _links: pageLinks(state, page),
  }
}

export function spaceJson(
  ctx: SerializeContext,
  space: Space,
  options: { descriptionFormat?: string; includeIcon?: boolean } = {},
) {
  const description =
    options.descriptionFormat === 'plain'
      ? { plain: { representation: 'plain', value: space.description } }
      : options.descriptionFormat === 'view'
        ? { view: { representation: 'view', value: space.description ? `<p>${space.description}</p>` : '' } }
        : undefined
  return {
    id: space.id,
    key: space.key,
    name: space.name,
    type: space.type,
    status: space.status,
    authorId: space.authorId,
    createdAt: space.createdAt,
    ...(space.homepageId ? { homepageId: space.homepageId } : {}),
    ...(description ? { description } : {}),
    ...(options.includeIcon
      ? {
          icon: {
            path: '/images/logo/default-space-logo.svg',
            apiDownloadLink: `/download/attachments/${space.homepageId ?? space.id}/space-icon.svg`,
          },
        }
      : {}),
    _links: { webui: `/spaces/${space.key}` },
  }
}

export function commentJson(ctx: SerializeContext, comment: Comment, bodyFormat?: string) {
  const page = ctx.state.pages.get(comment.pageId)
  const inline = comment.kind === 'inline'
  return {
    id: comment.id,
    status: comment.status,
    title: `Re: ${page ? currentVersion(page).title : ''}`,
    pageId: comment.pageId,
    ...(comment.parentCommentId ? { parentCommentId: comment.parentCommentId } : {}),
    version: versionJson({
      number: comment.version,
      message: '',
      minorEdit: false,
      authorId: comment.authorId,
      createdAt: comment.createdAt,
    }),
    body: bodyOf(ctx, comment.body, bodyFormat),
    ...(inline && comment.resolutionStatus ? { resolutionStatus: comment.resolutionStatus } : {}),
    ...(inline && comment.inlineMarkerRef
      ? {
          properties: {
            inlineMarkerRef: comment.inlineMarkerRef,
            inlineOriginalSelection: comment.inlineOriginalSelection ?? '',
          },
        }
      : {}),
    _links: { webui: commentWebui(ctx.state, comment) },
  }
}

const MEDIA_DESCRIPTIONS: Record<string, string> = {
  'image/png': 'PNG Image',
  'image/jpeg': 'JPEG Image',
  'image/gif': 'GIF Image',
  'text/plain': 'Text File',
  'application/pdf': 'PDF Document',
  'application/json': 'JSON File',
}

export function attachmentJson(attachment: Attachment) {
  const download = attachmentDownload(attachment)
  const webui = attachmentWebui(attachment)
  return {
    id: attachment.id,
    status: attachment.status,
    title: attachment.title,
    createdAt: attachment.createdAt,
    pageId: attachment.pageId,
    mediaType: attachment.mediaType,
    mediaTypeDescription: MEDIA_DESCRIPTIONS[attachment.mediaType] ?? 'File',
    comment: attachment.comment,
    fileId: attachment.fileId,
    fileSize: attachment.data.length,
    webuiLink: webui,
    downloadLink: download,
    version: versionJson({
      number: attachment.version,
      message: '',
      minorEdit: false,
      authorId: attachment.authorId,
      createdAt: attachment.createdAt,
    }),
    _links: { webui, download },
  }
}

export function labelJson(label: Label) {
  return { id: label.id, name: label.name, prefix: label.prefix }
}
