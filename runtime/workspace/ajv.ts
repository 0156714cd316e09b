// One ajv setup for the whole process. The published schemas and the draft-07 meta-schema are
// compiled ahead of time (schemas/validators/, `npm run generate:validators`): compiling them here
// was most of the workspace's cold start. Builders' argument schemas share one instance.
import { Ajv, type AnySchema, type CodeOptions, type Options, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { validate as automationValidator } from '../../schemas/validators/automation.js'
import { validate as draft07Validator } from '../../schemas/validators/draft-07.js'
import { validate as workspaceValidator } from '../../schemas/validators/workspace.js'
import { SCHEMA_LISTS, SCHEMA_MAPS, SCHEMA_VALUES } from '../core/schema-positions.ts'

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv

// `$schema` values ajv resolves to its draft-07 meta-schema without any lookup.
const DRAFT_07 = new Set([
  'http://json-schema.org/draft-07/schema',
  'http://json-schema.org/draft-07/schema#',
  'http://json-schema.org/schema',
])

/**
 * Ajv whose meta-schema check (validateSchema, and so compile) uses the generated draft-07 validator:
 * a plain Ajv compiles the meta-schema itself on its first compile (tens of ms, at the first call).
 */
export class ValueAjv extends Ajv {
  override validateSchema(schema: AnySchema, throwOrLogError?: boolean): boolean | Promise<unknown> {
    const $schema = typeof schema === 'object' ? schema.$schema : undefined
    if (typeof schema !== 'object' || ($schema !== undefined && !DRAFT_07.has($schema)))
      return super.validateSchema(schema, throwOrLogError)
    // As Ajv.validateSchema does (the option validateSchema: 'log' is not used here).
    const valid = draft07Validator(schema) as boolean
    this.errors = draft07Validator.errors
    if (!valid && throwOrLogError) throw new Error('schema is invalid: ' + this.errorsText())
    return valid
  }
}

/** The process's ajv instances, by what they check (precompiled.ts keys its validators by this too). */
export type AjvKind = 'values' | 'output'

/**
 * values — arguments and config: defaults applied, no type coercion (a caller's "5" is not 5). No
 * optimizing pass over the generated code: the same checks, compiled about a quarter faster at load.
 * output — tool results (server/tools.ts): never a default filled into a result.
 */
const AJV_OPTIONS = {
  values: { allErrors: true, strict: false, useDefaults: true, code: { optimize: false } },
  output: { allErrors: true, strict: false },
} as const satisfies Record<AjvKind, Options>

const kinds = new WeakMap<Ajv, AjvKind>()

/**
 * An ajv of `kind`, set up as the runtime's own; `code` adds code options (the build's standalone
 * code, precompiled.ts), which change how the code is emitted, never what it checks or reports.
 */
export function createAjv(kind: AjvKind, code: CodeOptions = {}): ValueAjv {
  const options = AJV_OPTIONS[kind]
  const ajv = new ValueAjv({ ...options, code: { ...('code' in options ? options.code : {}), ...code } })
  addFormats(ajv)
  // `env` names the environment variable that fills a config or secret property.
  if (kind === 'values') ajv.addKeyword({ keyword: 'env', schemaType: 'string' })
  kinds.set(ajv, kind)
  return ajv
}

export const valueAjv = createAjv('values')
export const outputAjv = createAjv('output')

/**
 * The validators the build compiled ahead of time (precompiled.ts), by kind and schema; installed
 * at start, none by default. `record`, when set, is told of every schema a validator is made for.
 */
let ready: ((kind: AjvKind, schema: object) => ValidateFunction | undefined) | undefined
let record: ((kind: AjvKind, schema: object) => void) | undefined

export function usePrecompiled(lookup: typeof ready): void {
  ready = lookup
}

export function recordSchemas(recorder: typeof record): void {
  record = recorder
}

/** `ajv.compile(schema)`, or the build's ready validator for it when there is one. */
export function compileSchema(ajv: Ajv, schema: object): ValidateFunction {
  const kind = kinds.get(ajv)
  if (kind === undefined) return ajv.compile(schema)
  record?.(kind, schema)
  return ready?.(kind, schema) ?? ajv.compile(schema)
}

const shared = new Map<string, ValidateFunction>()

/**
 * One validator for equal schemas: many automations take the same few arguments (or none).
 *
 * Compiled on its first call when compiling cannot fail (docs/performance.md "Start": compiling every
 * schema was a sixth of a start): a schema valid by the meta-schema (schemaProblem, checked before)
 * fails ajv's compile only through a keyword of COMPILE_CHECKED (a regex, a reference, an id, a format
 * ajv warns about), so a schema that holds one is compiled now and its error reported at load —
 * unless `verified`: the build compiled it (verified.ts).
 */
export function compileShared(schema: object, verified = false): ValidateFunction {
  record?.('values', schema)
  const key = JSON.stringify(schema)
  let validate = shared.get(key)
  // A build-verified schema (verified.ts) compiled once already, at build: first use cannot fail.
  if (!validate)
    shared.set(key, (validate = verified ? lazyValidator(valueAjv, schema) : compileWhenSafe(valueAjv, schema)))
  return validate
}

/** The keywords whose compile can fail (or warn) on a schema the meta-schema accepts. */
const COMPILE_CHECKED = new Set([
  'pattern',
  'patternProperties',
  'format',
  '$ref',
  '$id',
  'id',
  '$schema',
  '$defs',
  'definitions',
  'discriminator',
  '$async',
  '$dynamicRef',
  '$recursiveRef',
  '$anchor',
])

function compileChecked(schema: unknown): boolean {
  if (schema === null || typeof schema !== 'object') return false
  if (Array.isArray(schema)) return schema.some(compileChecked)
  for (const [keyword, value] of Object.entries(schema)) {
    if (COMPILE_CHECKED.has(keyword)) return true
    if (SCHEMA_MAPS.has(keyword) && value !== null && typeof value === 'object') {
      if (Object.values(value).some(compileChecked)) return true
    } else if ((SCHEMA_VALUES.has(keyword) || SCHEMA_LISTS.has(keyword)) && compileChecked(value)) return true
  }
  return false
}

/** `ajv.compile(schema)` now when it could fail (or warn), else on the validator's first call. */
export function compileWhenSafe(ajv: Ajv, schema: object): ValidateFunction {
  const kind = kinds.get(ajv)
  if (kind !== undefined) record?.(kind, schema)
  return compileChecked(schema) ? compileSchema(ajv, schema) : lazyValidator(ajv, schema)
}

/** A validator that compiles `schema` on its first call; `errors` as ajv's own validator sets them. */
function lazyValidator(ajv: Ajv, schema: object): ValidateFunction {
  let compiled: ValidateFunction | undefined
  const kind = kinds.get(ajv)
  const validate = ((data: unknown): boolean => {
    compiled ??= ready?.(kind!, schema) ?? ajv.compile(schema)
    const valid = compiled(data) as boolean
    validate.errors = compiled.errors
    return valid
  }) as ValidateFunction
  validate.schema = schema
  validate.errors = null
  return validate
}

export function validateAutomationFile(value: unknown): ValidateFunction['errors'] {
  return automationValidator(value) ? null : automationValidator.errors
}

export function validateWorkspaceIndex(value: unknown): ValidateFunction['errors'] {
  return workspaceValidator(value) ? null : workspaceValidator.errors
}

/** Validate a builder-written schema against the JSON Schema meta-schema: the first problem and where it is. */
export function schemaProblem(schema: unknown): { path: string[]; message: string } | undefined {
  try {
    if (valueAjv.validateSchema(schema as object)) return undefined
  } catch (err) {
    return { path: [], message: (err as Error).message }
  }
  const errors = valueAjv.errors ?? []
  // anyOf wrappers say nothing useful; the most specific error is the deepest one.
  const e =
    [...errors].filter(x => x.keyword !== 'anyOf').sort((a, b) => b.instancePath.length - a.instancePath.length)[0] ??
    errors[0]
  const path = e.instancePath
    .split('/')
    .slice(1)
    .map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'))
  const allowed = (e.params as { allowedValues?: unknown[] }).allowedValues
  return { path, message: `${e.message}${allowed ? ` (${allowed.map(v => JSON.stringify(v)).join(', ')})` : ''}` }
}
