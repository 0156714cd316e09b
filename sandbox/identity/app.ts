// auth.atlassian.com's two endpoints: `/authorize` (consents at once for the configured test user and
// redirects back with a code, or with an error) and `/oauth/token` (JSON or form bodies, both grants,
// client secret check, PKCE). Requests with a bad client or redirect URI get an error page, never a
// redirect, as OAuth requires.
import { parse as parseQuery } from 'node:querystring'
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify'
import { GrantError, type IdentityState, type IdentityUser, type OAuthClient } from './model.ts'

export interface IdentityRequest {
  method: string
  path: string
  /** Token requests: the grant type and client id (never a secret or a token). */
  grantType?: string
  clientId?: string
  status?: number
}

export interface AppDeps {
  state: IdentityState
  clients: Map<string, OAuthClient>
  knownScopes: readonly string[]
  requests: IdentityRequest[]
  /** Read at each /authorize: who consents, and whether they do. */
  consent(): { user: IdentityUser; approve: boolean }
  /** Milliseconds the token endpoint takes (latency, so racing clients really overlap). */
  tokenDelayMs(): number
  /** Milliseconds the answer waits after the grant was performed (a rotated pair answered late). */
  tokenLateMs(): number
}

export function buildIdentityApp(deps: AppDeps): FastifyInstance {
  const app = Fastify({ logger: false, forceCloseConnections: true })
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) => {
    done(null, { ...parseQuery(body as string) })
  })

  app.get('/authorize', async (req, reply) => {
    const q = req.query as Record<string, string | undefined>
    const entry: IdentityRequest = { method: 'GET', path: '/authorize', clientId: q.client_id }
    deps.requests.push(entry)
    const client = q.client_id ? deps.clients.get(q.client_id) : undefined
    if (!client)
      return page(reply, entry, 400, 'Unknown client', `No OAuth app has the client id "${q.client_id ?? ''}".`)
    if (
      !q.redirect_uri ||
      !/^https?:\/\//.test(q.redirect_uri) ||
      (client.redirectUris?.length && !client.redirectUris.includes(q.redirect_uri))
    ) {
      return page(
        reply,
        entry,
        400,
        'Invalid redirect_uri',
        `"${q.redirect_uri ?? ''}" is not a callback URL registered for this app.`,
      )
    }
    if (q.audience !== 'api.atlassian.com')
      return page(reply, entry, 400, 'Invalid audience', 'audience must be api.atlassian.com.')
    if (q.response_type !== 'code')
      return page(reply, entry, 400, 'Unsupported response_type', 'response_type must be code.')
    if (!q.state) return page(reply, entry, 400, 'Missing state', 'The state parameter is required.')
    const back = (params: Record<string, string>): FastifyReply => {
      const url = new URL(q.redirect_uri!)
      for (const [k, v] of Object.entries({ ...params, state: q.state! })) url.searchParams.set(k, v)
      entry.status = 302
      return reply.code(302).header('location', url.toString()).send()
    }
    const scopes = (q.scope ?? '').split(/\s+/).filter(Boolean)
    const allowed = client.scopes ?? deps.knownScopes
    const unknown = scopes.filter(s => !allowed.includes(s))
    if (scopes.length === 0 || unknown.length)
      return back({
        error: 'invalid_scope',
        error_description: scopes.length
          ? `Scopes not configured for this app: ${unknown.join(' ')}`
          : 'No scope requested',
      })
    if (q.code_challenge !== undefined && q.code_challenge_method !== 'S256')
      return back({ error: 'invalid_request', error_description: 'code_challenge_method must be S256' })
    const { user, approve } = deps.consent()
    if (!approve) return back({ error: 'access_denied', error_description: 'The user declined to grant access' })
    const code = deps.state.issueCode({
      clientId: client.id,
      redirectUri: q.redirect_uri,
      scopes,
      challenge: q.code_challenge,
      user,
    })
    return back({ code })
  })

  app.post('/oauth/token', async (req, reply) => {
    const b = (req.body && typeof req.body === 'object' ? req.body : {}) as Record<string, unknown>
    const str = (k: string): string | undefined => (typeof b[k] === 'string' ? (b[k] as string) : undefined)
    const entry: IdentityRequest = {
      method: 'POST',
      path: '/oauth/token',
      grantType: str('grant_type'),
      clientId: str('client_id'),
    }
    deps.requests.push(entry)
    const delay = deps.tokenDelayMs()
    const late = deps.tokenLateMs()
    if (delay > 0) await new Promise(resolve => setTimeout(resolve, delay))
    const answer = async (status: number, body: object): Promise<FastifyReply> => {
      entry.status = status
      if (late > 0) await new Promise(resolve => setTimeout(resolve, late))
      return reply.code(status).header('cache-control', 'no-store').send(body)
    }
    const client = entry.clientId ? deps.clients.get(entry.clientId) : undefined
    if (!client || str('client_secret') !== client.secret)
      return answer(401, { error: 'access_denied', error_description: 'Unauthorized' })
    try {
      switch (entry.grantType) {
        case 'authorization_code':
          return answer(
            200,
            deps.state.redeemCode(client.id, str('code') ?? '', str('redirect_uri'), str('code_verifier')),
          )
        case 'refresh_token':
          return answer(200, deps.state.refresh(client.id, str('refresh_token') ?? '', str('scope')))
        default:
          return answer(400, {
            error: 'unsupported_grant_type',
            error_description: `grant_type ${JSON.stringify(entry.grantType ?? null)} is not supported`,
          })
      }
    } catch (err) {
      if (!(err instanceof GrantError)) throw err
      return answer(err.status, { error: err.error, error_description: err.description })
    }
  })
  return app
}

function page(reply: FastifyReply, entry: IdentityRequest, status: number, title: string, text: string): FastifyReply {
  entry.status = status
  const esc = (s: string): string => s.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`)
  return reply
    .code(status)
    .type('text/html; charset=utf-8')
    .send(`<!doctype html><title>${esc(title)}</title><h1>${esc(title)}</h1><p>${esc(text)}</p>`)
}
