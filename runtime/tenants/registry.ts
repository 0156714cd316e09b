// Tenant instances of the workspace (docs/tenants.md): declared in config/tenants/<slug>.yml or
// created through the config API, each served at /v2/workspaces/slug:<slug>/webhooks/… with its own
// Workspace (runtime/tenants/spec.ts). API tenants live in one store document (encrypted like every
// value), so they survive restarts and every instance sharing the store serves them: each instance
// re-reads the registry every `syncMs` and when a request names a slug it does not know.

import { randomUUID } from 'node:crypto'
import type { Logger, Workspace } from '../engine/workspace.ts'
import { formatDiagnostic } from '../workspace/diagnostics.ts'
import { readTenantFiles } from './files.ts'
import { tenantKeyHash } from './key-hash.ts'
import { buildTenant, describeProblem, TENANT_SLUG, type TenantSpec } from './spec.ts'

export { TENANT_SLUG, type TenantSpec } from './spec.ts'

/** Store document of API tenants: namespace `tenants`, id the core slug (no `:`, so never a scope's). */
export const REGISTRY_NAMESPACE = 'tenants'
export const DEFAULT_SYNC_MS = 5000
const MISS_REFRESH_MS = 1000

/**
 * The config API's codes (docs/tenants.md "Errors" mirrors them; test/errors-documented.test.ts keeps
 * the table, this list and every `new TenantError(...)` in step). The HTTP refusals the API shares with
 * every route (UNAUTHORIZED, FORBIDDEN, …) are server/http-errors.ts's.
 */
export const TENANT_ERROR_CODES = [
  'CONFIG_INVALID',
  'INVALID_REQUEST',
  'INVALID_SLUG',
  'NOT_FOUND',
  'TENANT_NOT_FOUND',
  'TENANT_DECLARED',
  'RESERVED_SLUG',
  'KEY_IN_USE',
] as const
export type TenantErrorCode = (typeof TENANT_ERROR_CODES)[number]

export class TenantError extends Error {
  constructor(
    readonly code: TenantErrorCode,
    readonly status: number,
    message: string,
    readonly problems?: Array<{ path: string; message: string }>,
  ) {
    super(message)
  }
}

/**
 * What the server hands over: its workspaces (the first is the core), its key ring, its logger, and
 * how it serves a workspace (tenancy knows nothing of HTTP: the server's `served.ts` is passed in).
 */
export interface TenantHost<S extends TenantServed = TenantServed> {
  workspaces: readonly Workspace[]
  keys: TenantKeys
  log: Logger
  serve(workspace: Workspace): S
}

/** A tenant as the server serves it: at least its Workspace and what serving it found wrong. */
export interface TenantServed {
  readonly workspace: Workspace
  readonly problems: readonly string[]
}

/** What tenancy asks of the server's key ring (server/tenant-keys.ts). */
export interface TenantKeys {
  /** Whose key a hash already is: `'global'`, a tenant slug, or undefined. */
  owner(hexHash: string): string | undefined
  setTenantKeys(tenant: string, hexHashes: readonly string[]): void
}
export interface TenantsOptions {
  /** The workspace folder (config/tenants/ is read from it). */
  dir: string
  /** Where `secretsEnv` names are looked up (default: process.env). */
  env?: NodeJS.ProcessEnv
  /** How often API tenants are re-read from the store, for changes made on other instances; 0: never. */
  syncMs?: number
}
/** A config API PUT. Omitted `secrets` / `apiKeys` keep the stored ones (they are never sent back). */
export interface TenantInput {
  name?: string
  config?: Record<string, unknown>
  secrets?: Record<string, unknown>
  apiKeys?: string[]
}
export interface TenantEntry<S extends TenantServed = TenantServed> {
  readonly spec: TenantSpec
  readonly served: S
}

interface Stored {
  name?: string
  config: Record<string, unknown>
  secrets: Record<string, unknown>
  apiKeys: string[]
  rev: string
  updatedAt: string
}

/** Load the declared tenants and the API ones from the store; a bad tenant file is a start-up error. */
export async function createTenants<S extends TenantServed>(
  host: TenantHost<S>,
  options: TenantsOptions,
): Promise<Tenants<S>> {
  const core = host.workspaces[0]
  const { specs, diagnostics } = readTenantFiles(options.dir, {
    env: options.env ?? process.env,
    index: core.info.index,
    strict: true,
  })
  for (const d of diagnostics)
    if (d.severity === 'warning') host.log.warn({ tenants: d.location.file }, formatDiagnostic(d))
  const errors = diagnostics.filter(d => d.severity === 'error')
  if (errors.length > 0)
    throw new TenantError('CONFIG_INVALID', 500, `invalid tenant files:\n${errors.map(formatDiagnostic).join('\n')}`)
  const tenants = new Tenants(host, options.syncMs ?? DEFAULT_SYNC_MS)
  for (const spec of specs) tenants.activate(spec, tenants.prepare(spec))
  await tenants.refresh()
  tenants.startSync()
  return tenants
}

export class Tenants<S extends TenantServed = TenantServed> {
  /** Slugs served right now (the server's upstream metrics follow this live set). */
  readonly slugs = new Set<string>()
  readonly core: Workspace
  private readonly entries = new Map<string, TenantEntry<S>>()
  private readonly reserved: ReadonlySet<string>
  private readonly ignored = new Set<string>()
  private refreshing?: Promise<void>
  /** When a request for an unknown slug last made this instance re-read the registry. */
  private lastMiss = 0
  /** put, remove and sync run one at a time, so a sync never undoes a concurrent put. */
  private chain: Promise<unknown> = Promise.resolve()
  private timer?: NodeJS.Timeout

  constructor(
    private readonly host: TenantHost<S>,
    private readonly syncMs = DEFAULT_SYNC_MS,
  ) {
    this.core = host.workspaces[0]
    this.reserved = new Set(host.workspaces.map(w => w.slug))
  }

  served(slug: string): S | undefined {
    return this.entries.get(slug)?.served
  }
  entry(slug: string): TenantEntry<S> | undefined {
    return this.entries.get(slug)
  }
  list(): TenantEntry<S>[] {
    return [...this.entries.values()].sort((a, b) => a.spec.slug.localeCompare(b.spec.slug))
  }
  /** A workspace the server serves itself (the core): configured by its environment, not by the API. */
  isReserved(slug: string): boolean {
    return this.reserved.has(slug)
  }

  /** Build and check a tenant's Workspace without serving it; throws TenantError with every problem. */
  prepare(spec: TenantSpec): Workspace {
    const built = buildTenant(this.core, spec)
    if (!built.workspace) {
      const problems = built.problems.map(({ kind, problem }) => ({
        path: [kind, ...problem.pointer].join('.'),
        message: problem.message,
      }))
      throw new TenantError(
        'CONFIG_INVALID',
        400,
        built.problems.map(({ kind, problem }) => describeProblem(kind, problem)).join('; '),
        problems,
      )
    }
    spec.apiKeys.forEach((hash, i) => {
      const owner = this.host.keys.owner(hash)
      if (owner !== undefined && owner !== spec.slug)
        throw new TenantError(
          'KEY_IN_USE',
          409,
          `apiKeys[${i}] is already ${owner === 'global' ? 'a global API key' : `a key of tenant "${owner}"`}; ` +
            'every key reaches one scope',
        )
    })
    return built.workspace
  }

  /** Serve a prepared tenant (replacing an older instance, whose in-flight runs finish). */
  activate(spec: TenantSpec, workspace: Workspace): void {
    const old = this.entries.get(spec.slug)
    const served = this.host.serve(workspace)
    for (const problem of served.problems) this.host.log.warn({ workspace: spec.slug }, problem)
    this.entries.set(spec.slug, { spec, served })
    this.host.keys.setTenantKeys(spec.slug, spec.apiKeys)
    this.slugs.add(spec.slug)
    if (old) void old.served.workspace.drain()
  }

  /** Create or replace an API tenant: checked, persisted, then served at once. */
  put(slug: string, input: TenantInput): Promise<{ created: boolean; entry: TenantEntry }> {
    return this.exclusive(() => this.doPut(slug, input))
  }

  /** Remove an API tenant (its `user`/`global` data stays in the store: docs/tenants.md). */
  remove(slug: string): Promise<void> {
    return this.exclusive(async () => {
      this.checkWritable(slug)
      const registry = await this.readRegistry()
      if (!(slug in registry) && !this.entries.has(slug))
        throw new TenantError('TENANT_NOT_FOUND', 404, `no tenant "${slug}"`)
      await this.core.store.patchDoc(REGISTRY_NAMESPACE, this.core.slug, { type: 'delete', path: [slug] })
      this.deactivate(slug)
    })
  }

  private async doPut(slug: string, input: TenantInput): Promise<{ created: boolean; entry: TenantEntry }> {
    this.checkWritable(slug)
    const previous = (await this.readRegistry())[slug]
    const apiKeys = input.apiKeys === undefined ? (previous?.apiKeys ?? []) : hashKeys(input.apiKeys)
    const stored: Stored = {
      name: input.name,
      config: input.config ?? {},
      secrets: input.secrets ?? previous?.secrets ?? {},
      apiKeys,
      rev: randomUUID(),
      updatedAt: new Date().toISOString(),
    }
    const spec = toSpec(slug, stored)
    const workspace = this.prepare(spec)
    await this.core.store.patchDoc(REGISTRY_NAMESPACE, this.core.slug, { type: 'replace', path: [slug], value: stored })
    this.activate(spec, workspace)
    return { created: previous === undefined, entry: this.entries.get(slug)! }
  }

  /** Re-read the API tenants from the store: add new ones, rebuild changed ones, drop removed ones. */
  refresh(): Promise<void> {
    this.refreshing ??= this.exclusive(() => this.sync()).finally(() => {
      this.refreshing = undefined
    })
    return this.refreshing
  }

  /**
   * A request names `slug` (`/v2/workspaces/slug:<slug>/…`): when it is no tenant this instance
   * knows, re-read the registry first (another instance may have just created it), at most once a
   * second; within that second, only wait for a refresh already running. The server's tenant guard
   * (server/auth-plugin.ts) calls this before it checks the key.
   */
  async admit(slug: string | undefined): Promise<void> {
    if (slug !== undefined && TENANT_SLUG.test(slug) && !this.reserved.has(slug) && !this.entries.has(slug)) {
      const fresh = Date.now() - this.lastMiss >= MISS_REFRESH_MS
      if (fresh) this.lastMiss = Date.now()
      await (fresh ? this.refresh() : this.refreshing)?.catch(err =>
        this.host.log.warn({ err: (err as Error).message }, 'cannot refresh tenants'),
      )
    }
  }

  startSync(): void {
    if (this.syncMs <= 0 || this.timer) return
    this.timer = setInterval(() => {
      this.refresh().catch(err => this.host.log.warn({ err: (err as Error).message }, 'cannot refresh tenants'))
    }, this.syncMs)
    this.timer.unref()
  }

  /** Stop syncing and let every tenant's event-triggered runs finish. */
  async close(): Promise<void> {
    clearInterval(this.timer)
    await this.chain
    await Promise.all([...this.entries.values()].map(e => e.served.workspace.drain()))
  }

  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn, fn)
    this.chain = run.catch(() => {})
    return run
  }

  private async sync(): Promise<void> {
    const registry = await this.readRegistry()
    for (const [slug, stored] of Object.entries(registry)) {
      const current = this.entries.get(slug)
      if (this.reserved.has(slug) || current?.spec.source === 'file' || !TENANT_SLUG.test(slug)) {
        if (!this.ignored.has(slug))
          this.host.log.warn(
            { tenant: slug },
            `tenant "${slug}" in the store is ignored: the slug is ` +
              (current?.spec.source === 'file' ? `declared in ${current.spec.file}` : 'reserved'),
          )
        this.ignored.add(slug)
        continue
      }
      if (current?.spec.rev === stored.rev) continue
      const spec = toSpec(slug, stored)
      try {
        this.activate(spec, this.prepare(spec))
      } catch (err) {
        // E.g. the config schema changed since it was stored: not served until it is PUT again.
        this.host.log.error({ tenant: slug, err: (err as Error).message }, `tenant "${slug}" is not served`)
        this.deactivate(slug)
      }
    }
    for (const [slug, e] of this.entries) if (e.spec.source === 'api' && !(slug in registry)) this.deactivate(slug)
  }

  private deactivate(slug: string): void {
    const old = this.entries.get(slug)
    this.entries.delete(slug)
    this.host.keys.setTenantKeys(slug, [])
    this.slugs.delete(slug)
    if (old) void old.served.workspace.drain()
  }

  private checkWritable(slug: string): void {
    if (!TENANT_SLUG.test(slug))
      throw new TenantError(
        'INVALID_SLUG',
        400,
        `"${slug}" is not a tenant slug: lowercase letters, digits and dashes, ` +
          'starting with a letter, at most 63 characters',
      )
    if (this.reserved.has(slug))
      throw new TenantError(
        'RESERVED_SLUG',
        409,
        `"${slug}" is a workspace this server serves itself; it is configured by its environment, not by this API`,
      )
    const e = this.entries.get(slug)
    if (e?.spec.source === 'file')
      throw new TenantError(
        'TENANT_DECLARED',
        409,
        `tenant "${slug}" is declared in ${e.spec.file}: change that file and restart`,
      )
  }

  private async readRegistry(): Promise<Record<string, Stored>> {
    return (await this.core.store.getDoc(REGISTRY_NAMESPACE, this.core.slug)) as Record<string, Stored>
  }
}

function toSpec(slug: string, s: Stored): TenantSpec {
  return {
    slug,
    name: s.name,
    config: s.config ?? {},
    secrets: s.secrets ?? {},
    apiKeys: s.apiKeys ?? [],
    source: 'api',
    rev: s.rev,
    updatedAt: s.updatedAt,
  }
}

function hashKeys(entries: readonly string[]): string[] {
  const out = new Set<string>()
  entries.forEach((entry, i) => {
    const { hash, problem } = tenantKeyHash(entry, true)
    if (problem)
      throw new TenantError('CONFIG_INVALID', 400, `apiKeys[${i}] ${problem}`, [
        { path: `apiKeys[${i}]`, message: problem },
      ])
    out.add(hash!)
  })
  return [...out]
}
