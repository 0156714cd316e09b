// Regular expressions of automations run on RE2 (re2js, a pure-JS port): matching time is linear in
// the input, so no pattern can freeze the event loop the way a backtracking one does in V8
// (docs/language.md "Limits"). JSONata compiles a regex literal `/…/` to a JS RegExp and calls it
// through `new options.RegexEngine(regexp)`, then `lastIndex` + `exec`: LinearRegExp is that engine.
// What RE2 cannot express (backreferences, lookaround) is refused at load by regexProblem.
import { RE2JS } from 're2js'

const compiled = new WeakMap<RegExp, RE2JS>()
/**
 * By pattern and flags: the connector writes `/\/+$/` in thirteen expressions, each its own RegExp, and
 * an RE2 program is immutable (each LinearRegExp keeps its own matcher). Patterns come from workspace
 * files, so their number is bounded by the workspaces loaded.
 */
const bySource = new Map<string, RE2JS>()

let prepared = 0
/** How many regex literals (RegExp objects) have been given their RE2 program: a test reads when. */
export function preparedRegexes(): number {
  return prepared
}

function toRe2(re: RegExp): RE2JS {
  let r = compiled.get(re)
  if (!r) {
    const flags =
      (re.ignoreCase ? RE2JS.CASE_INSENSITIVE : 0) |
      (re.multiline ? RE2JS.MULTILINE : 0) |
      (re.dotAll ? RE2JS.DOTALL : 0)
    const key = `${flags}/${re.source}`
    r = bySource.get(key)
    if (!r) {
      r = RE2JS.compile(RE2JS.translateRegExp(re.source), flags)
      bySource.set(key, r)
    }
    compiled.set(re, r)
    prepared++
  }
  return r
}

/** Why RE2 refuses the pattern, or undefined when it runs in linear time. */
export function regexProblem(re: RegExp): string | undefined {
  try {
    toRe2(re)
    return undefined
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err)
    return message.replace(/^error parsing regexp: /, '')
  }
}

/** The subset of RegExp JSONata's evaluateRegex uses (`lastIndex`, `exec`), matched by RE2. */
export class LinearRegExp {
  lastIndex = 0
  readonly source: string
  private readonly re2: RE2JS
  // JSONata calls exec again and again on one string (one call per match): keep its matcher.
  private input?: string
  private matcher?: ReturnType<RE2JS['matcher']>

  constructor(re: RegExp) {
    this.source = re.source
    this.re2 = toRe2(re)
  }

  exec(str: string): RegExpExecArray | null {
    if (this.lastIndex > str.length) {
      this.lastIndex = 0
      return null
    }
    if (this.input !== str || !this.matcher) {
      this.input = str
      this.matcher = this.re2.matcher(str)
    }
    const m = this.matcher
    if (!m.find(this.lastIndex)) {
      this.lastIndex = 0
      return null
    }
    const groups: Array<string | undefined> = [m.group(0) ?? '']
    for (let g = 1; g <= m.groupCount(); g++) groups.push(m.group(g) ?? undefined)
    const result = Object.assign(groups, { index: m.start(), input: str }) as unknown as RegExpExecArray
    // As a global RegExp: the next search starts after this match (JSONata stops on empty ones).
    this.lastIndex = m.end()
    return result
  }
}
