// Labels, attachments and version history of a page (v2).
import type { Attachment, Label, PageVersion } from '../model/types.ts'
import { notFound } from '../http/errors.ts'
import { attachmentJson, bodyOf, labelJson, versionJson } from '../serialize/v2.ts'
import { first, listResult, requirePage, sortBy, str, strings, type Handler } from './context.ts'

export const getPageLabels: Handler = ctx => {
  const page = requirePage(ctx, ctx.pathParams.id!)
  const prefix = str(ctx.query.prefix)
  const labels = ctx.state.labelsOf(page.id).filter(l => !prefix || l.prefix === prefix)
  const sorted = sortBy(
    labels,
    first(ctx.query.sort),
    { id: (l: Label) => Number(l.id), name: (l: Label) => l.name, 'created-date': (l: Label) => Number(l.id) },
    'id',
  )
  return listResult(ctx, sorted, l => l.id, labelJson)
}

export const getPageAttachments: Handler = ctx => {
  const page = requirePage(ctx, ctx.pathParams.id!)
  const statuses = strings(ctx.query.status) ?? ['current', 'archived']
  const mediaType = str(ctx.query.mediaType)
  const filename = str(ctx.query.filename)
  const attachments = [...ctx.state.attachments.values()].filter(
    a =>
      a.pageId === page.id &&
      statuses.includes(a.status) &&
      (!mediaType || a.mediaType === mediaType) &&
      (!filename || a.title === filename),
  )
  const byDate = (a: Attachment) => Date.parse(a.createdAt)
  const sorted = sortBy(
    attachments,
    str(ctx.query.sort),
    { 'created-date': byDate, 'modified-date': byDate },
    'created-date',
  )
  return listResult(ctx, sorted, a => a.id, attachmentJson)
}

export const getAttachmentById: Handler = ctx => {
  // The spec's id pattern allows both `att123` and `123`.
  const raw = ctx.pathParams.id!
  const attachment = ctx.state.attachments.get(raw.startsWith('att') ? raw : `att${raw}`)
  if (attachment?.status !== 'current') throw notFound()
  const json = attachmentJson(attachment)
  return { status: 200, body: { ...json, _links: { ...json._links, base: ctx.ser.base } } }
}

/** Newest first unless `sort=modified-date` asks for oldest first. */
export const getPageVersions: Handler = ctx => {
  const page = requirePage(ctx, ctx.pathParams.id!)
  const bodyFormat = str(ctx.query['body-format'])
  const sorted = sortBy(
    page.versions,
    str(ctx.query.sort),
    { 'modified-date': (v: PageVersion) => v.number },
    '-modified-date',
  )
  return listResult(
    ctx,
    sorted,
    v => String(v.number),
    v => ({
      ...versionJson(v),
      page: { id: page.id, title: v.title, ...(bodyFormat ? { body: bodyOf(ctx.ser, v.body, bodyFormat) } : {}) },
    }),
  )
}

export const getPageVersionDetails: Handler = ctx => {
  const page = requirePage(ctx, ctx.pathParams['page-id']!)
  const n = Number(ctx.pathParams['version-number'])
  const v = page.versions.find(x => x.number === n)
  if (!v) throw notFound()
  const last = page.versions[page.versions.length - 1]!.number
  return {
    status: 200,
    body: {
      ...versionJson(v),
      contentTypeModified: false,
      collaborators: [v.authorId],
      ...(n > 1 ? { prevVersion: n - 1 } : {}),
      ...(n < last ? { nextVersion: n + 1 } : {}),
    },
  }
}
