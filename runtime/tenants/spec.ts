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
import { checkValues, type ValueProblem, type ValuesSchema } from '../workspace/values.ts'

export { checkValues, describeProblem, type ValueProblem, type ValuesSchema } from '../workspace/values.ts'

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

export interface BuiltTenant {
  workspace?: Workspace
  problems: Array<{ kind: 'config' | 'secrets'; problem: ValueProblem }>
}

/** The tenant's own Workspace over the core's automations, limits, store and services. */
export function buildTenant(core: Workspace, spec: TenantSpec): BuiltTenant {
  const index = core.info.index
  const configSection = (index.config ?? {}) as { schema?: ValuesSchema; value?: Record<string, unknown> }
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
    core.automations,
    deepFreeze(config.value),
    deepFreeze(secrets.value),
    core.limits,
    core.store,
    core.log,
    core.services,
  )
  return { workspace, problems }
}
