// Webhooks (docs/serving.md "Webhooks"): `/v2/workspaces/slug:<slug>/webhooks/<endpoint>` and
// `/webhooks/<endpoint>`, any method. The automation gets `body`, `query`, `headers`, `method` and
// `$http` ({status, headers}, which it may change); its output is the response body.

import { createHash } from 'node:crypto'
import { parse as parseQuery } from 'node:querystring'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { CompiledAutomation } from '../engine/types.ts'
import { toDsulError } from '../core/errors.ts'
import { argumentDepthError, depthExceeds } from '../core/limits.ts'
import { Cancellation } from '../core/run-context.ts'
import { identityFor, type Grant } from './auth.ts'
import type { AuthPolicy } from './auth-plugin.ts'
import { cancelledHow, cancelOnDisconnect } from './cancel.ts'
import { errorBody, frameworkErrorCode, reason } from './http-errors.ts'
import type { Metrics } from './ops.ts'
import type { ServedWorkspace } from './served.ts'
import { sessionIdentity, sessionLocal, type Session } from './session.ts'

export interface WebhookOptions {
  resolve: (req: FastifyRequest) => ServedWorkspace | undefined
  metrics: Metrics
  bodyLimit: number
}

/**
 * Who may call (auth-plugin.ts): per endpoint, the app's session for `app/*` (docs/config-app.md),
 * anyone for `when.public`, else a workspace API key.
 */
const AUTH: { auth: AuthPolicy } = { auth: 'webhook' }

interface Target {
  served: ServedWorkspace
  automation: CompiledAutomation
  endpoint: string
  trusted: boolean
  grant?: Grant
  session?: Session
}

declare module 'fastify' {
  interface FastifyRequest {
    webhook: Target | null
  }
}

// Never handed to automations: credentials of the caller.
const HIDDEN_HEADERS = new Set(['authorization', 'cookie', 'proxy-authorization'])
// Set by the server from the body it actually sends.
const RESERVED_RESPONSE_HEADERS = new Set([
  'content-length',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'upgrade',
])
const TEXTUAL = /^text\/|json|xml|javascript|yaml|csv/i

export async function webhookRoutes(app: FastifyInstance, options: WebhookOptions): Promise<void> {
  app.decorateRequest('webhook', null)
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, { ...parseQuery(body as string) })
  })
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (req, body, done) => {
    done(null, TEXTUAL.test(req.headers['content-type'] ?? '') ? (body as Buffer).toString('utf8') : body)
  })
  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500
    if (status === 500) req.log.error({ err: err.message }, 'webhook failed')
    reply.code(status).send(errorBody(frameworkErrorCode(status), status === 500 ? 'internal error' : err.message))
  })
  // The auth hook (auth-plugin.ts) has decided before the body is read; an unknown webhook is a 404
  // only for a caller it let in.
  app.addHook('onRequest', async (req, reply) => {
    const served = options.resolve(req)
    const endpoint = (req.params as { '*': string })['*']
    const automation = served?.endpoints.get(endpoint)
    const { grant, session } = req.auth ?? {}
    if (!served || !automation) {
      const where = served ? ` in workspace "${served.workspace.slug}"` : ' (unknown workspace)'
      return reply.code(404).send(errorBody('NOT_FOUND', `no webhook "${endpoint}"${where}`))
    }
    req.webhook = session
      ? { served, automation, endpoint, trusted: false, session }
      : { served, automation, endpoint, trusted: grant !== undefined, grant }
  })
  for (const url of ['/webhooks/*', '/v2/workspaces/:ws/webhooks/*']) {
    app.all(url, { bodyLimit: options.bodyLimit, config: AUTH }, (req, reply) => handle(req, reply, options.metrics))
  }
}

async function handle(req: FastifyRequest, reply: FastifyReply, metrics: Metrics): Promise<void> {
  const { served, automation, endpoint, trusted, grant, session } = req.webhook!
  const started = performance.now()
  req.call = { workspace: served.workspace.slug, endpoint }
  const $http = { status: 200, headers: {} }
  const body = req.body ?? null
  // Declared arguments are read from the body (validated like MCP arguments); the rest stays in `body`.
  const declares = Object.keys((automation.argumentsSchema.properties ?? {}) as object).length > 0
  const args = declares && isPlainObject(body) ? (body as Record<string, unknown>) : {}
  // The body is refused before anything walks it recursively (clone, validation, redaction).
  const limits = served.workspace.limits
  const deep = depthExceeds(body, limits.argumentDepth)
  if (deep !== undefined) {
    const e = argumentDepthError('the request body', `body${deep}`, limits)
    req.call.outcome = 'error'
    req.call.error = e.describe()
    reply.code(e.status).send(errorBody(e.code, e.message))
    metrics.webhookCall(served.workspace.slug, endpoint, reply.statusCode, (performance.now() - started) / 1000)
    return
  }
  // Identity headers count only from an authenticated caller (or on a keyless loopback server), and
  // only as far as its key may assert them (auth.ts identityFor).
  // A signed-in caller's `session` scope is kept for its sign-in session, under a hash of the session
  // id (store keys are not encrypted); other callers get a session only from x-context-id (run-context.ts).
  const decided = session
    ? { identity: { ...sessionIdentity(session), sessionId: sessionKey(session.sid) } }
    : trusted && grant
      ? identityFor(grant, {
          userId: header(req, 'x-user-id'),
          agentId: header(req, 'x-agent-id'),
          contextId: header(req, 'x-context-id'),
        })
      : { identity: {} }
  if ('refused' in decided) {
    req.call.outcome = 'error'
    req.call.error = `IDENTITY_REFUSED ${decided.refused}`
    reply.code(403).send(errorBody('IDENTITY_REFUSED', decided.refused))
    metrics.webhookCall(served.workspace.slug, endpoint, 403, (performance.now() - started) / 1000)
    return
  }
  req.call.agent = decided.identity.agentId
  req.call.user = decided.identity.userId
  req.call.context = decided.identity.contextId
  // A caller that goes away before the answer cancels the run (cancel.ts).
  const cancellation = new Cancellation()
  cancelOnDisconnect(reply, cancellation)
  try {
    const result = await served.workspace.run(automation.slug, args, {
      cancellation,
      identity: decided.identity,
      trigger: { type: 'endpoint', value: endpoint },
      correlationId: req.id,
      locals: {
        body,
        query: { ...(req.query as object) },
        headers: visibleHeaders(req),
        method: req.method,
        $http,
      },
      // The configuration app's sign-in (role, workspace, user, expiry): read-only fields of `session`.
      ...(session ? { sessionFields: sessionLocal(session) as unknown as Record<string, unknown> } : {}),
    })
    req.call.outcome = 'ok' // before sending: the log line is written when the response ends
    send(reply, result.output, result.http ?? $http)
  } catch (err) {
    const e = toDsulError(err)
    if (e.code === 'RUN_CANCELLED') {
      // Nobody reads the answer (499, nginx's "client closed request"): counted apart from errors.
      req.call.outcome = 'cancelled'
      req.call.code = e.code
      metrics.callCancelled(served.workspace.slug, 'webhook', cancelledHow(cancellation.reason))
      reply.code(e.status).send({ error: e.code, message: e.message })
      metrics.webhookCall(served.workspace.slug, endpoint, reply.statusCode, (performance.now() - started) / 1000)
      return
    }
    req.call.outcome = e.kind === 'unexpected' ? 'internal' : 'error'
    req.call.error = e.describe()
    req.call.code = e.code === 'FAILED' && typeof e.data.reason === 'string' ? e.data.reason : e.code
    if (e.kind === 'unexpected') {
      reply.code(500).send(errorBody(e.code, `internal error (correlation id ${req.id})`))
    } else reply.code(e.status).send(errorBody(e.code === 'FAILED' ? reason(req.call.code) : e.code, e.message))
  }
  metrics.webhookCall(served.workspace.slug, endpoint, reply.statusCode, (performance.now() - started) / 1000)
}

/** Apply `$http` and send the output: strings as is (HTML sniffed), buffers as bytes, the rest as JSON. */
function send(reply: FastifyReply, output: unknown, http: Record<string, unknown>): void {
  const status = http.status ?? 200
  if (!Number.isInteger(status) || (status as number) < 100 || (status as number) > 599) {
    throw Object.assign(new Error(`$http.status must be an integer from 100 to 599, not ${JSON.stringify(status)}`), {
      code: 'INVALID_HTTP',
    })
  }
  const headers = http.headers ?? {}
  if (!isPlainObject(headers)) {
    throw Object.assign(new Error('$http.headers must be an object'), { code: 'INVALID_HTTP' })
  }
  reply.code(status as number)
  let hasType = false
  for (const [name, value] of Object.entries(headers as Record<string, unknown>)) {
    const key = name.toLowerCase()
    if (RESERVED_RESPONSE_HEADERS.has(key) || value === undefined || value === null) continue
    if (key === 'content-type') hasType = true
    reply.header(
      key,
      Array.isArray(value) ? value.map(String) : typeof value === 'object' ? JSON.stringify(value) : String(value),
    )
  }
  if (output === undefined || output === null) {
    reply.send('')
    return
  }
  if (typeof output === 'string') {
    if (!hasType) reply.type(/^\s*</.test(output) ? 'text/html; charset=utf-8' : 'text/plain; charset=utf-8')
    reply.send(output)
  } else if (Buffer.isBuffer(output)) {
    if (!hasType) reply.type('application/octet-stream')
    reply.send(output)
  } else {
    if (!hasType) reply.type('application/json; charset=utf-8')
    reply.send(JSON.stringify(output))
  }
}

// Cookies stay hidden, except the connect flow's own browser binding (automations/oauth/connect.yml
// sets it, callback.yml checks it): a single-use nonce, never a session or another site's cookie.
const FLOW_COOKIE = /^cn-connect-[\w-]{1,64}=[\w-]{1,128}$/

function visibleHeaders(req: FastifyRequest): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  for (const [k, v] of Object.entries(req.headers)) if (!HIDDEN_HEADERS.has(k)) out[k] = v
  const cookie = typeof req.headers.cookie === 'string' ? req.headers.cookie : ''
  const flow = cookie
    .split(';')
    .map(c => c.trim())
    .filter(c => FLOW_COOKIE.test(c))
  if (flow.length > 0) out.cookie = flow.join('; ')
  return out
}

function sessionKey(sid: string): string {
  return createHash('sha256').update(sid).digest('base64url').slice(0, 32)
}

function header(req: FastifyRequest, name: string): string | undefined {
  const v = req.headers[name]
  return Array.isArray(v) ? v[0] : v
}

function isPlainObject(v: unknown): boolean {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && !Buffer.isBuffer(v)
}
