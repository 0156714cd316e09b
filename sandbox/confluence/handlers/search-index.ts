// The searchable view of the site for CQL: live pages, their comments and attachments, and spaces.
// Plain text is cached per body string, so repeated searches over large pages stay cheap.
import type { SearchEntity } from '../cql/evaluate.ts'
import { currentVersion, type ConfluenceState } from '../model/state.ts'
import type { Space } from '../model/types.ts'
import type { ContentRef } from '../serialize/v1.ts'
import { plainText } from '../storage/text.ts'
import { memoized } from '../memo.ts'

export type SiteEntity = SearchEntity & ({ ref: ContentRef; space?: undefined } | { ref?: undefined; space: Space })

const cachedText = memoized(plainText, 5_000)

export function siteEntities(state: ConfluenceState): SiteEntity[] {
  const out: SiteEntity[] = []
  const labelNames = (id: string) => state.labelsOf(id).map(l => l.name.toLowerCase())
  for (const space of state.spaces.values()) {
    if (space.status !== 'current') continue
    const t = Date.parse(space.createdAt)
    out.push({
      type: 'space',
      id: space.id,
      title: space.name,
      text: space.description,
      spaceId: space.id,
      spaceKey: space.key,
      spaceName: space.name,
      labels: [],
      ancestorIds: [],
      created: t,
      modified: t,
      creator: space.authorId,
      contributors: [space.authorId],
      space,
    })
  }
  const live = new Map<string, { title: string; base: Pick<SearchEntity, 'spaceId' | 'spaceKey' | 'spaceName'> }>()
  for (const page of state.pages.values()) {
    if (page.status !== 'current') continue
    const space = state.spaces.get(page.spaceId)!
    const v = currentVersion(page)
    const base = { spaceId: space.id, spaceKey: space.key, spaceName: space.name }
    live.set(page.id, { title: v.title, base })
    out.push({
      type: 'page',
      id: page.id,
      title: v.title,
      text: cachedText(v.body),
      ...base,
      labels: labelNames(page.id),
      ancestorIds: state.ancestors(page).map(a => a.id),
      parentId: page.parentId,
      created: Date.parse(page.createdAt),
      modified: Date.parse(v.createdAt),
      creator: page.authorId,
      contributors: [...new Set(page.versions.map(x => x.authorId))],
      ref: { type: 'page', page },
    })
  }
  for (const comment of state.comments.values()) {
    const owner = live.get(comment.pageId)
    if (!owner || comment.status !== 'current') continue
    const t = Date.parse(comment.createdAt)
    out.push({
      type: 'comment',
      id: comment.id,
      title: `Re: ${owner.title}`,
      text: cachedText(comment.body),
      ...owner.base,
      labels: labelNames(comment.id),
      ancestorIds: [],
      created: t,
      modified: t,
      creator: comment.authorId,
      contributors: [comment.authorId],
      ref: { type: 'comment', comment },
    })
  }
  for (const attachment of state.attachments.values()) {
    const owner = live.get(attachment.pageId)
    if (!owner || attachment.status !== 'current') continue
    const t = Date.parse(attachment.createdAt)
    out.push({
      type: 'attachment',
      id: attachment.id,
      title: attachment.title,
      text: attachment.comment,
      ...owner.base,
      labels: labelNames(attachment.id),
      ancestorIds: [],
      created: t,
      modified: t,
      creator: attachment.authorId,
      contributors: [attachment.authorId],
      ref: { type: 'attachment', attachment },
    })
  }
  return out
}
