// Turns a nested SeedData description into model records. Timestamps come from a fixed,
// advancing clock so seeded sites are identical run after run.
import { randomUUID } from 'node:crypto'
import { type ConfluenceState, DEFAULT_USER } from './state.ts'
import type { Page, SeedComment, SeedData, SeedPage } from './types.ts'

const SEED_EPOCH = Date.parse('2024-01-15T09:00:00.000Z')
const HOUR = 3_600_000

class SeedClock {
  private t = SEED_EPOCH
  next(): string {
    this.t += HOUR
    return new Date(this.t).toISOString()
  }
}

export function loadSeed(state: ConfluenceState, data: SeedData): void {
  const clock = new SeedClock()
  for (const user of data.users ?? []) state.users.set(user.accountId, user)
  for (const seedSpace of data.spaces) {
    const space = state.addSpace({
      key: seedSpace.key,
      name: seedSpace.name,
      description: seedSpace.description,
      type: seedSpace.type,
      createdAt: clock.next(),
    })
    addPageTree(state, clock, space.id, undefined, seedSpace.homepage)
  }
}

function addPageTree(
  state: ConfluenceState,
  clock: SeedClock,
  spaceId: string,
  parentId: string | undefined,
  seed: SeedPage,
): Page {
  const versions = [...(seed.history ?? []), { title: seed.title, body: seed.body, message: '', minorEdit: false }]
  const first = versions[0]!
  const page = state.addPage({
    spaceId,
    parentId,
    title: first.title ?? seed.title,
    body: first.body,
    createdAt: clock.next(),
    message: first.message,
  })
  for (const v of versions.slice(1)) {
    state.updatePage(page, {
      title: v.title ?? seed.title,
      body: v.body,
      message: v.message,
      minorEdit: v.minorEdit,
      createdAt: clock.next(),
    })
  }
  for (const name of seed.labels ?? []) state.addLabel(page.id, 'global', name)
  for (const comment of seed.comments ?? []) addComment(state, clock, page.id, undefined, comment)
  for (const inline of seed.inlineComments ?? []) addInlineComment(state, clock, page, inline)
  for (const a of seed.attachments ?? []) {
    const data = typeof a.data === 'string' ? Buffer.from(a.data) : a.data
    state.addAttachment({
      pageId: page.id,
      title: a.title,
      mediaType: a.mediaType,
      data,
      comment: a.comment,
      createdAt: clock.next(),
    })
  }
  for (const child of seed.children ?? []) addPageTree(state, clock, spaceId, page.id, child)
  return page
}

function addComment(
  state: ConfluenceState,
  clock: SeedClock,
  pageId: string,
  parentCommentId: string | undefined,
  seed: SeedComment,
): void {
  const authorId = (seed.author && state.userByEmail(seed.author)?.accountId) || DEFAULT_USER.accountId
  const comment = state.addComment({
    kind: 'footer',
    pageId,
    parentCommentId,
    body: seed.body,
    authorId,
    createdAt: clock.next(),
  })
  for (const reply of seed.replies ?? []) addComment(state, clock, pageId, comment.id, reply)
}

/** Confluence wraps the commented text in the page body with an inline-comment marker. */
function addInlineComment(
  state: ConfluenceState,
  clock: SeedClock,
  page: Page,
  seed: NonNullable<SeedPage['inlineComments']>[number],
): void {
  const current = page.versions[page.versions.length - 1]!
  const at = current.body.indexOf(seed.selection)
  if (at < 0) throw new Error(`seed: inline comment selection "${seed.selection}" not found in page ${page.id}`)
  const ref = randomUUID()
  current.body = `${current.body.slice(0, at)}<ac:inline-comment-marker ac:ref="${ref}">${seed.selection}</ac:inline-comment-marker>${current.body.slice(at + seed.selection.length)}`
  state.addComment({
    kind: 'inline',
    pageId: page.id,
    body: seed.body,
    resolutionStatus: seed.resolutionStatus ?? 'open',
    inlineMarkerRef: ref,
    inlineOriginalSelection: seed.selection,
    createdAt: clock.next(),
  })
}
