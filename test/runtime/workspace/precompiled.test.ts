// Validators compiled at build (runtime/workspace/precompiled.ts, runtime/cli/precompile.ts): every
// schema the package's workspace serves gets a ready validator that answers exactly as a compile
// does (result, defaults filled in, error objects), a served call compiles nothing, and any other
// schema, or another build's file, is compiled as without a build.
import type { ValidateFunction } from 'ajv'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t, { type Test } from 'tap'
import { servedSchemas, writePrecompiled } from '../../../runtime/cli/precompile.ts'
import { PACKAGE_ROOT } from '../../../runtime/core/package-root.ts'
import { buildToolCatalog } from '../../../runtime/server/tools.ts'
import { type AjvKind, compileSchema, createAjv, outputAjv, valueAjv } from '../../../runtime/workspace/ajv.ts'
import { loadWorkspace } from '../../../runtime/workspace/load.ts'
import { installPrecompiled, loadPrecompiled } from '../../../runtime/workspace/precompiled.ts'
import { startConnector } from '../../connector/helpers.ts'
import { loadFiles } from '../../helpers/workspace.ts'

const dir = mkdtempSync(join(tmpdir(), 'cn-precompiled-'))
const FILE = join(dir, 'validators.json')
const written = await writePrecompiled(PACKAGE_ROOT, FILE, 'build-a')
const schemas = [...(await servedSchemas()).values()]
const instances: Record<AjvKind, typeof valueAjv> = { values: valueAjv, output: outputAjv }

t.afterEach(() => installPrecompiled(undefined))

/** Counts the compiles of the runtime's two ajv instances from now on (the original compile still runs). */
function compiles(t: Test): () => number {
  const values = t.capture(valueAjv, 'compile', valueAjv.compile.bind(valueAjv))
  const output = t.capture(outputAjv, 'compile', outputAjv.compile.bind(outputAjv))
  return () => values.calls.length + output.calls.length
}

/** Values to check a schema with: none, each property of each wrong kind, a name it does not know. */
function samples(schema: object): unknown[] {
  const names = Object.keys((schema as { properties?: object }).properties ?? {})
  const kinds = [null, 'x', '', 1, -1.5, 0, true, [], ['x', 2], {}, { a: 1 }, 'x'.repeat(5000)]
  return [
    {},
    { unknownName: 1 },
    'not an object',
    ...kinds.map(kind => Object.fromEntries(names.map(name => [name, kind]))),
    ...names.map(name => ({ [name]: 'x' })),
  ]
}

t.test('every schema the package serves is in the file, and answers as a compile does', async t => {
  t.ok(schemas.length > 20, `${schemas.length} schemas`)
  t.ok(
    schemas.some(s => s.kind === 'output'),
    'output schemas among them',
  )
  t.equal(written, schemas.length, 'each has a ready validator')
  t.equal(loadPrecompiled(FILE, 'build-a'), true)
  const count = compiles(t)
  const fresh = { values: createAjv('values'), output: createAjv('output') }
  let defaulted = 0
  let failed = 0
  for (const { kind, schema } of schemas) {
    const ready = compileSchema(instances[kind], schema)
    const compiled: ValidateFunction = fresh[kind].compile(schema)
    for (const sample of samples(schema)) {
      const [a, b] = [structuredClone(sample), structuredClone(sample)]
      const valid = ready(a)
      t.equal(valid, compiled(b), `${kind} ${JSON.stringify(sample).slice(0, 60)}`)
      t.strictSame(ready.errors, compiled.errors, 'the same error objects')
      t.strictSame(a, b, 'the same defaults filled in')
      if (JSON.stringify(a) !== JSON.stringify(sample)) defaulted++
      if (!valid) failed++
    }
  }
  t.ok(defaulted > 0, 'defaults were filled in')
  t.ok(failed > 0, 'errors were compared')
  t.equal(count(), 0, 'no schema compiled')
})

t.test('loading and serving the package compiles no schema; its calls answer as before', async t => {
  loadPrecompiled(FILE, 'build-a')
  const count = compiles(t)
  const { workspace } = loadWorkspace(PACKAGE_ROOT, { env: {} })
  if (!workspace) throw new Error('the package workspace does not load')
  t.teardown(() => workspace.store.close())
  const catalog = buildToolCatalog(workspace.automations.values(), workspace.info.index)
  for (const automation of workspace.automations.values()) automation.validateArguments({})
  for (const tool of catalog.byName.values()) for (const validate of tool.outputValidators?.values() ?? []) validate({})
  t.equal(count(), 0, 'every validator of a load and its tools was ready')

  const connector = await startConnector(t)
  const page = await connector.call('pages', 'get', { id: '65538' }, 'structured')
  t.notOk(page.isError, JSON.stringify(page.content))
  t.match(page.structuredContent, { id: '65538' })
  const bad = await connector.call('pages', 'get', { id: '65538', bodyFormat: 'pdf' })
  t.ok(bad.isError)
  t.match(JSON.stringify(bad.content), /bodyFormat/)
  t.equal(count(), 0, 'a served call compiled nothing')
})

t.test('a schema the build did not see is compiled, and reports its errors', async t => {
  loadPrecompiled(FILE, 'build-a')
  const count = compiles(t)
  const { workspace, diagnostics } = loadFiles({
    'automations/own.yml': 'arguments:\n  count: { type: integer, default: 3 }\n  code: { type: string }\ndo: []\n',
  })
  t.same(diagnostics, [])
  const own = workspace!.automations.get('own')!
  const args: Record<string, unknown> = { code: 7 }
  t.equal(own.validateArguments(args), false)
  t.match(own.validateArguments.errors, [{ instancePath: '/code', keyword: 'type' }])
  t.same(args, { code: 7, count: 3 })
  t.equal(count(), 1, 'compiled')
  await workspace!.store.close()
})

t.test("another build's file, or an unreadable one, is no validators: every schema compiles", async t => {
  const { kind, schema } = schemas[0]
  for (const [file, running] of [
    [FILE, 'build-b'],
    [FILE, undefined],
    [join(dir, 'missing.json'), 'build-a'],
  ] as const) {
    t.equal(loadPrecompiled(file, running), false, `${file} for ${running}`)
  }
  const broken = join(dir, 'broken.json')
  writeFileSync(broken, '{"format":1,"build":"build-a","validators":')
  t.equal(loadPrecompiled(broken, 'build-a'), false, 'not JSON')
  const older = join(dir, 'older.json')
  writeFileSync(older, JSON.stringify({ format: 0, build: 'build-a', validators: {} }))
  t.equal(loadPrecompiled(older, 'build-a'), false, 'another format')
  const count = compiles(t)
  compileSchema(instances[kind], schema)
  t.equal(count(), 1)
})
