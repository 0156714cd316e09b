// runtime/core/errors.ts: the runtime's one error type. The table itself is checked against the docs by
// test/errors-documented.test.ts; this pins how an error renders and what an automation sees of it.
import t from 'tap'
import {
  BreakSignal,
  describeValue,
  DsulError,
  ERROR_CODES,
  formatLocation,
  toDsulError,
} from '../../runtime/core/errors.ts'

t.test('a DsulError renders its template and takes kind and status from the table', async t => {
  const e = new DsulError('AUTOMATION_NOT_FOUND', { slug: 'x', workspace: 'w' })
  t.equal(e.message, 'no automation "x" in workspace "w"')
  t.equal(e.kind, 'user')
  t.equal(e.status, 404)
  t.equal(e.name, 'DsulError')
  t.ok(e instanceof Error)
  const missing = new DsulError('LIMIT_SIZE', { what: 'x' })
  t.equal(
    missing.message,
    'x is larger than  bytes (limits.valueBytes)',
    'a missing field renders empty, never "undefined"',
  )
  t.equal(
    new DsulError('INVALID_VALUE', { instruction: 'set', detail: { a: 1 } }).message,
    'set: {"a":1}',
    'non-strings as JSON',
  )
})

t.test('only FAILED takes its status from the data', async t => {
  t.equal(new DsulError('FAILED', { message: 'no', status: 409 }).status, 409)
  t.equal(new DsulError('FAILED', { message: 'no' }).status, 400)
  t.equal(new DsulError('INVALID_VALUE', { status: 418 }).status, 400)
})

t.test('describe and toJSON carry the location and the automation', async t => {
  const location = { file: 'automations/main.yml', line: 3, col: 5 }
  const e = new DsulError('FAILED', { message: 'stop', reason: 'why' }, { location, slug: 'main' })
  t.equal(e.describe(), 'automations/main.yml:3:5 FAILED stop (in automation "main")')
  t.same(e.toJSON(), {
    name: 'FAILED',
    code: 'FAILED',
    message: 'stop',
    status: 400,
    details: { message: 'stop', reason: 'why' },
    reason: 'why',
    automation: 'main',
    location: 'automations/main.yml:3:5',
  })
  const bare = new DsulError('INTERNAL', { detail: 'x' })
  t.equal(bare.describe(), 'INTERNAL internal error: x')
  t.same(Object.keys(bare.toJSON()), ['name', 'code', 'message', 'status', 'details'])
  t.equal(formatLocation(undefined), '')
})

t.test('a cause is kept only when given', async t => {
  const cause = new Error('inner')
  t.equal(new DsulError('INTERNAL', { detail: 'x' }, { cause }).cause, cause)
  t.notOk('cause' in new DsulError('INTERNAL', { detail: 'x' }))
})

t.test('toDsulError turns anything thrown into a DsulError', async t => {
  const e = new DsulError('FAILED', { message: 'm' })
  t.equal(toDsulError(e), e, 'a DsulError as it is')
  t.equal(toDsulError(new Error('boom')).message, 'internal error: boom')
  t.equal(toDsulError({ message: 'jsonata object' }).message, 'internal error: jsonata object')
  t.equal(toDsulError('text').message, 'internal error: text')
  t.equal(toDsulError(new Error('boom')).kind, 'unexpected')
  const deep = toDsulError(new RangeError('Maximum call stack size exceeded'))
  t.equal(deep.code, 'LIMIT_NESTING', "a stack overflow is the builder's too-deep value, not a bug")
  t.equal(toDsulError(new RangeError('Invalid array length')).code, 'INTERNAL')
})

t.test('describeValue is short and never throws', async t => {
  t.equal(describeValue(undefined), 'nothing')
  t.equal(describeValue({ a: 1 }), '{"a":1}')
  t.equal(describeValue('x'.repeat(500)).length, 101)
  t.equal(
    describeValue(() => 1),
    'function',
  )
  const cyclic: unknown[] = []
  cyclic.push(cyclic)
  t.equal(describeValue(cyclic), 'an array')
  t.equal(describeValue(10n), 'bigint')
})

t.test('every code in the table has a kind, a status and a template', async t => {
  for (const [code, info] of Object.entries(ERROR_CODES)) {
    t.match(code, /^[A-Z][A-Z_]+$/)
    t.ok(['user', 'operational', 'unexpected'].includes(info.kind), `${code} kind`)
    t.ok(info.status >= 400 && info.status < 600, `${code} status`)
  }
})

t.test('BreakSignal is not an Error, so `try` never catches it', async t => {
  t.notOk(new BreakSignal('repeat', undefined, false) instanceof Error)
})
