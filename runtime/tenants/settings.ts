// Where the `settings` instruction (runtime/instructions/settings.ts, docs/language.md "settings")
// reads and writes a workspace's own config and secrets:
// - a tenant: its record in the tenant registry (runtime/tenants/registry.ts), so a change is persisted,
//   encrypted, and served at once like a config API PUT;
// - a workspace the server serves itself (the core): an overrides document in the store (namespace
//   `settings`, id its slug), applied on top of its environment at start and live, and re-read by
//   every instance sharing the store (docs/config-app.md);
// - anything else (`confluence-next run`, tests): an in-memory overlay, for the life of the process.
// Secrets go in and never come out: a view says only which are set.

import { randomUUID } from 'node:crypto'
import { deepFreeze } from '../core/clone.ts'
import type { Logger, Workspace } from '../engine/workspace.ts'
import { DsulError } from '../core/errors.ts'
import type { Tenants } from './registry.ts'
import { checkValues, type ValuesSchema } from './spec.ts'

export interface SettingsView {
  workspace: string
  /** `core` (a server's own workspace), `api` / `file` (a tenant), `memory` (no server). */
  source: 'core' | 'api' | 'file' | 'memory'
  config: Record<string, unknown>
  /** Every secret of the schema: whether it is set. Never a value. */
  secrets: Record<string, boolean>
  updatedAt?: string
}

/** A change: a config value `null` drops the workspace's own value; a secret `null` clears it. */
export interface SettingsPatch { config?: Record<string, unknown>, secrets?: Record<string, string | null> }

export interface SettingsBackend {
  get (ws: Workspace): Promise<SettingsView>
  put (ws: Workspace, patch: SettingsPatch): Promise<SettingsView>
}

/** A workspace's own values on top of its base (what it was loaded with). */
interface Overlay { config: Record<string, unknown>, secrets: Record<string, unknown>, rev?: string, updatedAt?: string }

export const SETTINGS_NAMESPACE = 'settings'
const SYNC_MS = 5000

export function settingsView (ws: Workspace, source: SettingsView['source'], updatedAt?: string): SettingsView {
  const names = Object.keys(schemas(ws).secrets?.properties ?? {})
  const secrets: Record<string, boolean> = {}
  for (const name of new Set([...names, ...Object.keys(ws.secret)])) {
    const v = ws.secret[name]
    secrets[name] = v !== undefined && v !== null && v !== ''
  }
  return { workspace: ws.slug, source, config: structuredClone(ws.config) as Record<string, unknown>, secrets, ...(updatedAt ? { updatedAt } : {}) }
}

/** `own` with the patch applied: `null` removes a value. */
export function applyPatch (own: Record<string, unknown>, patch: Record<string, unknown> | undefined): Record<string, unknown> {
  const out = { ...own }
  for (const [k, v] of Object.entries(patch ?? {})) {
    if (v === null) delete out[k]
    else if (v !== undefined) out[k] = v
  }
  return out
}

/** Check own values against the workspace's schemas; the resolved values, or SETTINGS_INVALID naming every field. */
function resolve (ws: Workspace, own: Overlay, base: { config: Record<string, unknown>, secrets: Record<string, unknown> }): { config: Record<string, unknown>, secrets: Record<string, unknown> } {
  const s = schemas(ws)
  const config = checkValues(s.config, own.config, base.config)
  const secrets = checkValues(s.secrets, own.secrets, base.secrets)
  const problems = [
    ...config.problems.map(p => ({ path: ['config', ...p.pointer].join('.'), message: p.message })),
    ...secrets.problems.map(p => ({ path: ['secrets', ...p.pointer].join('.'), message: p.message })),
  ]
  if (problems.length > 0) throw invalidSettings(problems)
  return { config: config.value, secrets: secrets.value }
}

export function invalidSettings (problems: Array<{ path: string, message: string }>): DsulError {
  return new DsulError('SETTINGS_INVALID', { detail: problems.map(p => `${p.path} ${p.message}`).join('; '), problems })
}

/**
 * A Workspace is built with fixed values. Saved settings replace them in place: every run copies
 * `config` and `secret` when it starts (run-context.ts), so the next run sees them, and the
 * redactor learns the new secrets. (`mcp.readOnly`, read when the workspace is served, waits for a restart.)
 */
function applyValues (ws: Workspace, values: { config: Record<string, unknown>, secrets: Record<string, unknown> }): void {
  const target = ws as unknown as { config: unknown, secret: unknown }
  target.config = deepFreeze(structuredClone(values.config))
  target.secret = deepFreeze(structuredClone(values.secrets))
  ws.redactor.addAll(values.secrets)
}

/** The in-memory overlay: no server, nothing persisted. */
export class MemorySettings implements SettingsBackend {
  protected readonly bases = new WeakMap<Workspace, { config: Record<string, unknown>, secrets: Record<string, unknown> }>()
  protected readonly overlays = new WeakMap<Workspace, Overlay>()

  async get (ws: Workspace): Promise<SettingsView> {
    return settingsView(ws, 'memory', this.overlays.get(ws)?.updatedAt)
  }

  async put (ws: Workspace, patch: SettingsPatch): Promise<SettingsView> {
    const own = this.overlays.get(ws) ?? { config: {}, secrets: {} }
    const next = { config: applyPatch(own.config, patch.config), secrets: applyPatch(own.secrets, patch.secrets), rev: randomUUID(), updatedAt: new Date().toISOString() }
    applyValues(ws, resolve(ws, next, this.base(ws)))
    this.overlays.set(ws, next)
    return settingsView(ws, 'memory', next.updatedAt)
  }

  /** What the workspace was loaded with, before any overlay. */
  protected base (ws: Workspace): { config: Record<string, unknown>, secrets: Record<string, unknown> } {
    let b = this.bases.get(ws)
    if (!b) this.bases.set(ws, b = { config: structuredClone(ws.config) as Record<string, unknown>, secrets: structuredClone(ws.secret) as Record<string, unknown> })
    return b
  }
}

export const memorySettings = new MemorySettings()

/**
 * A server's settings: its own workspaces (overrides in the store) and its tenants (the registry).
 * `install` applies the stored overrides before the tenants are built, so shared values reach them.
 */
export class ServerSettings extends MemorySettings {
  private tenants?: Tenants
  private timer?: NodeJS.Timeout

  private constructor (private readonly own: readonly Workspace[], private readonly log: Logger) { super() }

  static async install (workspaces: readonly Workspace[], log: Logger): Promise<ServerSettings> {
    const settings = new ServerSettings(workspaces, log)
    for (const ws of workspaces) {
      ;(ws.services as Record<string, unknown>).settings = settings
      await settings.load(ws)
    }
    return settings
  }

  /** Tenants share the core's services, so their `settings` land here too. */
  attach (tenants: Tenants | undefined): void {
    this.tenants = tenants
    this.timer = setInterval(() => { void this.sync() }, SYNC_MS)
    this.timer.unref()
  }

  close (): void { clearInterval(this.timer) }

  override async get (ws: Workspace): Promise<SettingsView> {
    const entry = this.tenantEntry(ws)
    if (entry) return settingsView(entry.served.workspace, entry.spec.source, entry.spec.updatedAt)
    if (!this.own.includes(ws)) return super.get(ws)
    await this.load(ws)
    return settingsView(ws, 'core', this.overlays.get(ws)?.updatedAt)
  }

  override async put (ws: Workspace, patch: SettingsPatch): Promise<SettingsView> {
    const entry = this.tenantEntry(ws)
    if (!entry && !this.own.includes(ws)) return super.put(ws, patch)
    // One writer at a time per workspace, across every instance on the store.
    const release = await ws.store.lock(`settings:${ws.slug}`, 10_000, 10_000)
    try {
      return entry ? await this.putTenant(ws.slug, patch) : await this.putOwn(ws, patch)
    } finally {
      await release()
    }
  }

  private tenantEntry (ws: Workspace): ReturnType<Tenants['entry']> {
    return this.own.includes(ws) ? undefined : this.tenants?.entry(ws.slug)
  }

  private async putTenant (slug: string, patch: SettingsPatch): Promise<SettingsView> {
    const tenants = this.tenants!
    await tenants.refresh()
    const spec = tenants.entry(slug)?.spec
    if (!spec) throw new DsulError('SETTINGS_READ_ONLY', { detail: `tenant "${slug}" was removed` })
    if (spec.source === 'file') throw new DsulError('SETTINGS_READ_ONLY', { detail: `tenant "${slug}" is declared in ${spec.file}: change that file and restart` })
    try {
      await tenants.put(slug, { name: spec.name, config: applyPatch(spec.config, patch.config), secrets: applyPatch(spec.secrets, patch.secrets) })
    } catch (err) {
      // A TenantError (not imported: tenants.ts pulls in the server, and this module is the runtime's).
      const e = err as { code?: string, message: string, problems?: Array<{ path: string, message: string }> }
      if (e.code === 'CONFIG_INVALID') throw invalidSettings(e.problems ?? [{ path: 'config', message: e.message }])
      throw err
    }
    const entry = tenants.entry(slug)!
    return settingsView(entry.served.workspace, entry.spec.source, entry.spec.updatedAt)
  }

  private async putOwn (ws: Workspace, patch: SettingsPatch): Promise<SettingsView> {
    const stored = await this.read(ws)
    const next: Overlay = { config: applyPatch(stored.config, patch.config), secrets: applyPatch(stored.secrets, patch.secrets), rev: randomUUID(), updatedAt: new Date().toISOString() }
    const values = resolve(ws, next, this.base(ws))
    await ws.store.patchDoc(SETTINGS_NAMESPACE, ws.slug, { type: 'replace', path: [], value: next })
    this.use(ws, next, values)
    return settingsView(ws, 'core', next.updatedAt)
  }

  /** Apply the stored overrides of one of our workspaces when they changed (at start, on sync, before a get). */
  private async load (ws: Workspace): Promise<void> {
    const stored = await this.read(ws)
    if ((this.overlays.get(ws)?.rev ?? undefined) === stored.rev) return
    try {
      this.use(ws, stored, resolve(ws, stored, this.base(ws)))
    } catch (err) {
      // E.g. the schema changed since they were saved: the workspace keeps its environment's values.
      this.log.error({ workspace: ws.slug, err: (err as Error).message }, 'saved settings are not applied')
      this.overlays.set(ws, stored)
    }
  }

  private use (ws: Workspace, overlay: Overlay, values: { config: Record<string, unknown>, secrets: Record<string, unknown> }): void {
    const before = ws.config
    applyValues(ws, values)
    this.overlays.set(ws, overlay)
    if (ws === this.own[0]) this.rebuildTenants(before)
  }

  /** Tenants take the core's `shared: true` values when they are built: rebuild them when one changed. */
  private rebuildTenants (before: Readonly<Record<string, unknown>>): void {
    const core = this.own[0]
    const props = (schemas(core).config?.properties ?? {}) as Record<string, { shared?: unknown } | undefined>
    const changed = Object.entries(props).some(([name, p]) => p?.shared === true && JSON.stringify(before[name]) !== JSON.stringify(core.config[name]))
    if (!changed || !this.tenants) return
    for (const e of this.tenants.list()) {
      try {
        this.tenants.activate(e.spec, this.tenants.prepare(e.spec))
      } catch (err) {
        this.log.error({ tenant: e.spec.slug, err: (err as Error).message }, 'tenant not rebuilt with the core\'s new shared settings')
      }
    }
  }

  private async sync (): Promise<void> {
    for (const ws of this.own) await this.load(ws).catch(err => this.log.warn({ workspace: ws.slug, err: (err as Error).message }, 'cannot read saved settings'))
  }

  private async read (ws: Workspace): Promise<Overlay> {
    const doc = await ws.store.getDoc(SETTINGS_NAMESPACE, ws.slug) as Partial<Overlay>
    return { config: doc.config ?? {}, secrets: doc.secrets ?? {}, rev: doc.rev, updatedAt: doc.updatedAt }
  }
}

function schemas (ws: Workspace): { config?: ValuesSchema, secrets?: ValuesSchema } {
  const index = ws.info.index as { config?: { schema?: ValuesSchema }, secrets?: { schema?: ValuesSchema } }
  return { config: index.config?.schema, secrets: index.secrets?.schema }
}
