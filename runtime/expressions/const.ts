// Expressions that read nothing but `config` and `secret` and call only deterministic functions,
// like `$replace(config.siteUrl, /\/+$/, "")`, give the same answer for as long as the workspace
// lives (its config and secrets are deep-frozen at load). Their scalar results are remembered per
// config/secret object, so they are evaluated once per workspace instead of once per call (by the fast
// path or by JSONata, whichever answers first: index.ts reads the remembered result before either).

export type Root = 'config' | 'secret'

interface Node {
  type?: unknown
  value?: unknown
  steps?: unknown
  procedure?: unknown
}

// JSONata built-ins whose result depends only on their arguments ($now, $millis, $random are not).
const PURE_BUILTINS = new Set(
  (
    'string length substring substringBefore substringAfter uppercase lowercase trim pad ' +
    'contains split join replace match number abs floor ceil round sum max min average count exists not boolean keys ' +
    'lookup append reverse distinct type base64encode base64decode encodeUrlComponent encodeUrl decodeUrlComponent ' +
    'decodeUrl merge spread zip formatNumber formatBase parseInteger'
  ).split(' '),
)
// Host functions (runtime/functions) that are deterministic; a host name shadows a built-in.
const PURE_HOST = new Set(['not', 'sha256', 'markdown', 'encodeQuery'])
// Node types that read nothing implicit (no context, no parent, no variables of their own).
const PLAIN = new Set([
  'path',
  'name',
  'string',
  'number',
  'value',
  'regex',
  'binary',
  'unary',
  'condition',
  'function',
  'block',
])

export interface Constant {
  /** The scopes it reads, sorted. */
  roots: Root[]
  /** The functions it calls: a run's variable `$name` would shadow one, so the answer would differ. */
  functions: string[]
}

/** What a constant expression depends on, or undefined when it is not constant. */
export function constantRoots(ast: unknown, host: ReadonlySet<string>): Constant | undefined {
  const roots = new Set<Root>()
  const functions = new Set<string>()
  let ok = true
  const walk = (v: unknown, inFunction: boolean): void => {
    if (!ok || v === null || typeof v !== 'object') return
    if (Array.isArray(v)) {
      for (const x of v) walk(x, false)
      return
    }
    const n = v as Node
    if (typeof n.type === 'string') {
      if (n.type === 'variable') {
        // Only as a function name: `$x`, `$` and `$$` read state.
        const name = n.value as string
        if (!inFunction || !(host.has(name) ? PURE_HOST.has(name) : PURE_BUILTINS.has(name))) ok = false
        functions.add(name)
        return
      }
      if (!PLAIN.has(n.type)) {
        ok = false
        return
      }
      if (n.type === 'path') {
        const head = (n.steps as Node[] | undefined)?.[0]
        if (head?.type === 'name') {
          if (head.value !== 'config' && head.value !== 'secret') {
            ok = false
            return
          }
          roots.add(head.value)
        }
      }
    }
    for (const [k, x] of Object.entries(n)) walk(x, k === 'procedure')
  }
  walk(ast, false)
  return ok && roots.size > 0 ? { roots: [...roots].sort(), functions: [...functions] } : undefined
}

/** Remembered results, keyed by the root objects an expression reads (nested WeakMaps). */
export class ConstantCache {
  private readonly top = new WeakMap<object, unknown>()
  readonly roots: Root[]
  readonly shadows: string[]

  constructor(c: Constant) {
    this.roots = c.roots
    this.shadows = c.functions.map(f => `$${f}`)
  }

  get(keys: object[]): { hit: boolean; value?: unknown } {
    let map: WeakMap<object, unknown> | undefined = this.top
    for (let i = 0; i < keys.length - 1 && map; i++) map = map.get(keys[i]) as WeakMap<object, unknown> | undefined
    const last = keys[keys.length - 1]
    return map?.has(last) ? { hit: true, value: map.get(last) } : { hit: false }
  }

  set(keys: object[], value: unknown): void {
    let map = this.top
    for (let i = 0; i < keys.length - 1; i++) {
      let next = map.get(keys[i]) as WeakMap<object, unknown> | undefined
      if (!next) map.set(keys[i], (next = new WeakMap()))
      map = next
    }
    map.set(keys[keys.length - 1], value)
  }
}

/** Only scalars are shared between runs: an object would let one run change another's value. */
export function isScalar(v: unknown): boolean {
  return v === null || v === undefined || typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean'
}
