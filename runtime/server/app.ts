// The HTTP server (docs/serving.md): one fastify app serving one or more workspaces as MCP tools and
// webhooks, with the operations endpoints. The first workspace is the default one, reachable
// without its slug (`/mcp`, `/webhooks/<endpoint>`).

import Fastify, { LogController, type FastifyInstance, type FastifyRequest, type FastifyServerOptions } from 'fastify'
import type { Workspace } from '../engine/workspace.ts'
import type { Store } from '../core/store.ts'
import type { TenantHost, Tenants } from '../tenants/registry.ts'
import { ServerSettings } from '../tenants/settings.ts'
import { formatDiagnostic } from '../workspace/diagnostics.ts'
import { loadWorkspace } from '../workspace/load.ts'
import { APP_MARKER, appRoutes, webAppsOf } from './web-apps.ts'
import { ADMIN_KEYS_ENV, ApiKeys, METRICS_KEYS_ENV, isLoopback } from './auth.ts'
import { authPlugin, type AuthPolicy, type PolicyTable } from './auth-plugin.ts'
import { configApiRoutes } from './config-api.ts'
import { errorBody } from './http-errors.ts'
import { mcpRoutes } from './mcp.ts'
import { TokenVerifier } from './bearer-tokens.ts'
import { Metrics, correlationId, opsRoutes } from './ops.ts'
import { serveWorkspace, type ServedWorkspace } from './served.ts'
import { TenantKeyRing } from './tenant-keys.ts'
import { Sessions } from './session.ts'
import { closeConversions } from '../host/functions/pool.ts'
import { webhookRoutes } from './webhooks.ts'

export interface ServerOptions {
  /** Workspaces already loaded (the first is the default), or `dir` to load one. */
  workspaces?: Workspace[]
  dir?: string
  /** The store of the workspace loaded from `dir` (default: in memory); closed with the server. */
  store?: Store
  /** Raw keys or `sha256:<hex>`; default: CONFLUENCE_NEXT_API_KEYS. */
  apiKeys?: readonly string[]
  host?: string
  port?: number
  /** fastify's `logger` option (pino); false for none. */
  logger?: FastifyServerOptions['logger']
  env?: NodeJS.ProcessEnv
  /** Tenant instances (runtime/tenants/registry.ts, docs/tenants.md), built once the workspaces are loaded. */
  tenants?: (host: TenantHost<ServedWorkspace>) => Promise<Tenants<ServedWorkspace>>
  /** Config API keys, raw or `sha256:<hex>`; default: CONFLUENCE_NEXT_ADMIN_KEYS. */
  adminKeys?: readonly string[]
  /** fastify's `trustProxy`: which proxies' X-Forwarded-For to believe; default: TRUST_PROXY. */
  trustProxy?: FastifyServerOptions['trustProxy']
  /** Scrape-only keys for /metrics and /readyz details, raw or `sha256:<hex>`; default: CONFLUENCE_NEXT_METRICS_KEYS. */
  metricsKeys?: readonly string[]
}

/** Seconds a client is told to wait (Retry-After) before retrying a call refused while draining. */
const DRAIN_RETRY_AFTER_S = 1

export interface RuntimeServer {
  readonly app: FastifyInstance
  readonly served: readonly ServedWorkspace[]
  readonly authenticated: boolean
  readonly tenants?: Tenants<ServedWorkspace>
  /** Every route's auth policy, `METHOD url` → policy (auth-plugin.ts, docs/serving.md "Who may call what"). */
  readonly policies: PolicyTable
  /** What /metrics shows (ops.ts); prom-client is loaded a little after listen() or at the first scrape. */
  readonly metrics: Metrics
  /** Bind and return the base URL (`http://127.0.0.1:3000`). */
  listen(): Promise<string>
  /**
   * Drain: answer new requests 503 with Retry-After (and /readyz 503) while in-flight calls finish,
   * for at most the longest run wall time; then stop listening and drain event-triggered runs.
   */
  close(): Promise<void>
}

export class StartupError extends Error {}

export async function createServer(options: ServerOptions): Promise<RuntimeServer> {
  const env = options.env ?? process.env
  const host = options.host ?? '127.0.0.1'
  const port = options.port ?? 3000
  let keys: TenantKeyRing
  let adminKeys: ApiKeys
  let metricsKeys: ApiKeys
  try {
    metricsKeys = options.metricsKeys
      ? new ApiKeys(options.metricsKeys, METRICS_KEYS_ENV)
      : ApiKeys.fromEnv(env, METRICS_KEYS_ENV)
    keys = options.apiKeys ? new TenantKeyRing(options.apiKeys) : TenantKeyRing.fromEnv(env)
    adminKeys = options.adminKeys
      ? new ApiKeys(options.adminKeys, ADMIN_KEYS_ENV)
      : ApiKeys.fromEnv(env, ADMIN_KEYS_ENV)
  } catch (err) {
    throw new StartupError((err as Error).message)
  }
  let trustProxy: FastifyServerOptions['trustProxy']
  try {
    trustProxy = options.trustProxy ?? trustProxyFromEnv(env.TRUST_PROXY)
  } catch (err) {
    throw new StartupError((err as Error).message)
  }
  const loopback = isLoopback(host)
  // OAuth resource-server mode (bearer-tokens.ts): the tokens' audience is the MCP URL clients reach.
  const publicUrl = (env.PUBLIC_URL || env.CONFLUENCE_NEXT_OAUTH_AUDIENCE || '').replace(/\/+$/, '')
  let tokens: { verifier: TokenVerifier; metadataUrl: string } | undefined
  try {
    const verifier = TokenVerifier.fromEnv(env, `${publicUrl}/mcp`)
    if (verifier && !publicUrl) {
      throw new Error(
        "with CONFLUENCE_NEXT_OAUTH_ISSUER, set PUBLIC_URL: the URL clients reach is the tokens' audience",
      )
    }
    if (verifier) {
      tokens = { verifier, metadataUrl: `${new URL(publicUrl).origin}/.well-known/oauth-protected-resource` }
    }
  } catch (err) {
    throw new StartupError((err as Error).message)
  }
  if (!keys.configured && !tokens && !loopback) {
    throw new StartupError(
      `refusing to listen on ${host} without API keys: set CONFLUENCE_NEXT_API_KEYS (see docs/serving.md "Authentication") or use a loopback HOST such as 127.0.0.1`,
    )
  }
  const app = Fastify({
    logger: options.logger ?? false,
    // ops.ts writes one line per call instead of fastify's two.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'correlationId' }),
    genReqId: req => correlationId(req.headers),
    // Let in-flight calls finish on close while new ones get 503.
    return503OnClosing: true,
    forceCloseConnections: 'idle',
    // Behind a load balancer, req.ip (sign-in rate limits, logs) is the client's, not the balancer's.
    trustProxy,
  })
  const owned: Workspace[] = []
  let workspaces = options.workspaces ?? []
  if (workspaces.length === 0) {
    if (!options.dir) throw new StartupError('createServer: pass `workspaces` or `dir`')
    const { workspace, diagnostics } = loadWorkspace(options.dir, { env, log: app.log, store: options.store })
    if (!workspace) {
      throw new StartupError(`cannot load workspace ${options.dir}:\n${diagnostics.map(formatDiagnostic).join('\n')}`)
    }
    // Warnings do not stop a start (`validate --strict` is the gate), but the operator sees them.
    for (const d of diagnostics)
      if (d.severity === 'warning') app.log.warn({ workspace: workspace.slug, code: d.code }, formatDiagnostic(d))
    owned.push(workspace)
    workspaces = [workspace]
  }
  // Settings saved in the configuration app apply before the tenants are built (they share values).
  const settings = await ServerSettings.install(workspaces, app.log)
  let tenants: Tenants<ServedWorkspace> | undefined
  try {
    tenants = await options.tenants?.({ workspaces, keys, log: app.log, serve: serveWorkspace })
  } catch (err) {
    throw new StartupError((err as Error).message)
  }
  settings.attach(tenants)

  const metrics = new Metrics()
  const served = workspaces.map(serveWorkspace)
  for (const s of served) for (const problem of s.problems) app.log.warn({ workspace: s.workspace.slug }, problem)
  const unwatch = metrics.watchWorkspaces(new Set(workspaces.map(w => w.slug)))
  const unwatchTenants = tenants && metrics.watchWorkspaces(tenants.slugs)
  const bySlug = new Map(served.map(s => [s.workspace.slug, s]))
  const resolve = (req: FastifyRequest): ServedWorkspace | undefined => {
    const ws = (req.params as { ws?: string } | undefined)?.ws
    if (ws === undefined) return served[0]
    return ws.startsWith('slug:') ? (bySlug.get(ws.slice(5)) ?? tenants?.served(ws.slice(5))) : undefined
  }

  let closing = false
  // While draining, the server still listens, so a new request is answered (503, retry elsewhere)
  // instead of refused; requests already in flight are counted until their response closes.
  let inFlight = 0
  let drained: (() => void) | undefined
  metrics.countRequestsInFlight(() => inFlight)
  // Hooks that never wait take fastify's callback form: an async hook costs a promise and a turn of
  // the microtask queue on every request.
  app.addHook('onRequest', (req, reply, done) => {
    if (closing && req.url !== '/healthz' && req.url !== '/readyz') {
      reply.header('retry-after', String(DRAIN_RETRY_AFTER_S)).header('connection', 'close')
      // Answered here: `done` is not called, so the route does not run.
      reply.code(503).send(errorBody('SHUTTING_DOWN', 'this instance is shutting down: retry the request'))
      return
    }
    inFlight++
    reply.raw.once('close', () => {
      if (--inFlight === 0) drained?.()
    })
    done()
  })
  // Calls that finish during shutdown release their keep-alive connection, or close() would wait
  // for the client to hang up.
  app.addHook('onSend', (_req, reply, payload, done) => {
    if (closing) reply.header('connection', 'close')
    done(null, payload)
  })
  app.addHook('onResponse', (_req, _reply, done) => {
    if (closing) setImmediate(() => app.server.closeIdleConnections())
    done()
  })
  // The configuration app (docs/config-app.md), when the workspace has its automations.
  const sessions = served.some(s => s.endpoints.has(APP_MARKER)) ? await Sessions.open(workspaces[0].store) : undefined
  const isTenant = (slug: string): boolean => tenants?.entry(slug) !== undefined
  // Every auth decision (auth-plugin.ts): its onRoute check must see every route, so it comes first.
  const auth = authPlugin(app, {
    keys,
    adminKeys,
    metricsKeys,
    tokens,
    loopback,
    tenants,
    resolve,
    sessions,
    hasApp: req => resolve(req)?.endpoints.has(APP_MARKER) === true,
    isTenant,
  })
  opsRoutes(app, { metrics, workspaces: () => workspaces, isClosing: () => closing })
  // After the drain and correlation-id hooks: a refusal is counted and carries its correlation id.
  auth.decide()
  // A call may carry values up to the workspace's own size limit (limits.valueBytes), not fastify's 1 MiB.
  const bodyLimit = Math.max(...workspaces.map(w => w.limits.valueBytes)) + 64 * 1024
  await app.register(async scope => mcpRoutes(scope, { resolve, metrics, bodyLimit }))
  if (tokens) {
    // RFC 9728: the resource's metadata, at the root and with the resource's path appended.
    const metadata = tokens.verifier.metadata(`${publicUrl}/mcp`)
    const config: { auth: AuthPolicy } = { auth: 'public' }
    for (const path of ['/.well-known/oauth-protected-resource', '/.well-known/oauth-protected-resource/mcp']) {
      app.get(path, { config }, async (_req, reply) =>
        reply.header('cache-control', 'public, max-age=3600').send(metadata),
      )
    }
  }
  await app.register(async scope => webhookRoutes(scope, { resolve, metrics, bodyLimit }))
  // Each web app the core workspace declares (config/index.yml `apps:`); tenants share its files.
  if (sessions) {
    for (const webApp of webAppsOf(workspaces[0])) {
      const dir = workspaces[0].info.dir
      await app.register(async scope =>
        appRoutes(scope, { webApp, dir, resolve, auth: auth.decisions, sessions, isTenant }),
      )
    }
  }
  if (tenants) await app.register(async scope => configApiRoutes(scope, { tenants }))

  return {
    app,
    served,
    authenticated: keys.configured,
    tenants,
    policies: auth.table,
    metrics,
    async listen() {
      await app.listen({ host, port })
      // prom-client is loaded once the start and its first calls are done (or at the first scrape).
      metrics.loadSoon()
      const address = app.server.address()
      const bound = typeof address === 'object' && address ? address.port : port
      if (!keys.configured) {
        app.log.warn(`no API keys configured: unauthenticated, answering loopback callers only (${host})`)
      }
      return `http://${host.includes(':') ? `[${host}]` : host}:${bound}`
    },
    async close() {
      closing = true
      if (inFlight > 0) {
        const longest = Math.max(...workspaces.map(w => w.limits.runWallTimeMs))
        await new Promise<void>(resolve => {
          const timer = setTimeout(resolve, longest + 1000)
          drained = () => {
            clearTimeout(timer)
            resolve()
          }
        })
      }
      await app.close()
      metrics.stop()
      unwatch()
      unwatchTenants?.()
      settings.close()
      await tenants?.close()
      await Promise.all(workspaces.map(w => w.drain()))
      await Promise.all(owned.map(w => w.store.close()))
      // The conversion threads (functions/pool.ts) would otherwise outlive the server.
      await closeConversions()
    },
  }
}

/**
 * TRUST_PROXY: `true` (every proxy), a number of hops, or comma-separated addresses and CIDR ranges
 * of the proxies (docs/operations.md); unset or `false`: X-Forwarded-For is ignored.
 */
export function trustProxyFromEnv(value: string | undefined): FastifyServerOptions['trustProxy'] {
  const text = value?.trim() ?? ''
  if (text === '' || text === 'false') return false
  if (text === 'true') return true
  // A number of hops: fastify takes it (proxy-addr), though its types leave it out.
  if (/^\d+$/.test(text)) return Number(text) as unknown as FastifyServerOptions['trustProxy']
  const list = text
    .split(',')
    .map(s => s.trim())
    .filter(Boolean)
  const bad = list.find(s => !/^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(s))
  if (bad !== undefined) {
    throw new Error(
      `TRUST_PROXY: ${JSON.stringify(bad)} is not an address or CIDR range (or use true, or a number of hops)`,
    )
  }
  return list
}
