// Whether a call's arguments must be deep-copied (docs/performance.md "Arguments shared").
// A callee gets its caller's values by reference unless something could change one of them in place:
// the callee writing inside a value it was given, ajv filling a default inside one, or the caller
// changing a value in place while (or after) the callee holds it. Decided from the automation's raw
// definition, once: every in-place change of a local goes through a `set` or `delete` whose path has
// more than one step, a push or a merge, or an instruction `output` written inside a variable
// (core/scopes.ts); a name computed at run time counts as one. Whole variables replaced and the
// persisted scopes (which take a new document on every write, persisted-scope.ts) change nothing
// another variable holds.

/** Whether any instruction of the automation may change a value in place. */
export function writesInPlace(raw: Record<string, unknown>): boolean {
  return changes(raw.do)
}

function changes(node: unknown): boolean {
  if (Array.isArray(node)) return node.some(changes)
  if (node === null || typeof node !== 'object') return false
  for (const [key, value] of Object.entries(node)) {
    if (key === 'comment' || key === 'description') continue
    if (key === 'set' && setChanges(value)) return true
    if (key === 'delete' && nestedName(typeof value === 'string' ? value : (value as { name?: unknown })?.name)) {
      return true
    }
    if (key === 'output' && typeof value === 'string' && nestedName(value)) return true
    if (changes(value)) return true
  }
  return false
}

function setChanges(args: unknown): boolean {
  if (args === null || typeof args !== 'object') return true
  const { name, type } = args as { name?: unknown; type?: unknown }
  return (type !== undefined && type !== 'replace') || nestedName(name)
}

/** More than one path step (`a.b`, `a[0]`, `a[]`), or computed at run time: a write inside a value. */
function nestedName(name: unknown): boolean {
  return typeof name !== 'string' || /[.[{]/.test(name)
}

/**
 * Whether ajv fills a default inside an argument's value (not only the argument itself), so that the
 * caller's object would be written to: any `default` below an argument's own schema.
 */
export function defaultsInside(argumentsSchema: Record<string, unknown>): boolean {
  const properties = (argumentsSchema.properties ?? {}) as Record<string, unknown>
  return Object.values(properties).some(p => p !== null && typeof p === 'object' && hasDefault(p, true))
}

function hasDefault(schema: unknown, top: boolean): boolean {
  if (Array.isArray(schema)) return schema.some(s => hasDefault(s, false))
  if (schema === null || typeof schema !== 'object') return false
  return Object.entries(schema).some(([k, v]) => (k === 'default' && !top) || (k !== 'default' && hasDefault(v, false)))
}
