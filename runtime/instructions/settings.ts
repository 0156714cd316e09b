// docs/language.md "settings": read or change the current workspace's own config and secrets — never
// another workspace's. `put` checks every value against the workspace's config and secrets schemas
// (SETTINGS_INVALID names each field) before anything is kept; secrets are write-only, so `get` and
// `put` answer only which are set. Where the values live is the host's business
// (the workspace's `services.settings`, engine/types.ts): the tenant registry, the core's overrides
// (tenants/settings.ts), or memory (workspace/settings.ts, what the loader sets by default).
import { DsulError } from '../core/errors.ts'
import type { Template } from '../expressions/index.ts'
import type { InstructionDef } from './types.ts'

type Op = 'get' | 'put'
interface Plan {
  op: Op
  config?: Template
  secrets?: Template
}

export const settings: InstructionDef<Plan> = {
  compile(args: { op: Op; config?: unknown; secrets?: unknown }, c) {
    if (args.op === 'get' && ('config' in args || 'secrets' in args)) {
      throw invalid('`config` and `secrets` only go with `put`')
    }
    if (args.op === 'put' && !('config' in args) && !('secrets' in args)) {
      throw invalid('`put` needs `config` or `secrets`')
    }
    return {
      op: args.op,
      config: 'config' in args ? c.template(args.config, ['config']) : undefined,
      secrets: 'secrets' in args ? c.template(args.secrets, ['secrets']) : undefined,
    }
  },
  async run(plan, ctx) {
    const ws = ctx.engine
    const backend = ws.services.settings
    // Every workspace the loader builds has one; only a hand-built Engine may not.
    if (!backend) throw new DsulError('SETTINGS_READ_ONLY', { detail: 'this host keeps no settings' })
    if (plan.op === 'get') return backend.get(ws)
    const config = plan.config ? await ctx.evaluate(plan.config) : undefined
    const secrets = plan.secrets ? await ctx.evaluate(plan.secrets) : undefined
    if (config !== undefined && config !== null && !isObject(config)) {
      throw invalid(`\`config\` must be an object of settings, got ${typeof config}`)
    }
    if (secrets !== undefined && secrets !== null && !isObject(secrets)) {
      throw invalid(`\`secrets\` must be an object of secrets, got ${typeof secrets}`)
    }
    const kept: Record<string, string | null> = {}
    const problems: Array<{ path: string; message: string }> = []
    for (const [name, v] of Object.entries((secrets ?? {}) as Record<string, unknown>)) {
      // An empty field means "keep the stored one": a form never has to send a secret back.
      if (v === undefined || v === '') continue
      if (v !== null && typeof v !== 'string') {
        problems.push({
          path: `secrets.${name}`,
          message: 'must be a string (or null to clear it)',
        })
      } else kept[name] = v
    }
    if (problems.length > 0) {
      throw new DsulError('SETTINGS_INVALID', {
        detail: problems.map(p => `${p.path} ${p.message}`).join('; '),
        problems,
      })
    }
    // Registered before anything can fail, so no message of this run can carry a new secret.
    ctx.run.redactor.addAll(kept)
    const result = await backend.put(ws, {
      config: (config ?? undefined) as Record<string, unknown> | undefined,
      secrets: kept,
    })
    // The audit line of a config change (the configuration app saves through here): who, which
    // workspace, which names changed — never a value.
    ws.log.info(
      {
        audit: 'config',
        tenant: ws.slug,
        change: 'settings',
        config: config ? Object.keys(config as object) : undefined,
        secrets: Object.keys(kept),
        user: ctx.run.identity.userId,
        automation: ctx.scope.runVars.automation,
      },
      'config change',
    )
    return result
  },
}

function isObject(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && !Buffer.isBuffer(v)
}

function invalid(detail: string): DsulError {
  return new DsulError('INVALID_VALUE', { instruction: 'settings', detail })
}
