// Root onRequest hook of a server with tenants (docs/tenants.md "API keys"): a tenant's key reaches
// only that tenant's routes (anywhere else it is refused like an unknown key, so it reveals nothing),
// and a slug this instance does not know yet (created on another instance) makes the registry
// refresh first (Tenants.admit, at most once a second).
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Tenants, TenantServed } from '../tenants/registry.ts'
import { CHALLENGE } from './auth.ts'
import { errorBody } from './http-errors.ts'
import { rpcError } from './mcp.ts'
import type { TenantKeyRing } from './tenant-keys.ts'

export function tenantGuard<S extends TenantServed> (tenants: Tenants<S>, keys: TenantKeyRing) {
  return async (req: FastifyRequest, reply: FastifyReply): Promise<unknown> => {
    const ws = (req.params as { ws?: unknown } | undefined)?.ws
    const slug = typeof ws === 'string' && ws.startsWith('slug:') ? ws.slice(5) : undefined
    await tenants.admit(slug)
    const tenant = keys.tenantOf(req.headers.authorization)
    if (tenant === undefined || tenant === slug) return
    reply.code(401).header('www-authenticate', CHALLENGE)
    const message = 'send a valid API key as `Authorization: Bearer <key>`'
    const mcp = req.routeOptions.url?.endsWith('/mcp') === true
    return reply.send(mcp ? rpcError(-32001, `Unauthorized: ${message}`) : errorBody('UNAUTHORIZED', message))
  }
}
