// `node --import tsx bench/clone.ts`: the argument copy of runtime/core/clone.ts against rfdc (in the tree
// through fastify) and structuredClone, on the values automations pass (docs/performance.md "Clone").
// Also shows where rfdc's copy is not structuredClone's (what test/runtime/equivalence.test.ts holds
// cloneValue to). Figures are reported, never asserted.
import { createRequire } from 'node:module'
import { cloneValue } from '../runtime/core/clone.ts'
import { median } from './stats.ts'

const rfdc = (createRequire(import.meta.url)('rfdc') as (o?: object) => <T>(v: T) => T)()

const values: Record<string, unknown> = {
  'tool arguments (5 keys)': { id: '65557', bodyFormat: 'storage', section: 'Install', part: 1, maxBodyChars: 20000 },
  'page update (nested, ~1 KB)': {
    id: '65557',
    body: {
      title: 'Release notes',
      version: { number: 7, message: 'edited by the agent' },
      body: { representation: 'markdown', value: 'x'.repeat(800) },
      labels: ['howto', 'release', 'q3'],
    },
  },
  'search result (50 items)': {
    results: Array.from({ length: 50 }, (_, i) => ({
      id: String(i),
      title: `Page ${i}`,
      space: { key: 'DEV' },
      version: i,
    })),
  },
}

function perCallNs(fn: (v: unknown) => unknown, v: unknown): number {
  const reps: number[] = []
  for (let r = 0; r < 7; r++) {
    const n = 20_000
    const start = process.hrtime.bigint()
    for (let i = 0; i < n; i++) fn(v)
    reps.push(Number(process.hrtime.bigint() - start) / n)
  }
  return median(reps.slice(2)) // the first two warm the JIT
}

console.log('| value | cloneValue | rfdc | structuredClone |')
console.log('|---|---|---|---|')
for (const [name, v] of Object.entries(values)) {
  const cells = [cloneValue, rfdc, structuredClone].map(fn => `${(perCallNs(fn, v) / 1000).toFixed(2)} µs`)
  console.log(`| ${name} | ${cells.join(' | ')} |`)
}

// Where rfdc's copy differs from structuredClone's (cloneValue's never does).
const proto = JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>
const shared = { s: 1 }
const twice = { a: shared, b: shared }
const viaRfdc = rfdc(proto) as Record<string, unknown>
console.log(
  '\nrfdc on a "__proto__" key: own key kept:',
  Object.keys(viaRfdc).includes('__proto__'),
  '| prototype replaced:',
  Object.getPrototypeOf(viaRfdc) !== Object.prototype,
)
const copied = rfdc(twice)
console.log('rfdc on an object reachable twice: still one object:', copied.a === copied.b)
const viaClone = cloneValue(proto) as Record<string, unknown>
console.log(
  'cloneValue on a "__proto__" key: own key kept:',
  Object.keys(viaClone).includes('__proto__'),
  '| prototype replaced:',
  Object.getPrototypeOf(viaClone) !== Object.prototype,
)
