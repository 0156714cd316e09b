// Static analysis of each automation, after it compiled (docs/language.md "Diagnostics"): every variable
// an expression or a `{{path}}` reads must be an argument, a variable the automation sets (`set`, an
// instruction's `output`), a loop or trigger variable, or a scope; `config.*` and `secret.*` keys must
// be declared in config/index.yml; instructions after `break`/`fail` never run; a comparison other
// `!=` with a value that may be missing is false, not true; a call to an automation with errors says so.
// Flow-insensitive on purpose: a variable set anywhere in the automation counts as known everywhere in
// it, so the analysis never flags correct code that sets a variable in one branch and reads it later.

import jsonata from 'jsonata'
import type { SourceLocation } from '../core/errors.ts'
import { formatLocation } from '../core/errors.ts'
import type { CompiledAutomation } from '../engine/types.ts'
import { isTemplateString } from '../expressions/index.ts'
import { FUNCTIONS } from '../host/functions/index.ts'
import { RANGE_END } from '../host/functions/bounded.ts'
import { parsePath, type Segment } from '../core/paths.ts'
import { SCOPE_NAMES } from '../core/scopes.ts'
import { analysisDiagnostic, suggest, type Diagnostic } from './diagnostics.ts'
import type { SourceFile } from './source.ts'

// What an automation may read besides its own variables: one list per kind, extended here when the
// runtime gains a scope (scopes.ts SCOPE_NAMES), a `run` field, a trigger variable or a binding.
export const RUN_FIELDS = [
  'id',
  'correlationId',
  'workspace',
  'date',
  'automation',
  'depth',
  'trigger',
  'userId',
  'agentId',
  'contextId',
] as const
/** Locals a trigger gives (runtime/server/webhooks.ts, engine.ts events); `session` only for `app/` webhooks. */
export const TRIGGER_LOCALS = {
  endpoint: ['body', 'query', 'headers', 'method', '$http'],
  appEndpoint: ['session'],
  events: ['payload', 'event'],
} as const
/** Locals an instruction sets for the instructions it runs or after it. */
export const INSTRUCTION_LOCALS: Readonly<Record<string, readonly string[]>> = {
  repeat: ['item', '$index'],
  try: ['$error'],
  fetch: ['$fetch'],
}
/** `$`-bindings every expression sees besides the locals (scopes.ts binds them). */
export const GLOBAL_BINDINGS: readonly string[] = ['$workspace']
/** Lists of instructions inside an instruction's arguments. `conditions` (every key) and `all` (every item) aside. */
const BLOCK_KEYS: Readonly<Record<string, readonly string[]>> = {
  repeat: ['do'],
  try: ['do', 'catch', 'finally'],
  lock: ['do'],
}
/** JSONata 2.x built-in functions. */
const JSONATA_FUNCTIONS = new Set(
  (
    'sum count max min average string substring substringBefore substringAfter lowercase uppercase length trim pad ' +
    'match contains replace split join formatNumber formatBase formatInteger parseInteger number floor ceil round abs ' +
    'sqrt power random boolean not map zip filter single reduce sift keys lookup append exists spread merge reverse ' +
    'each error assert type sort shuffle distinct base64encode base64decode encodeUrlComponent encodeUrl ' +
    'decodeUrlComponent decodeUrl eval now millis fromMillis toMillis clone'
  ).split(' '),
)
// Only `!=`: with a missing operand `=`, `<`, `>`… are false, which is what a positive test wants;
// `!=` is false too, so a negative test (`token != expected` → refuse) silently lets it through.
const COMPARISONS = new Set(['!='])
const STOPS = new Set(['break', 'fail'])
/** Functions whose call on a path tests whether it is there. */
const GUARDS = new Set(['exists', 'type', 'boolean'])
/** Names read on purpose to get nothing (`{% cond ? x : undefined %}`), not typos. */
const NOTHING = new Set(['undefined'])

export interface AnalysisInput {
  readonly automations: ReadonlyMap<string, CompiledAutomation>
  readonly sources: ReadonlyMap<string, SourceFile>
  readonly index: Record<string, unknown>
  /** Values the host gives (a tenant's, a test's): their keys count as declared. */
  readonly overrides?: { config?: Record<string, unknown>; secrets?: Record<string, unknown> }
  readonly diagnostics: Diagnostic[]
  /** The ASTs the compiler parsed, by source (parsing again was a quarter of the load). */
  readonly asts?: ReadonlyMap<string, unknown>
}

interface Call {
  caller: CompiledAutomation
  callee: CompiledAutomation
  location: SourceLocation
}

export function analyzeWorkspace(input: AnalysisInput): void {
  const declared = declaredKeys(input.index, input.overrides)
  const calls: Call[] = []
  // `run` keys a `set` writes anywhere: a run shares them with every automation it calls.
  const runKeys = new Set<string>(RUN_FIELDS)
  const analyses: AutomationAnalysis[] = []
  for (const [slug, automation] of input.automations) {
    const source = input.sources.get(slug)
    if (source) analyses.push(new AutomationAnalysis(automation, source, input, declared, calls, runKeys))
  }
  for (const analysis of analyses) analysis.collect()
  for (const analysis of analyses) analysis.verify()
  reportBrokenCalls(calls, input.diagnostics)
}

/**
 * A call to an automation whose file has an error says where that error is. Last, so that the
 * analysis' own errors count; repeated, so that the callers of a caller so told are told in turn.
 */
function reportBrokenCalls(calls: readonly Call[], diagnostics: Diagnostic[]): void {
  const firstError = (file: string): SourceLocation | undefined =>
    diagnostics.find(d => d.severity === 'error' && d.location.file === file)?.location
  const told = new Set<Call>()
  for (let changed = true; changed; ) {
    changed = false
    for (const call of calls) {
      const broken = told.has(call) ? undefined : firstError(call.callee.file)
      if (!broken) continue
      told.add(call)
      changed = true
      diagnostics.push(
        analysisDiagnostic(
          'CALLEE_HAS_ERRORS',
          `automation "${call.callee.slug}" has errors: see ${formatLocation(broken)}`,
          call.location,
        ),
      )
    }
  }
}

function declaredKeys(
  index: Record<string, unknown>,
  overrides: AnalysisInput['overrides'],
): { config: string[]; secret: string[] } {
  const config = (index.config ?? {}) as { schema?: { properties?: object }; value?: object }
  const secrets = (index.secrets ?? {}) as { schema?: { properties?: object } }
  const configKeys = [config.schema?.properties, config.value, overrides?.config].flatMap(o => Object.keys(o ?? {}))
  const secretKeys = [secrets.schema?.properties, overrides?.secrets].flatMap(o => Object.keys(o ?? {}))
  return { config: [...new Set(configKeys)], secret: [...new Set(secretKeys)] }
}

type Visitor = (name: string, args: unknown, pointer: Segment[]) => void

interface Reference {
  head: string
  /** The step after the head (`config.<next>`), when it is a plain name. */
  next?: string
  /** Offset of the head inside the expression source. */
  start: number
}

interface ExpressionFacts {
  names: Reference[]
  variables: Reference[]
  bound: Set<string>
  comparisons: Array<{ operator: string; operand: Reference; path: string }>
  /** Paths whose presence the expression tests: `$exists(p)`, `$type(p)`, `$boolean(p)`, `p and …`. */
  guarded: Set<string>
}

class AutomationAnalysis {
  private readonly known = new Set<string>()
  private dynamicNames?: Segment[]
  private readonly maybeMissing = new Set<string>()

  constructor(
    private readonly automation: CompiledAutomation,
    private readonly source: SourceFile,
    private readonly input: AnalysisInput,
    private readonly declared: { config: string[]; secret: string[] },
    private readonly calls: Call[],
    private readonly runKeys: Set<string>,
  ) {}

  /** First pass, over every automation: what each defines (and the `run` keys it writes). */
  collect(): void {
    const raw = this.automation.raw
    const properties = (this.automation.argumentsSchema.properties ?? {}) as Record<string, { default?: unknown }>
    const required = new Set((this.automation.argumentsSchema.required ?? []) as string[])
    for (const [name, schema] of Object.entries(properties)) {
      this.known.add(name)
      if (!required.has(name) && schema?.default === undefined) this.maybeMissing.add(name)
    }
    const { endpoint, events } = this.automation.when
    if (endpoint !== undefined) {
      for (const name of TRIGGER_LOCALS.endpoint) this.known.add(name)
      for (const name of ['body', 'query', 'headers']) this.maybeMissing.add(name)
      if (endpoint.startsWith('app/')) for (const name of TRIGGER_LOCALS.appEndpoint) this.known.add(name)
    }
    if (events?.length) for (const name of TRIGGER_LOCALS.events) this.known.add(name)
    this.eachInstruction(raw.do, ['do'], (name, args, pointer) => this.define(name, args, pointer))
  }

  /** Second pass: every read checked against what is defined. */
  verify(): void {
    const raw = this.automation.raw
    if (this.dynamicNames) {
      const message = 'a `set` with a computed name: the variables this automation reads are not checked'
      this.report('VARIABLES_NOT_CHECKED', message, this.source.locate(this.dynamicNames))
    }
    this.eachInstruction(raw.do, ['do'], this.checkVisitor)
    if ('output' in raw) this.strings(raw.output, ['output'])
  }

  /** Visit every instruction, nested ones included; instructions after a `break`/`fail` are reported once per list. */
  private eachInstruction(list: unknown, pointer: Segment[], visit: Visitor): void {
    if (!Array.isArray(list)) return
    let stopped: string | undefined
    list.forEach((item, i) => {
      const name = this.instructionAt(item, [...pointer, i], visit, stopped)
      if (stopped) stopped = name === 'comment' ? stopped : undefined
      else if (name !== undefined && STOPS.has(name)) stopped = name
    })
  }

  /** One instruction (`pointer` is the item's); `stopped`: the `break`/`fail` before it in its list. */
  private instructionAt(item: unknown, pointer: Segment[], visit: Visitor, stopped?: string): string | undefined {
    if (!isObject(item)) return undefined
    const [name, args] = Object.entries(item)[0] ?? []
    if (name === undefined) return undefined
    const at = [...pointer, name]
    if (stopped && name !== 'comment' && visit === this.checkVisitor) {
      this.report(
        'UNREACHABLE',
        `this instruction never runs: it follows a \`${stopped}\` in the same list`,
        this.source.locateKey(at),
      )
    }
    visit(name, args, at)
    if (name === 'all' && Array.isArray(args)) {
      args.forEach((branch, i) =>
        Array.isArray(branch)
          ? this.eachInstruction(branch, [...at, i], visit)
          : this.instructionAt(branch, [...at, i], visit),
      )
    } else if (name === 'conditions' && isObject(args)) {
      for (const [key, list] of Object.entries(args)) this.eachInstruction(list, [...at, key], visit)
    } else if (isObject(args)) {
      for (const key of BLOCK_KEYS[name] ?? []) this.eachInstruction(args[key], [...at, key], visit)
    }
    return name
  }

  private readonly checkVisitor: Visitor = (name, args, pointer) => this.check(name, args, pointer)

  private define(name: string, args: unknown, pointer: Segment[]): void {
    for (const local of INSTRUCTION_LOCALS[name] ?? []) this.known.add(local)
    if (!isObject(args)) return
    if (name === 'set' || name === 'delete') {
      if (name === 'set' && typeof args.name === 'string') this.defineTarget(args.name, [...pointer, 'name'])
      return
    }
    if (typeof args.output === 'string') this.defineTarget(args.output, [...pointer, 'output'])
  }

  private defineTarget(target: string, pointer: Segment[]): void {
    if (isTemplateString(target)) {
      this.dynamicNames ??= pointer
      return
    }
    const head = headOf(target)
    if (head === 'run') {
      const key = runKeyOf(target)
      if (key !== undefined) this.runKeys.add(key)
    }
    if (head !== undefined && !(SCOPE_NAMES as readonly string[]).includes(head)) this.known.add(head)
  }

  private check(name: string, args: unknown, pointer: Segment[]): void {
    if (name === 'comment') return
    const callee = this.input.automations.get(name)
    if (callee) this.calls.push({ caller: this.automation, callee, location: this.source.locateKey(pointer) })
    if (name === 'all') return
    if (!isObject(args)) {
      this.strings(args, pointer)
      return
    }
    const skip = new Set<string>(BLOCK_KEYS[name] ?? [])
    if (name !== 'set' && typeof args.output === 'string') skip.add('output')
    if ((name === 'set' || name === 'delete') && typeof args.name === 'string' && !isTemplateString(args.name))
      skip.add('name')
    if (name === 'conditions') {
      for (const key of Object.keys(args)) if (key !== 'default') this.conditionKey(key, [...pointer, key])
      return
    }
    for (const [key, value] of Object.entries(args)) if (!skip.has(key)) this.strings(value, [...pointer, key])
  }

  private conditionKey(key: string, pointer: Segment[]): void {
    const m = /^\s*\{%([\s\S]*)%\}\s*$/.exec(key)
    const offset = m ? key.indexOf('{%') + 2 : 0
    const at = this.source.locateKey(pointer)
    this.expression(m ? m[1] : key, start => ({ ...at, col: at.col + offset + start }))
  }

  /** Every `{{path}}` and `{% expression %}` of a value. */
  private strings(value: unknown, pointer: Segment[]): void {
    if (Array.isArray(value)) {
      value.forEach((v, i) => this.strings(v, [...pointer, i]))
      return
    }
    if (isObject(value)) {
      for (const [k, v] of Object.entries(value)) this.strings(v, [...pointer, k])
      return
    }
    if (typeof value !== 'string' || !isTemplateString(value)) return
    for (let i = 0; i < value.length; ) {
      const a = value.indexOf('{{', i)
      const b = value.indexOf('{%', i)
      const start = a < 0 ? b : b < 0 ? a : Math.min(a, b)
      if (start < 0) break
      const isPath = start === a
      const end = value.indexOf(isPath ? '}}' : '%}', start + 2)
      if (end < 0) break // a syntax error the compiler reported
      const inner = value.slice(start + 2, end)
      const locate = (offset: number): SourceLocation => this.source.locate(pointer, start + 2 + offset)
      if (isPath) this.path(inner, locate)
      else this.expression(inner, locate)
      i = end + 2
    }
  }

  private path(inner: string, locate: (offset: number) => SourceLocation): void {
    let segments: Segment[]
    try {
      segments = parsePath(inner)
    } catch {
      return // reported by the compiler
    }
    const head = segments[0]
    if (typeof head !== 'string') return
    const next = typeof segments[1] === 'string' ? segments[1] : undefined
    this.reference({ head, next, start: inner.length - inner.trimStart().length }, locate)
  }

  private expression(src: string, locate: (offset: number) => SourceLocation): void {
    let ast = this.input.asts?.get(src)
    if (ast === undefined) {
      try {
        ast = jsonata(src).ast()
      } catch {
        return // reported by the compiler
      }
    }
    const facts: ExpressionFacts = { names: [], variables: [], bound: new Set(), comparisons: [], guarded: new Set() }
    walk(ast, true, facts)
    for (const ref of facts.names) this.reference(ref, locate)
    for (const ref of facts.variables) this.variable(ref, facts.bound, locate)
    for (const { operator, operand, path } of facts.comparisons) {
      if (!this.maybeMissing.has(operand.head) || facts.guarded.has(path)) continue
      const fix = `write $not(${path} = …), or test $exists(${path}) first`
      this.report(
        'MISSING_OPERAND',
        `\`${operator}\` with ${path}, which may be missing: a comparison with a missing value is always false; ${fix}`,
        locate(operand.start),
      )
    }
  }

  private reference(ref: Reference, locate: (offset: number) => SourceLocation): void {
    const { head, next } = ref
    if (head === 'config' || head === 'secret') {
      if (next === undefined) return
      const keys = head === 'config' ? this.declared.config : this.declared.secret
      if (keys.includes(next)) return
      const where = head === 'config' ? 'config.schema.properties or config.value' : 'secrets.schema.properties'
      this.report(
        head === 'config' ? 'UNDECLARED_CONFIG' : 'UNDECLARED_SECRET',
        `${head}.${next} is not declared in config/index.yml (${where})${suggest(next, keys)}`,
        locate(ref.start + head.length + 1),
      )
      return
    }
    if (head === 'run') {
      if (next !== undefined && !this.runKeys.has(next)) {
        const fields = [...this.runKeys]
        const message = `run has no field "${next}"${suggest(next, fields)} (run: ${fields.join(', ')})`
        this.report('UNKNOWN_VARIABLE', message, locate(ref.start + 4))
      }
      return
    }
    const scope = (SCOPE_NAMES as readonly string[]).includes(head) || GLOBAL_BINDINGS.includes(head)
    if (scope || this.known.has(head) || NOTHING.has(head) || this.dynamicNames) return
    const candidates = [...this.known, ...SCOPE_NAMES]
    this.report(
      'UNKNOWN_VARIABLE',
      // The scopes are not listed: the list grows (scopes.ts), the docs have it.
      `unknown variable "${head}"${suggest(head, candidates)}: not an argument, a variable this automation sets or a scope`,
      locate(ref.start),
    )
  }

  private variable(ref: Reference, bound: Set<string>, locate: (offset: number) => SourceLocation): void {
    const name = ref.head
    if (bound.has(name) || JSONATA_FUNCTIONS.has(name) || name in FUNCTIONS || name === RANGE_END) return
    if (this.known.has('$' + name) || GLOBAL_BINDINGS.includes('$' + name) || this.dynamicNames) return
    const hint =
      this.known.has(name) || (SCOPE_NAMES as readonly string[]).includes(name)
        ? ` (expressions read variables and scopes as fields: write ${name}, not $${name})`
        : suggest('$' + name, [...this.known].filter(k => k.startsWith('$')).concat([...bound].map(b => '$' + b)))
    this.report(
      'UNKNOWN_VARIABLE',
      `unknown variable "$${name}"${hint}: no such local, binding or function`,
      locate(ref.start),
    )
  }

  private report(code: Parameters<typeof analysisDiagnostic>[0], message: string, location: SourceLocation): void {
    this.input.diagnostics.push(analysisDiagnostic(code, message, location))
  }
}

/** The variable a `set` or `output` writes: `a` of `a.b`, `a[0]`, and of `a[]` (a push, not a path). */
function headOf(path: string): string | undefined {
  try {
    const head = parsePath(path.replace(/\[\]$/, ''))[0]
    return typeof head === 'string' ? head : undefined
  } catch {
    return undefined
  }
}

/** `step` of `run.step` (or `run.step.count`): the run key a `set` writes. */
function runKeyOf(path: string): string | undefined {
  try {
    const key = parsePath(path.replace(/\[\]$/, ''))[1]
    return typeof key === 'string' ? key : undefined
  } catch {
    return undefined
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v)
}

interface Node {
  type?: string
  value?: unknown
  position?: number
  steps?: Node[]
  lhs?: Node
  rhs?: Node
  arguments?: Node[]
  body?: Node
  procedure?: Node
  focus?: unknown
  index?: unknown
}

/** A path read from the expression's input (the automation's variables): `a.b`, `$$.a.b`. */
function rootReference(node: Node | undefined, root: boolean): { ref: Reference; path: string } | undefined {
  if (node?.type !== 'path' || !node.steps?.length) return undefined
  let steps = node.steps
  if (steps[0].type === 'variable' && steps[0].value === '$' && steps.length > 1) steps = steps.slice(1)
  else if (!root) return undefined
  const first = steps[0]
  if (first.type !== 'name' || typeof first.value !== 'string') return undefined
  const names: string[] = []
  for (const s of steps) {
    if (s.type !== 'name' || typeof s.value !== 'string') break
    names.push(s.value)
  }
  const next = steps[1]?.type === 'name' && typeof steps[1].value === 'string' ? steps[1].value : undefined
  // JSONata positions point just past a name; a quoted name (`x-secret`) has its two backticks too.
  const start = Math.max(0, (first.position ?? first.value.length) - first.value.length)
  return { ref: { head: first.value, next, start }, path: names.join('.') }
}

/**
 * Collect what an expression reads. `root`: whether a name here is read from the expression's input
 * (the automation's variables) rather than from the current item of a path, a filter or a sort.
 * Iterative, in the order a recursive walk would visit: an expression nested thousands deep (a
 * hostile or generated one) must not exhaust the stack of the load.
 */
function walk(start: unknown, startRoot: boolean, facts: ExpressionFacts): void {
  const pending: Array<[unknown, boolean]> = [[start, startRoot]]
  // Pushed in reverse, so the first child is visited first.
  const visit = (items: Array<[unknown, boolean]>): void => {
    for (let i = items.length - 1; i >= 0; i--) pending.push(items[i])
  }
  const seen = new Set<object>()
  while (pending.length > 0) {
    const [node, root] = pending.pop()!
    if (node === null || typeof node !== 'object' || node instanceof RegExp || seen.has(node)) continue
    seen.add(node)
    if (Array.isArray(node)) {
      visit(node.map(item => [item, root]))
      continue
    }
    const n = node as Node & Record<string, unknown>
    if (typeof n.focus === 'string') facts.bound.add(n.focus)
    if (typeof n.index === 'string') facts.bound.add(n.index)
    switch (n.type) {
      case 'path': {
        const found = rootReference(n, root)
        if (found) facts.names.push(found.ref)
        const steps: Array<[unknown, boolean]> = n.steps!.map((step, i) => [step, i === 0 ? root : false])
        visit([...steps, ...['group', 'stages', 'predicate'].map((key): [unknown, boolean] => [n[key], false])])
        continue
      }
      case 'variable':
        if (n.value !== '' && n.value !== '$' && typeof n.value === 'string') {
          facts.variables.push({ head: n.value, start: Math.max(0, (n.position ?? 0) - n.value.length - 1) })
        }
        visit(children(n, false))
        continue
      case 'bind':
        if (n.lhs?.type === 'variable' && typeof n.lhs.value === 'string') facts.bound.add(n.lhs.value)
        visit([[n.rhs, root]])
        continue
      case 'lambda':
        for (const a of n.arguments ?? []) if (typeof a.value === 'string') facts.bound.add(a.value)
        visit([[n.body, root]])
        continue
      case 'function':
        if (n.procedure?.type === 'variable' && GUARDS.has(n.procedure.value as string)) {
          const found = rootReference(n.arguments?.[0], root)
          if (found) facts.guarded.add(found.path)
        }
        break
      case 'binary':
        if (n.value === 'and') {
          for (const side of [n.lhs, n.rhs]) {
            const found = rootReference(side, root)
            if (found) facts.guarded.add(found.path)
          }
        }
        if (typeof n.value === 'string' && COMPARISONS.has(n.value)) {
          for (const side of [n.lhs, n.rhs]) {
            const found = rootReference(side, root)
            if (found) facts.comparisons.push({ operator: n.value, operand: found.ref, path: found.path })
          }
        }
        break
    }
    visit(children(n, root))
  }
}

function children(n: Record<string, unknown>, root: boolean): Array<[unknown, boolean]> {
  const out: Array<[unknown, boolean]> = []
  for (const [key, value] of Object.entries(n)) {
    if (value === null || typeof value !== 'object' || key === 'steps') continue
    out.push([value, key === 'stages' || key === 'predicate' || key === 'group' ? false : root])
  }
  return out
}
