// The vendored v1 spec lists only the classic OAuth scope for each operation. Atlassian's
// developer docs list a granular alternative as well, and the gateway accepts either set.
// These are the granular sets for the v1 operations the fake implements (keyed by operationId).
export const GRANULAR_ALTERNATIVES: Record<string, string[][]> = {
  getLabelsForContent: [['read:label:confluence']],
  addLabelsToContent: [['read:label:confluence', 'write:label:confluence']],
  removeLabelFromContent: [['write:label:confluence']],
  removeLabelFromContentUsingQueryParameter: [['write:label:confluence']],
  downloadAttatchment: [['read:attachment:confluence']],
  // CQL search: the granular scope the seed and Atlassian's docs name for v1 search.
  searchByCQL: [['read:content-details:confluence']],
}
