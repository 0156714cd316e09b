// Which automations share their arguments' values (runtime/engine/in-place-writes.ts): every way to
// change a value in place is seen, wherever it is nested; whole-variable writes and reads are not.
import t from 'tap'
import { defaultsInside, writesInPlace } from '../../runtime/engine/in-place-writes.ts'

const automation = (...steps: unknown[]): Record<string, unknown> => ({ do: steps })

t.test('writes that change a value in place', async t => {
  const cases: Array<[string, unknown]> = [
    ['a nested set', { set: { name: 'page.results', value: 1 } }],
    ['an index', { set: { name: 'items[0]', value: 1 } }],
    ['a push', { set: { name: 'items[]', value: 1 } }],
    ['a push by type', { set: { name: 'items', type: 'push', value: 1 } }],
    ['a merge', { set: { name: 'doc', type: 'merge', value: { a: 1 } } }],
    ['a name computed at run time', { set: { name: '{{which}}', value: 1 } }],
    ['a nested delete', { delete: { name: 'doc.a' } }],
    ['a nested delete, short form', { delete: 'doc.a' }],
    ['an output inside a variable', { 'other/automation': { output: 'conn.spaces' } }],
    ['inside conditions', { conditions: { 'x = 1': [{ set: { name: 'a.b', value: 1 } }] } }],
    ['inside a repeat', { repeat: { on: '{{items}}', do: [{ set: { name: 'item.seen', value: true } }] } }],
    ['inside all and try', { all: [{ try: { do: [{ set: { name: 'a.b', value: 1 } }] } }] }],
    ['a set without arguments', { set: null }],
  ]
  for (const [what, step] of cases) t.ok(writesInPlace(automation(step)), what)
})

t.test('writes and reads that change nothing another variable holds', async t => {
  const cases: Array<[string, unknown[]]> = [
    ['a whole variable replaced', [{ set: { name: 'page', value: '{% $merge([page, {"results": []}]) %}' } }]],
    ['an explicit replace', [{ set: { name: 'x', type: 'replace', value: 1 } }]],
    ['a whole variable deleted', [{ delete: { name: 'x' } }]],
    ['an output into a variable', [{ fetch: { url: 'https://example.com', output: 'response' } }]],
    ['a comment naming a nested set', [{ comment: 'set: { name: a.b }' }]],
    ['no instructions', []],
  ]
  for (const [what, steps] of cases) t.notOk(writesInPlace(automation(...steps)), what)
})

t.test('defaults inside an argument value', async t => {
  const schema = (properties: Record<string, unknown>): Record<string, unknown> => ({ type: 'object', properties })
  t.notOk(defaultsInside(schema({ limit: { type: 'integer', default: 25 } })), 'a default of the argument itself')
  t.notOk(defaultsInside(schema({ doc: { type: 'object', default: { a: { default: 1 } } } })), 'inside a default value')
  t.ok(defaultsInside(schema({ doc: { type: 'object', properties: { size: { default: 10 } } } })), 'a property')
  t.ok(defaultsInside(schema({ list: { type: 'array', items: { properties: { n: { default: 0 } } } } })), 'items')
  t.ok(defaultsInside(schema({ one: { anyOf: [{ type: 'object', properties: { n: { default: 0 } } }] } })), 'anyOf')
  t.notOk(defaultsInside({ type: 'object' }), 'no arguments')
})
