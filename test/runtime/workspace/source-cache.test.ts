// The start's shortcuts keep the load's results: a file from the source cache has the value and the
// locations a parse gives (worked out when read), and validators compiled on first use answer as
// compiled ones do, while a schema whose compile can fail is still compiled (and reported) at load.
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import t from 'tap'
import { Ajv } from 'ajv'
import { compileShared, compileWhenSafe } from '../../../runtime/workspace/ajv.ts'
import { loadSourceCache, writeSourceCache } from '../../../runtime/workspace/source-cache.ts'
import { parseSource, sourceHash, useSourceCache } from '../../../runtime/workspace/source.ts'
import { PACKAGE_ROOT } from '../../../runtime/core/package-root.ts'
import { loadWorkspace } from '../../../runtime/workspace/load.ts'
import { formatDiagnostic, type Diagnostic } from '../../../runtime/workspace/diagnostics.ts'
import { loadFiles, PACKAGE_ENV } from '../../helpers/workspace.ts'

const TEXT =
  [
    'slug: demo',
    'arguments:',
    '  id: { type: string }',
    'do:',
    '  - set:',
    '      name: x',
    '      value: "{{id}} and more"',
    '  - fetch:',
    '      url: https://example.com',
  ].join('\n') + '\n'

t.test('a cached file: the parsed value, and the same locations, worked out when read', async t => {
  t.teardown(() => useSourceCache(undefined))
  const parsed = parseSource('automations/demo.yml', TEXT, [])!
  const pointers: Array<[Array<string | number>, number?]> = [
    [['do', 0, 'set']],
    [['do', 1, 'fetch', 'url']],
    [['do', 0, 'set', 'value'], 4],
    [['nope']],
  ]
  useSourceCache({ get: hash => (hash === sourceHash(TEXT) ? JSON.stringify(parsed.value) : undefined) })
  const diagnostics: Diagnostic[] = []
  const cached = parseSource('automations/demo.yml', TEXT, diagnostics)!
  t.same(cached.value, parsed.value)
  t.not(cached.value, parsed.value, 'a value of its own (callers may change it)')
  t.same(diagnostics, [])
  for (const [pointer, offset] of pointers) {
    const path = [...pointer]
    const at = cached.locate(path, offset)
    const key = cached.locateKey(path)
    path.push('changed later') // a lazy location keeps the path it was given
    t.same({ ...at }, parsed.locate(pointer, offset), `locate ${pointer.join('.')}`)
    t.same({ ...key }, parsed.locateKey(pointer), `locateKey ${pointer.join('.')}`)
  }
  t.equal(cached.doc.toJS().slug, 'demo', 'the document, parsed on demand')
  // Another text misses the cache and is parsed (with its diagnostics).
  const broken: Diagnostic[] = []
  t.equal(parseSource('automations/other.yml', 'a: [1,\n', broken), undefined)
  t.equal(broken[0]?.code, 'YAML_SYNTAX')
})

t.test("the written cache holds the package's clean files; a load from it equals a load without", async t => {
  t.teardown(() => useSourceCache(undefined))
  const file = join(mkdtempSync(join(tmpdir(), 'cn-source-cache-')), 'sources.json')
  const count = writeSourceCache(PACKAGE_ROOT, file)
  t.ok(count > 10, `${count} files`)
  const index = readFileSync(join(PACKAGE_ROOT, 'config', 'index.yml'), 'utf8')
  const entries = (JSON.parse(readFileSync(file, 'utf8')) as { entries: Record<string, string> }).entries
  t.same(JSON.parse(entries[sourceHash(index)]), parseSource('config/index.yml', index, [])!.value)
  const env = PACKAGE_ENV
  const load = () => {
    const { workspace, diagnostics } = loadWorkspace(PACKAGE_ROOT, { env })
    const automations = [...workspace!.automations.values()]
    return {
      diagnostics: diagnostics.map(formatDiagnostic),
      slugs: automations.map(a => a.slug),
      locations: automations.map(a => ({ ...a.location })),
    }
  }
  useSourceCache(undefined)
  const parsedLoad = load()
  loadSourceCache(file)
  t.same(load(), parsedLoad, 'the same automations, diagnostics and locations')
  t.equal(loadSourceCache(join(file, 'missing'), 'build-a'), false, 'no cache file: nothing verified')
  t.equal(parseSource('config/index.yml', index, [])!.doc.errors.length, 0, 'no cache file: parsed')
})

t.test('validators compiled on first use answer like compiled ones; risky schemas compile at load', async t => {
  const schema = {
    type: 'object',
    properties: { n: { type: 'integer', minimum: 1 }, s: { type: 'string', default: 'x' } },
    required: ['n'],
  }
  const ajv = new Ajv({ allErrors: true, strict: false, useDefaults: true })
  const lazy = compileWhenSafe(ajv, schema)
  const eager = new Ajv({ allErrors: true, strict: false, useDefaults: true }).compile(schema)
  for (const value of [{ n: 2 }, { n: 0 }, {}, { n: 'a', s: 5 }]) {
    const a = structuredClone(value)
    const b = structuredClone(value)
    t.equal(lazy(a), eager(b), JSON.stringify(value))
    t.same(lazy.errors, eager.errors)
    t.same(a, b, 'defaults applied alike')
  }
  t.throws(
    () => compileShared({ type: 'object', properties: { a: { type: 'string', pattern: '(' } } }),
    /regular expression/,
  )
  t.throws(
    () => compileShared({ type: 'object', properties: { a: { $ref: '#/definitions/none' } } }),
    /resolve reference/,
  )
  const { diagnostics } = loadFiles({
    'automations/main.yml': 'arguments:\n  a: { type: string, pattern: "(" }\ndo: []\n',
  })
  t.match(
    diagnostics.map(d => d.message).join('\n'),
    /arguments is not a valid JSON Schema: Invalid regular expression/,
  )
})
