// Validates requests and responses against the OpenAPI operation they belong to. Validators are
// compiled lazily, once per operation and process; both specs are registered whole so `$ref`s
// into `#/components/...` resolve against the official documents.
import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv'
import addFormats from 'ajv-formats'
import { loadSpecs, SCHEMA_IDS, type ApiFamily, type Json, type OperationSpec } from './spec.ts'

function makeAjv(coerce: boolean): Ajv {
  // strict: false — OpenAPI 3.0 schemas carry `example`, `x-*` and other non-JSON-Schema keywords.
  const ajv = new Ajv({
    strict: false,
    allErrors: true,
    ...(coerce ? { coerceTypes: 'array', useDefaults: true } : {}),
  })
  addFormats.default(ajv)
  ajv.addFormat('string', true) // the v2 spec writes `format: string` (without `type`) on PUT /pages fields
  const { docs } = loadSpecs()
  for (const api of ['v1', 'v2'] as ApiFamily[]) ajv.addSchema(docs[api], SCHEMA_IDS[api])
  return ajv
}

let paramAjv: Ajv | undefined
let bodyAjv: Ajv | undefined
const compiled = new Map<string, ValidateFunction>()

function validator(key: string, coerce: boolean, schema: () => Json): ValidateFunction {
  let fn = compiled.get(key)
  if (!fn) {
    const ajv = coerce ? (paramAjv ??= makeAjv(true)) : (bodyAjv ??= makeAjv(false))
    fn = ajv.compile(schema())
    compiled.set(key, fn)
  }
  return fn
}

export interface RequestInput {
  pathParams: Record<string, string>
  searchParams: URLSearchParams
  body: unknown
  hasBody: boolean
}

export type RequestCheck =
  | { ok: true; params: Record<string, unknown>; query: Record<string, unknown>; unknownQuery: string[] }
  | { ok: false; errors: string[] }

export function validateRequest(op: OperationSpec, input: RequestInput): RequestCheck {
  const errors: string[] = []
  const params: Record<string, unknown> = { ...input.pathParams }
  const query = collectQuery(op, input.searchParams)
  const declared = new Set(op.parameters.filter(p => p.in === 'query').map(p => p.name))
  const unknownQuery = [...new Set(input.searchParams.keys())].filter(k => !declared.has(k))

  for (const where of ['path', 'query'] as const) {
    const target = where === 'path' ? params : query
    const check = validator(`${op.api}:${op.operationId}:${where}`, true, () => paramsSchema(op, where))
    if (!check(target)) errors.push(...formatErrors(check.errors, where))
  }

  if (op.requestBody) {
    if (!input.hasBody) {
      if (op.requestBody.required) errors.push('body: a JSON request body is required')
    } else if (op.requestBody.schema) {
      const check = validator(`${op.api}:${op.operationId}:body`, false, () => op.requestBody!.schema!)
      if (!check(input.body)) errors.push(...formatErrors(check.errors, 'body'))
    }
  }
  return errors.length ? { ok: false, errors } : { ok: true, params, query, unknownQuery }
}

/**
 * Arrays are accepted both as repeated keys (`?status=a&status=b`) and comma-separated values
 * (`?id=1,2`), as the spec descriptions promise; scalars take the first occurrence.
 */
function collectQuery(op: OperationSpec, search: URLSearchParams): Record<string, unknown> {
  const query: Record<string, unknown> = {}
  for (const p of op.parameters) {
    if (p.in !== 'query' || !search.has(p.name)) continue
    query[p.name] = p.isArray
      ? search
          .getAll(p.name)
          .flatMap(v => v.split(','))
          .filter(v => v !== '')
      : search.get(p.name)
  }
  return query
}

function paramsSchema(op: OperationSpec, where: 'path' | 'query'): Json {
  const list = op.parameters.filter(p => p.in === where)
  return {
    type: 'object',
    properties: Object.fromEntries(list.map(p => [p.name, p.schema])),
    required: list.filter(p => p.required).map(p => p.name),
  }
}

/** Checks one response against the spec; returns the problems found (empty when it conforms). */
export function validateResponse(op: OperationSpec, status: number, body: unknown): string[] {
  const declared = op.responses[String(status)] ?? op.responses[`${String(status)[0]}XX`] ?? op.responses.default
  if (!declared) {
    // Error statuses are under-documented in the specs (429 and 5xx anywhere, 409 on PUT /pages,
    // 404 on list endpoints), so only an undeclared success status counts as drift.
    return status < 400 ? [`status ${status} is not declared for ${op.method} ${op.path}`] : []
  }
  if (!declared.schema) {
    return status < 400 && body !== undefined && status !== 302
      ? [`status ${status} declares no body but one was sent`]
      : []
  }
  const check = validator(`${op.api}:${op.operationId}:response:${status}`, false, () => declared.schema!)
  return check(body) ? [] : formatErrors(check.errors, 'response')
}

function formatErrors(errors: ErrorObject[] | null | undefined, where: string): string[] {
  return (errors ?? []).map(e => {
    const at =
      where +
      e.instancePath
        .split('/')
        .slice(1)
        .map(seg => (/^\d+$/.test(seg) ? `[${seg}]` : `.${seg}`))
        .join('')
    const allowed =
      e.keyword === 'enum' ? ` (${(e.params as { allowedValues: unknown[] }).allowedValues.join(', ')})` : ''
    const extra =
      e.keyword === 'additionalProperties'
        ? ` '${(e.params as { additionalProperty: string }).additionalProperty}'`
        : ''
    return `${at} ${e.message ?? 'is invalid'}${allowed}${extra}`
  })
}

/** Compiles the validators of the given operations now instead of on first use (~2 s for all). */
export function precompile(operationIds: ReadonlySet<string>): void {
  const empty = new URLSearchParams()
  for (const op of loadSpecs().operations) {
    if (!operationIds.has(op.operationId)) continue
    validateRequest(op, { pathParams: {}, searchParams: empty, body: undefined, hasBody: false })
    if (op.requestBody?.schema) validator(`${op.api}:${op.operationId}:body`, false, () => op.requestBody!.schema!)
    for (const status of Object.keys(op.responses))
      if (/^\d+$/.test(status)) validateResponse(op, Number(status), undefined)
  }
}
