// Property: whatever a builder types, the loader either accepts the workspace or rejects it with
// located diagnostics — it never throws and never hangs.
import { readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import fc from 'fast-check'
import t from 'tap'
import { parse, stringify } from 'yaml'
import { loadFiles } from '../../helpers/workspace.ts'

const langDir = join(import.meta.dirname, '..', '..', 'lang')
const corpus = (readdirSync(langDir, { recursive: true }) as string[])
  .filter(f => f.endsWith('.yml'))
  .flatMap(f =>
    Object.values((parse(readFileSync(join(langDir, f), 'utf8')) as { files: Record<string, string> }).files),
  )

function check(files: Record<string, string>): void {
  const { workspace, diagnostics, dir } = loadFiles(files)
  rmSync(dir, { recursive: true, force: true })
  const errors = diagnostics.filter(d => d.severity === 'error')
  if (!workspace && errors.length === 0) throw new Error('rejected without a diagnostic')
  for (const d of diagnostics) {
    if (!(d.location.line >= 1 && d.location.col >= 1) || !d.location.file || !d.message)
      throw new Error(`unlocated diagnostic: ${JSON.stringify(d)}`)
  }
}

const PIECES = [
  '{{',
  '}}',
  '{%',
  '%}',
  ':',
  '- ',
  '  ',
  '\n',
  '[',
  ']',
  '{',
  '}',
  '"',
  "'",
  '#',
  '&a',
  '*a',
  '|',
  '>',
  'do:',
  'set:',
  '$',
  '(',
  ')',
  ';',
  '\t',
]

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.integer({ min: 1, max: 8 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(fc.constantFrom(...PIECES), fc.string({ maxLength: 6 })),
  }),
  fc.record({ kind: fc.constant('swapLines' as const), a: fc.nat(), b: fc.nat() }),
)

function mutate(
  src: string,
  ms: Array<{ kind: string; at?: number; len?: number; text?: string; a?: number; b?: number }>,
): string {
  let s = src
  for (const m of ms) {
    if (m.kind === 'delete') {
      const at = m.at! % (s.length + 1)
      s = s.slice(0, at) + s.slice(at + m.len!)
    }
    if (m.kind === 'insert') {
      const at = m.at! % (s.length + 1)
      s = s.slice(0, at) + m.text! + s.slice(at)
    }
    if (m.kind === 'swapLines') {
      const lines = s.split('\n')
      const a = m.a! % lines.length
      const b = m.b! % lines.length
      ;[lines[a], lines[b]] = [lines[b], lines[a]]
      s = lines.join('\n')
    }
  }
  return s
}

t.test('mutated automation text', async t => {
  fc.assert(
    fc.property(fc.constantFrom(...corpus), fc.array(mutation, { minLength: 1, maxLength: 4 }), (src, ms) => {
      check({ 'automations/main.yml': mutate(src, ms), 'automations/helper.yml': 'do: []\n' })
    }),
    { numRuns: 400, seed: 42 },
  )
  t.pass('400 mutated files: each accepted or rejected with located diagnostics')
})

t.test('random structures in automation and index files', async t => {
  const value = fc.jsonValue({ maxDepth: 4 })
  const instruction = fc.record({
    name: fc.constantFrom(
      'set',
      'repeat',
      'conditions',
      'try',
      'all',
      'break',
      'emit',
      'wait',
      'rateLimit',
      'fetch',
      'comment',
      'main',
      'unknown',
    ),
    args: value,
  })
  fc.assert(
    fc.property(fc.array(instruction, { maxLength: 5 }), value, value, (list, output, index) => {
      const automation = stringify({ do: list.map(i => ({ [i.name]: i.args })), output })
      check({ 'automations/main.yml': automation })
      check({ 'config/index.yml': stringify(index), 'automations/main.yml': 'do: []\n' })
    }),
    { numRuns: 300, seed: 7 },
  )
  t.pass('300 random structures')
})
