// Build-verified workspaces (runtime/workspace/verified.ts): a load of exactly the files the running
// build checked defers the JSONata compiles and skips the analysis; any other file set, build or
// tenant override gets every check at load, with located errors. The package's own workspace is
// what the build verifies, so its deferred compiles are ones that already succeeded.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { PACKAGE_ROOT } from '../../../runtime/core/package-root.ts'
import { preparedRegexes } from '../../../runtime/core/regex.ts'
import { stats } from '../../../runtime/expressions/index.ts'
import { formatDiagnostic } from '../../../runtime/workspace/diagnostics.ts'
import { loadWorkspace } from '../../../runtime/workspace/load.ts'
import { loadSourceCache, writeSourceCache } from '../../../runtime/workspace/source-cache.ts'
import { useSourceCache } from '../../../runtime/workspace/source.ts'
import { useVerifiedWorkspaces } from '../../../runtime/workspace/verified.ts'
import { PACKAGE_ENV, writeWorkspace } from '../../helpers/workspace.ts'

const MAIN = [
  'arguments:',
  '  name: { type: string, pattern: "^[a-z]+$" }',
  'do:',
  '  - set:',
  '      name: greeting',
  '      value: "{% $uppercase(name) & \'!\' %}"',
  '  - conditions:',
  '      "{% $contains(greeting, /B+/) %}":',
  '        - set: { name: kind, value: b }',
  '      default:',
  '        - set: { name: kind, value: other }',
  'output:',
  '  greeting: "{{greeting}}"',
  '  kind: "{% kind %}"',
].join('\n')

function verifiedBy(dir: string, build: string): { file: string; verified: string[] } {
  const file = join(mkdtempSync(join(tmpdir(), 'cn-verified-')), 'sources.json')
  writeSourceCache(dir, file, build)
  return { file, verified: (JSON.parse(readFileSync(file, 'utf8')) as { verified: string[] }).verified }
}

t.afterEach(() => {
  useSourceCache(undefined)
  useVerifiedWorkspaces(undefined)
})

t.test('the verified files load with compiles deferred, and run as a fully checked load does', async t => {
  const dir = writeWorkspace({ 'automations/main.yml': MAIN })
  const { file, verified } = verifiedBy(dir, 'build-a')
  t.equal(verified.length, 1, 'a clean workspace is recorded')

  const checked = loadWorkspace(dir, { env: {} })
  t.same(checked.diagnostics, [])
  const compiledAtLoad = stats.jsonataCompilations
  t.equal(loadSourceCache(file, 'build-a'), true, 'the running build wrote it')
  const before = stats.jsonataCompilations
  const fast = loadWorkspace(dir, { env: {} })
  t.same(fast.diagnostics, [])
  t.equal(stats.jsonataCompilations, before, 'no JSONata compile at load')
  t.ok(compiledAtLoad > 0)
  for (const name of ['bob', 'alice']) {
    const a = await checked.workspace!.run('main', { name })
    const b = await fast.workspace!.run('main', { name })
    t.same(b.output, a.output, name)
  }
  t.ok(stats.jsonataCompilations > before, 'compiled on first use')
  const bad = await fast.workspace!.run('main', { name: 'NOT lower' }).catch((err: Error) => err)
  t.match(String((bad as Error).message), /pattern/, 'the deferred argument schema still validates')
})

t.test("a verified workspace's regex compiles to RE2 when it first runs, not with its expression", async t => {
  // The regex is in the branch that does not run for `b`.
  const dir = writeWorkspace({
    'automations/main.yml': [
      'arguments:',
      '  name: { type: string }',
      'do:',
      '  - set:',
      '      name: kind',
      "      value: \"{% name = 'b' ? 'bee' : $contains(name, /^q{2}x+$/) ? 'qqx' : 'other' %}\"",
      'output: "{{kind}}"',
    ].join('\n'),
  })
  const { file } = verifiedBy(dir, 'build-a')
  loadSourceCache(file, 'build-a')
  const { workspace } = loadWorkspace(dir, { env: {} })
  const before = preparedRegexes()
  t.equal((await workspace!.run('main', { name: 'b' })).output, 'bee')
  t.equal(preparedRegexes(), before, 'the untaken branch compiled no RE2 program')
  t.equal((await workspace!.run('main', { name: 'qqxx' })).output, 'qqx')
  t.equal(preparedRegexes(), before + 1, 'compiled when it ran')
  t.equal((await workspace!.run('main', { name: 'qx' })).output, 'other')
})

t.test('an edited file gets every check and located errors, the cache installed or not', async t => {
  const dir = writeWorkspace({ 'automations/main.yml': MAIN })
  const { file } = verifiedBy(dir, 'build-a')
  loadSourceCache(file, 'build-a')
  // An analysis error (a variable nothing sets) and, in another edit, an expression syntax error.
  writeFileSync(join(dir, 'automations', 'main.yml'), MAIN.replace('"{% kind %}"', '"{% kindd %}"'))
  const unknown = loadWorkspace(dir, { env: {} })
  t.match(unknown.diagnostics.map(formatDiagnostic).join('\n'), /automations\/main\.yml:14:\d+.*kindd/)
  writeFileSync(join(dir, 'automations', 'main.yml'), MAIN.replace("& '!'", "& & '!'"))
  const syntax = loadWorkspace(dir, { env: {} })
  t.equal(syntax.workspace, undefined)
  t.match(syntax.diagnostics[0], { code: 'EXPRESSION_SYNTAX', location: { file: 'automations/main.yml', line: 6 } })
  // An added file changes the set too: its regex is checked at load.
  writeFileSync(join(dir, 'automations', 'main.yml'), MAIN)
  writeFileSync(
    join(dir, 'automations', 'other.yml'),
    'do:\n  - set: { name: x, value: "{% $match(\'a\', /(a)\\\\1/) %}" }\n',
  )
  const added = loadWorkspace(dir, { env: {} })
  t.match(added.diagnostics[0], { code: 'REGEX_UNSUPPORTED', location: { file: 'automations/other.yml', line: 2 } })
})

t.test('another build, tenant overrides or a workspace with a diagnostic: never taken as verified', async t => {
  const dir = writeWorkspace({ 'automations/main.yml': MAIN })
  const { file } = verifiedBy(dir, 'build-a')
  for (const [what, running, overrides] of [
    ['another build', 'build-b', undefined],
    ['the sources unbundled (no build id)', undefined, undefined],
    ['tenant overrides', 'build-a', { slug: 'tenant' }],
  ] as const) {
    t.equal(loadSourceCache(file, running), overrides !== undefined, `${what}: the file is the running build's`)
    const before = stats.jsonataCompilations
    t.same(loadWorkspace(dir, { env: {}, overrides }).diagnostics, [])
    t.ok(stats.jsonataCompilations > before, `${what}: compiled at load`)
  }
  const warned = writeWorkspace({
    'automations/main.yml': 'do:\n  - fail: { message: stop }\n  - set: { name: x, value: 1 }\n',
  })
  t.ok(loadWorkspace(warned, { env: {} }).diagnostics.length > 0, 'the fixture has a warning')
  t.same(verifiedBy(warned, 'build-a').verified, [], 'a warning: not recorded')
  const broken = writeWorkspace({ 'automations/main.yml': MAIN.replace("& '!'", "& & '!'") })
  t.same(verifiedBy(broken, 'build-a').verified, [], 'an error: not recorded')
})

t.test("the package's own workspace is what the build verifies: every deferred compile already succeeded", async t => {
  const { file, verified } = verifiedBy(PACKAGE_ROOT, 'build-a')
  t.equal(verified.length, 1, 'a full load of the package has no diagnostic')
  loadSourceCache(file, 'build-a')
  const env = PACKAGE_ENV
  const before = stats.jsonataCompilations
  const { workspace, diagnostics } = loadWorkspace(PACKAGE_ROOT, { env })
  t.same(diagnostics, [])
  t.ok(workspace)
  t.equal(stats.jsonataCompilations, before, 'served with its compiles deferred')
})
