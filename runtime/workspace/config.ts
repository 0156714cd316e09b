// Resolve the workspace config and secrets (docs/language.md "Workspace"): `config.value` with the
// schema's defaults, then environment variables named by a property's `env` keyword on top.
import { DsulError } from '../core/errors.ts'
import { compileSchema, valueAjv } from './ajv.ts'
import type { Diagnostic } from './diagnostics.ts'
import type { SourceFile } from './source.ts'

type Schema = { type?: string | string[]; properties?: Record<string, Schema>; env?: string; items?: Schema }

export function resolveValues(
  kind: 'config' | 'secrets',
  schema: Schema | undefined,
  base: Record<string, unknown>,
  env: NodeJS.ProcessEnv,
  source: SourceFile,
  diagnostics: Diagnostic[],
): Record<string, unknown> {
  const value = structuredClone(base)
  const fromEnv: string[] = []
  for (const [name, prop] of Object.entries(schema?.properties ?? {})) {
    if (!prop.env) continue
    const raw = env[prop.env]
    if (raw === undefined || raw === '') continue
    const parsed = fromEnvString(raw, prop)
    if (parsed === undefined) {
      diagnostics.push({
        severity: 'error',
        code: 'CONFIG_INVALID',
        message: `${prop.env}: cannot read ${JSON.stringify(kind === 'secrets' ? '[hidden]' : raw)} as ${String(prop.type)} (for ${kind}.${name})`,
        location: source.locate([kind, 'schema', 'properties', name]),
      })
      continue
    }
    value[name] = parsed
    fromEnv.push(name)
  }
  if (schema) {
    let validate
    try {
      validate = compileSchema(valueAjv, schema)
    } catch (err) {
      diagnostics.push({
        severity: 'error',
        code: 'SCHEMA_VIOLATION',
        message: `${kind}.schema is not a valid JSON Schema: ${(err as Error).message}`,
        location: source.locate([kind, 'schema']),
      })
      return value
    }
    if (!validate(value)) {
      for (const e of validate.errors ?? []) {
        const prop = e.instancePath.split('/')[1]
        const origin = prop && fromEnv.includes(prop) ? ` (from ${schema.properties?.[prop]?.env})` : ''
        diagnostics.push({
          severity: 'error',
          code: 'CONFIG_INVALID',
          message: new DsulError('CONFIG_INVALID', {
            detail: `${kind}${e.instancePath.replace(/\//g, '.')} ${e.message}${origin}`,
          }).message,
          location: source.locate(
            kind === 'config' ? ['config', 'value', ...e.instancePath.split('/').slice(1)] : ['secrets', 'schema'],
          ),
        })
      }
    }
  }
  return value
}

function fromEnvString(raw: string, prop: Schema): unknown {
  const type = Array.isArray(prop.type) ? prop.type[0] : prop.type
  switch (type) {
    case 'boolean':
      return /^(true|1|yes|on)$/i.test(raw) ? true : /^(false|0|no|off)$/i.test(raw) ? false : undefined
    case 'integer':
    case 'number': {
      const n = Number(raw)
      return Number.isFinite(n) && (type === 'number' || Number.isInteger(n)) ? n : undefined
    }
    case 'array':
      return raw
        .split(',')
        .map(s => s.trim())
        .filter(Boolean)
    case 'object':
      try {
        return JSON.parse(raw)
      } catch {
        return undefined
      }
    default:
      return raw
  }
}
