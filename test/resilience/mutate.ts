// Mutated and adversarial automations for the resilience suite (docs/language.md "Limits"): real
// automations (the workspace's own, and the language cases of test/lang) with values swapped for
// huge numbers, huge strings, deep nesting, ranges, catastrophic or unsupported regexes. Seeded, so
// a failure names a case that can be replayed.
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import { parse, stringify } from 'yaml'

export const ROOT = join(import.meta.dirname, '..', '..')

/** mulberry32: small, fast, good enough to pick mutations reproducibly. */
export function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** A workspace to mutate: its files, and the automation to run. */
export interface Base {
  name: string
  files: Record<string, string>
  run: string
  args: Record<string, unknown>
}

function yamlFiles(dir: string): string[] {
  return (readdirSync(dir, { recursive: true }) as string[]).filter(f => f.endsWith('.yml')).sort()
}

/** Every language case (a whole workspace each), and each automation of the repository on its own. */
export function bases(): Base[] {
  const out: Base[] = []
  const lang = join(ROOT, 'test', 'lang')
  for (const file of yamlFiles(lang)) {
    const c = parse(readFileSync(join(lang, file), 'utf8')) as {
      files: Record<string, string>
      run?: string
      args?: Record<string, unknown>
    }
    if (!c?.files) continue
    out.push({ name: `test/lang/${file}`, files: c.files, run: c.run ?? 'main', args: c.args ?? {} })
  }
  const automations = join(ROOT, 'automations')
  for (const file of yamlFiles(automations)) {
    const text = readFileSync(join(automations, file), 'utf8')
    const slug = (parse(text) as { slug?: string } | null)?.slug ?? file.replace(/\.yml$/, '')
    out.push({
      name: relative(ROOT, join(automations, file)),
      files: { [`automations/${file}`]: text },
      run: slug,
      args: {},
    })
  }
  return out
}

const CATASTROPHIC = `$match("${'a'.repeat(26)}!", /^(a+)+$/)`

/** Values that each stress one limit; strings are placed where a YAML value was. */
export const ADVERSARIAL: Array<() => unknown> = [
  () => 1e9,
  () => -1e9,
  () => 1e308,
  () => 2 ** 53 + 1,
  () => '{% 1e9 %}',
  () => 'x'.repeat(200_000),
  () => '{% [1..100000000] %}',
  () => '{% $count([1..1e5].[1..1e5]) %}',
  () => '{% $length($pad("x", 2e8)) %}',
  () => '{% $pad("", 1e6, "abcdefgh") %}',
  () => '{% $length($string([1..10000000])) %}',
  () => `{% ${CATASTROPHIC} %}`,
  () => '{% $replace("aaaaaaaaaaaaaaaaaaaaaaaaaa!", /^(a|aa)+$/, "x") %}',
  () => '{% $split("a,b", /(a)\\1/) %}',
  () => '{% $contains("ab", /a(?=b)/) %}',
  () => '{% $reduce([1..64], function($a, $x) { $a & $a }, "x") %}',
  () => '{% $reduce([1..5000], function($a, $x) { {"a": $a} }, {}) %}',
  () => '{% ($f := function($n) { $n = 0 ? 0 : 1 + $f($n - 1) }; $f(1e6)) %}',
  () => '{% $join([1..100000].$string(), "' + 'x'.repeat(100) + '") %}',
  () => '{% ' + '['.repeat(300) + '1' + ']'.repeat(300) + ' %}',
  () => '{% ' + '('.repeat(3000) + '1' + ')'.repeat(3000) + ' %}',
  () => '{{ ' + 'a.'.repeat(2000) + 'b }}',
  () => '{% $distinct([1..100000]) %}',
  // Deeper nesting goes in arguments (mutate): the YAML library itself gives up near 1,000 levels.
  () => deep(200),
  () => Array.from({ length: 3_000 }, (_, i) => i),
  () => ({ repeat: { until: 1e9, do: [] } }),
  () => ({ repeat: { on: '{% [1..100000] %}', do: [{ set: { name: 'x', value: '{% $string($) %}' } }] } }),
  () => ({ set: { name: 'big', value: '{% $pad("", 5000000, "x") & $pad("", 5000000, "y") %}' } }),
]

export function deep(levels: number): unknown {
  let v: unknown = 1
  for (let i = 0; i < levels; i++) v = { a: v }
  return v
}

type Place = [Record<string, unknown> | unknown[], string | number]

/**
 * The places of a parsed YAML document worth mutating: scalars (a value, a count, an expression), and
 * the items of `do` lists (where an adversarial instruction goes). Keys and structure stay, so most
 * mutations still load and reach the run.
 */
function places(doc: unknown): { scalars: Place[]; instructions: Place[] } {
  const scalars: Place[] = []
  const instructions: Place[] = []
  const stack: unknown[] = [doc]
  while (stack.length > 0) {
    const v = stack.pop()
    if (v === null || typeof v !== 'object') continue
    const entries: Array<[string | number, unknown]> = Array.isArray(v) ? v.map((x, i) => [i, x]) : Object.entries(v)
    for (const [k, x] of entries) {
      if (x === null || typeof x !== 'object') scalars.push([v as Record<string, unknown>, k])
      else stack.push(x)
      if (k === 'do' && Array.isArray(x)) x.forEach((_, i) => instructions.push([x, i]))
    }
  }
  return { scalars, instructions }
}

/** A mutated copy of `base`: one to three values of one automation file swapped, limits lowered to keep the suite short. */
export function mutate(
  base: Base,
  random: () => number,
): { files: Record<string, string>; args: Record<string, unknown>; what: string[] } {
  const files = { ...base.files }
  const what: string[] = []
  const targets = Object.keys(files).filter(f => f.startsWith('automations/'))
  const file = targets[Math.floor(random() * targets.length)]
  let doc: unknown
  // Some language cases are invalid YAML on purpose: those stay as they are.
  try {
    doc = file ? parse(files[file]) : undefined
  } catch {
    doc = undefined
  }
  if (file && doc !== undefined) {
    const spots = places(doc)
    const count = 1 + Math.floor(random() * 3)
    for (let i = 0; i < count; i++) {
      const pick = Math.floor(random() * ADVERSARIAL.length)
      const value = ADVERSARIAL[pick]()
      const instruction = value !== null && typeof value === 'object' && !Array.isArray(value) && !('a' in value)
      const pool = instruction ? spots.instructions : spots.scalars
      if (pool.length === 0) continue
      const [container, key] = pool[Math.floor(random() * pool.length)]
      ;(container as Record<string | number, unknown>)[key] = value
      what.push(`${String(key)} ← adversarial #${pick}`)
    }
    files[file] = stringify(doc, { lineWidth: 0 })
  }
  files['config/index.yml'] = boundedIndex(files['config/index.yml'])
  const args = random() < 0.2 ? { ...base.args, deep: deep(4000) } : base.args
  return { files, args, what }
}

/**
 * The case's own index (its config, its limits) with short time limits, and outbound HTTP confined to
 * loopback: the workspace's connector automations must never reach a real host from a test.
 */
function boundedIndex(text: string | undefined): string {
  const index = ((text ? parse(text) : null) as Record<string, unknown> | null) ?? { slug: 'fuzz', name: 'Fuzz' }
  const limits = (index.limits ?? {}) as Record<string, number>
  index.limits = {
    ...limits,
    runWallTimeMs: Math.min(limits.runWallTimeMs ?? Infinity, 300),
    expressionTimeMs: Math.min(limits.expressionTimeMs ?? Infinity, 100),
  }
  index.http = { ...(index.http as object), allowedHosts: ['127.0.0.1'], timeoutMs: 200 }
  return stringify(index)
}
