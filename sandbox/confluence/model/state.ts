// The mutable site: spaces, the page tree with version history, comments, labels and attachments.
// Handlers and tests go through these methods so invariants (ids, positions, history) hold.
import { randomUUID } from 'node:crypto'
import type { Attachment, Comment, Label, Page, PageVersion, Space, User } from './types.ts'

export const DEFAULT_USER: User = {
  accountId: '557058:4f2e0c71-9b1d-4c55-8a0e-3c1a8e7d2b10',
  displayName: 'Demo User',
  email: 'demo@example.com',
}

/** The current version of a page (the last one in its history). */
export function currentVersion(page: Page): PageVersion {
  return page.versions[page.versions.length - 1]!
}

export class ConfluenceState {
  readonly users = new Map<string, User>([[DEFAULT_USER.accountId, DEFAULT_USER]])
  readonly spaces = new Map<string, Space>()
  readonly pages = new Map<string, Page>()
  readonly comments = new Map<string, Comment>()
  readonly attachments = new Map<string, Attachment>()
  /** Labels by content id (page, attachment or comment). */
  readonly labels = new Map<string, Label[]>()
  // Content ids share one sequence, as in Confluence; label ids are global per prefix:name.
  private nextContentId = 65_537
  private nextSpaceId = 98_305
  private nextLabelId = 1_001
  private readonly labelIds = new Map<string, string>()

  newContentId(): string {
    return String(this.nextContentId++)
  }

  now(): string {
    return new Date().toISOString()
  }

  userByEmail(email: string): User | undefined {
    for (const user of this.users.values()) if (user.email.toLowerCase() === email.toLowerCase()) return user
    return undefined
  }

  // ---- spaces ----

  addSpace(input: {
    key: string
    name: string
    description?: string
    type?: Space['type']
    authorId?: string
    createdAt?: string
  }): Space {
    if (this.spaceByKey(input.key)) throw new Error(`space key ${input.key} already exists`)
    const space: Space = {
      id: String(this.nextSpaceId++),
      key: input.key,
      name: input.name,
      type: input.type ?? 'global',
      status: 'current',
      description: input.description ?? '',
      authorId: input.authorId ?? DEFAULT_USER.accountId,
      createdAt: input.createdAt ?? this.now(),
    }
    this.spaces.set(space.id, space)
    return space
  }

  spaceByKey(key: string): Space | undefined {
    for (const space of this.spaces.values()) if (space.key === key) return space
    return undefined
  }

  // ---- pages ----

  addPage(input: {
    spaceId: string
    parentId?: string
    title: string
    body: string
    status?: Page['status']
    authorId?: string
    createdAt?: string
    message?: string
  }): Page {
    const space = this.spaces.get(input.spaceId)
    if (!space) throw new Error(`unknown space ${input.spaceId}`)
    const authorId = input.authorId ?? DEFAULT_USER.accountId
    const createdAt = input.createdAt ?? this.now()
    const page: Page = {
      id: this.newContentId(),
      spaceId: space.id,
      parentId: input.parentId,
      status: input.status ?? 'current',
      position: this.nextPosition(space.id, input.parentId),
      authorId,
      ownerId: authorId,
      createdAt,
      versions: [
        {
          number: 1,
          title: input.title,
          body: input.body,
          message: input.message ?? '',
          minorEdit: false,
          authorId,
          createdAt,
        },
      ],
    }
    this.pages.set(page.id, page)
    if (!space.homepageId && !input.parentId) space.homepageId = page.id
    return page
  }

  /** Appends a version; the caller has already checked the optimistic lock. */
  updatePage(
    page: Page,
    change: {
      title: string
      body: string
      message?: string
      minorEdit?: boolean
      authorId?: string
      createdAt?: string
    },
  ): PageVersion {
    const version: PageVersion = {
      number: currentVersion(page).number + 1,
      title: change.title,
      body: change.body,
      message: change.message ?? '',
      minorEdit: change.minorEdit ?? false,
      authorId: change.authorId ?? DEFAULT_USER.accountId,
      createdAt: change.createdAt ?? this.now(),
    }
    page.versions.push(version)
    return version
  }

  movePage(page: Page, parentId: string): void {
    if (page.parentId === parentId) return
    page.parentId = parentId
    page.position = this.nextPosition(page.spaceId, parentId)
  }

  /** Confluence moves the children of a deleted page up to the deleted page's parent. */
  trashPage(page: Page): void {
    page.status = 'trashed'
    for (const child of this.children(page.id)) {
      child.parentId = page.parentId
      child.position = this.nextPosition(child.spaceId, page.parentId)
    }
  }

  purgePage(page: Page): void {
    this.pages.delete(page.id)
    this.labels.delete(page.id)
    for (const c of [...this.comments.values()]) if (c.pageId === page.id) this.comments.delete(c.id)
    for (const a of [...this.attachments.values()]) if (a.pageId === page.id) this.attachments.delete(a.id)
  }

  /** Live (non-trashed) child pages, in tree order. */
  children(pageId: string): Page[] {
    return [...this.pages.values()]
      .filter(p => p.parentId === pageId && p.status !== 'trashed')
      .sort((a, b) => a.position - b.position)
  }

  /** Ancestors from the root down to the direct parent. */
  ancestors(page: Page): Page[] {
    const chain: Page[] = []
    for (let id = page.parentId; id; ) {
      const parent = this.pages.get(id)
      if (!parent || chain.includes(parent)) break
      chain.unshift(parent)
      id = parent.parentId
    }
    return chain
  }

  /** Descendants level by level (all of depth 1, then depth 2, ...), up to maxDepth. */
  descendants(page: Page, maxDepth = Infinity): Array<{ page: Page; depth: number }> {
    const out: Array<{ page: Page; depth: number }> = []
    let level = [page]
    for (let depth = 1; depth <= maxDepth && level.length > 0; depth++) {
      level = level.flatMap(p => this.children(p.id))
      for (const child of level) out.push({ page: child, depth })
    }
    return out
  }

  titleTaken(spaceId: string, title: string, exceptId?: string): boolean {
    for (const p of this.pages.values()) {
      if (p.spaceId === spaceId && p.id !== exceptId && p.status !== 'trashed' && currentVersion(p).title === title)
        return true
    }
    return false
  }

  private nextPosition(spaceId: string, parentId: string | undefined): number {
    let max = -1
    for (const p of this.pages.values())
      if (p.spaceId === spaceId && p.parentId === parentId) max = Math.max(max, p.position)
    return max + 1
  }

  // ---- comments, labels, attachments ----

  addComment(
    input: Omit<Comment, 'id' | 'status' | 'version' | 'createdAt' | 'authorId'> & {
      authorId?: string
      createdAt?: string
    },
  ): Comment {
    const comment: Comment = {
      ...input,
      id: this.newContentId(),
      status: 'current',
      version: 1,
      authorId: input.authorId ?? DEFAULT_USER.accountId,
      createdAt: input.createdAt ?? this.now(),
    }
    if (comment.kind === 'inline' && !comment.parentCommentId) comment.resolutionStatus ??= 'open'
    this.comments.set(comment.id, comment)
    return comment
  }

  labelsOf(contentId: string): Label[] {
    return this.labels.get(contentId) ?? []
  }

  /** Adds a label once per content; returns the stored label. */
  addLabel(contentId: string, prefix: Label['prefix'], name: string): Label {
    const list = this.labels.get(contentId) ?? []
    const existing = list.find(l => l.prefix === prefix && l.name === name)
    if (existing) return existing
    const key = `${prefix}:${name}`
    let id = this.labelIds.get(key)
    if (!id) this.labelIds.set(key, (id = String(this.nextLabelId++)))
    const label: Label = { id, prefix, name }
    list.push(label)
    this.labels.set(contentId, list)
    return label
  }

  removeLabel(contentId: string, name: string): boolean {
    const list = this.labelsOf(contentId)
    const kept = list.filter(l => l.name !== name)
    this.labels.set(contentId, kept)
    return kept.length !== list.length
  }

  addAttachment(input: {
    pageId: string
    title: string
    mediaType: string
    data: Buffer
    comment?: string
    authorId?: string
    createdAt?: string
  }): Attachment {
    const attachment: Attachment = {
      id: `att${this.newContentId()}`,
      pageId: input.pageId,
      title: input.title,
      mediaType: input.mediaType,
      comment: input.comment ?? '',
      fileId: randomUUID(),
      status: 'current',
      version: 1,
      authorId: input.authorId ?? DEFAULT_USER.accountId,
      createdAt: input.createdAt ?? this.now(),
      data: input.data,
    }
    this.attachments.set(attachment.id, attachment)
    return attachment
  }
}
