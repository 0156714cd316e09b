// A tenant (docs/tenants.md): an instance of the workspace's automations with its own slug, config,
// secrets and API keys. Every tenant gets its own Workspace, so its `user`/`global` namespaces, rate
// limits, locks, events and redactor are its own, but it shares the core's compiled automations:
// compiling costs ~220 ms per instance (measured on this repository), sharing ~1 ms. That is safe
// because a compiled automation holds no config and no state; config, secrets and persisted scopes
// are read per run from the Workspace. The environment's `env:` names never apply to a tenant (they
// configure the core): a tenant's values come only from its file or the config API, except config
// properties the schema marks `shared: true` (deployment-wide: the public URL, the central OAuth
// client id), whose core value is the tenant's default.

import { deepFreeze } from '../core/clone.ts'
import { Workspace } from '../engine/workspace.ts'
import type { Segment } from '../core/paths.ts'
import { valueAjv } from '../workspace/ajv.ts'
import { suggest } from '../workspace/diagnostics.ts'

/** Like workspace slugs, without `:` or `/`, so a tenant's store keys never meet another's. */
export const TENANT_SLUG = /^[a-z][a-z0-9-]{0,62}$/

export interface TenantSpec {
  slug: string
  name?: string
  config: Record<string, unknown>
  secrets: Record<string, unknown>
  /** Hex SHA-256 of each of the tenant's API keys. */
  apiKeys: string[]
  source: 'file' | 'api'
  /** The declaring file, relative to the workspace (`config/tenants/acme.yml`). */
  file?: string
  /** API tenants: changes with every PUT, so other instances know to rebuild. */
  rev?: string
  updatedAt?: string
}

export interface ValueProblem {
  /** Inside the values: `['siteUrl']`. */
  pointer: Segment[]
  message: string
}

export type ValuesSchema = { properties?: Record<string, { shared?: unknown } | undefined> }

export const describeProblem = (kind: 'config' | 'secrets', p: ValueProblem): string =>
  `${[kind, ...p.pointer].join('.')} ${p.message}`

/**
 * Check a tenant's own values against the workspace's `config.schema` or `secrets.schema`, defaults
 * applied to the copy returned. Unknown names are refused: a typo must not silently fall back.
 */
export function checkValues (schema: ValuesSchema | undefined, own: Record<string, unknown>, base: Record<string, unknown> = {}): { value: Record<string, unknown>, problems: ValueProblem[] } {
  const value = structuredClone({ ...base, ...own })
  const problems: ValueProblem[] = []
  const known = Object.keys(schema?.properties ?? {})
  for (const name of Object.keys(own)) {
    if (schema?.properties && !known.includes(name)) problems.push({ pointer: [name], message: `is not a setting of this workspace${suggest(name, known)}${known.length ? ` (known: ${known.join(', ')})` : ''}` })
  }
  if (!schema) return { value, problems }
  const validate = valueAjv.compile(schema)
  if (!validate(value)) {
    for (const e of validate.errors ?? []) {
      const pointer: Segment[] = e.instancePath.split('/').slice(1).map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'))
      if (e.keyword === 'required') problems.push({ pointer: [...pointer, (e.params as { missingProperty: string }).missingProperty], message: 'is required' })
      else if (e.keyword === 'enum') problems.push({ pointer, message: `must be one of: ${(e.params as { allowedValues: unknown[] }).allowedValues.map(v => JSON.stringify(v)).join(', ')}` })
      else problems.push({ pointer, message: e.message ?? 'is invalid' })
    }
  }
  return { value, problems }
}

export interface BuiltTenant {
  workspace?: Workspace
  problems: Array<{ kind: 'config' | 'secrets', problem: ValueProblem }>
}

/** The tenant's own Workspace over the core's automations, limits, store and services. */
export function buildTenant (core: Workspace, spec: TenantSpec): BuiltTenant {
  const index = core.info.index
  const configSection = (index.config ?? {}) as { schema?: ValuesSchema, value?: Record<string, unknown> }
  const secretsSchema = (index.secrets as { schema?: ValuesSchema } | undefined)?.schema
  // The index's own `config.value` is part of the workspace (committed with the automations), not of
  // the core's deployment, so tenants start from it too, then from what the core deliberately shares.
  const shared: Record<string, unknown> = {}
  for (const [name, prop] of Object.entries(configSection.schema?.properties ?? {})) {
    if (prop?.shared === true && core.config[name] !== undefined) shared[name] = core.config[name]
  }
  const config = checkValues(configSection.schema, spec.config, { ...configSection.value, ...shared })
  const secrets = checkValues(secretsSchema, spec.secrets)
  const problems = [
    ...config.problems.map(problem => ({ kind: 'config' as const, problem })),
    ...secrets.problems.map(problem => ({ kind: 'secrets' as const, problem })),
  ]
  if (problems.length > 0) return { problems }
  const workspace = new Workspace(
    { ...core.info, slug: spec.slug, name: spec.name ?? core.info.name },
    core.automations, deepFreeze(config.value), deepFreeze(secrets.value), core.limits, core.store, core.log, core.services,
  )
  return { workspace, problems }
}
