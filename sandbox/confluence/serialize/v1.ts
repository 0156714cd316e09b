// Model -> Confluence REST v1 JSON (Content, Space, Label) with the `expand` options connectors
// use on search: content.space, content.version, content.history, content.ancestors,
// content.body.storage/view and content.metadata.labels.
import { currentVersion, type ConfluenceState } from '../model/state.ts'
import type { Attachment, Comment, Label, Page, Space } from '../model/types.ts'
import { renderView } from '../storage/view.ts'
import { attachmentWebui, commentWebui, pageLinks, renderLinksFor } from './links.ts'
import { memoized } from '../memo.ts'

export type ContentRef =
  | { type: 'page'; page: Page }
  | { type: 'comment'; comment: Comment }
  | { type: 'attachment'; attachment: Attachment }

export function labelV1(label: Label) {
  return { prefix: label.prefix, name: label.name, id: label.id, label: label.name }
}

export function spaceV1(space: Space) {
  return {
    id: Number(space.id),
    key: space.key,
    name: space.name,
    type: space.type,
    status: space.status,
    _expandable: {
      settings: `/rest/api/space/${space.key}/settings`,
      metadata: '',
      operations: '',
      lookAndFeel: `/rest/api/settings/lookandfeel?spaceKey=${space.key}`,
      identifiers: '',
      permissions: '',
      icon: '',
      description: '',
      theme: `/rest/api/space/${space.key}/theme`,
      history: '',
      homepage: space.homepageId ? `/rest/api/content/${space.homepageId}` : '',
    },
    _links: { webui: `/spaces/${space.key}`, self: `/rest/api/space/${space.key}` },
  }
}

const EXPANDABLE = [
  'container',
  'metadata',
  'restrictions',
  'history',
  'body',
  'version',
  'descendants',
  'space',
  'childTypes',
  'operations',
  'schedulePublishDate',
  'children',
  'ancestors',
]

/** v1 Content for a page, comment or attachment; `expand` lists paths relative to the content. */
export function contentV1(state: ConfluenceState, ref: ContentRef, expand: Set<string>, base: string) {
  const pageOf =
    ref.type === 'page'
      ? ref.page
      : state.pages.get(ref.type === 'comment' ? ref.comment.pageId : ref.attachment.pageId)
  const id = ref.type === 'page' ? ref.page.id : ref.type === 'comment' ? ref.comment.id : ref.attachment.id
  const title =
    ref.type === 'page'
      ? currentVersion(ref.page).title
      : ref.type === 'comment'
        ? `Re: ${pageOf ? currentVersion(pageOf).title : ''}`
        : ref.attachment.title
  const space = pageOf && state.spaces.get(pageOf.spaceId)
  const version = ref.type === 'page' ? currentVersion(ref.page) : undefined
  const when =
    version?.createdAt ??
    (ref.type === 'comment' ? ref.comment.createdAt : ref.type === 'attachment' ? ref.attachment.createdAt : '')
  const storage = ref.type === 'page' ? currentVersion(ref.page).body : ref.type === 'comment' ? ref.comment.body : ''
  const webui = contentWebui(state, ref)
  const json: Record<string, unknown> = {
    id,
    type: ref.type,
    status: 'current',
    title,
    ...(ref.type === 'attachment'
      ? {
          extensions: {
            mediaType: ref.attachment.mediaType,
            fileSize: ref.attachment.data.length,
            comment: ref.attachment.comment,
          },
        }
      : {}),
    _expandable: Object.fromEntries(
      EXPANDABLE.filter(k => !expand.has(k)).map(k => [k, `/rest/api/content/${id}/${k}`]),
    ),
    _links: {
      webui,
      self: `${base}/rest/api/content/${id}`,
      ...(ref.type === 'page' ? { tinyui: pageLinks(state, ref.page).tinyui } : {}),
    },
  }
  if (expand.has('space') && space) json.space = spaceV1(space)
  if (expand.has('version'))
    json.version = {
      when,
      number: version?.number ?? 1,
      minorEdit: version?.minorEdit ?? false,
      message: version?.message ?? '',
      friendlyWhen: friendlyDate(when),
    }
  if (expand.has('history'))
    json.history = { latest: true, createdDate: ref.type === 'page' ? ref.page.createdAt : when }
  if (expand.has('ancestors')) {
    const chain = ref.type === 'page' ? state.ancestors(ref.page) : pageOf ? [...state.ancestors(pageOf), pageOf] : []
    json.ancestors = chain.map(a => ({
      id: a.id,
      type: 'page',
      status: 'current',
      title: currentVersion(a).title,
      _links: { webui: pageLinks(state, a).webui },
    }))
  }
  const body: Record<string, unknown> = {}
  if (expand.has('body.storage')) body.storage = { value: storage, representation: 'storage' }
  if (expand.has('body.view')) {
    const links =
      pageOf && ref.type === 'page'
        ? renderLinksFor(state, pageOf, base)
        : { page: () => undefined, attachment: () => undefined, children: () => [] }
    body.view = { value: renderView(storage, links), representation: 'view' }
  }
  if (Object.keys(body).length) json.body = body
  if (expand.has('metadata.labels')) {
    const labels = state.labelsOf(id).map(labelV1)
    json.metadata = { labels: { results: labels, start: 0, limit: 200, size: labels.length } }
  }
  return json
}

export function contentWebui(state: ConfluenceState, ref: ContentRef): string {
  if (ref.type === 'page') return pageLinks(state, ref.page).webui
  if (ref.type === 'comment') return commentWebui(state, ref.comment)
  return attachmentWebui(ref.attachment)
}

/** "Jan 15, 2024", the way v1 formats `friendlyLastModified` for older dates. */
// One formatter for the process: `toLocaleDateString` with options builds a new one per call
// (a tenth of a millisecond each, 25 per search page).
const FRIENDLY = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' })

/** `Jan 5, 2024`: formatted once per timestamp (a search page formats one per result, the same ones each time). */
export const friendlyDate: (iso: string) => string = memoized(iso => {
  const d = new Date(iso)
  return Number.isNaN(d.getTime()) ? '' : FRIENDLY.format(d)
}, 10_000)
