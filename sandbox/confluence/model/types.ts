// The in-memory model of one Confluence Cloud site. Storage format (XHTML) is the canonical body;
// every other representation (view, atlas_doc_format, plain text for search) is derived from it.

export type PageStatus = 'current' | 'draft' | 'archived' | 'trashed'

export interface User {
  accountId: string
  displayName: string
  email: string
}

export interface Space {
  id: string
  key: string
  name: string
  type: 'global' | 'personal'
  status: 'current' | 'archived'
  description: string
  homepageId?: string
  authorId: string
  createdAt: string
}

/** One stored version of a page; the last entry of `Page.versions` is the current one. */
export interface PageVersion {
  number: number
  title: string
  body: string
  message: string
  minorEdit: boolean
  authorId: string
  createdAt: string
}

export interface Page {
  id: string
  spaceId: string
  parentId?: string
  status: PageStatus
  position: number
  authorId: string
  ownerId: string
  createdAt: string
  versions: PageVersion[]
}

export type ResolutionStatus = 'open' | 'reopened' | 'resolved' | 'dangling'

export interface Comment {
  id: string
  kind: 'footer' | 'inline'
  pageId: string
  parentCommentId?: string
  status: 'current' | 'trashed'
  body: string
  version: number
  authorId: string
  createdAt: string
  /** Inline comments only. */
  resolutionStatus?: ResolutionStatus
  inlineMarkerRef?: string
  inlineOriginalSelection?: string
}

export interface Label {
  id: string
  prefix: 'global' | 'my' | 'team' | 'system'
  name: string
}

export interface Attachment {
  id: string
  pageId: string
  title: string
  mediaType: string
  comment: string
  fileId: string
  status: 'current' | 'trashed'
  version: number
  authorId: string
  createdAt: string
  data: Buffer
}

// ---- Seed description: a readable nested tree that `loadSeed` turns into model records. ----

export interface SeedPage {
  title: string
  body: string
  labels?: string[]
  /** Older versions, oldest first; `body`/`title` above is the current version. */
  history?: Array<{ title?: string; body: string; message?: string; minorEdit?: boolean }>
  comments?: SeedComment[]
  inlineComments?: Array<{ body: string; selection: string; resolutionStatus?: ResolutionStatus }>
  attachments?: Array<{ title: string; mediaType: string; data: string | Buffer; comment?: string }>
  children?: SeedPage[]
}

export interface SeedComment {
  body: string
  author?: string
  replies?: SeedComment[]
}

export interface SeedSpace {
  key: string
  name: string
  description?: string
  type?: 'global' | 'personal'
  /** The homepage; its children form the page tree. */
  homepage: SeedPage
}

export interface SeedData {
  users?: User[]
  spaces: SeedSpace[]
}
