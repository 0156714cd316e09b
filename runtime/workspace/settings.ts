// Where the `settings` instruction (instructions/settings.ts, docs/language.md "settings") keeps a
// workspace's own config and secrets when no server hosts it (`confluence-next run`, tests): an
// in-memory overlay, for the life of the process. The loader makes it a workspace's default
// `services.settings`; a server replaces it (tenants/settings.ts). Secrets go in and never come out:
// a view says only which are set.

import { randomUUID } from 'node:crypto'
import { deepFreeze } from '../core/clone.ts'
import { DsulError } from '../core/errors.ts'
import type { Workspace } from '../engine/workspace.ts'
import type { SettingsBackend, SettingsPatch, SettingsView } from '../engine/types.ts'
import { checkValues, type ValuesSchema } from './values.ts'

export type { SettingsBackend, SettingsPatch, SettingsView } from '../engine/types.ts'

/** A workspace's own values on top of its base (what it was loaded with). */
export interface Overlay {
  config: Record<string, unknown>
  secrets: Record<string, unknown>
  rev?: string
  updatedAt?: string
}

export function settingsView(ws: Workspace, source: SettingsView['source'], updatedAt?: string): SettingsView {
  const names = Object.keys(schemas(ws).secrets?.properties ?? {})
  const secrets: Record<string, boolean> = {}
  for (const name of new Set([...names, ...Object.keys(ws.secret)])) {
    const v = ws.secret[name]
    secrets[name] = v !== undefined && v !== null && v !== ''
  }
  return {
    workspace: ws.slug,
    source,
    config: structuredClone(ws.config) as Record<string, unknown>,
    secrets,
    ...(updatedAt ? { updatedAt } : {}),
  }
}

/** `own` with the patch applied: `null` removes a value. */
export function applyPatch(
  own: Record<string, unknown>,
  patch: Record<string, unknown> | undefined,
): Record<string, unknown> {
  const out = { ...own }
  for (const [k, v] of Object.entries(patch ?? {})) {
    if (v === null) delete out[k]
    else if (v !== undefined) out[k] = v
  }
  return out
}

/** Check own values against the workspace's schemas; the resolved values, or SETTINGS_INVALID naming every field. */
export function resolve(
  ws: Workspace,
  own: Overlay,
  base: { config: Record<string, unknown>; secrets: Record<string, unknown> },
): { config: Record<string, unknown>; secrets: Record<string, unknown> } {
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

export function invalidSettings(problems: Array<{ path: string; message: string }>): DsulError {
  return new DsulError('SETTINGS_INVALID', { detail: problems.map(p => `${p.path} ${p.message}`).join('; '), problems })
}

/**
 * A Workspace is built with fixed values. Saved settings replace them in place: every run copies
 * `config` and `secret` when it starts (run-context.ts), so the next run sees them, and the
 * redactor learns the new secrets. (`mcp.readOnly`, read when the workspace is served, waits for a restart.)
 */
export function applyValues(
  ws: Workspace,
  values: { config: Record<string, unknown>; secrets: Record<string, unknown> },
): void {
  const target = ws as unknown as { config: unknown; secret: unknown }
  target.config = deepFreeze(structuredClone(values.config))
  target.secret = deepFreeze(structuredClone(values.secrets))
  ws.redactor.addAll(values.secrets)
}

/** The in-memory overlay: no server, nothing persisted. */
export class MemorySettings implements SettingsBackend {
  protected readonly bases = new WeakMap<
    Workspace,
    { config: Record<string, unknown>; secrets: Record<string, unknown> }
  >()
  protected readonly overlays = new WeakMap<Workspace, Overlay>()

  async get(ws: Workspace): Promise<SettingsView> {
    return settingsView(ws, 'memory', this.overlays.get(ws)?.updatedAt)
  }

  async put(ws: Workspace, patch: SettingsPatch): Promise<SettingsView> {
    const own = this.overlays.get(ws) ?? { config: {}, secrets: {} }
    const next = {
      config: applyPatch(own.config, patch.config),
      secrets: applyPatch(own.secrets, patch.secrets),
      rev: randomUUID(),
      updatedAt: new Date().toISOString(),
    }
    applyValues(ws, resolve(ws, next, this.base(ws)))
    this.overlays.set(ws, next)
    return settingsView(ws, 'memory', next.updatedAt)
  }

  /** What the workspace was loaded with, before any overlay. */
  protected base(ws: Workspace): { config: Record<string, unknown>; secrets: Record<string, unknown> } {
    let b = this.bases.get(ws)
    if (!b)
      this.bases.set(
        ws,
        (b = {
          config: structuredClone(ws.config) as Record<string, unknown>,
          secrets: structuredClone(ws.secret) as Record<string, unknown>,
        }),
      )
    return b
  }
}

export const memorySettings = new MemorySettings()

export function schemas(ws: Workspace): { config?: ValuesSchema; secrets?: ValuesSchema } {
  const index = ws.info.index as { config?: { schema?: ValuesSchema }; secrets?: { schema?: ValuesSchema } }
  return { config: index.config?.schema, secrets: index.secrets?.schema }
}
