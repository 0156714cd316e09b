// The config API (docs/tenants.md "Config API"): create, read, replace and remove tenants at
// `/v2/workspaces/slug:<tenant>/config`, for admin keys only (CONFLUENCE_NEXT_ADMIN_KEYS, checked by
// auth-plugin.ts). Secrets go in and never come back: GET says which are set.

import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Workspace } from '../engine/workspace.ts'
import { TenantError, type Tenants } from '../tenants/registry.ts'
import { compileWhenSafe, valueAjv } from '../workspace/ajv.ts'
import type { AuthPolicy } from './auth-plugin.ts'
import { errorBody, frameworkErrorCode } from './http-errors.ts'

export interface ConfigApiOptions {
  tenants: Tenants
}

/** Admin keys only (auth-plugin.ts); without any configured the API answers 403: it is off. */
const AUTH: { config: { auth: AuthPolicy } } = { config: { auth: 'admin' } }

const FIELDS = ['name', 'config', 'secrets', 'apiKeys']
// Compiled by the first config API call, not at start (docs/performance.md "Start"); a fixed schema, it cannot fail.
const validateInput = compileWhenSafe(valueAjv, {
  type: 'object',
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    config: { type: 'object' },
    secrets: { type: 'object', additionalProperties: { type: 'string' } },
    apiKeys: { type: 'array', items: { type: 'string' }, maxItems: 100 },
  },
})

export async function configApiRoutes(app: FastifyInstance, options: ConfigApiOptions): Promise<void> {
  const { tenants } = options
  app.setErrorHandler((err: Error & { statusCode?: number }, req, reply) => {
    if (err instanceof TenantError) {
      return reply
        .code(err.status)
        .send(errorBody(err.code, err.message, err.problems ? { problems: err.problems } : {}))
    }
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500
    if (status === 500) req.log.error({ err: err.message }, 'config API failed')
    const message = status === 500 ? `internal error (correlation id ${req.id})` : err.message
    return reply.code(status).send(errorBody(frameworkErrorCode(status), message))
  })
  app.get('/v2/workspaces', AUTH, async () => {
    await tenants.refresh()
    return {
      workspaces: [
        { slug: tenants.core.slug, name: tenants.core.name, source: 'core' },
        ...tenants.list().map(e => ({ slug: e.spec.slug, name: e.served.workspace.name, source: e.spec.source })),
      ],
    }
  })

  app.get('/v2/workspaces/:ws/config', AUTH, async (req, reply) => {
    const slug = slugOf(req)
    await tenants.refresh()
    const found = describe(tenants, slug)
    if (!found) throw new TenantError('TENANT_NOT_FOUND', 404, `no tenant "${slug}"`)
    return reply.send(found)
  })

  app.put('/v2/workspaces/:ws/config', AUTH, async (req, reply) => {
    const slug = slugOf(req)
    const body = req.body ?? {}
    if (!validateInput(body)) {
      const problems = (validateInput.errors ?? []).map(e =>
        e.keyword === 'additionalProperties'
          ? {
              path: (e.params as { additionalProperty: string }).additionalProperty,
              message: `is not a field (fields: ${FIELDS.join(', ')})`,
            }
          : { path: e.instancePath.slice(1).replace(/\//g, '.') || 'body', message: e.message ?? 'is invalid' },
      )
      throw new TenantError('INVALID_REQUEST', 400, problems.map(p => `${p.path} ${p.message}`).join('; '), problems)
    }
    const { created } = await tenants.put(slug, body as Parameters<Tenants['put']>[1])
    auditChange(req, slug, created ? 'create' : 'update', body as Record<string, unknown>)
    return reply.code(created ? 201 : 200).send(describe(tenants, slug))
  })

  app.delete('/v2/workspaces/:ws/config', AUTH, async (req, reply) => {
    const slug = slugOf(req)
    await tenants.remove(slug)
    auditChange(req, slug, 'delete', {})
    return reply.code(204).send()
  })
}

/**
 * The audit line of a config change: which tenant, what happened, which fields and config keys
 * changed — names only, never a value (a secret's or a key's least of all).
 */
function auditChange(
  req: FastifyRequest,
  tenant: string,
  change: 'create' | 'update' | 'delete',
  body: Record<string, unknown>,
): void {
  const keys = (field: string): string[] | undefined =>
    body[field] && typeof body[field] === 'object' && !Array.isArray(body[field])
      ? Object.keys(body[field] as object)
      : undefined
  req.log.info(
    {
      audit: 'config',
      tenant,
      change,
      fields: Object.keys(body),
      config: keys('config'),
      secrets: keys('secrets'),
      apiKeys: Array.isArray(body.apiKeys) ? body.apiKeys.length : undefined,
    },
    'config change',
  )
}

/** `slug:<tenant>` → the slug (the log line names it too). */
function slugOf(req: FastifyRequest): string {
  const ws = (req.params as { ws: string }).ws
  if (!ws.startsWith('slug:')) {
    throw new TenantError('NOT_FOUND', 404, `address a workspace as slug:<slug>, not "${ws}"`)
  }
  req.call = { workspace: ws.slice(5) }
  return ws.slice(5)
}

/** A tenant (or the core) as the API shows it: config values, and only whether each secret is set. */
function describe(tenants: Tenants, slug: string): Record<string, unknown> | undefined {
  const entry = tenants.entry(slug)
  const workspace = entry?.served.workspace ?? (slug === tenants.core.slug ? tenants.core : undefined)
  if (!workspace) return undefined
  return {
    slug,
    name: workspace.name,
    source: entry?.spec.source ?? 'core',
    ...(entry?.spec.file ? { file: entry.spec.file } : {}),
    config: workspace.config,
    secrets: secretsSet(workspace),
    ...(entry ? { apiKeys: entry.spec.apiKeys.length } : {}),
    ...(entry?.spec.updatedAt ? { updatedAt: entry.spec.updatedAt } : {}),
    mcp: `/v2/workspaces/slug:${slug}/webhooks/mcp`,
  }
}

function secretsSet(workspace: Workspace): Record<string, boolean> {
  const schema = (workspace.info.index.secrets as { schema?: { properties?: Record<string, unknown> } } | undefined)
    ?.schema
  const out: Record<string, boolean> = {}
  for (const name of [...Object.keys(schema?.properties ?? {}), ...Object.keys(workspace.secret)]) {
    const v = workspace.secret[name]
    out[name] = v !== undefined && v !== null && v !== ''
  }
  return out
}
