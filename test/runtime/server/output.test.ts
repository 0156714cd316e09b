// The output contract and the schema clean-up, as units.
import t from 'tap'
import { loadContentBlockSchema, renderText, splitOutput, toToolResult } from '../../../runtime/server/output.ts'
import { clientSafeSchema } from '../../../runtime/server/schema.ts'

t.test('renderText: compact, YAML-like, readable', async t => {
  t.equal(renderText('as is'), 'as is')
  t.equal(renderText(undefined), 'Done (no output).')
  t.equal(renderText(42), '42')
  t.equal(renderText(null), 'null')
  t.equal(
    renderText({ a: 1, b: { c: 'x', d: [] }, e: ['p', { q: 1, r: 2 }], f: 'two\nlines', g: {} }),
    'a: 1\nb:\n  c: x\n  d: []\ne:\n  - p\n  - q: 1\n    r: 2\nf: |\n  two\n  lines\ng: {}',
  )
  t.equal(renderText([[1, 2], 'x']), '-\n  - 1\n  - 2\n- x')
})

t.test('content blocks are checked by the SDK schema, loaded on the first output that has blocks', async t => {
  t.throws(() => splitOutput({ content: [] }), /before loadContentBlockSchema/, 'never an unchecked block')
  t.same(splitOutput({ text: 'no blocks' }).content, [], 'outputs without blocks need no schema')
  t.same((await toToolResult({ content: [{ type: 'text', text: 'x' }] }, 'verbose')).content, [
    { type: 'text', text: 'x' },
  ])
  t.same(splitOutput({ content: [] }).content, [], 'loaded by toToolResult')
})

t.test('splitOutput: the {text, data, content} envelope', async t => {
  await loadContentBlockSchema()
  t.same(splitOutput({ text: 'hi', data: { n: 1 } }), { text: 'hi', data: { n: 1 }, content: [] })
  t.same(splitOutput({ data: { n: 1 } }), { text: 'n: 1', data: { n: 1 }, content: [] })
  t.same(splitOutput({ text: 'hi' }), { text: 'hi', data: { text: 'hi' }, content: [] })
  const image = { type: 'image', data: 'AAAA', mimeType: 'image/png' }
  t.same(splitOutput({ content: [image] }), { text: undefined, data: {}, content: [image] })
  t.same(
    splitOutput({ text: 'hi', other: 1 }),
    { text: 'text: hi\nother: 1', data: { text: 'hi', other: 1 }, content: [] },
    'other keys: not an envelope',
  )
  t.same(splitOutput({ text: 5 }).data, { text: 5 }, 'a non-string text: not an envelope')
  t.same(splitOutput({ content: 'x' }).data, { content: 'x' }, 'content must be blocks')
  t.same(
    splitOutput({ content: [{ type: 'image' }] }).data,
    { content: [{ type: 'image' }] },
    'content must be valid MCP blocks',
  )
})

t.test('toToolResult: formats', async t => {
  t.same(await toToolResult('plain', 'verbose'), { content: [{ type: 'text', text: 'plain' }] })
  t.same(await toToolResult('plain', 'structured'), {
    content: [{ type: 'text', text: '{"result":"plain"}' }],
    structuredContent: { result: 'plain' },
  })
  t.same(await toToolResult({ a: 1 }, 'both'), {
    content: [{ type: 'text', text: 'a: 1' }],
    structuredContent: { a: 1 },
  })
  t.same(await toToolResult({ a: 1 }, 'verbose', true), {
    content: [{ type: 'text', text: 'a: 1' }],
    structuredContent: { a: 1 },
  })
  t.same(await toToolResult(undefined, 'verbose'), { content: [{ type: 'text', text: 'Done (no output).' }] })
  const image = { type: 'image', data: 'AAAA', mimeType: 'image/png' }
  t.same(await toToolResult({ text: 'see', content: [image] }, 'verbose'), {
    content: [{ type: 'text', text: 'see' }, image],
  })
})

t.test('clientSafeSchema: refs inlined, arrays get items, long descriptions cut, env dropped', async t => {
  const root = {
    type: 'object',
    definitions: { id: { type: 'string', description: 'An id.' } },
    properties: {
      a: { $ref: '#/definitions/id' },
      b: { $ref: '#/definitions/id', description: 'Own words win.' },
      c: { type: ['array', 'null'] },
      d: { type: 'object', properties: { e: { $ref: '#/properties/d' } } },
      f: { type: 'string', description: 'x'.repeat(2000), env: 'SOME_VAR' },
      g: { $ref: 'https://example.test/schema.json' },
    },
  }
  const safe = clientSafeSchema(root) as any
  t.notOk('definitions' in safe)
  t.same(safe.properties.a, { type: 'string', description: 'An id.' })
  t.same(safe.properties.b, { type: 'string', description: 'Own words win.' })
  t.same(safe.properties.c, { type: ['array', 'null'], items: {} })
  t.same(
    safe.properties.d.properties.e,
    { type: 'object', properties: { e: { description: '(#/properties/d)' } } },
    'recursion stops',
  )
  t.equal(safe.properties.f.description.length, 1024)
  t.notOk('env' in safe.properties.f)
  t.same(safe.properties.g, { description: '(https://example.test/schema.json)' })
  t.ok(root.definitions, 'the input is untouched')
})

t.test('clientSafeSchema reaches every subschema position, draft-07 dependencies too', async t => {
  const root = {
    type: 'object',
    definitions: { id: { type: 'string' } },
    properties: { a: { type: 'string' } },
    dependencies: { a: { properties: { b: { $ref: '#/definitions/id' } } }, c: ['a'] },
    patternProperties: { '^x-': { $ref: '#/definitions/id' } },
  }
  const safe = clientSafeSchema(root) as any
  t.same(safe.dependencies.a.properties.b, { type: 'string' }, 'a reference inside dependencies is inlined')
  t.same(safe.dependencies.c, ['a'], 'a list of property names is kept')
  t.same(safe.patternProperties['^x-'], { type: 'string' })
})
