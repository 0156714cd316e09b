// runtime/core/redact.ts: a registered secret never shows, in any of its encodings.
import t from 'tap'
import { REDACTED, Redactor } from '../../runtime/core/redact.ts'

const secret = 'p@ss word!'

t.test('a secret is redacted in every encoded form', async t => {
  const r = new Redactor()
  r.add(secret)
  const forms = [
    secret,
    Buffer.from(secret).toString('base64'),
    Buffer.from(secret).toString('base64').replace(/=+$/, ''),
    Buffer.from(secret).toString('base64url'),
    encodeURIComponent(secret),
    new URLSearchParams({ k: secret }).toString().slice(2),
    JSON.stringify(secret).slice(1, -1),
  ]
  for (const f of forms) t.equal(r.redact(`before ${f} after`), `before ${REDACTED} after`, f)
  t.equal(r.redact('nothing here'), 'nothing here')
})

t.test('values shorter than 4 characters and non-strings are not registered', async t => {
  const r = new Redactor()
  r.add('abc')
  r.add(12345)
  t.equal(r.size, 0)
  t.equal(r.redact('abc 12345'), 'abc 12345')
  r.add('abcd')
  t.equal(r.redact('xabcdx'), `x${REDACTED}x`)
})

t.test('the longest value is replaced whole before a shorter one inside it', async t => {
  const r = new Redactor()
  r.add('token')
  r.add('token-extended')
  t.equal(r.redact('a token-extended b'), `a ${REDACTED} b`)
})

t.test("a child redactor applies its parent's values and keeps its own apart", async t => {
  const parent = new Redactor()
  parent.addAll({ a: { b: 'workspace-secret' }, list: ['listed-secret'] })
  const child = new Redactor(parent)
  child.add('run-credential')
  t.equal(child.redact('workspace-secret run-credential listed-secret'), `${REDACTED} ${REDACTED} ${REDACTED}`)
  t.equal(parent.redact('run-credential'), 'run-credential', "the parent never learns the run's values")
  const before = child.size
  child.add('workspace-secret')
  t.equal(child.size, before, 'a value the parent knows is not registered again')
})

t.test('with many values the regex path gives the same answer', async t => {
  const r = new Redactor()
  for (let i = 0; i < 50; i++) r.add(`value-number-${i}`)
  t.equal(r.redact('x value-number-7 y value-number-42'), `x ${REDACTED} y ${REDACTED}`)
  t.equal(r.redact('value-number-'), 'value-number-')
})

t.test('redactDeep copies only what changes', async t => {
  const r = new Redactor()
  r.add('hunter22')
  const clean = { a: [1, 'x'], b: { c: 'y' } }
  t.equal(r.redactDeep(clean), clean, 'nothing to redact: the same object')
  const dirty = { keep: { z: 1 }, list: ['ok', 'pw hunter22'], inner: { s: 'hunter22' } }
  const out = r.redactDeep(dirty)
  t.same(out, { keep: { z: 1 }, list: ['ok', `pw ${REDACTED}`], inner: { s: REDACTED } })
  t.equal(out.keep, dirty.keep, 'an unchanged branch is shared')
  t.equal(dirty.inner.s, 'hunter22', 'the input is untouched')
  // biome-ignore lint/suspicious/noSparseArray: a hole on purpose
  const holes = r.redactDeep([, 'hunter22'])
  t.notOk(0 in holes, 'a hole stays a hole')
  t.equal(holes[1], REDACTED)
  const buf = Buffer.from('hunter22')
  t.equal(r.redactDeep(buf), buf, 'a Buffer is left alone')
  t.equal(new Redactor().redactDeep(dirty), dirty, 'an empty redactor does nothing')
})
