// Where the `settings` instruction (runtime/instructions/settings.ts, docs/language.md "settings")
// reads and writes a workspace's own config and secrets:
// - a tenant: its record in the tenant registry (runtime/tenants/registry.ts), so a change is persisted,
//   encrypted, and served at once like a config API PUT;
// - a workspace the server serves itself (the core): an overrides document in the store (namespace
//   `settings`, id its slug), applied on top of its environment at start and live, and re-read by
//   every instance sharing the store (docs/config-app.md);
// - anything else (`confluence-next run`, tests): the in-memory overlay of workspace/settings.ts.
// Secrets go in and never come out: a view says only which are set.

import { randomUUID } from 'node:crypto'
import type { Logger, Workspace } from '../engine/workspace.ts'
import { DsulError } from '../core/errors.ts'
import type { Tenants } from './registry.ts'
import {
  applyPatch,
  applyValues,
  invalidSettings,
  MemorySettings,
  type Overlay,
  resolve,
  schemas,
  settingsView,
  type SettingsPatch,
  type SettingsView,
} from '../workspace/settings.ts'

export {
  applyPatch,
  invalidSettings,
  MemorySettings,
  memorySettings,
  settingsView,
  type SettingsBackend,
  type SettingsPatch,
  type SettingsView,
} from '../workspace/settings.ts'

export const SETTINGS_NAMESPACE = 'settings'
const SYNC_MS = 5000

/**
 * A server's settings: its own workspaces (overrides in the store) and its tenants (the registry).
 * `install` applies the stored overrides before the tenants are built, so shared values reach them.
 */
export class ServerSettings extends MemorySettings {
  private tenants?: Tenants
  private timer?: NodeJS.Timeout

  private constructor(
    private readonly own: readonly Workspace[],
    private readonly log: Logger,
  ) {
    super()
  }

  static async install(workspaces: readonly Workspace[], log: Logger): Promise<ServerSettings> {
    const settings = new ServerSettings(workspaces, log)
    for (const ws of workspaces) {
      ;(ws.services as Record<string, unknown>).settings = settings
      await settings.load(ws)
    }
    return settings
  }

  /** Tenants share the core's services, so their `settings` land here too. */
  attach(tenants: Tenants | undefined): void {
    this.tenants = tenants
    this.timer = setInterval(() => {
      void this.sync()
    }, SYNC_MS)
    this.timer.unref()
  }

  close(): void {
    clearInterval(this.timer)
  }

  override async get(ws: Workspace): Promise<SettingsView> {
    const entry = this.tenantEntry(ws)
    if (entry) return settingsView(entry.served.workspace, entry.spec.source, entry.spec.updatedAt)
    if (!this.own.includes(ws)) return super.get(ws)
    await this.load(ws)
    return settingsView(ws, 'core', this.overlays.get(ws)?.updatedAt)
  }

  override async put(ws: Workspace, patch: SettingsPatch): Promise<SettingsView> {
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

  private tenantEntry(ws: Workspace): ReturnType<Tenants['entry']> {
    return this.own.includes(ws) ? undefined : this.tenants?.entry(ws.slug)
  }

  private async putTenant(slug: string, patch: SettingsPatch): Promise<SettingsView> {
    const tenants = this.tenants!
    await tenants.refresh()
    const spec = tenants.entry(slug)?.spec
    if (!spec) throw new DsulError('SETTINGS_READ_ONLY', { detail: `tenant "${slug}" was removed` })
    if (spec.source === 'file')
      throw new DsulError('SETTINGS_READ_ONLY', {
        detail: `tenant "${slug}" is declared in ${spec.file}: change that file and restart`,
      })
    try {
      await tenants.put(slug, {
        name: spec.name,
        config: applyPatch(spec.config, patch.config),
        secrets: applyPatch(spec.secrets, patch.secrets),
      })
    } catch (err) {
      // A TenantError (tenants/registry.ts), read by its fields: this module takes only types from the registry.
      const e = err as { code?: string; message: string; problems?: Array<{ path: string; message: string }> }
      if (e.code === 'CONFIG_INVALID') throw invalidSettings(e.problems ?? [{ path: 'config', message: e.message }])
      throw err
    }
    const entry = tenants.entry(slug)!
    return settingsView(entry.served.workspace, entry.spec.source, entry.spec.updatedAt)
  }

  private async putOwn(ws: Workspace, patch: SettingsPatch): Promise<SettingsView> {
    const stored = await this.read(ws)
    const next: Overlay = {
      config: applyPatch(stored.config, patch.config),
      secrets: applyPatch(stored.secrets, patch.secrets),
      rev: randomUUID(),
      updatedAt: new Date().toISOString(),
    }
    const values = resolve(ws, next, this.base(ws))
    await ws.store.patchDoc(SETTINGS_NAMESPACE, ws.slug, { type: 'replace', path: [], value: next })
    this.use(ws, next, values)
    return settingsView(ws, 'core', next.updatedAt)
  }

  /** Apply the stored overrides of one of our workspaces when they changed (at start, on sync, before a get). */
  private async load(ws: Workspace): Promise<void> {
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

  private use(
    ws: Workspace,
    overlay: Overlay,
    values: { config: Record<string, unknown>; secrets: Record<string, unknown> },
  ): void {
    const before = ws.config
    applyValues(ws, values)
    this.overlays.set(ws, overlay)
    if (ws === this.own[0]) this.rebuildTenants(before)
  }

  /** Tenants take the core's `shared: true` values when they are built: rebuild them when one changed. */
  private rebuildTenants(before: Readonly<Record<string, unknown>>): void {
    const core = this.own[0]
    const props = (schemas(core).config?.properties ?? {}) as Record<string, { shared?: unknown } | undefined>
    const changed = Object.entries(props).some(
      ([name, p]) => p?.shared === true && JSON.stringify(before[name]) !== JSON.stringify(core.config[name]),
    )
    if (!changed || !this.tenants) return
    for (const e of this.tenants.list()) {
      try {
        this.tenants.activate(e.spec, this.tenants.prepare(e.spec))
      } catch (err) {
        this.log.error(
          { tenant: e.spec.slug, err: (err as Error).message },
          "tenant not rebuilt with the core's new shared settings",
        )
      }
    }
  }

  private async sync(): Promise<void> {
    for (const ws of this.own)
      await this.load(ws).catch(err =>
        this.log.warn({ workspace: ws.slug, err: (err as Error).message }, 'cannot read saved settings'),
      )
  }

  private async read(ws: Workspace): Promise<Overlay> {
    const doc = (await ws.store.getDoc(SETTINGS_NAMESPACE, ws.slug)) as Partial<Overlay>
    return { config: doc.config ?? {}, secrets: doc.secrets ?? {}, rev: doc.rev, updatedAt: doc.updatedAt }
  }
}
