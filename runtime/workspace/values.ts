// A workspace's config and secrets values checked against its `config.schema` / `secrets.schema`
// (docs/configuration.md): by the `settings` instruction, the server's own overrides and tenants.

import type { Segment } from '../core/paths.ts'
import { compileSchema, valueAjv } from './ajv.ts'
import { suggest } from './diagnostics.ts'

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
export function checkValues(
  schema: ValuesSchema | undefined,
  own: Record<string, unknown>,
  base: Record<string, unknown> = {},
): { value: Record<string, unknown>; problems: ValueProblem[] } {
  const value = structuredClone({ ...base, ...own })
  const problems: ValueProblem[] = []
  const known = Object.keys(schema?.properties ?? {})
  for (const name of Object.keys(own)) {
    if (schema?.properties && !known.includes(name))
      problems.push({
        pointer: [name],
        message:
          `is not a setting of this workspace${suggest(name, known)}` +
          (known.length ? ` (known: ${known.join(', ')})` : ''),
      })
  }
  if (!schema) return { value, problems }
  const validate = compileSchema(valueAjv, schema)
  if (!validate(value)) {
    for (const e of validate.errors ?? []) {
      const pointer: Segment[] = e.instancePath
        .split('/')
        .slice(1)
        .map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'))
      if (e.keyword === 'required')
        problems.push({
          pointer: [...pointer, (e.params as { missingProperty: string }).missingProperty],
          message: 'is required',
        })
      else if (e.keyword === 'enum')
        problems.push({
          pointer,
          message: `must be one of: ${(e.params as { allowedValues: unknown[] }).allowedValues
            .map(v => JSON.stringify(v))
            .join(', ')}`,
        })
      else problems.push({ pointer, message: e.message ?? 'is invalid' })
    }
  }
  return { value, problems }
}
