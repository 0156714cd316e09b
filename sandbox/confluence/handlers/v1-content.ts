// v1 content endpoints still needed next to v2: labels (there is no v2 write endpoint for them)
// and the attachment download redirect.
import type { Label } from '../model/types.ts'
import { badRequest, notFound } from '../http/errors.ts'
import { attachmentDownload } from '../serialize/links.ts'
import { labelV1 } from '../serialize/v1.ts'
import { str, type Handler, type HandlerContext } from './context.ts'

// Characters Confluence refuses in label names (spaces included).
const INVALID_LABEL = /[\s:;,.?&[\]()#^*@!'"|{}<>\\/]/
const PREFIXES = new Set<Label['prefix']>(['global', 'my', 'team'])

/** Any live content id: page, comment or attachment. */
function requireContent(ctx: HandlerContext): string {
  const id = ctx.pathParams.id!
  const { pages, comments, attachments } = ctx.state
  const page = pages.get(id)
  const live =
    (page && page.status !== 'trashed') ||
    comments.get(id)?.status === 'current' ||
    attachments.get(id)?.status === 'current'
  if (!live) throw notFound(`No content found with id: ContentId{id=${id}}`)
  return id
}

function labelArray(ctx: HandlerContext, contentId: string, start: number, limit: number, prefix?: string) {
  const all = ctx.state.labelsOf(contentId).filter(l => !prefix || l.prefix === prefix)
  const results = all.slice(start, start + limit).map(labelV1)
  return {
    results,
    start,
    limit,
    size: results.length,
    _links: { base: ctx.ser.base, context: '/wiki', self: `${ctx.ser.base}/rest/api/content/${contentId}/label` },
  }
}

export const getLabelsForContent: Handler = ctx => {
  const id = requireContent(ctx)
  return {
    status: 200,
    body: labelArray(ctx, id, Number(ctx.query.start ?? 0), Number(ctx.query.limit ?? 200), str(ctx.query.prefix)),
  }
}

/** Adds labels (a single object or an array) and answers with all labels of the content. */
export const addLabelsToContent: Handler = ctx => {
  const id = requireContent(ctx)
  const input = (Array.isArray(ctx.body) ? ctx.body : [ctx.body]) as Array<{ prefix?: string; name?: string }>
  if (input.length === 0) throw badRequest('At least one label must be provided')
  const labels = input.map(({ prefix, name }) => {
    const clean = String(name ?? '')
      .trim()
      .toLowerCase()
    if (!clean || clean.length > 255 || INVALID_LABEL.test(clean))
      throw badRequest(`The label '${String(name)}' contains invalid characters or is too long`)
    if (!PREFIXES.has(prefix as Label['prefix'])) throw badRequest(`Invalid label prefix: ${String(prefix)}`)
    return { prefix: prefix as Label['prefix'], name: clean }
  })
  for (const l of labels) ctx.state.addLabel(id, l.prefix, l.name)
  return { status: 200, body: labelArray(ctx, id, 0, 200) }
}

function removeLabel(ctx: HandlerContext, name: string | undefined) {
  const id = requireContent(ctx)
  if (!name) throw badRequest('A label name is required')
  if (!ctx.state.removeLabel(id, name.toLowerCase())) throw notFound(`Label ${name} is not on content ${id}`)
  return { status: 204 }
}

export const removeLabelFromContent: Handler = ctx => removeLabel(ctx, ctx.pathParams.label)
export const removeLabelFromContentUsingQueryParameter: Handler = ctx => removeLabel(ctx, str(ctx.query.name))

/** 302 to the file (the operationId's spelling is the spec's). */
export const downloadAttatchment: Handler = ctx => {
  const attachment = ctx.state.attachments.get(ctx.pathParams.attachmentId!)
  if (!attachment || attachment.pageId !== ctx.pathParams.id || attachment.status !== 'current') throw notFound()
  if (ctx.query.version !== undefined && Number(ctx.query.version) > attachment.version) {
    throw badRequest(`Version ${String(ctx.query.version)} is greater than the latest version of the attachment`)
  }
  return { status: 302, headers: { Location: `${ctx.ser.base}${attachmentDownload(attachment)}` } }
}
