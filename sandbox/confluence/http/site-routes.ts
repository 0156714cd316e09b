// Endpoints outside the two REST specs that clients still rely on: the gateway's
// accessible-resources list, attachment downloads and a small index at `/`.
import type { ConfluenceState } from '../model/state.ts'
import { errorBody } from './errors.ts'
import type { CredentialStore } from './auth.ts'
import { json, type Outgoing } from './respond.ts'

export interface AccessibleResource {
  id: string
  url: string
  name: string
  scopes: string[]
  avatarUrl: string
}

/** What these routes read of the dispatcher's dependencies (dispatch.ts DispatchDeps has more). */
export interface SiteDeps {
  readonly credentials: CredentialStore
  readonly site: SiteInfo
}

export interface SiteInfo {
  cloudId: string
  name: string
  /** Site URL without `/wiki` (the configured one, else derived from the Host header). */
  siteUrl(host: string): string
  /** More sites returned by accessible-resources after this one (may repeat a URL with other scopes). */
  extraSites: AccessibleResource[]
}

// Scopes reported for tokens registered without an explicit list.
export const DEFAULT_GRANTED_SCOPES = [
  'read:page:confluence',
  'write:page:confluence',
  'delete:page:confluence',
  'read:space:confluence',
  'read:comment:confluence',
  'write:comment:confluence',
  'read:label:confluence',
  'write:label:confluence',
  'read:attachment:confluence',
  'read:hierarchical-content:confluence',
  'read:content.metadata:confluence',
  'read:content-details:confluence',
  'offline_access',
]

const AVATAR = 'https://site-admin-avatar-cdn.prod.public.atl-paas.net/avatars/240/site.png'

export function accessibleResources(deps: SiteDeps, authorization: string | undefined, host: string): Outgoing {
  const [scheme = '', token = ''] = (authorization ?? '').trim().split(/\s+/, 2)
  const entry = /^bearer$/i.test(scheme) && token ? deps.credentials.accessToken(token) : undefined
  if (!entry) return json(401, errorBody('gateway', 401, 'Unauthorized'))
  const own: AccessibleResource[] =
    entry.cloudId && entry.cloudId !== deps.site.cloudId
      ? []
      : [
          {
            id: deps.site.cloudId,
            url: deps.site.siteUrl(host),
            name: deps.site.name,
            scopes: entry.scopes ?? DEFAULT_GRANTED_SCOPES,
            avatarUrl: AVATAR,
          },
        ]
  return json(200, [...own, ...deps.site.extraSites])
}

/** `/wiki/download/attachments/{pageId}/{filename}`, the target of `downloadLink`. */
export function downloadAttachment(state: ConfluenceState, path: string): Outgoing {
  const [pageId = '', encoded = ''] = path.slice('/wiki/download/attachments/'.length).split('/')
  let filename = encoded
  try {
    filename = decodeURIComponent(encoded)
  } catch {
    // keep the raw segment
  }
  const attachment = [...state.attachments.values()].find(
    a => a.pageId === pageId && a.title === filename && a.status === 'current',
  )
  if (!attachment) return json(404, errorBody('v2', 404, 'Not Found'))
  return {
    kind: 'binary',
    status: 200,
    headers: {
      'content-type': attachment.mediaType,
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(attachment.title)}`,
    },
    data: attachment.data,
  }
}

export function siteIndex(deps: SiteDeps, host: string) {
  const site = deps.site.siteUrl(host)
  return {
    service: 'Confluence Cloud sandbox (a stateful fake validated against the official OpenAPI specs)',
    siteUrl: site,
    cloudId: deps.site.cloudId,
    endpoints: {
      v2: `${site}/wiki/api/v2/pages`,
      v1: `${site}/wiki/rest/api/search?cql=type=page`,
      gateway: `${site}/ex/confluence/${deps.site.cloudId}/wiki/api/v2/pages`,
    },
  }
}
