// Who may call what, decided in one place (docs/serving.md "Who may call what"). Every route declares
// its policy in its config (`config: { auth: 'mcp' }`); a route without one is refused at registration
// (onRoute) and, were one to slip through, at request time. The hooks here run before any body is
// read: the loopback Host/Origin guard, the tenant-key guard, then the route's policy, which either
// answers the refusal (status, WWW-Authenticate, a JSON-RPC error on MCP routes, errorBody elsewhere)
// or attaches what the caller was granted to `req.auth`. The surfaces only read `req.auth`.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Tenants, TenantServed } from '../tenants/registry.ts'
import { ADMIN_KEYS_ENV, CHALLENGE, rebindingProblem, type ApiKeys, type Grant } from './auth.ts'
import type { TokenVerifier } from './bearer-tokens.ts'
import { errorBody, rpcError, type ErrorBody } from './http-errors.ts'
import type { ServedWorkspace } from './served.ts'
import { APP_ENDPOINT_PREFIX, APP_RESPONSE_HEADERS, type Role, type Session, type Sessions } from './session.ts'
import type { TenantKeyRing } from './tenant-keys.ts'

/** Each policy and who it lets in; the table docs/serving.md shows (test/runtime/server/auth-plugin.test.ts). */
export const AUTH_POLICIES = {
  public: "anyone (a tenant key still only on its own tenant's routes)",
  mcp: "a workspace API key (global or the tenant's) or an OAuth access token; anyone on a keyless loopback",
  webhook: 'per endpoint: app/* an app session (+ CSRF token); `when.public` anyone; others a workspace API key',
  admin: 'an admin key (CONFLUENCE_NEXT_ADMIN_KEYS); 403 while none is set',
  metrics: 'a scrape key (CONFLUENCE_NEXT_METRICS_KEYS), before one is set a global API key; anyone when keyless',
  metricsOptional: 'anyone; a caller that could read /metrics also gets the details',
  appSession: 'an app session of a maintainer or a workspace admin',
  appSessionIfAny: 'anyone; a caller with an app session must also send its CSRF token',
  vouchForUser: "a key that may speak for the body's user: admin, the tenant's, global platform, bound to that user",
} as const satisfies Record<string, string>

export type AuthPolicy = keyof typeof AUTH_POLICIES

/** What the policy found out about the caller; the surfaces read only this. */
export interface Authorized {
  policy: AuthPolicy
  /** What the caller's key or token grants (auth.ts Grant); undefined on a public call without one. */
  grant?: Grant
  /** The configuration app's session of the caller (webhook `app/*`, appSession, appSessionIfAny). */
  session?: Session
  /** True when the caller may read /metrics and the details of /readyz. */
  operator?: boolean
}

declare module 'fastify' {
  interface FastifyContextConfig {
    auth?: AuthPolicy
  }
  interface FastifyRequest {
    auth: Authorized | null
  }
}

export interface AuthOptions {
  /** Workspace API keys: global entries and the tenants' rings. */
  keys: TenantKeyRing
  adminKeys: ApiKeys
  metricsKeys: ApiKeys
  /** OAuth resource-server mode (bearer-tokens.ts), for the MCP routes. */
  tokens?: { verifier: TokenVerifier; metadataUrl: string }
  /** A loopback bind: the Host/Origin guard stops DNS rebinding. */
  loopback: boolean
  tenants?: Tenants<TenantServed>
  resolve: (req: FastifyRequest) => ServedWorkspace | undefined
  /** The configuration app's sessions, when a workspace has the app. */
  sessions?: Sessions
  /** Whether the request's workspace has the configuration app (elsewhere its routes answer 404). */
  hasApp: (req: FastifyRequest) => boolean
  isTenant: (slug: string) => boolean
}

const KEY_MESSAGE = 'send a valid API key as `Authorization: Bearer <key>`'

/**
 * The decisions that take a key from somewhere else than the Authorization header (the app's sign-in
 * form) are here too, so the whole of "who may" stays in this file.
 */
export class AuthDecisions {
  constructor(private readonly o: AuthOptions) {}

  /** A keyless loopback server trusts every caller (docs/config-app.md). */
  get open(): boolean {
    return !this.o.keys.configured && !this.o.adminKeys.configured
  }

  /**
   * Who may open a session for `user` of `slug`: an admin key, the tenant's own key, a global platform
   * key, or a global key bound to that very user (docs/serving.md "Threat model").
   */
  vouchesForUser(auth: string | undefined, slug: string, user?: string): boolean {
    if ((this.open && auth === undefined) || this.o.adminKeys.verify(auth)) return true
    const tenant = this.o.keys.tenantOf(auth)
    if (tenant !== undefined) return tenant === slug
    const grant = this.o.keys.grantOf(auth)
    return grant?.kind === 'platform' || (grant?.kind === 'bound' && user !== undefined && grant.userId === user)
  }

  /** The app role a key signs in as for `slug` (no user): maintainer of the core, admin of a tenant. */
  adminRole(auth: string | undefined, slug: string): Role | undefined {
    const tenant = this.o.isTenant(slug)
    if (this.o.adminKeys.verify(auth) || (this.open && auth === undefined)) return tenant ? 'admin' : 'maintainer'
    return tenant && this.o.keys.tenantOf(auth) === slug ? 'admin' : undefined
  }

  /** Scrape keys when configured; before them a global key (older deployments), never a tenant's. */
  operator(req: FastifyRequest): boolean {
    const auth = req.headers.authorization
    if (this.o.metricsKeys.configured) return this.o.metricsKeys.verify(auth)
    return !this.o.keys.configured || this.o.keys.grantOf(auth) !== undefined
  }
}

type Refusal = { status: number; challenge?: string; body: object }
type Decision = Authorized | Refusal

const refused = (d: Decision): d is Refusal => 'status' in d

/** The policy table as registered: `METHOD url` → policy (for the test and for a curious operator). */
export type PolicyTable = Map<string, AuthPolicy>

/**
 * Install the auth hooks on the root instance. Call `guardRoutes` before any route is registered and
 * `decide` where the request hooks belong (after the drain and correlation-id hooks).
 */
export function authPlugin(
  app: FastifyInstance,
  o: AuthOptions,
): {
  decisions: AuthDecisions
  table: PolicyTable
  decide: () => void
} {
  const decisions = new AuthDecisions(o)
  const table: PolicyTable = new Map()
  app.decorateRequest('auth', null)
  // Fail closed at registration: a route nobody thought about does not start.
  app.addHook('onRoute', route => {
    const policy = route.config?.auth
    const methods = ([] as string[]).concat(route.method)
    if (policy === undefined || !Object.hasOwn(AUTH_POLICIES, policy)) {
      throw new Error(
        `route ${methods.join(',')} ${route.url} declares no auth policy: add config.auth (one of ${Object.keys(
          AUTH_POLICIES,
        ).join(', ')}; runtime/server/auth-plugin.ts)`,
      )
    }
    for (const method of methods) table.set(`${method} ${route.url}`, policy)
  })

  const deciders: Record<AuthPolicy, (req: FastifyRequest, reply: FastifyReply) => Promise<Decision>> = {
    public: async () => ({ policy: 'public' }),
    mcp: req => mcpDecision(o, req),
    webhook: (req, reply) => webhookDecision(o, req, reply),
    admin: async req => {
      if (!o.adminKeys.configured) {
        return {
          status: 403,
          body: errorBody('FORBIDDEN', `the config API is disabled: set ${ADMIN_KEYS_ENV} (see docs/tenants.md)`),
        }
      }
      if (!o.adminKeys.verify(req.headers.authorization)) {
        return unauthorized(`send an admin key (${ADMIN_KEYS_ENV}) as \`Authorization: Bearer <key>\``)
      }
      return { policy: 'admin' }
    },
    metrics: async req =>
      decisions.operator(req)
        ? { policy: 'metrics', operator: true }
        : unauthorized('a metrics key is required (CONFLUENCE_NEXT_METRICS_KEYS, docs/operations.md)'),
    metricsOptional: async req => ({ policy: 'metricsOptional', operator: decisions.operator(req) }),
    appSession: async req => {
      const served = o.resolve(req)
      if (!o.sessions || !served || !o.hasApp(req)) return { policy: 'appSession' } // the route answers 404
      const session = await o.sessions.read(req, served.workspace.slug)
      if (!session || session.role === 'user') {
        return { status: 401, body: errorBody('UNAUTHORIZED', 'sign in as a maintainer or a workspace admin') }
      }
      return { policy: 'appSession', session }
    },
    appSessionIfAny: async req => {
      const served = o.resolve(req)
      if (!o.sessions || !served || !o.hasApp(req)) return { policy: 'appSessionIfAny' }
      if (!(await o.sessions.read(req, served.workspace.slug))) return { policy: 'appSessionIfAny' }
      const checked = await o.sessions.guard(req, served.workspace)
      return 'session' in checked ? { policy: 'appSessionIfAny', session: checked.session } : checked
    },
    // Decided once the body is read (the user it names): see the preHandler below.
    vouchForUser: async () => ({ policy: 'vouchForUser' }),
  }

  const answer = (req: FastifyRequest, reply: FastifyReply, policy: AuthPolicy | undefined, r: Refusal) => {
    reply.code(r.status)
    if (r.challenge) reply.header('www-authenticate', r.challenge)
    if (policy === 'mcp' && isErrorBody(r.body)) return reply.send(rpcError(-32001, `Unauthorized: ${r.body.message}`))
    return reply.send(r.body)
  }

  const decide = () => {
    app.addHook('onRequest', async (req, reply) => {
      const policy = req.routeOptions.config?.auth
      // No route matched: the 404 reveals nothing, but a tenant key is still held to its tenant.
      const matched = req.routeOptions.url !== undefined
      if (o.loopback) {
        const problem = rebindingProblem(req.headers)
        if (problem) {
          return reply.code(403).send(errorBody('FORBIDDEN', `${problem}; this server only answers local callers`))
        }
      }
      if (o.tenants) {
        const outside = await tenantKeyOutside(o.tenants, o.keys, req)
        if (outside) return answer(req, reply, policy, outside)
      }
      if (!matched) return
      if (policy === undefined) {
        return reply.code(403).send(errorBody('FORBIDDEN', 'this route declares no auth policy'))
      }
      const decision = await deciders[policy](req, reply)
      if (refused(decision)) return answer(req, reply, policy, decision)
      req.auth = decision
    })
    app.addHook('preHandler', async (req, reply) => {
      if (req.routeOptions.config?.auth !== 'vouchForUser') return
      const served = o.resolve(req)
      if (!served || !o.hasApp(req)) return // the route answers 404
      const auth = typeof req.headers.authorization === 'string' ? req.headers.authorization : undefined
      const asked = (req.body as { userId?: unknown } | undefined)?.userId
      const user = typeof asked === 'string' ? asked.trim() : undefined
      if (!decisions.vouchesForUser(auth, served.workspace.slug, user)) {
        return answer(
          req,
          reply,
          'vouchForUser',
          unauthorized('send an API key of this workspace (global, tenant or admin) as `Authorization: Bearer <key>`'),
        )
      }
    })
  }
  return { decisions, table, decide }
}

function unauthorized(message: string): Refusal {
  return { status: 401, challenge: CHALLENGE, body: errorBody('UNAUTHORIZED', message) }
}

function isErrorBody(body: object): body is ErrorBody {
  return typeof (body as ErrorBody).error === 'string' && typeof (body as ErrorBody).message === 'string'
}

/**
 * A tenant's key reaches only that tenant's routes (docs/tenants.md "API keys"); anywhere else it is
 * refused like an unknown key, so it reveals nothing. A slug this instance does not know yet (created
 * on another instance) makes the registry refresh first (Tenants.admit, at most once a second).
 */
async function tenantKeyOutside(
  tenants: Tenants<TenantServed>,
  keys: TenantKeyRing,
  req: FastifyRequest,
): Promise<Refusal | undefined> {
  const ws = (req.params as { ws?: unknown } | undefined)?.ws
  const slug = typeof ws === 'string' && ws.startsWith('slug:') ? ws.slice(5) : undefined
  await tenants.admit(slug)
  const tenant = keys.tenantOf(req.headers.authorization)
  if (tenant === undefined || tenant === slug) return undefined
  return unauthorized(KEY_MESSAGE)
}

async function mcpDecision(o: AuthOptions, req: FastifyRequest): Promise<Decision> {
  const auth = req.headers.authorization
  const tokens = o.tokens
  // With an authorization server, a request needs a key or a token: no key configured is not `open`.
  let grant = !tokens || o.keys.configured ? o.keys.grantFor(auth) : undefined
  let problem: string | undefined
  if (!grant && tokens) {
    const checked = await tokens.verifier.grant(auth)
    if ('grant' in checked) grant = checked.grant
    else problem = checked.refused
  }
  if (grant) return { policy: 'mcp', grant }
  if (!tokens) return unauthorized(KEY_MESSAGE)
  // RFC 9728 §5.1: the challenge names the metadata, which names the authorization server.
  const error = auth ? `, error="invalid_token", error_description="${problem}"` : ''
  return {
    status: 401,
    challenge: `${CHALLENGE}${error}, resource_metadata="${tokens.metadataUrl}"`,
    body: errorBody(
      'UNAUTHORIZED',
      `${problem ?? 'send an access token'} (authorization server: ${tokens.verifier.settings.issuer})`,
    ),
  }
}

/** A webhook's policy depends on its endpoint: the app's session, `when.public`, or an API key. */
async function webhookDecision(o: AuthOptions, req: FastifyRequest, reply: FastifyReply): Promise<Decision> {
  const served = o.resolve(req)
  const endpoint = (req.params as { '*': string })['*']
  const automation = served?.endpoints.get(endpoint)
  if (o.sessions && served && automation && endpoint.startsWith(APP_ENDPOINT_PREFIX)) {
    // `session` must come from the server alone: an automation that takes it as an argument is refused.
    if ('session' in ((automation.argumentsSchema.properties ?? {}) as object)) {
      return { status: 500, body: errorBody('INTERNAL', `${automation.slug} may not declare an argument "session"`) }
    }
    reply.headers(APP_RESPONSE_HEADERS)
    const checked = await o.sessions.guard(req, served.workspace)
    return 'session' in checked ? { policy: 'webhook', session: checked.session } : checked
  }
  const grant = o.keys.grantFor(req.headers.authorization)
  // An unknown webhook answers 401 too, so it does not reveal whether it exists.
  if (grant === undefined && !automation?.when.public) return unauthorized(KEY_MESSAGE)
  return { policy: 'webhook', grant }
}
