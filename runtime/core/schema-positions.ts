// Where a JSON Schema (draft-07 through 2020-12) holds other schemas: what every walk of a builder's
// schema visits (server/schema.ts makes it safe for clients, workspace/ajv.ts finds what must be
// compiled at load). One list, so that a keyword one walk knows is never missed by the other.

/** Keywords whose value maps names to schemas (`dependencies` may also map a name to a list of names). */
export const SCHEMA_MAPS: ReadonlySet<string> = new Set([
  'properties',
  'patternProperties',
  'dependentSchemas',
  'dependencies',
])

/** Keywords whose value is a list of schemas. */
export const SCHEMA_LISTS: ReadonlySet<string> = new Set(['allOf', 'anyOf', 'oneOf', 'prefixItems'])

/** Keywords whose value is one schema (`items` may also be a list of them, as in draft-07). */
export const SCHEMA_VALUES: ReadonlySet<string> = new Set([
  'items',
  'additionalItems',
  'additionalProperties',
  'not',
  'if',
  'then',
  'else',
  'contains',
  'propertyNames',
  'unevaluatedItems',
  'unevaluatedProperties',
])
