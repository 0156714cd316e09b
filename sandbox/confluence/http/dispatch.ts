// The request pipeline, independent of the HTTP framework:
//   faults -> gateway routing -> authentication -> spec match -> scopes -> request validation
//   -> handler -> response validation.
// Every deviation from the OpenAPI specs is answered as Confluence would and recorded.
import { HANDLERS } from '../handlers/index.ts'
import type { ConfluenceState } from '../model/state.ts'
import { matchOperation, type OperationSpec } from '../openapi/spec.ts'
import { validateRequest, validateResponse } from '../openapi/validate.ts'
import { scopesAllow, type CredentialStore } from './auth.ts'
import { ApiError, errorBody, familyOf, reasonPhrase, type ErrorFamily } from './errors.ts'
import { retryAfterHeader, type ActiveFault, type FaultInjector } from './faults.ts'
import { json, traceId, type Outgoing } from './respond.ts'
import { accessibleResources, downloadAttachment, siteIndex, type SiteInfo } from './site-routes.ts'

export interface Incoming {
  method: string
  url: string
  headers: Record<string, string | string[] | undefined>
  body: unknown
  hasBody: boolean
  /** The body was declared JSON but did not parse. */
  invalidJson?: boolean
}

export interface Violation {
  direction: 'request' | 'response'
  method: string
  path: string
  errors: string[]
  operationId?: string
  status?: number
}

export interface DispatchDeps {
  state: ConfluenceState
  credentials: CredentialStore
  faults: FaultInjector
  site: SiteInfo
  violations: Violation[]
  validateResponses: boolean
  /** The answers to reads, by request, when the fake caches them (index.ts `cacheReads`). */
  readCache?: Map<string, Outgoing>
}

// Enough for every distinct read of a benchmark; past it the cache starts over.
const READ_CACHE_ENTRIES = 1_000

const GATEWAY = /^\/ex\/confluence\/([^/]+)(\/.*)?$/

function fail(family: ErrorFamily, err: ApiError): Outgoing {
  return json(err.status, errorBody(family, err.status, err.message, err.code), err.headers)
}

export async function dispatch(deps: DispatchDeps, req: Incoming): Promise<Outgoing> {
  const url = new URL(req.url, 'http://fake.invalid')
  const fault = deps.faults.take(req.method, url.pathname + url.search)
  if (fault) {
    // Unreferenced: a long delay whose client has gone must not keep a test process alive.
    if (fault.delayMs) await new Promise(r => setTimeout(r, fault.delayMs).unref())
    if (fault.reset) return { kind: 'reset' }
    if (fault.status !== undefined) return faultResponse(fault, url.pathname)
  }

  const gateway = GATEWAY.exec(url.pathname)
  const path = gateway ? (gateway[2] ?? '/') : url.pathname
  const family = gateway && !path.startsWith('/wiki/') ? 'gateway' : familyOf(path)
  const host = String(req.headers.host ?? 'localhost')
  const authorization = typeof req.headers.authorization === 'string' ? req.headers.authorization : undefined

  if (!gateway && req.method === 'GET') {
    if (url.pathname === '/_edge/tenant_info') return json(200, { cloudId: deps.site.cloudId })
    if (url.pathname === '/oauth/token/accessible-resources') return accessibleResources(deps, authorization, host)
    if (url.pathname === '/') return json(200, siteIndex(deps, host))
  }

  const auth = deps.credentials.authenticate(authorization, Boolean(gateway))
  if (!auth.ok) return json(401, errorBody(gateway ? 'gateway' : family, 401, auth.message), auth.headers)
  if (gateway && gateway[1] !== deps.site.cloudId) return json(404, errorBody('gateway', 404, 'Not Found'))
  if (req.method === 'GET' && path.startsWith('/wiki/download/attachments/'))
    return downloadAttachment(deps.state, path)

  const record = (direction: Violation['direction'], errors: string[], op?: OperationSpec, status?: number) =>
    deps.violations.push({
      direction,
      method: req.method,
      path: url.pathname,
      errors,
      operationId: op?.operationId,
      status,
    })

  // HEAD is GET without a body (fastify drops the payload).
  const match = matchOperation(req.method === 'HEAD' ? 'GET' : req.method, path)
  if (match.kind === 'not-found') {
    record('request', [`No operation in the OpenAPI specs matches ${req.method} ${path}`], undefined, 404)
    return json(404, errorBody(family, 404, 'Not Found'))
  }
  if (match.kind === 'method-not-allowed') {
    record(
      'request',
      [`Method ${req.method} is not allowed on ${path}; the spec allows ${match.allowed.join(', ')}`],
      undefined,
      405,
    )
    return json(405, errorBody(family, 405, 'Method Not Allowed'), { Allow: match.allowed.join(', ') })
  }
  const op = match.op

  if (gateway && !scopesAllow(auth.principal, op.scopeSets)) {
    return json(401, errorBody('gateway', 401, 'Unauthorized; scope does not match'))
  }

  if (req.invalidJson) {
    record('request', ['body: not valid JSON'], op, 400)
    return fail(
      family,
      new ApiError(
        400,
        'Unexpected character in request body: the body is not valid JSON',
        'INVALID_REQUEST_PARAMETER',
      ),
    )
  }
  const checked = validateRequest(op, {
    pathParams: match.pathParams,
    searchParams: url.searchParams,
    body: req.body,
    hasBody: req.hasBody,
  })
  if (!checked.ok) {
    record('request', checked.errors, op, 400)
    return fail(family, new ApiError(400, checked.errors.join('; '), 'INVALID_REQUEST_PARAMETER'))
  }
  if (checked.unknownQuery.length) {
    record(
      'request',
      checked.unknownQuery.map(q => `query parameter '${q}' is not in the spec (Confluence ignores it)`),
      op,
    )
  }

  const handler = HANDLERS[op.operationId]
  if (!handler) {
    record('request', [`operation ${op.operationId} is in the spec but not implemented by the fake`], op, 501)
    return fail(family, new ApiError(501, `${op.operationId} is not implemented by the Confluence sandbox`))
  }

  // Cached after every check above, so a revoked credential or a bad request is still refused.
  const cache = deps.readCache
  const key = cache && req.method === 'GET' ? `${req.url}\n${authorization ?? ''}\n${host}` : undefined
  if (cache && req.method !== 'GET' && req.method !== 'HEAD') cache.clear()
  const cached = key === undefined ? undefined : cache?.get(key)
  if (cached?.kind === 'json') return { ...cached, headers: { ...cached.headers, 'atl-traceid': traceId() } }

  let out: Outgoing
  try {
    const siteUrl = deps.site.siteUrl(host)
    const result = await handler({
      state: deps.state,
      ser: { state: deps.state, base: `${siteUrl}/wiki` },
      pathParams: match.pathParams,
      query: checked.query,
      body: req.body,
      user: auth.principal.user,
      path,
      search: url.searchParams,
      siteUrl,
    })
    out = json(result.status, result.body, result.headers)
  } catch (err) {
    if (!(err instanceof ApiError)) {
      record(
        'response',
        [`internal error in the fake: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`],
        op,
        500,
      )
      return fail(family, new ApiError(500, 'Internal Server Error'))
    }
    out = fail(family, err)
  }

  if (deps.validateResponses && out.kind === 'json') {
    const errors = validateResponse(op, out.status, out.payload === undefined ? undefined : JSON.parse(out.payload))
    if (errors.length) record('response', errors, op, out.status)
  }
  if (key !== undefined && cache && out.kind === 'json' && out.status < 400) {
    if (cache.size >= READ_CACHE_ENTRIES) cache.clear()
    cache.set(key, out)
  }
  return out
}

function faultResponse(fault: ActiveFault, pathname: string): Outgoing {
  const path = pathname.replace(/^\/ex\/confluence\/[^/]+/, '')
  const family = pathname.startsWith('/ex/') && !path.startsWith('/wiki/') ? 'gateway' : familyOf(path)
  const status = fault.status!
  const headers: Record<string, string> = { ...(fault.headers ?? {}) }
  if (fault.retryAfter !== undefined) headers['Retry-After'] = retryAfterHeader(fault.retryAfter)
  const message = status === 429 ? 'Rate limit exceeded' : reasonPhrase(status)
  return json(status, fault.body !== undefined ? fault.body : errorBody(family, status, message), headers)
}
