// The identity server's state, as Atlassian's 3LO behaves: one grant per client and user, codes that
// work once, access tokens that expire, and rotating refresh tokens — each refresh token works once,
// and using it issues a new pair. Everything invalid is `invalid_grant`.
import { createHash, randomBytes } from 'node:crypto'

export interface OAuthClient {
  id: string
  secret: string
  /** Exact redirect URIs accepted at /authorize; empty or absent accepts any http(s) URL. */
  redirectUris?: string[]
  /** Scopes the app may request (its configured permissions); default: every known scope. */
  scopes?: string[]
}

export interface IdentityUser {
  accountId: string
  email: string
  name: string
}

interface Code {
  clientId: string
  redirectUri: string
  scopes: string[]
  challenge?: string
  user: IdentityUser
  expiresAt: number
}

export interface Grant {
  id: string
  clientId: string
  user: IdentityUser
  scopes: string[]
  revoked: boolean
}

export interface IssuedToken {
  token: string
  grantId: string
  scopes: string[]
  expiresAt: number
}

export interface TokenPair {
  access_token: string
  expires_in: number
  token_type: 'Bearer'
  scope: string
  refresh_token?: string
}

export class GrantError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(description)
  }
}

export interface Lifetimes {
  /** Seconds (Atlassian: 3600). */
  accessToken: number
  /** Seconds of inactivity after which a refresh token expires (Atlassian: 90 days). */
  refreshToken: number
  /** Seconds an authorization code stays valid. */
  code: number
  /**
   * Seconds a spent refresh token may still be used (Atlassian: the 10-minute leeway of its rotating
   * refresh tokens), so a client that lost the answer of a refresh can retry. Reuse after it revokes
   * the whole grant, as Atlassian's reuse detection does. Default 0: a spent token is refused, so a double refresh shows in tests.
   */
  refreshLeeway: number
}

const token = (prefix: string): string => `${prefix}${randomBytes(24).toString('base64url')}`

/** PKCE S256: base64url(SHA-256(verifier)), unpadded (RFC 7636). */
export function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url')
}

export class IdentityState {
  readonly codes = new Map<string, Code>()
  readonly grants = new Map<string, Grant>()
  readonly refreshTokens = new Map<string, IssuedToken & { used: boolean; usedAt?: number }>()
  readonly accessTokens = new Map<string, IssuedToken>()
  /** Successful grants by type, and refusals. */
  readonly counts = { authorization_code: 0, refresh_token: 0, invalid_grant: 0 }

  constructor(
    readonly lifetimes: Lifetimes,
    private readonly onIssue: (t: IssuedToken, user: IdentityUser) => void,
    private readonly onRevoke: (t: IssuedToken) => void,
  ) {}

  issueCode(c: Omit<Code, 'expiresAt'>): string {
    const code = token('code-')
    this.codes.set(code, { ...c, expiresAt: Date.now() + this.lifetimes.code * 1000 })
    return code
  }

  /** authorization_code: the code once, for its client and redirect URI, with the PKCE verifier if a challenge was sent. */
  redeemCode(clientId: string, code: string, redirectUri: string | undefined, verifier: string | undefined): TokenPair {
    const c = this.codes.get(code)
    this.codes.delete(code)
    const bad = (why: string): GrantError => {
      this.counts.invalid_grant++
      return new GrantError(403, 'invalid_grant', why)
    }
    if (!c || c.expiresAt <= Date.now()) throw bad('Invalid authorization code')
    if (c.clientId !== clientId) throw bad('The authorization code was issued to another client')
    if (c.redirectUri !== redirectUri) throw bad('redirect_uri does not match the one of the authorization request')
    if (c.challenge !== undefined && (!verifier || s256(verifier) !== c.challenge)) {
      throw bad('PKCE verification failed: code_verifier does not match code_challenge')
    }
    // One grant per app per user: consenting again replaces the scopes of the existing grant.
    let grant = [...this.grants.values()].find(
      g => g.clientId === clientId && g.user.accountId === c.user.accountId && !g.revoked,
    )
    if (grant) grant.scopes = c.scopes
    else {
      this.grants.set(
        (grant = { id: token('grant-'), clientId, user: c.user, scopes: c.scopes, revoked: false }).id,
        grant,
      )
    }
    this.counts.authorization_code++
    return this.pair(grant, c.scopes)
  }

  /** refresh_token: rotate. A valid request spends the presented token. */
  refresh(clientId: string, refreshToken: string, scope: string | undefined): TokenPair {
    const r = this.refreshTokens.get(refreshToken)
    const grant = r && this.grants.get(r.grantId)
    const bad = (): GrantError => {
      this.counts.invalid_grant++
      return new GrantError(403, 'invalid_grant', 'Unknown or invalid refresh token.')
    }
    if (!r || !grant || grant.revoked || r.expiresAt <= Date.now() || grant.clientId !== clientId) throw bad()
    if (r.used && Date.now() - (r.usedAt ?? 0) > this.lifetimes.refreshLeeway * 1000) {
      // Reuse outside the leeway: a stolen token, as far as the server can tell. The grant dies
      // (without a leeway, the fake only refuses it: tests of double refreshes count refusals).
      if (this.lifetimes.refreshLeeway > 0) this.revokeGrants(g => g.id === grant.id)
      throw bad()
    }
    const scopes = scope ? scope.split(/\s+/).filter(Boolean) : r.scopes
    if (scopes.some(s => !r.scopes.includes(s))) {
      throw new GrantError(400, 'invalid_scope', 'A refresh may only narrow the granted scopes')
    }
    if (!r.used) {
      r.used = true
      r.usedAt = Date.now()
    }
    this.counts.refresh_token++
    return this.pair(grant, scopes)
  }

  /** Revoke grants (all, or those matching) with every token they issued. Returns how many. */
  revokeGrants(match: (g: Grant) => boolean = () => true): number {
    let n = 0
    for (const g of this.grants.values()) {
      if (g.revoked || !match(g)) continue
      g.revoked = true
      n++
      for (const [t, a] of this.accessTokens) if (a.grantId === g.id) this.dropAccess(t)
    }
    return n
  }

  /** Make access tokens invalid now (as if they expired), all or those given. */
  expireAccessTokens(tokens?: string[]): void {
    for (const t of tokens ?? [...this.accessTokens.keys()]) this.dropAccess(t)
  }

  /** The newest refresh token still usable for a grant (the last one issued and not spent). */
  latestRefreshToken(grantId?: string): string | undefined {
    const live = [...this.refreshTokens.values()].filter(
      r => !r.used && (!grantId || r.grantId === grantId) && !this.grants.get(r.grantId)?.revoked,
    )
    return live.at(-1)?.token
  }

  dropAccess(t: string): void {
    const a = this.accessTokens.get(t)
    if (!a) return
    this.accessTokens.delete(t)
    this.onRevoke(a)
  }

  private pair(grant: Grant, scopes: string[]): TokenPair {
    const now = Date.now()
    const access: IssuedToken = {
      token: token('at-'),
      grantId: grant.id,
      scopes,
      expiresAt: now + this.lifetimes.accessToken * 1000,
    }
    this.accessTokens.set(access.token, access)
    this.onIssue(access, grant.user)
    // Expiry, as the gateway would see it: the token stops working (timers never hold the process).
    setTimeout(() => this.dropAccess(access.token), this.lifetimes.accessToken * 1000).unref()
    const out: TokenPair = {
      access_token: access.token,
      expires_in: this.lifetimes.accessToken,
      token_type: 'Bearer',
      scope: scopes.join(' '),
    }
    if (scopes.includes('offline_access')) {
      const refresh = token('rt-')
      this.refreshTokens.set(refresh, {
        token: refresh,
        grantId: grant.id,
        scopes: grant.scopes,
        expiresAt: now + this.lifetimes.refreshToken * 1000,
        used: false,
      })
      out.refresh_token = refresh
    }
    return out
  }
}
