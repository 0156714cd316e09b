// Authentication as the two Atlassian front doors do it:
// - the site host (`/wiki/...`) accepts HTTP Basic with an email and a classic (unscoped) API token;
// - the API gateway (`/ex/confluence/{cloudId}/wiki/...`) accepts OAuth Bearer tokens and Basic with
//   API tokens, and enforces the granular scopes a token carries, per operation.
import { randomUUID } from 'node:crypto'
import { DEFAULT_USER, type ConfluenceState } from '../model/state.ts'
import type { User } from '../model/types.ts'

export interface AccessTokenOptions {
  /** Granular scopes; when given, each operation's scopes are enforced. */
  scopes?: string[]
  /** Site the token was granted for (defaults to this site). */
  cloudId?: string
  /** Email of the user the token acts as (defaults to the demo user). */
  email?: string
}

export interface Principal {
  scheme: 'basic' | 'bearer'
  user: User
  /** undefined = unrestricted (classic API token, or token registered without scopes). */
  scopes?: string[]
}

export type AuthResult =
  | { ok: true; principal: Principal }
  | { ok: false; status: 401; message: string; headers?: Record<string, string> }

// The message Atlassian REST resources give anonymous or badly authenticated callers.
const SITE_UNAUTHENTICATED = 'Client must be authenticated to access this resource.'

export class CredentialStore {
  private readonly apiTokens = new Map<string, { email: string; scopes?: string[] }>()
  private readonly accessTokens = new Map<string, AccessTokenOptions>()

  constructor(
    private readonly state: ConfluenceState,
    private readonly cloudId: () => string,
    /** 'any' accepts every Basic/Bearer credential (sandbox mode); registered ones keep their scopes. */
    public mode: 'registered' | 'any' = 'registered',
  ) {}

  /** A scoped API token (with `scopes`) only works through the gateway, like on Atlassian Cloud. */
  addApiToken(email: string, token: string, options: { scopes?: string[] } = {}): void {
    this.ensureUser(email)
    this.apiTokens.set(`${email}\u0000${token}`, { email, scopes: options.scopes })
  }

  addAccessToken(token: string, options: AccessTokenOptions = {}): void {
    if (options.email) this.ensureUser(options.email)
    this.accessTokens.set(token, options)
  }

  revokeAccessToken(token: string): void {
    this.accessTokens.delete(token)
  }

  revokeApiToken(email: string, token: string): void {
    this.apiTokens.delete(`${email}\u0000${token}`)
  }

  /** Scopes of a registered bearer token (for accessible-resources). */
  accessToken(token: string): AccessTokenOptions | undefined {
    return this.accessTokens.get(token) ?? (this.mode === 'any' ? {} : undefined)
  }

  authenticate(header: string | undefined, gateway: boolean): AuthResult {
    const fail = (headers?: Record<string, string>): AuthResult =>
      gateway
        ? { ok: false, status: 401, message: 'Unauthorized' }
        : { ok: false, status: 401, message: SITE_UNAUTHENTICATED, headers }
    const [scheme = '', credential = ''] = (header ?? '').trim().split(/\s+/, 2)
    if (/^basic$/i.test(scheme)) {
      const decoded = Buffer.from(credential, 'base64').toString('utf8')
      const colon = decoded.indexOf(':')
      if (colon < 1) return fail()
      const email = decoded.slice(0, colon)
      const entry = this.apiTokens.get(`${email}\u0000${decoded.slice(colon + 1)}`)
      if (!entry && this.mode !== 'any') return fail({ 'X-Seraph-LoginReason': 'AUTHENTICATED_FAILED' })
      // Scoped API tokens are refused by the site host; only the gateway knows their scopes.
      if (entry?.scopes && !gateway) return fail({ 'X-Seraph-LoginReason': 'AUTHENTICATED_FAILED' })
      return {
        ok: true,
        principal: { scheme: 'basic', user: this.state.userByEmail(email) ?? DEFAULT_USER, scopes: entry?.scopes },
      }
    }
    if (/^bearer$/i.test(scheme) && credential) {
      // OAuth access tokens are only valid at the gateway.
      if (!gateway) return fail()
      const entry = this.accessToken(credential)
      if (!entry) return fail()
      if (entry.cloudId && entry.cloudId !== this.cloudId()) return fail()
      const user = (entry.email && this.state.userByEmail(entry.email)) || DEFAULT_USER
      return { ok: true, principal: { scheme: 'bearer', user, scopes: entry.scopes } }
    }
    return fail()
  }

  private ensureUser(email: string): void {
    if (this.state.userByEmail(email)) return
    const accountId = `712020:${randomUUID()}`
    this.state.users.set(accountId, { accountId, email, displayName: email.split('@')[0]! })
  }
}

/** True when the principal's scopes satisfy one of the operation's scope sets. */
export function scopesAllow(principal: Principal, scopeSets: string[][]): boolean {
  if (!principal.scopes) return true
  const granted = new Set(principal.scopes)
  return scopeSets.some(set => set.every(s => granted.has(s)))
}
