// MCP authorization as an OAuth resource server (docs/serving.md "OAuth resource server"), for
// deployments without an agent platform to hold API keys: the MCP endpoint accepts access tokens
// (JWTs) issued by the deployment's authorization server, checked against its published keys
// (JWKS), its issuer and this server's audience, and the call runs as the token's subject (user)
// and client (agent) — a `bound` grant, so the arguments cannot claim anybody else.
// /.well-known/oauth-protected-resource says which authorization server to ask (RFC 9728).
// jose is imported by the first token check: a server without an authorization server never loads it
// (its evaluation is a noticeable part of a start; docs/performance.md "Start").
import type { createRemoteJWKSet, JWTPayload } from 'jose'

type Jose = typeof import('jose')
let jose: Promise<Jose> | undefined
const loadJose = (): Promise<Jose> => (jose ??= import('jose'))
import type { Grant } from './auth.ts'

export const OAUTH_ISSUER_ENV = 'CONFLUENCE_NEXT_OAUTH_ISSUER'

/** Asymmetric signatures only: `none` and shared-secret HMACs are never accepted. */
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA']

export interface ResourceServerSettings {
  issuer: string
  /** The `aud` a token must carry: this server's MCP URL by default. */
  audience: string
  jwksUrl: string
  /** The claim naming the calling agent (default `azp`, else `client_id`). */
  agentClaim?: string
  /** The claim naming the end user (default `sub`). */
  userClaim: string
  /** Scopes a token must hold (space-separated `scope` claim), if any. */
  scopes: string[]
}

export class TokenVerifier {
  private jwks: ReturnType<typeof createRemoteJWKSet> | undefined

  constructor(readonly settings: ResourceServerSettings) {
    new URL(settings.jwksUrl) // a JWKS URL that is not one fails the start, not the first call
  }

  /**
   * From CONFLUENCE_NEXT_OAUTH_* (docs/serving.md); undefined when no issuer is set. `resource` is this
   * server's MCP URL, the default audience.
   */
  static fromEnv(env: NodeJS.ProcessEnv, resource: string): TokenVerifier | undefined {
    const issuer = env[OAUTH_ISSUER_ENV]?.trim()
    if (!issuer) return undefined
    if (!/^https?:\/\//.test(issuer)) {
      throw new Error(`${OAUTH_ISSUER_ENV} must be the authorization server's URL, not ${JSON.stringify(issuer)}`)
    }
    const base = issuer.replace(/\/+$/, '')
    return new TokenVerifier({
      issuer,
      audience: env.CONFLUENCE_NEXT_OAUTH_AUDIENCE?.trim() || resource,
      jwksUrl: env.CONFLUENCE_NEXT_OAUTH_JWKS_URL?.trim() || `${base}/.well-known/jwks.json`,
      agentClaim: env.CONFLUENCE_NEXT_OAUTH_AGENT_CLAIM?.trim() || undefined,
      userClaim: env.CONFLUENCE_NEXT_OAUTH_USER_CLAIM?.trim() || 'sub',
      scopes: (env.CONFLUENCE_NEXT_OAUTH_SCOPES ?? '').split(/[\s,]+/).filter(Boolean),
    })
  }

  /** The grant of a valid bearer token, or why it is refused (said in WWW-Authenticate, never logged with the token). */
  async grant(authorization: string | string[] | undefined): Promise<{ grant: Grant } | { refused: string }> {
    const header = Array.isArray(authorization) ? authorization[0] : authorization
    const token = /^Bearer\s+([A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*)$/.exec(header ?? '')?.[1]
    if (!token) return { refused: 'send an access token as `Authorization: Bearer <token>`' }
    let claims: JWTPayload
    const { createRemoteJWKSet, errors, jwtVerify } = await loadJose()
    this.jwks ??= createRemoteJWKSet(new URL(this.settings.jwksUrl), {
      timeoutDuration: 5000,
      cooldownDuration: 30_000,
    })
    try {
      ;({ payload: claims } = await jwtVerify(token, this.jwks, {
        issuer: this.settings.issuer,
        audience: this.settings.audience,
        algorithms: ALGORITHMS,
        clockTolerance: 30,
      }))
    } catch (err) {
      return { refused: reason(err, errors) }
    }
    const granted = typeof claims.scope === 'string' ? claims.scope.split(' ') : []
    const missing = this.settings.scopes.filter(s => !granted.includes(s))
    if (missing.length > 0) return { refused: `the token lacks the scope(s) ${missing.join(', ')}` }
    const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined)
    const userId = text(claims[this.settings.userClaim])
    const agentId = this.settings.agentClaim
      ? text(claims[this.settings.agentClaim])
      : (text(claims.azp) ?? text(claims.client_id))
    if (!userId) return { refused: `the token has no \`${this.settings.userClaim}\` claim to run as` }
    return { grant: { kind: 'bound', userId, agentId } }
  }

  /** The protected-resource metadata (RFC 9728) of `resource`. */
  metadata(resource: string): Record<string, unknown> {
    return {
      resource,
      authorization_servers: [this.settings.issuer],
      bearer_methods_supported: ['header'],
      ...(this.settings.scopes.length > 0 ? { scopes_supported: this.settings.scopes } : {}),
    }
  }
}

/** A short, safe reason: what was wrong with the token, never its content. */
function reason(err: unknown, errors: Jose['errors']): string {
  if (err instanceof errors.JWTExpired) return 'the token has expired'
  if (err instanceof errors.JWTClaimValidationFailed) return `the token's \`${err.claim}\` claim is not accepted here`
  if (err instanceof errors.JWSSignatureVerificationFailed || err instanceof errors.JWKSNoMatchingKey) {
    return 'the token is not signed by the authorization server'
  }
  if (err instanceof errors.JOSEAlgNotAllowed) return "the token's signature algorithm is not accepted"
  if (err instanceof errors.JWKSTimeout || (err as { code?: string }).code === 'ERR_JOSE_GENERIC') {
    return "the authorization server's keys could not be fetched; try again"
  }
  return 'the token is malformed'
}
