// A fake Atlassian identity server (auth.atlassian.com) for tests and the sandbox. See README.md.
// Access tokens it mints are registered with a token sink — the fake Confluence's `credentials` — with
// exactly the granted scopes, so the fake gateway accepts them and enforces those scopes.
import { DEFAULT_GRANTED_SCOPES } from '../confluence/http/site-routes.ts'
import { buildIdentityApp, type IdentityRequest } from './app.ts'
import { IdentityState, type Grant, type IdentityUser, type Lifetimes, type OAuthClient } from './model.ts'
import type { FastifyInstance } from 'fastify'

export type { IdentityRequest } from './app.ts'
export { s256, type Grant, type IdentityUser, type OAuthClient, type TokenPair } from './model.ts'

/** Where minted access tokens go: `fake.credentials` of a FakeConfluence fits. */
export interface TokenSink {
  addAccessToken(token: string, options: { scopes?: string[]; email?: string }): void
  revokeAccessToken(token: string): void
}

export interface FakeIdentityOptions {
  clients?: OAuthClient[]
  /** The user who consents at /authorize (default: test.user@example.com). */
  user?: IdentityUser
  tokens?: TokenSink
  lifetimes?: Partial<Lifetimes>
  /** Scopes an app may request when its client lists none (default: Confluence granular + offline_access). */
  knownScopes?: string[]
}

export interface FakeIdentity {
  app: FastifyInstance
  listen(port?: number, host?: string): Promise<string>
  readonly url: string
  readonly clients: Map<string, OAuthClient>
  /** Who consents at the next /authorize; tests may change it. */
  user: IdentityUser
  /** false: the next consents are declined (`error=access_denied`). */
  approve: boolean
  /** Latency of the token endpoint in ms (default 0), before the grant is performed. */
  tokenDelayMs: number
  /**
   * Latency after the grant is performed (default 0): the pair is rotated at once and answered this
   * late, as when Atlassian is slow to answer or the client dies meanwhile. A list is consumed, one
   * value per token request.
   */
  tokenLateMs: number | number[]
  /** Successful grants by type, and `invalid_grant` refusals. */
  readonly counts: IdentityState['counts']
  readonly requests: IdentityRequest[]
  readonly grants: ReadonlyMap<string, Grant>
  /** The newest usable refresh token (of one grant, or of any). */
  latestRefreshToken(grantId?: string): string | undefined
  /** Access tokens currently valid. */
  liveAccessTokens(): string[]
  /** The access tokens stop working now, as if they expired (all, or those given). */
  expireAccessTokens(tokens?: string[]): void
  /** The user revokes the app (all grants, or those of a user's email): every token dies. */
  revoke(email?: string): number
  close(): Promise<void>
}

export const TEST_USER: IdentityUser = {
  accountId: '712020:0f3e1d2c-aaaa-4bbb-8ccc-0123456789ab',
  email: 'test.user@example.com',
  name: 'Test User',
}

export async function createFakeIdentity(options: FakeIdentityOptions = {}): Promise<FakeIdentity> {
  const lifetimes: Lifetimes = {
    accessToken: 3600,
    refreshToken: 90 * 86400,
    code: 600,
    refreshLeeway: 0,
    ...options.lifetimes,
  }
  const sink = options.tokens
  const state = new IdentityState(
    lifetimes,
    (t, user) => sink?.addAccessToken(t.token, { scopes: t.scopes, email: user.email }),
    t => sink?.revokeAccessToken(t.token),
  )
  const clients = new Map((options.clients ?? []).map(c => [c.id, c]))
  const requests: IdentityRequest[] = []
  let url = ''
  const identity: FakeIdentity = {
    app: buildIdentityApp({
      state,
      clients,
      requests,
      knownScopes: options.knownScopes ?? DEFAULT_GRANTED_SCOPES,
      consent: () => ({ user: identity.user, approve: identity.approve }),
      tokenDelayMs: () => identity.tokenDelayMs,
      tokenLateMs: () =>
        Array.isArray(identity.tokenLateMs) ? (identity.tokenLateMs.shift() ?? 0) : identity.tokenLateMs,
    }),
    get url() {
      return url
    },
    clients,
    user: options.user ?? TEST_USER,
    approve: true,
    tokenDelayMs: 0,
    tokenLateMs: 0,
    counts: state.counts,
    requests,
    grants: state.grants,
    latestRefreshToken: grantId => state.latestRefreshToken(grantId),
    liveAccessTokens: () => [...state.accessTokens.keys()],
    expireAccessTokens: tokens => state.expireAccessTokens(tokens),
    revoke: email => state.revokeGrants(g => !email || g.user.email === email),
    async listen(port = 0, host = '127.0.0.1') {
      await identity.app.listen({ port, host })
      const address = identity.app.server.address()
      url = `http://${host.includes(':') ? `[${host}]` : host}:${
        typeof address === 'object' && address ? address.port : port
      }`
      return url
    },
    close: () => identity.app.close(),
  }
  await identity.app.ready()
  return identity
}
