// Diagnostics of the load phase: collected, never thrown one by one, printed as
// `path/to/file.yml:LINE:COL CODE message`.

import type { ErrorObject } from 'ajv'
import { type DsulError, formatLocation, type ErrorCode, type SourceLocation } from '../core/errors.ts'
import type { Segment } from '../core/paths.ts'

export type Severity = 'error' | 'warning' | 'info'

/**
 * The codes only the load-time analysis gives (runtime/workspace/analysis.ts, collisions.ts), with their
 * severity: an error stops the workspace from loading, a warning fails `validate --strict`, an info
 * only informs. docs/language.md "Diagnostics" documents each one (test/docs.test.ts checks the table).
 * Codes are never reused once retired.
 */
export const ANALYSIS_CODES = {
  UNDECLARED_CONFIG: { severity: 'error', meaning: 'reads `config.<key>`, a key config/index.yml does not declare' },
  UNDECLARED_SECRET: { severity: 'error', meaning: 'reads `secret.<key>`, a key `secrets.schema` does not declare' },
  UNKNOWN_VARIABLE: {
    severity: 'warning',
    meaning: 'reads a variable that is no argument, no variable the automation sets, no loop variable and no scope',
  },
  VARIABLES_NOT_CHECKED: { severity: 'info', meaning: 'a `set` with a computed name: the variables are not checked' },
  CALLEE_HAS_ERRORS: { severity: 'error', meaning: 'calls an automation whose file has errors' },
  // The server leaves such an automation out and serves the rest, as it always did: warnings.
  DUPLICATE_ENDPOINT: {
    severity: 'warning',
    meaning: 'two automations serve the same webhook name: the second is not served',
  },
  RESERVED_ENDPOINT: { severity: 'warning', meaning: "a webhook named `mcp`, the MCP server's path: not served" },
  DUPLICATE_TOOL_ACTION: {
    severity: 'warning',
    meaning: 'two automations claim the same MCP `tool.action`: the second is not served',
  },
  RESERVED_ARGUMENT: {
    severity: 'warning',
    meaning:
      'an MCP action declares an argument the server owns (`action`, `outputFormat`, `agent_id`, `user_id`, `context_id`): not served',
  },
  PRIVATE_TRIGGER: { severity: 'warning', meaning: "`private: true` disables this automation's webhook or events" },
  UNREACHABLE: { severity: 'warning', meaning: 'an instruction after `break` or `fail` in the same list never runs' },
  MISSING_OPERAND: {
    severity: 'warning',
    meaning: '`!=` with a value that may be missing: false, not true, when it is',
  },
} as const satisfies Record<string, { severity: Severity; meaning: string }>

export type AnalysisCode = keyof typeof ANALYSIS_CODES

export interface Diagnostic {
  severity: Severity
  code: ErrorCode | AnalysisCode
  message: string
  location: SourceLocation
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${formatLocation(d.location)} ${d.severity === 'error' ? '' : d.severity + ' '}${d.code} ${d.message}`
}

/** A diagnostic of the analysis, with its code's severity. */
export function analysisDiagnostic(code: AnalysisCode, message: string, location: SourceLocation): Diagnostic {
  return { severity: ANALYSIS_CODES[code].severity, code, message, location }
}

export function fromError(err: DsulError, fallback: SourceLocation): Diagnostic {
  return { severity: 'error', code: err.code, message: err.message, location: err.location ?? fallback }
}

export function pointerOf(instancePath: string): Segment[] {
  if (!instancePath) return []
  return instancePath
    .slice(1)
    .split('/')
    .map(s => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map(s => (/^\d+$/.test(s) ? Number(s) : s))
}

/** What locates a pointer in a parsed file (source.ts SourceFile); named here so the two modules form no cycle. */
export interface Locator {
  locate(pointer?: Segment[], offset?: number): SourceLocation
  locateKey(pointer: Segment[]): SourceLocation
}

/**
 * Turn ajv errors into located diagnostics. `anyOf` branches are folded into one message (the
 * branch errors say nothing a builder can act on), and unknown properties point at the key itself.
 */
export function schemaDiagnostics(
  errors: ErrorObject[],
  source: Locator,
  base: Segment[] = [],
  what = '',
): Diagnostic[] {
  const anyOfPaths = new Set(
    errors.filter(e => e.keyword === 'anyOf' || e.keyword === 'oneOf').map(e => e.instancePath),
  )
  // An anyOf with errors deeper inside its value: those deeper errors are the real cause.
  const explained = new Set([...anyOfPaths].filter(p => errors.some(e => e.instancePath.startsWith(p + '/'))))
  const out: Diagnostic[] = []
  const seen = new Set<string>()
  for (const e of errors) {
    const isAnyOf = e.keyword === 'anyOf' || e.keyword === 'oneOf'
    if (isAnyOf ? explained.has(e.instancePath) : anyOfPaths.has(e.instancePath)) continue
    const pointer = [...base, ...pointerOf(e.instancePath)]
    const name = `${what}${pointer.length ? displayPath(pointer) : 'the top level'}`
    let message: string
    let location: SourceLocation
    if (e.keyword === 'additionalProperties') {
      const key = (e.params as { additionalProperty: string }).additionalProperty
      const allowed = Object.keys((e.parentSchema as { properties?: object })?.properties ?? {})
      message = `unknown property "${key}"${pointer.length ? ` in ${name}` : ''}${suggest(key, allowed)}${allowed.length ? ` (allowed: ${allowed.join(', ')})` : ''}`
      location = source.locateKey([...pointer, key])
    } else if (e.keyword === 'required') {
      message = `${name} is missing the required property "${(e.params as { missingProperty: string }).missingProperty}"`
      location = pointer.length ? source.locateKey(pointer) : source.locate(pointer)
    } else if (e.keyword === 'enum') {
      message = `${name} must be one of: ${(e.params as { allowedValues: unknown[] }).allowedValues.map(v => JSON.stringify(v)).join(', ')}`
      location = source.locate(pointer)
    } else if (e.keyword === 'anyOf' || e.keyword === 'oneOf') {
      const title = (e.parentSchema as { title?: string })?.title
      message = `${name} must be ${title ?? 'one of the allowed forms'}`
      location = source.locate(pointer)
    } else {
      message = `${name} ${e.message ?? 'is invalid'}`
      location = source.locate(pointer)
    }
    const key = `${formatLocation(location)} ${message}`
    if (seen.has(key)) continue
    seen.add(key)
    out.push({ severity: 'error', code: 'SCHEMA_VIOLATION', message, location })
  }
  return out
}

/** `do[0].repeat.on`: how builders write paths. */
export function displayPath(pointer: Segment[]): string {
  return pointer.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('')
}

export function suggest(word: string, candidates: Iterable<string>): string {
  let best: string | undefined
  let bestDistance = Infinity
  for (const c of candidates) {
    const d = distance(word.toLowerCase(), c.toLowerCase())
    if (d < bestDistance) {
      bestDistance = d
      best = c
    }
  }
  return best !== undefined && bestDistance <= Math.max(1, Math.floor(word.length / 3))
    ? ` (did you mean "${best}"?)`
    : ''
}

/** Edit distance with adjacent transpositions counted as one edit (`pgae` → `page`): the commonest typo. */
function distance(a: string, b: string): number {
  let before: number[] = []
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j)
  for (let i = 1; i <= a.length; i++) {
    const row = [i]
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1))
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j], before[j - 2] + 1)
    }
    before = prev
    prev = row
  }
  return prev[b.length]
}
