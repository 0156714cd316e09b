// Resilience (issue 14): no automation, expression or argument can freeze or kill the process.
// The rows that took the whole server down each end with a named limit error; then 1,200 mutated
// automations (seeded, test/resilience/mutate.ts) each load with located diagnostics or run to a
// result or a named error — never a hang, a crash or an INTERNAL error.
import { rmSync } from 'node:fs'
import t from 'tap'
import { DsulError, ERROR_CODES } from '../../runtime/core/errors.ts'
import { formatDiagnostic } from '../../runtime/workspace/diagnostics.ts'
import { loadFiles } from '../helpers/workspace.ts'
import { bases, deep, mutate, prng } from './mutate.ts'

const LOCATED = /^[\w./-]+:\d+:\d+ ((warning|info) )?[A-Z][A-Z_0-9]+ \S/

/** Run `main` of a one-automation workspace; the error (a DsulError) or the output. */
async function runOne(
  automation: string,
  args: Record<string, unknown> = {},
  index?: string,
): Promise<{ output?: unknown; error?: DsulError; diagnostics: string[] }> {
  const { workspace, diagnostics, dir } = loadFiles({
    'automations/main.yml': automation,
    ...(index ? { 'config/index.yml': index } : {}),
  })
  try {
    if (!workspace) return { diagnostics: diagnostics.map(formatDiagnostic) }
    try {
      return { output: (await workspace.run('main', args)).output, diagnostics: [] }
    } catch (err) {
      if (err instanceof DsulError) return { error: err, diagnostics: [] }
      throw err
    }
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

const expression = (src: string): string =>
  `do:\n  - set: { name: x, value: '${src.replace(/'/g, "''")}' }\noutput: '{{x}}'\n`

t.test('the rows that stopped the server end with a named limit error', async t => {
  const rows: Array<{ name: string; automation: string; args?: Record<string, unknown>; code: string }> = [
    { name: 'repeat until 1e9', automation: 'do:\n  - repeat: { until: 1000000000, do: [] }\n', code: 'LIMIT_REPEAT' },
    {
      name: 'repeat until from an argument',
      automation: "arguments:\n  n: { type: number }\ndo:\n  - repeat: { until: '{{n}}', do: [] }\n",
      args: { n: 1e12 },
      code: 'LIMIT_REPEAT',
    },
    { name: '$pad to 2e8', automation: expression('{% $length($pad("x", 2e8)) %}'), code: 'LIMIT_SIZE' },
    {
      name: '$string of a 1e7 range',
      automation: expression('{% $length($string([1..10000000])) %}'),
      code: 'LIMIT_ITEMS',
    },
    {
      name: 'five 1e7 ranges',
      automation: expression('{% $count([[1..1e7], [1..1e7], [1..1e7], [1..1e7], [1..1e7]]) %}'),
      code: 'LIMIT_ITEMS',
    },
    { name: 'nested ranges', automation: expression('{% $count([1..1e5].[1..1e5]) %}'), code: 'LIMIT_ITEMS' },
    {
      name: '$join past valueBytes',
      automation: expression('{% $join([$pad("", 3e6, "a"), $pad("", 3e6, "b")]) %}'),
      code: 'LIMIT_SIZE',
    },
    {
      name: '$replace growing a string',
      automation: expression('{% $replace($pad("", 100000, "a"), "a", $pad("", 100, "b")) %}'),
      code: 'LIMIT_SIZE',
    },
    {
      name: 'a value 5,000 levels deep',
      automation: expression('{% $reduce([1..5000], function($a, $x) { {"a": $a} }, {}) %}'),
      code: 'LIMIT_NESTING',
    },
    { name: 'arguments 4,000 levels deep', automation: 'do: []\n', args: { doc: deep(4000) }, code: 'LIMIT_NESTING' },
    {
      name: 'unbounded recursion',
      automation: expression('{% ($f := function($n) { 1 + $f($n + 1) }; $f(0)) %}'),
      code: 'EXPRESSION_FAILED',
    },
  ]
  for (const row of rows) {
    const r = await runOne(row.automation, row.args)
    t.same(r.diagnostics, [], `${row.name}: loads`)
    t.equal(r.error?.code, row.code, `${row.name}: ${r.error?.describe() ?? JSON.stringify(r.output)}`)
    if (r.error) {
      t.match(r.error.describe(), /^automations\/main\.yml:\d+:\d+ |^[A-Z_]+ /, `${row.name}: a readable message`)
    }
  }
})

t.test("catastrophic regular expressions run in linear time with JSONata's results", async t => {
  const evil = 'a'.repeat(26) + '!'
  const r = await runOne(`do:
  - set: { name: m, value: '{% $match("${evil}", /^(a+)+$/) %}' }
  - set: { name: r, value: '{% $replace("${evil}", /^(a|aa)+$/, "x") %}' }
  - set: { name: c, value: '{% $contains("${evil}", /(a|a)+b/) %}' }
  - set: { name: s, value: '{% $split("${evil}", /(a+)+b/) %}' }
output: { m: '{% $count(m) %}', r: '{{r}}', c: '{{c}}', s: '{{s}}' }
`)
  t.same(r.diagnostics, [])
  t.notOk(r.error, r.error?.describe() ?? 'no error')
  t.same(r.output, { m: 0, r: evil, c: false, s: [evil] })
})

t.test('a regular expression RE2 cannot run is refused at load, located', async t => {
  const r = await runOne(expression('{% $replace("abab", /(ab)\\1/, "x") %}'))
  t.equal(r.diagnostics.length, 1)
  t.match(r.diagnostics[0], /^automations\/main\.yml:2:\d+ REGEX_UNSUPPORTED regular expression \/\(ab\)\\1\//)
})

t.test('1,200 mutated automations load with located diagnostics or end with a result or a named error', async t => {
  const all = bases()
  const random = prng(14)
  const CASES = 1200
  const outcomes = { diagnostics: 0, output: 0, error: 0 }
  const codes = new Map<string, number>()
  const problems: string[] = []
  const one = async (i: number): Promise<void> => {
    const base = all[Math.floor(random() * all.length)]
    const m = mutate(base, random)
    const label = `case ${i} (${base.name}: ${m.what.join('; ')})`
    const { workspace, diagnostics, dir } = loadFiles(m.files)
    try {
      for (const d of diagnostics.map(formatDiagnostic)) {
        if (!LOCATED.test(d)) problems.push(`${label}: unlocated diagnostic ${d.slice(0, 200)}`)
      }
      if (!workspace) {
        outcomes.diagnostics++
        return
      }
      try {
        await workspace.run(base.run, m.args)
        outcomes.output++
      } catch (err) {
        if (!(err instanceof DsulError)) {
          problems.push(`${label}: threw ${String(err).slice(0, 200)}`)
          return
        }
        if (!(err.code in ERROR_CODES) || err.kind === 'unexpected') {
          problems.push(`${label}: ${err.describe().slice(0, 300)}`)
        }
        outcomes.error++
        codes.set(err.code, (codes.get(err.code) ?? 0) + 1)
      } finally {
        await workspace.drain()
      }
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }
  // A few at a time: the runs yield to each other (runner.ts), as they would in the server.
  for (let i = 0; i < CASES; i += 8) {
    await Promise.all(Array.from({ length: Math.min(8, CASES - i) }, (_, k) => one(i + k)))
  }
  t.same(problems, [], 'every case ends cleanly')
  t.equal(outcomes.diagnostics + outcomes.output + outcomes.error, CASES)
  // The mutations must reach both phases, and the limits: else the suite tests nothing.
  t.ok(outcomes.diagnostics > 50 && outcomes.output > 50 && outcomes.error > 50, JSON.stringify(outcomes))
  t.ok([...codes.keys()].filter(c => c.startsWith('LIMIT_')).length >= 4, JSON.stringify(Object.fromEntries(codes)))
})
