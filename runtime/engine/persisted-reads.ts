// Whether an automation may read or write the persisted scopes `user`, `global` and `session` (docs/performance.md):
// decided on its first run from its source and the ASTs JSONata built at load, so that a run whose
// automations never do reads neither document from the store. Conservative: a `user`, `global` or `session`
// name anywhere in an expression or a path, a root `$` / `$$` that is not a plain field path (the
// whole input), a variable name computed at run time, a `lock` (which re-reads both) or an expression
// this cannot find the AST of all count as reading.
import { expressionAst } from '../expressions/index.ts'
import { parsePath } from '../core/paths.ts'

const PERSISTED = new Set(['user', 'global', 'session'])

/** The parts of an automation's raw definition that run: `do`, `output` and argument defaults. */
export function readsPersistedScopes(raw: Record<string, unknown>): boolean {
  return [raw.do, raw.output, raw.arguments].some(node => mentions(node, undefined))
}

function mentions(node: unknown, instruction: string | undefined): boolean {
  if (typeof node === 'string') return stringReads(node)
  if (Array.isArray(node)) return node.some(x => mentions(x, undefined))
  if (node === null || typeof node !== 'object') return false
  for (const [key, value] of Object.entries(node)) {
    if (key === 'comment' || key === 'description') continue
    if (key === 'lock') return true
    // A variable written or deleted: its head names the scope, or is computed at run time.
    if ((key === 'set' || key === 'delete') && nameReads(value)) return true
    // The tests of `conditions` are JSONata sources without `{% %}`.
    if (instruction === 'conditions' && key !== 'default' && expressionReads(conditionSource(key))) return true
    if (mentions(value, key)) return true
  }
  return false
}

function conditionSource(key: string): string {
  return /^\s*\{%([\s\S]*)%\}\s*$/.exec(key)?.[1] ?? key
}

function nameReads(args: unknown): boolean {
  const name = typeof args === 'string' ? args : (args as { name?: unknown } | null)?.name
  if (typeof name !== 'string') return false
  if (name.includes('{{') || name.includes('{%')) return true
  return PERSISTED.has(name.split(/[.[]/)[0].trim())
}

/** A template string: each `{{ path }}` and `{% expression %}` in it. */
function stringReads(s: string): boolean {
  let i = 0
  while (i < s.length) {
    const a = s.indexOf('{{', i)
    const b = s.indexOf('{%', i)
    const start = a < 0 ? b : b < 0 ? a : Math.min(a, b)
    if (start < 0) return false
    const isPath = start === a
    const end = s.indexOf(isPath ? '}}' : '%}', start + 2)
    if (end < 0) return true
    const inner = s.slice(start + 2, end)
    if (isPath ? pathReads(inner) : expressionReads(inner)) return true
    i = end + 2
  }
  return false
}

function pathReads(inner: string): boolean {
  try {
    return PERSISTED.has(String(parsePath(inner)[0]))
  } catch {
    return true
  }
}

interface Node {
  type?: string
  value?: unknown
  steps?: Node[]
  stages?: unknown
  [key: string]: unknown
}

// What an expression needs to contain to read a scope: one of the names as a whole word (`user`, not
// `user_id` or `userId`), or a `$` that is not the start of a function or variable name (`$`, `$$`,
// `$.x`: the input). Not a `$` right before a `/` (a regex's end anchor, `/\/+$/`, or a division,
// which reads no field), nor `$.name` / `$$.name` for another name (one field of the input). Most
// expressions contain neither, and are known not to read without the parse (a start compiles
// expressions on first use, verified.ts).
const MAY_READ =
  /(?<![\w$])(?:user|global|session)(?!\w)|\$(?![A-Za-z0-9_/])(?!\$?\.(?!(?:user|global|session)(?!\w))[A-Za-z_])/

function expressionReads(source: string): boolean {
  if (!MAY_READ.test(source)) return false
  const ast = expressionAst(source)
  return ast === undefined || astReads(ast as Node, true)
}

/** `rooted`: `$` there is the whole input (not an item of a mapping or a predicate). */
function astReads(node: unknown, rooted: boolean): boolean {
  if (node === null || typeof node !== 'object' || node instanceof RegExp) return false
  if (Array.isArray(node)) return node.some(x => astReads(x, rooted))
  const n = node as Node
  if (n.type === 'name' && typeof n.value === 'string' && PERSISTED.has(n.value)) return true
  if (n.type === 'variable' && (n.value === '$' || (n.value === '' && rooted))) return true
  if (n.type === 'path' && Array.isArray(n.steps)) {
    return n.steps.some((step, i) => {
      // `$$.name` / `$.name`: one field of the root, as good as a name.
      const next = n.steps![1]
      if (i === 0 && step.type === 'variable' && (step.value === '$' || step.value === '') && next?.type === 'name') {
        return (step.value === '$' || rooted) && PERSISTED.has(String(next.value))
      }
      return astReads(step, rooted && i === 0)
    })
  }
  for (const [key, value] of Object.entries(n)) {
    if (key === 'type' || key === 'value' || key === 'position') continue
    // Inside a predicate, `$` is the item being filtered.
    if (astReads(value, rooted && key !== 'stages' && key !== 'predicate')) return true
  }
  return false
}
