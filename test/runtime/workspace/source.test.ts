// runtime/workspace/source.ts: what a file parses to. V8 keeps a string cut from a text that holds a
// character past U+00FF two bytes per character, and a property name in the form it was first made;
// the parsed value must not carry that into every answer (twice the memory, transcoded to be sent).
import v8 from 'node:v8'
import t from 'tap'
import { parseSource } from '../../../runtime/workspace/source.ts'

/** How v8.serialize writes a string: `"` (0x22) for one byte per character, `c` (0x63) for two. */
const form = (s: string): string => (v8.serialize(s)[2] === 0x22 ? 'one byte' : 'two bytes')

// Names made at run time: a name written in this file would be made (one byte) when it compiles.
const unique = (what: string): string => ['zqv', what, process.pid].join('')

t.test('a text with an em dash parses to one-byte strings and keys, but for what needs two bytes', async t => {
  const [plain, block, flow, inner] = ['Plain', 'Block', 'Flow', 'Inner'].map(unique)
  const text = [
    'description: Lists pages — all of them',
    `${plain}: plain words here`,
    `${block}: |-`,
    '  block text',
    `nested: { ${flow}: flow text }`,
    'do:',
    `  - fetch: { query: { ${inner}: "{{${inner}}}" } }`,
  ].join('\n')
  const diagnostics: Parameters<typeof parseSource>[2] = []
  const value = parseSource('automations/main.yml', text, diagnostics)!.value as Record<string, unknown>
  t.same(diagnostics, [])
  t.equal(value[plain], 'plain words here')
  t.equal(form(value[plain] as string), 'one byte', 'a plain scalar')
  t.equal(form(value[block] as string), 'one byte', 'a block scalar')
  t.equal(form((value.nested as Record<string, string>)[flow]), 'one byte', 'a flow scalar')
  t.equal(form(value.description as string), 'two bytes', 'the text with the em dash itself')
  // The names as JSON.parse finds them afterwards, as in every answer Confluence sends.
  for (const name of [plain, block, flow, inner]) {
    t.equal(form(Object.keys(JSON.parse(`{"${name}": 1}`))[0]), 'one byte', `the name ${name}`)
  }
})

t.test('values JSON cannot carry exactly are kept as parsed', async t => {
  const value = parseSource('x.yml', 'a: .inf\nb: -0\nc: text — more\n', [])!.value as Record<string, unknown>
  t.equal(value.a, Number.POSITIVE_INFINITY)
  t.ok(Object.is(value.b, -0))
  t.equal(value.c, 'text — more')
})
