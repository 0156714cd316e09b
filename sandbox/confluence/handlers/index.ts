// Operation handlers keyed by the spec's operationId. Adding an endpoint = one handler + one line
// here; operations of the specs without a handler answer 501 and are recorded as violations.
import * as comments from './comments.ts'
import type { Handler } from './context.ts'
import * as extras from './page-extras.ts'
import * as pagesRead from './pages-read.ts'
import * as pagesWrite from './pages-write.ts'
import * as search from './search.ts'
import * as spaces from './spaces.ts'
import * as tree from './tree.ts'
import * as v1 from './v1-content.ts'

export const HANDLERS: Readonly<Record<string, Handler>> = {
  // v2 pages
  getPages: pagesRead.getPages,
  getPageById: pagesRead.getPageById,
  getPagesInSpace: pagesRead.getPagesInSpace,
  createPage: pagesWrite.createPage,
  updatePage: pagesWrite.updatePage,
  deletePage: pagesWrite.deletePage,
  // v2 hierarchy
  getChildPages: tree.getChildPages,
  getPageDirectChildren: tree.getPageDirectChildren,
  getPageAncestors: tree.getPageAncestors,
  getPageDescendants: tree.getPageDescendants,
  // v2 spaces
  getSpaces: spaces.getSpaces,
  getSpaceById: spaces.getSpaceById,
  // v2 comments
  getPageFooterComments: comments.getPageFooterComments,
  getPageInlineComments: comments.getPageInlineComments,
  getFooterCommentById: comments.getFooterCommentById,
  getInlineCommentById: comments.getInlineCommentById,
  getFooterCommentChildren: comments.getFooterCommentChildren,
  getInlineCommentChildren: comments.getInlineCommentChildren,
  createFooterComment: comments.createFooterComment,
  createInlineComment: comments.createInlineComment,
  // v2 labels, attachments, versions
  getPageLabels: extras.getPageLabels,
  getPageAttachments: extras.getPageAttachments,
  getAttachmentById: extras.getAttachmentById,
  getPageVersions: extras.getPageVersions,
  getPageVersionDetails: extras.getPageVersionDetails,
  // v1
  searchByCQL: search.searchByCQL,
  searchContentByCQL: search.searchContentByCQL,
  getLabelsForContent: v1.getLabelsForContent,
  addLabelsToContent: v1.addLabelsToContent,
  removeLabelFromContent: v1.removeLabelFromContent,
  removeLabelFromContentUsingQueryParameter: v1.removeLabelFromContentUsingQueryParameter,
  downloadAttatchment: v1.downloadAttatchment,
}
