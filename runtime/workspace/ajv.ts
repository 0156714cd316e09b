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

/** Validate a builder-written schema itself; returns the meta-schema errors. */
export function schemaErrors (schema: unknown): string | undefined {
  try {
    if (!valueAjv.validateSchema(schema as object)) return valueAjv.errorsText(valueAjv.errors, { dataVar: 'schema' })
    return undefined
  } catch (err) {
    return (err as Error).message
  }
}
