// Sessions of the configuration app (docs/config-app.md). A browser never holds an API key: it trades
// one for a signed session cookie (HMAC-SHA256, HttpOnly, SameSite=Strict, Secure behind https,
// 8 hours), bound to one workspace and one role. The signing secret lives in the store, so every
// instance sharing it accepts the same cookies. State-changing requests also need the CSRF token: a
// second, script-readable cookie whose value is an HMAC of the session id, sent back in X-CSRF-Token
// (double submit, bound to the session, so a cookie planted by another site cannot match it).
// `guard` is the one place the app's webhooks (`app/*`) are authenticated and CSRF-checked.

import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto'
import type { FastifyRequest } from 'fastify'
import type { Workspace } from '../engine/workspace.ts'
import type { Identity } from '../core/run-context.ts'
import type { Store } from '../core/store.ts'
import { errorBody, type ErrorBody } from './http-errors.ts'

export type Role = 'maintainer' | 'admin' | 'user'
export interface Session {
  sid: string
  ws: string
  role: Role
  user?: string
  exp: number
}
/** What an app automation sees as its `session` local: set by the server only. */
export interface SessionLocal {
  role: Role
  workspace: string
  userId: string | null
  expiresAt: string
}

export const SESSION_TTL_MS = 8 * 3600 * 1000
export const CSRF_HEADER = 'x-csrf-token'
/** Webhooks under this prefix belong to the app: a session authenticates them, never an API key. */
export const APP_ENDPOINT_PREFIX = 'app/'
/** On every answer of an app webhook: never cached, never sniffed into something else. */
export const APP_RESPONSE_HEADERS = {
  'cache-control': 'no-store',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
}
const SECRET_KEY = 'apps:session-secret'
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])
const ROLES = new Set<Role>(['maintainer', 'admin', 'user'])

export type Refusal = { status: number; body: ErrorBody }

export class Sessions {
  private constructor(
    private readonly key: Buffer,
    private readonly store: Store,
  ) {}

  /** The signing secret of this store, created once (under a store lock, so instances agree). */
  static async open(store: Store): Promise<Sessions> {
    let secret = await store.get(SECRET_KEY)
    if (typeof secret !== 'string') {
      const release = await store.lock(SECRET_KEY, 10_000, 10_000)
      try {
        secret = await store.get(SECRET_KEY)
        if (typeof secret !== 'string') await store.set(SECRET_KEY, (secret = randomBytes(32).toString('base64url')))
      } finally {
        await release()
      }
    }
    return new Sessions(Buffer.from(secret as string, 'base64url'), store)
  }

  create(ws: string, role: Role, user?: string): Session {
    return {
      sid: randomBytes(18).toString('base64url'),
      ws,
      role,
      ...(user ? { user } : {}),
      exp: Date.now() + SESSION_TTL_MS,
    }
  }

  /** Set-Cookie values for a new session: the session itself and its CSRF token. */
  cookies(s: Session, secure: boolean): string[] {
    const payload = Buffer.from(JSON.stringify(s)).toString('base64url')
    const maxAge = Math.max(0, Math.round((s.exp - Date.now()) / 1000)) // a fresh session: exactly its lifetime
    return [
      cookie(sessionCookie(s.ws, secure), `${payload}.${this.mac('session', payload)}`, maxAge, secure, true),
      cookie(csrfCookie(s.ws), this.csrfToken(s), maxAge, secure, false),
    ]
  }

  /** Set-Cookie values that remove a workspace's session (both names). */
  clearCookies(ws: string, secure: boolean): string[] {
    return [cookie(sessionCookie(ws, secure), '', 0, secure, true), cookie(csrfCookie(ws), '', 0, secure, false)]
  }

  /** The request's valid session for workspace `ws`: signature, expiry, workspace, not logged out. */
  async read(req: FastifyRequest, ws: string): Promise<Session | undefined> {
    const jar = parseCookies(req.headers.cookie)
    for (const name of [sessionCookie(ws, true), sessionCookie(ws, false)]) {
      const s = this.verify(jar[name])
      if (s && s.ws === ws && !(await this.store.get(revokedKey(s.sid)))) return s
    }
    return undefined
  }

  csrfToken(s: Session): string {
    return this.mac('csrf', s.sid)
  }

  /** Double submit: the header must carry this session's token. */
  checkCsrf(req: FastifyRequest, s: Session): boolean {
    const sent = req.headers[CSRF_HEADER]
    return typeof sent === 'string' && safeEqual(sent, this.csrfToken(s))
  }

  /** Logging out makes the cookie worthless at once, on every instance, until it would have expired. */
  async revoke(s: Session): Promise<void> {
    const ttl = s.exp - Date.now()
    if (ttl > 0) await this.store.set(revokedKey(s.sid), true, ttl)
  }

  /**
   * For a request to an app webhook of workspace `ws`: its session, or why it is refused — no session
   * (401), a state-changing request without the CSRF token, from another origin, or not JSON (403).
   */
  async guard(req: FastifyRequest, ws: Workspace): Promise<{ session: Session } | Refusal> {
    const s = await this.read(req, ws.slug)
    if (!s)
      return {
        status: 401,
        body: errorBody('UNAUTHORIZED', 'sign in to the configuration app first (docs/config-app.md)'),
      }
    if (!SAFE_METHODS.has(req.method)) {
      const problem =
        unsafeRequestProblem(req, ws) ??
        (this.checkCsrf(req, s) ? undefined : `send the session's CSRF token in ${CSRF_HEADER}`)
      if (problem) return { status: 403, body: errorBody('CSRF', problem) }
    }
    return { session: s }
  }

  private verify(value: string | undefined): Session | undefined {
    if (!value) return undefined
    const dot = value.indexOf('.')
    if (dot <= 0) return undefined
    const payload = value.slice(0, dot)
    if (!safeEqual(value.slice(dot + 1), this.mac('session', payload))) return undefined
    let s: Session
    try {
      s = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Session
    } catch {
      return undefined
    }
    if (typeof s?.sid !== 'string' || typeof s.ws !== 'string' || !ROLES.has(s.role) || !(s.exp > Date.now()))
      return undefined
    return s
  }

  private mac(purpose: string, value: string): string {
    return createHmac('sha256', this.key).update(`${purpose}:${value}`).digest('base64url')
  }
}

/** Cross-origin or non-JSON state-changing requests are refused before the token is even looked at. */
export function unsafeRequestProblem(req: FastifyRequest, ws: Workspace): string | undefined {
  const origin = req.headers.origin
  if (origin !== undefined) {
    // This host as the browser addressed it, or the public URL a proxy serves it at.
    const allowed = [req.headers.host, hostOf(ws.config.publicUrl)]
    if (!allowed.includes(hostOf(origin) ?? '')) return `Origin ${JSON.stringify(origin)} is not this server`
  }
  const length = Number(req.headers['content-length'] ?? 0)
  const type = String(req.headers['content-type'] ?? '')
  if ((length > 0 || req.headers['transfer-encoding']) && !/^application\/json\b/i.test(type))
    return 'send JSON (content-type: application/json)'
  return undefined
}

export function sessionLocal(s: Session): SessionLocal {
  return { role: s.role, workspace: s.ws, userId: s.user ?? null, expiresAt: new Date(s.exp).toISOString() }
}

/** A user session runs as that user; admin sessions run with no user identity. */
export function sessionIdentity(s: Session): Identity {
  return s.role === 'user' && s.user ? { userId: s.user } : {}
}

export function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {}
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=')
    if (i <= 0) continue
    const name = part.slice(0, i).trim()
    if (!(name in out)) out[name] = part.slice(i + 1).trim()
  }
  return out
}

/** `__Host-` cookies must be Secure, Path=/ and host-only: another subdomain cannot plant one. */
export const sessionCookie = (ws: string, secure: boolean): string => `${secure ? '__Host-' : ''}cn-app-${ws}`
export const csrfCookie = (ws: string): string => `cn-csrf-${ws}`

function cookie(name: string, value: string, maxAge: number, secure: boolean, httpOnly: boolean): string {
  return `${name}=${value}; Path=/; Max-Age=${maxAge}; SameSite=Strict${httpOnly ? '; HttpOnly' : ''}${secure ? '; Secure' : ''}`
}

const revokedKey = (sid: string): string => `apps:revoked:${createHash('sha256').update(sid).digest('hex')}`

function hostOf(url: unknown): string | undefined {
  try {
    return typeof url === 'string' ? new URL(url).host : undefined
  } catch {
    return undefined
  }
}

function safeEqual(a: string, b: string): boolean {
  const x = createHash('sha256').update(a).digest()
  const y = createHash('sha256').update(b).digest()
  return timingSafeEqual(x, y)
}
