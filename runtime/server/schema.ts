// Make builder-written JSON Schemas safe to advertise to every MCP client (docs/serving.md "Tools"):
// local `$ref`s inlined (many clients resolve none), `$defs`/`definitions` dropped once inlined,
// every array given `items` (some providers reject arrays without it), descriptions cut to 1024
// characters, and the runtime-only `env` keyword removed. The input is never modified.

import { SCHEMA_LISTS, SCHEMA_MAPS, SCHEMA_VALUES } from '../core/schema-positions.ts'

export const MAX_DESCRIPTION = 1024

type Schema = Record<string, unknown>

const DROPPED = new Set(['$defs', 'definitions', '$schema', '$id', 'env'])

/** `text` cut to `max` characters at the end of a word, marked with an ellipsis. */
export function truncate(text: string, max = MAX_DESCRIPTION): string {
  if (text.length <= max) return text
  const cut = text.slice(0, max - 1)
  const space = cut.search(/\s\S*$/)
  return (space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:]+$/, '') + '…'
}

/**
 * A copy of `schema` that any client can read: no `$ref`, arrays with `items`, short descriptions.
 * `root` is the document its references point into (the whole arguments schema for one argument).
 */
export function clientSafeSchema(schema: Schema, root: Schema = schema): Schema {
  return walk(schema, root, []) as Schema
}

function walk(node: unknown, root: Schema, refs: string[]): unknown {
  if (node === null || typeof node !== 'object' || Array.isArray(node)) return node
  const source = node as Schema
  if (typeof source.$ref === 'string') {
    const ref = source.$ref
    // A recursive or remote reference cannot be inlined: say what it was instead.
    const target = refs.includes(ref) ? undefined : resolvePointer(root, ref)
    const { $ref: _, ...siblings } = source
    if (!target) return walk({ ...siblings, description: siblings.description ?? `(${ref})` }, root, refs)
    return walk({ ...target, ...siblings }, root, [...refs, ref])
  }
  const out: Schema = {}
  for (const [key, value] of Object.entries(source)) {
    if (DROPPED.has(key)) continue
    if (SCHEMA_MAPS.has(key) && value && typeof value === 'object') {
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, root, refs)]))
    } else if (SCHEMA_LISTS.has(key) && Array.isArray(value)) {
      out[key] = value.map(v => walk(v, root, refs))
    } else if (SCHEMA_VALUES.has(key)) {
      out[key] = Array.isArray(value) ? value.map(v => walk(v, root, refs)) : walk(value, root, refs)
    } else if (key === 'description' && typeof value === 'string') {
      out[key] = truncate(value)
    } else {
      out[key] = value
    }
  }
  const type = out.type
  const isArray = type === 'array' || (Array.isArray(type) && type.includes('array'))
  if (isArray && out.items === undefined && out.prefixItems === undefined) out.items = {}
  return out
}

function resolvePointer(root: Schema, ref: string): Schema | undefined {
  if (!ref.startsWith('#')) return undefined
  let node: unknown = root
  for (const raw of ref.slice(1).split('/').slice(1)) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~')
    if (node === null || typeof node !== 'object') return undefined
    node = (node as Schema)[key]
  }
  return node !== null && typeof node === 'object' && !Array.isArray(node) ? (node as Schema) : undefined
}

/** Compare two schemas ignoring their descriptions (to merge an argument shared by several actions). */
export function sameShape(a: unknown, b: unknown): boolean {
  return JSON.stringify(withoutDescription(a)) === JSON.stringify(withoutDescription(b))
}

export function withoutDescription(schema: unknown): unknown {
  if (schema === null || typeof schema !== 'object' || Array.isArray(schema)) return schema
  const { description: _, ...rest } = schema as Schema
  return rest
}

export function walkSchemas(schema: unknown, visit: (node: Schema) => void): void {
  if (schema === null || typeof schema !== 'object') return
  if (Array.isArray(schema)) {
    for (const s of schema) walkSchemas(s, visit)
    return
  }
  visit(schema as Schema)
  for (const [key, value] of Object.entries(schema)) {
    if (SCHEMA_MAPS.has(key) && value && typeof value === 'object')
      for (const v of Object.values(value)) walkSchemas(v, visit)
    else if (SCHEMA_LISTS.has(key) || SCHEMA_VALUES.has(key)) walkSchemas(value, visit)
  }
}
