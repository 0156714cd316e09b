// UI and download links in the forms Confluence Cloud uses; all are relative to `<site>/wiki`.
import { currentVersion, type ConfluenceState } from '../model/state.ts'
import type { Attachment, Comment, Page } from '../model/types.ts'
import type { RenderLinks } from '../storage/view.ts'
import { memoized } from '../memo.ts'

/** Titles in UI links use `+` for spaces, as Confluence writes them. */
export function titleSlug(title: string): string {
  return encodeURIComponent(title).replace(/%20/g, '+')
}

export function pageWebui(state: ConfluenceState, page: Page): string {
  const space = state.spaces.get(page.spaceId)!
  if (space.homepageId === page.id) return `/spaces/${space.key}/overview`
  return `/spaces/${space.key}/pages/${page.id}/${titleSlug(currentVersion(page).title)}`
}

/**
 * Confluence's short link: the content id as little-endian bytes in base64, without padding, with
 * `+` written `_` and `/` written `-` (the reverse of RFC 4648's URL-safe alphabet, as Confluence does).
 */
export const tinyui: (id: string) => string = memoized(encodeTiny, 10_000)

function encodeTiny(id: string): string {
  let n = BigInt(id)
  const bytes: number[] = []
  while (n > 0n) {
    bytes.push(Number(n & 0xffn))
    n >>= 8n
  }
  const base64 = Buffer.from(bytes).toString('base64').replace(/=+$/, '')
  return `/x/${base64.replace(/\+/g, '_').replace(/\//g, '-')}`
}

export function pageLinks(state: ConfluenceState, page: Page): { webui: string; editui: string; tinyui: string } {
  return {
    webui: pageWebui(state, page),
    editui: `/pages/resumedraft.action?draftId=${page.id}`,
    tinyui: tinyui(page.id),
  }
}

export function commentWebui(state: ConfluenceState, comment: Comment): string {
  const page = state.pages.get(comment.pageId)
  return page
    ? `${pageWebui(state, page)}?focusedCommentId=${comment.id}`
    : `/pages/viewpage.action?pageId=${comment.pageId}`
}

export function attachmentDownload(a: Attachment): string {
  const modified = Date.parse(a.createdAt)
  return `/download/attachments/${a.pageId}/${encodeURIComponent(a.title)}?version=${a.version}&modificationDate=${modified}&cacheVersion=1&api=v2`
}

export function attachmentWebui(a: Attachment): string {
  return `/pages/viewpageattachments.action?pageId=${a.pageId}&preview=${encodeURIComponent(`/${a.pageId}/${a.id.replace(/^att/, '')}/${a.title}`)}`
}

/** Link resolution for rendering one page's storage body to `view` HTML (absolute URLs). */
export function renderLinksFor(state: ConfluenceState, page: Page, base: string): RenderLinks {
  const find = (title: string, spaceKey?: string) => {
    const spaceId = spaceKey ? state.spaceByKey(spaceKey)?.id : page.spaceId
    for (const p of state.pages.values()) {
      if (p.spaceId === spaceId && p.status === 'current' && currentVersion(p).title === title) return p
    }
    return undefined
  }
  return {
    page(title, spaceKey) {
      const target = find(title, spaceKey)
      return target && { href: base + pageWebui(state, target), id: target.id }
    },
    attachment(filename, pageTitle) {
      const owner = pageTitle ? find(pageTitle) : page
      const att =
        owner &&
        [...state.attachments.values()].find(
          a => a.pageId === owner.id && a.title === filename && a.status === 'current',
        )
      return att && base + attachmentDownload(att)
    },
    children: () =>
      state.children(page.id).map(c => ({ title: currentVersion(c).title, href: base + pageWebui(state, c) })),
  }
}
