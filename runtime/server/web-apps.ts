// The configuration app (docs/config-app.md): static files from the folder the workspace names
// (config/index.yml `apps:`) at `/apps/<id>/` (the core) and `/v2/workspaces/slug:<tenant>/apps/<id>/`,
// under a strict Content-Security-Policy, plus the few routes that are not automations: sign-in
// (an API key in, a session cookie out: session.ts), sign-out, single-use user links, and the
// action → scope table. Everything the page reads or changes goes through the workspace's `app/*`
// webhooks (automations), which the auth plugin (auth-plugin.ts) opens with the session.

import { createHash, randomBytes } from 'node:crypto'
import { readdirSync, readFileSync } from 'node:fs'
import { extname, join, resolve } from 'node:path'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Workspace } from '../engine/workspace.ts'
import type { AuthDecisions, AuthPolicy } from './auth-plugin.ts'
import { errorBody } from './http-errors.ts'
import type { ServedWorkspace } from './served.ts'
import { sessionLocal, unsafeRequestProblem, type Role, type Sessions } from './session.ts'

/** A web app of the workspace (config/index.yml `apps:`, schemas/workspace.schema.json). */
export interface WebApp {
  id: string
  /** Its static files, relative to the workspace folder. */
  folder: string
  /** The automation whose literal `argument` in an MCP action's automation is a scope it needs. */
  scopes?: { automation: string; argument: string }
}

/** The web apps the workspace declares. */
export function webAppsOf(ws: Workspace): WebApp[] {
  return (ws.info.index.apps as WebApp[] | undefined) ?? []
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
}
export const CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
const SECURITY_HEADERS = {
  'content-security-policy': CSP,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
}
const TICKET_TTL_MS = 10 * 60 * 1000
const LOGIN_FAILURES_PER_MINUTE = 10
/** The webhook that marks a workspace as having the app (automations/app/state.yml). */
export const APP_MARKER = 'app/state'

export interface AppOptions {
  /** The app these routes serve, of the core workspace `dir` (tenants share its files). */
  webApp: WebApp
  dir: string
  resolve: (req: FastifyRequest) => ServedWorkspace | undefined
  /** What a key typed into the sign-in form opens (auth-plugin.ts, with every other auth decision). */
  auth: AuthDecisions
  sessions: Sessions
  isTenant: (slug: string) => boolean
}

/** Who may call (auth-plugin.ts, docs/serving.md "Who may call what"). */
const auth = (policy: AuthPolicy): { config: { auth: AuthPolicy } } => ({ config: { auth: policy } })

export async function appRoutes(app: FastifyInstance, o: AppOptions): Promise<void> {
  const appId = o.webApp.id
  const folder = resolve(o.dir, o.webApp.folder) + '/'
  const files = new Map(
    readdirSync(folder)
      .filter(f => extname(f) in TYPES)
      .map(f => [f, readFileSync(join(folder, f))]),
  )
  const page = readFileSync(join(folder, 'index.html'))
  app.addHook('onSend', async (_req, reply, payload) => {
    reply.headers(SECURITY_HEADERS)
    return payload
  })

  /** The workspace of the request, when it has the app; else the request is answered 404. */
  const target = (req: FastifyRequest, reply: FastifyReply): ServedWorkspace | undefined => {
    const served = o.resolve(req)
    if (served?.endpoints.has(APP_MARKER)) return served
    void reply.code(404).send(errorBody('NOT_FOUND', 'no configuration app here'))
    return undefined
  }
  const secure = (req: FastifyRequest, ws: Workspace): boolean =>
    req.protocol === 'https' || /^https:/i.test(String(ws.config.publicUrl ?? ''))
  const bearer = (key: unknown): string | undefined =>
    typeof key === 'string' && key !== '' ? `Bearer ${key}` : undefined
  for (const base of [`/apps/${appId}`, `/v2/workspaces/:ws/apps/${appId}`]) {
    // Relative asset URLs need the trailing slash.
    app.get(base, auth('public'), async (req, reply) => {
      if (!target(req, reply)) return reply
      const [path, query] = req.url.split('?')
      return reply.redirect(`${path}/${query ? `?${query}` : ''}`, 308)
    })

    app.get(`${base}/`, auth('public'), async (req, reply) => {
      const served = target(req, reply)
      if (!served) return reply
      const ticket = (req.query as { ticket?: unknown }).ticket
      if (typeof ticket !== 'string') return reply.type('text/html; charset=utf-8').send(page)
      // A user link: single use, then a clean URL (the ticket leaves the address bar and history).
      const path = req.url.split('?')[0]
      const found = (await served.workspace.store.take(ticketKey(ticket))) as { ws?: string; user?: string } | undefined
      if (!found || found.ws !== served.workspace.slug || typeof found.user !== 'string') {
        return reply.redirect(`${path}#link-invalid`, 303)
      }
      const s = o.sessions.create(served.workspace.slug, 'user', found.user)
      return reply.header('set-cookie', o.sessions.cookies(s, secure(req, served.workspace))).redirect(path, 303)
    })

    app.get(`${base}/:file`, auth('public'), async (req, reply) => {
      const body = files.get((req.params as { file: string }).file)
      if (!body || !target(req, reply)) return reply.code(404).send(errorBody('NOT_FOUND', 'no such file'))
      return reply.type(TYPES[extname((req.params as { file: string }).file)]).send(body)
    })

    app.get(`${base}/api/session`, auth('public'), async (req, reply) => {
      const served = target(req, reply)
      if (!served) return reply
      const slug = served.workspace.slug
      const s = await o.sessions.read(req, slug)
      return {
        app: appId,
        workspace: slug,
        name: served.workspace.name,
        core: !o.isTenant(slug),
        open: o.auth.open,
        hooks: `/v2/workspaces/slug:${slug}/webhooks`,
        session: s ? sessionLocal(s) : null,
      }
    })

    // A maintainer's or a workspace admin's session (checked by the auth hook).
    app.get(`${base}/api/scopes`, auth('appSession'), async (req, reply) => {
      const served = target(req, reply)
      if (!served) return reply
      return scopeTable(served.workspace, o.webApp)
    })

    app.post(`${base}/api/login`, auth('public'), async (req, reply) => {
      const served = target(req, reply)
      if (!served) return reply
      const problem = unsafeRequestProblem(req, served.workspace)
      if (problem) return reply.code(403).send(errorBody('CSRF', problem))
      const body = (req.body ?? {}) as { key?: unknown; userId?: unknown }
      const slug = served.workspace.slug
      // Keys are long and random; this only keeps a guesser from hammering the store of sessions.
      const failures = `apps:login-failures:${req.ip}`
      if ((await served.workspace.store.incr(failures, 0, 60_000)).value >= LOGIN_FAILURES_PER_MINUTE) {
        return reply.code(429).send(errorBody('RATE_LIMITED', 'too many failed sign-ins; wait a minute'))
      }
      const key = bearer(body.key)
      const asUser = typeof body.userId === 'string' && body.userId.trim() !== ''
      const role: Role | undefined = asUser
        ? o.auth.vouchesForUser(key, slug, String(body.userId).trim())
          ? 'user'
          : undefined
        : o.auth.adminRole(key, slug)
      if (!role || (asUser && String(body.userId).length > 200)) {
        await served.workspace.store.incr(failures, 1, 60_000)
        const forWhom = asUser ? ' for a user' : ''
        return reply
          .code(401)
          .send(errorBody('UNAUTHORIZED', `this key does not open the configuration app of "${slug}"${forWhom}`))
      }
      const s = o.sessions.create(slug, role, asUser ? String(body.userId).trim() : undefined)
      return reply.header('set-cookie', o.sessions.cookies(s, secure(req, served.workspace))).send({
        session: sessionLocal(s),
      })
    })

    // With a session, its CSRF token too (checked by the auth hook); without one, nothing to revoke.
    app.post(`${base}/api/logout`, auth('appSessionIfAny'), async (req, reply) => {
      const served = target(req, reply)
      if (!served) return reply
      const slug = served.workspace.slug
      if (req.auth?.session) await o.sessions.revoke(req.auth.session)
      return reply
        .header('set-cookie', o.sessions.clearCookies(slug, secure(req, served.workspace)))
        .code(204)
        .send()
    })

    // For a trusted caller (Agent Factory, an admin's script), never a browser: a link that opens a
    // user session once. The key stays with the caller; the link is bound to this workspace and user.
    // The key must vouch for the user the body names (checked by the auth hook once the body is read).
    app.post(`${base}/api/user-link`, auth('vouchForUser'), async (req, reply) => {
      const served = target(req, reply)
      if (!served) return reply
      const slug = served.workspace.slug
      const userId = (req.body as { userId?: unknown } | undefined)?.userId
      if (typeof userId !== 'string' || userId.trim() === '' || userId.length > 200) {
        return reply
          .code(400)
          .send(errorBody('INVALID_REQUEST', 'send {"userId": "<the user\'s id>"} (1 to 200 characters)'))
      }
      const ticket = randomBytes(32).toString('base64url')
      await served.workspace.store.set(ticketKey(ticket), { ws: slug, user: userId.trim() }, TICKET_TTL_MS)
      const path = `/v2/workspaces/slug:${slug}/apps/${appId}/?ticket=${ticket}`
      // From the configured URL only, never the Host header: a forged Host would send the user elsewhere.
      const origin = configuredOrigin(served.workspace.config)
      return { url: origin + path, path, expiresIn: TICKET_TTL_MS / 1000 }
    })
  }
}

/** PUBLIC_URL, else http://HOST:PORT as configured (the same rule as automations/oauth/urls.yml). */
export function configuredOrigin(config: Record<string, unknown>): string {
  if (typeof config.publicUrl === 'string' && config.publicUrl !== '') return config.publicUrl.replace(/\/+$/, '')
  let h = typeof config.serverHost === 'string' ? config.serverHost : '127.0.0.1'
  if (['', '0.0.0.0', '::', '[::]'].includes(h)) h = 'localhost'
  if (h.includes(':') && !h.startsWith('[')) h = `[${h}]`
  return `http://${h}:${String(config.serverPort ?? 3000)}`
}

const ticketKey = (ticket: string): string => `apps:ticket:${createHash('sha256').update(ticket).digest('hex')}`

/**
 * Which granular scopes each MCP action needs: the literal argument the app's `scopes:` names in every
 * call to its automation (the connector's: `scope:` of `confluence/request`) in the action's automation
 * (so the table follows the automations), the default scope list of the config schema, and a
 * read-only preset: the scopes of the actions that do not write.
 */
export function scopeTable(
  ws: Workspace,
  webApp: WebApp | undefined = webAppsOf(ws)[0],
): { actions: Record<string, string[]>; defaultScopes: string[]; readOnlyScopes: string[] } {
  const actions: Record<string, string[]> = {}
  const read = new Set<string>(['offline_access'])
  for (const a of ws.automations.values()) {
    if (!a.when.mcp || a.private) continue
    const found = new Set<string>()
    if (webApp?.scopes) collectScopes(a.raw.do, webApp.scopes, found)
    const name = `${a.when.mcp.tool}.${a.when.mcp.action}`
    actions[name] = [...found].sort()
    if (a.when.mcp.write !== true) {
      for (const s of found) read.add(s)
    }
  }
  const schema = (
    ws.info.index.config as { schema?: { properties?: { oauthScopes?: { default?: string[] } } } } | undefined
  )?.schema
  const defaultScopes = schema?.properties?.oauthScopes?.default ?? []
  return { actions, defaultScopes, readOnlyScopes: defaultScopes.filter(s => read.has(s)) }
}

function collectScopes(value: unknown, from: NonNullable<WebApp['scopes']>, found: Set<string>): void {
  if (Array.isArray(value)) {
    for (const v of value) collectScopes(v, from, found)
    return
  }
  if (!value || typeof value !== 'object') return
  for (const [k, v] of Object.entries(value)) {
    const scope = (v as Record<string, unknown> | null)?.[from.argument]
    if (k === from.automation && typeof scope === 'string' && !/[{}]/.test(scope)) found.add(scope)
    collectScopes(v, from, found)
  }
}
