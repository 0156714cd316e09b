// Loads the official OpenAPI specs (plus the v2 supplement), normalises the two quirks that make
// them unusable for strict validation, and indexes every operation by method and templated path.
import { existsSync, readFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { GRANULAR_ALTERNATIVES } from './granular-scopes.ts'

export type ApiFamily = 'v1' | 'v2'
// The specs are plain JSON documents; schema fragments stay untyped objects handed to ajv.
// biome-ignore lint/suspicious/noExplicitAny: schema fragments are handed to ajv as they are
export type Json = Record<string, any>

export interface ParameterSpec {
  name: string
  in: 'path' | 'query' | 'header' | 'cookie'
  required: boolean
  schema: Json
  isArray: boolean
}

export interface OperationSpec {
  api: ApiFamily
  method: string
  /** Full site-relative path template, e.g. `/wiki/api/v2/pages/{id}`. */
  path: string
  operationId: string
  parameters: ParameterSpec[]
  requestBody?: { required: boolean; schema?: Json }
  responses: Record<string, { schema?: Json }>
  /** Alternative scope sets; any one fully granted authorises the call. Empty = no scope check. */
  scopeSets: string[][]
  matcher: RegExp
  pathParamNames: string[]
  literalSegments: number
}

export const SCHEMA_IDS: Record<ApiFamily, string> = { v1: 'confluence-v1', v2: 'confluence-v2' }
const PREFIX: Record<ApiFamily, string> = { v1: '', v2: '/wiki/api/v2' } // v1 spec paths already start with /wiki/rest/api
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options']
const SPEC_DIR = findSpecDir(dirname(fileURLToPath(import.meta.url)))

/**
 * sandbox/openapi/ of the package, found by walking up from this module: the same answer from the
 * sources (tsx) and from the dist/ bundle, without depending on the runtime (sandbox/ stands alone).
 */
function findSpecDir(start: string): string {
  for (let dir = start; ; dir = dirname(dir)) {
    const candidate = join(dir, 'sandbox', 'openapi')
    if (existsSync(join(candidate, 'confluence-cloud-openapi-v2.json'))) return candidate
    if (dirname(dir) === dir) throw new Error(`sandbox: no sandbox/openapi/ above ${start}`)
  }
}

export interface LoadedSpecs {
  docs: Record<ApiFamily, Json>
  operations: OperationSpec[]
}

let cached: LoadedSpecs | undefined

/** Parsed once per process; every fake instance shares the specs and compiled validators. */
export function loadSpecs(): LoadedSpecs {
  if (cached) return cached
  const read = (file: string) => JSON.parse(readFileSync(join(SPEC_DIR, file), 'utf8')) as Json
  const v2 = read('confluence-cloud-openapi-v2.json')
  const v1 = read('confluence-cloud-openapi-v1.json')
  mergeSupplement(v2, read('confluence-v2-supplement.json'))
  const docs = { v1: normalise(v1), v2: normalise(v2) }
  const operations = [...indexOperations('v2', docs.v2), ...indexOperations('v1', docs.v1)]
  // Literal segments win over templates: /content/{id}/child/attachment before /content/{id}/child/{type}.
  operations.sort((a, b) => b.literalSegments - a.literalSegments)
  cached = { docs, operations }
  return cached
}

/** Operations missing from the vendored v2 copy; the vendored spec wins on any overlap. */
function mergeSupplement(doc: Json, supplement: Json): void {
  for (const [path, item] of Object.entries<Json>(supplement.paths)) {
    doc.paths[path] ??= {}
    for (const [method, op] of Object.entries(item)) doc.paths[path][method] ??= op
  }
  for (const [name, schema] of Object.entries(supplement.components.schemas)) doc.components.schemas[name] ??= schema
}

/**
 * The specs use `oneOf` between schemas that overlap (e.g. PageBodyWrite vs PageNestedBodyWrite:
 * both are objects with only optional properties), so every valid body matches both branches and
 * strict `oneOf` rejects it. Confluence itself accepts either form, which is `anyOf` semantics.
 */
function normalise(node: Json): Json {
  if (Array.isArray(node)) return node.map(normalise)
  if (node === null || typeof node !== 'object') return node
  const out: Json = {}
  for (const [key, value] of Object.entries(node)) out[key === 'oneOf' ? 'anyOf' : key] = normalise(value)
  return out
}

/** Follows `$ref` pointers (parameters, request bodies, responses) within one document. */
export function deref(doc: Json, node: Json | undefined): Json | undefined {
  let current = node
  for (let hops = 0; current && typeof current.$ref === 'string' && hops < 10; hops++) {
    current = current.$ref
      .slice(2)
      .split('/')
      .map(unescapePointer)
      .reduce((acc: Json | undefined, key: string) => acc?.[key], doc)
  }
  return current
}

const unescapePointer = (s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~')

/** Copies a schema fragment so its local `#/components/...` refs point into the named document. */
export function rebase(schema: Json, api: ApiFamily): Json {
  return JSON.parse(JSON.stringify(schema), (key, value) =>
    key === '$ref' && typeof value === 'string' && value.startsWith('#/') ? `${SCHEMA_IDS[api]}${value}` : value,
  )
}

function indexOperations(api: ApiFamily, doc: Json): OperationSpec[] {
  const ops: OperationSpec[] = []
  for (const [specPath, item] of Object.entries<Json>(doc.paths)) {
    const path = PREFIX[api] + specPath
    const pathParamNames = [...specPath.matchAll(/\{([^}]+)\}/g)].map(m => m[1]!)
    const matcher = new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '([^/]+)')}$`)
    const literalSegments = path.split('/').filter(s => s && !s.startsWith('{')).length
    for (const method of METHODS) {
      const op = item[method] as Json | undefined
      if (!op) continue
      const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map((p: Json) => deref(doc, p)!)
      const body = deref(doc, op.requestBody)
      ops.push({
        api,
        method: method.toUpperCase(),
        path,
        operationId: op.operationId,
        parameters: params.map(p => parameterSpec(doc, api, p)),
        requestBody: body ? { required: body.required === true, schema: jsonSchema(body.content, api) } : undefined,
        responses: Object.fromEntries(
          Object.entries<Json>(op.responses ?? {}).map(([status, r]) => [
            status,
            { schema: jsonSchema(deref(doc, r)?.content, api) },
          ]),
        ),
        scopeSets: scopeSets(op, doc),
        matcher,
        pathParamNames,
        literalSegments,
      })
    }
  }
  return ops
}

function parameterSpec(doc: Json, api: ApiFamily, p: Json): ParameterSpec {
  const schema = deref(doc, p.schema) ?? {}
  return {
    name: p.name,
    in: p.in,
    required: p.required === true,
    schema: rebase(schema, api),
    isArray: schema.type === 'array',
  }
}

function jsonSchema(content: Json | undefined, api: ApiFamily): Json | undefined {
  const media = content?.['application/json'] ?? content?.['application/json;charset=UTF-8']
  return media?.schema ? rebase(media.schema, api) : undefined
}

function scopeSets(op: Json, doc: Json): string[][] {
  const security: Json[] = op.security ?? doc.security ?? []
  const sets = security
    .filter(s => Array.isArray(s.oAuthDefinitions) && s.oAuthDefinitions.length > 0)
    .map(s => s.oAuthDefinitions as string[])
  return sets.length ? [...sets, ...(GRANULAR_ALTERNATIVES[op.operationId] ?? [])] : []
}

export type MatchResult =
  | { kind: 'operation'; op: OperationSpec; pathParams: Record<string, string> }
  | { kind: 'method-not-allowed'; allowed: string[] }
  | { kind: 'not-found' }

/** Finds the operation for a site-relative path such as `/wiki/api/v2/pages/123`. */
export function matchOperation(method: string, path: string): MatchResult {
  const allowed = new Set<string>()
  const trimmed = path.length > 1 ? path.replace(/\/+$/, '') : path
  for (const op of loadSpecs().operations) {
    const m = op.matcher.exec(trimmed)
    if (!m) continue
    if (op.method !== method) {
      allowed.add(op.method)
      continue
    }
    const pathParams: Record<string, string> = {}
    op.pathParamNames.forEach((name, i) => (pathParams[name] = safeDecode(m[i + 1]!)))
    return { kind: 'operation', op, pathParams }
  }
  return allowed.size ? { kind: 'method-not-allowed', allowed: [...allowed] } : { kind: 'not-found' }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}
