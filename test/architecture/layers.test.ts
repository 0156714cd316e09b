// The layers of runtime/ (docs/architecture.md, .dependency-cruiser.cjs): no import cycle, no import
// from a layer to one above it, sandbox/ takes only types from runtime/, and only cli/ reaches into
// sandbox/. Checked with dependency-cruiser over the real tree, then over a tiny tree that breaks each
// rule once, so a rule that stopped matching (a renamed folder, a bad regex) fails here too.
import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import t from 'tap'

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
const CLI = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs')
const CONFIG = join(ROOT, '.dependency-cruiser.cjs')
const LAYERS = ['core', 'host', 'expressions', 'engine', 'instructions', 'workspace', 'tenants', 'server', 'cli']

interface Violation {
  rule: { name: string }
  from: string
  to: string
}

function cruise(cwd: string, dirs: string[]): Violation[] {
  let out: string
  try {
    const args = [CLI, '--config', CONFIG, '--output-type', 'json', ...dirs]
    out = execFileSync(process.execPath, args, { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  } catch (err) {
    // Exit code = number of violations; the JSON is still on stdout.
    out = (err as { stdout?: string }).stdout ?? ''
    if (!out) throw err
  }
  return (JSON.parse(out) as { summary: { violations: Violation[] } }).summary.violations
}

t.test('runtime/ and sandbox/ keep the layer rules', async t => {
  const violations = cruise(ROOT, ['runtime', 'sandbox'])
  t.same(
    violations.map(v => `${v.rule.name}: ${v.from} -> ${v.to}`),
    [],
    'no violation',
  )
})

t.test('every module of runtime/ lives in a layer', async t => {
  const top = readdirSync(join(ROOT, 'runtime')).filter(f => !statSync(join(ROOT, 'runtime', f)).isDirectory())
  t.same(top, [], 'no file at the root of runtime/')
  t.same(
    readdirSync(join(ROOT, 'runtime')).filter(f => !LAYERS.includes(f)),
    [],
    'no folder outside the layers',
  )
})

t.test('each rule fails on a tree that breaks it', async t => {
  const dir = mkdtempSync(join(tmpdir(), 'layers-'))
  t.teardown(() => rmSync(dir, { recursive: true, force: true }))
  const write = (file: string, text: string): void => {
    mkdirSync(dirname(join(dir, file)), { recursive: true })
    writeFileSync(join(dir, file), text)
  }
  const compilerOptions = {
    module: 'nodenext',
    moduleResolution: 'nodenext',
    allowImportingTsExtensions: true,
    noEmit: true,
  }
  write('tsconfig.json', JSON.stringify({ compilerOptions }))
  write('runtime/core/low.ts', "import { high } from '../server/high.ts'\nexport const low = high + 1\n")
  write('runtime/server/high.ts', 'export const high = 1\n')
  write('runtime/engine/a.ts', "import type { B } from './b.ts'\nexport interface A { b?: B }\n")
  write('runtime/engine/b.ts', "import type { A } from './a.ts'\nexport interface B { a?: A }\n")
  write('runtime/stray.ts', "import { high } from './server/high.ts'\nexport const stray = high\n")
  write('runtime/workspace/fake.ts', "import { fake } from '../../sandbox/fake.ts'\nexport const f = fake\n")
  write('runtime/cli/start.ts', "import { fake } from '../../sandbox/fake.ts'\nexport const s = fake\n")
  write(
    'sandbox/fake.ts',
    [
      "import { high } from '../runtime/server/high.ts'",
      "import type { A } from '../runtime/engine/a.ts'",
      'export const fake: A | number = high',
      '',
    ].join('\n'),
  )
  const got = cruise(dir, ['runtime', 'sandbox'])
    .map(v => `${v.rule.name}: ${v.from} -> ${v.to}`)
    .sort()
  t.same(
    got,
    [
      'layer-core: runtime/core/low.ts -> runtime/server/high.ts',
      'no-circular: runtime/engine/a.ts -> runtime/engine/b.ts',
      'only-cli-starts-the-sandbox: runtime/workspace/fake.ts -> sandbox/fake.ts',
      'runtime-outside-layers: runtime/stray.ts -> runtime/server/high.ts',
      'sandbox-uses-runtime-types-only: sandbox/fake.ts -> runtime/server/high.ts',
    ],
    'an upward import, a type cycle, a stray module, a value of runtime/ in sandbox/, the sandbox outside cli/',
  )
})
