// One ajv setup for the whole process: the published schemas are compiled once, and builders'
// argument schemas share an instance (so repeated loads reuse compiled code).
import { Ajv, type ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import automationSchema from '../../schemas/automation.schema.json' with { type: 'json' }
import workspaceSchema from '../../schemas/workspace.schema.json' with { type: 'json' }

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv

function create (options: ConstructorParameters<typeof Ajv>[0]): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: false, ...options })
  addFormats(ajv)
  // `env` names the environment variable that fills a config or secret property.
  ajv.addKeyword({ keyword: 'env', schemaType: 'string' })
  return ajv
}

const schemaAjv = create({})
let automationValidator: ValidateFunction | undefined
let workspaceValidator: ValidateFunction | undefined

export function validateAutomationFile (value: unknown): ValidateFunction['errors'] {
  automationValidator ??= schemaAjv.compile(automationSchema)
  return automationValidator(value) ? null : automationValidator.errors
}

export function validateWorkspaceIndex (value: unknown): ValidateFunction['errors'] {
  workspaceValidator ??= schemaAjv.compile(workspaceSchema)
  return workspaceValidator(value) ? null : workspaceValidator.errors
}

/** Arguments and config: defaults applied, no type coercion (a caller's "5" is not 5). */
export const valueAjv = create({ useDefaults: true })

/** Validate a builder-written schema against the JSON Schema meta-schema: the first problem and where it is. */
export function schemaProblem (schema: unknown): { path: string[], message: string } | undefined {
  try {
    if (valueAjv.validateSchema(schema as object)) return undefined
  } catch (err) {
    return { path: [], message: (err as Error).message }
  }
  const errors = valueAjv.errors ?? []
  // anyOf wrappers say nothing useful; the most specific error is the deepest one.
  const e = [...errors].filter(x => x.keyword !== 'anyOf').sort((a, b) => b.instancePath.length - a.instancePath.length)[0] ?? errors[0]
  const path = e.instancePath.split('/').slice(1).map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'))
  const allowed = (e.params as { allowedValues?: unknown[] }).allowedValues
  return { path, message: `${e.message}${allowed ? ` (${allowed.map(v => JSON.stringify(v)).join(', ')})` : ''}` }
}
