// The CQL tokenizer and the space confinement, against an attacker: a confined query must never
// reach outside `(…) AND space IN (…)`, whatever parentheses, quotes or ORDER BY it carries.
import t from 'tap'
import fc from 'fast-check'
import { DsulError } from '../../../../runtime/core/errors.ts'
import {
  cqlCheck,
  cqlConfine,
  MAX_CQL_CHARS,
  MAX_CQL_DEPTH,
  MAX_CQL_TOKENS,
  parseCql,
  tokenize,
  type Token,
} from '../../../../runtime/host/functions/cql.ts'

const KEYS = ['DEMO']
const code = (fn: () => unknown): string | undefined => {
  try {
    fn()
    return undefined
  } catch (err) {
    return err instanceof DsulError ? err.code : `not a DsulError: ${String(err)}`
  }
}

/**
 * Whether `confined` keeps every condition of the query under the allowlist: tokenized again, it
 * is `( … ) AND space IN (…)` with the first parenthesis closing exactly before that AND, followed
 * only by ORDER BY and field names.
 */
function staysConfined(confined: string, keys: string[]): boolean {
  const tokens = tokenize(confined)
  const spaces = ['space', 'IN', '(', ...keys.flatMap((k, i) => (i === 0 ? [k] : [',', k])), ')']
  const texts = (ts: Token[]): string[] => ts.map(x => x.text)
  let rest: Token[]
  if (tokens[0].kind === '(') {
    let depth = 0
    let close = -1
    for (let k = 0; k < tokens.length; k++) {
      if (tokens[k].kind === '(') depth++
      if (tokens[k].kind === ')' && --depth === 0) {
        close = k
        break
      }
    }
    if (close < 0 || tokens[close + 1]?.text !== 'AND') return false
    rest = tokens.slice(close + 2)
  } else {
    rest = tokens
  }
  if (JSON.stringify(texts(rest.slice(0, spaces.length))) !== JSON.stringify(spaces)) return false
  const tail = rest.slice(spaces.length)
  if (tail.length === 0) return true
  if (tail[0].text.toUpperCase() !== 'ORDER' || tail[1]?.text.toUpperCase() !== 'BY') return false
  return tail.slice(2).every(x => x.kind === 'word' || x.kind === ',')
}

t.test('tokenizer: both quote kinds, escapes, operators, keywords in any case', async t => {
  const tokens = tokenize(`title ~ 'it\\'s' AnD text!~"a \\"b\\" c" or (label IN (x,y)) order BY created desc`)
  t.same(
    tokens.map(x => [x.kind, x.text]),
    [
      ['word', 'title'],
      ['op', '~'],
      ['string', "it's"],
      ['word', 'AnD'],
      ['word', 'text'],
      ['op', '!~'],
      ['string', 'a "b" c'],
      ['word', 'or'],
      ['(', '('],
      ['word', 'label'],
      ['word', 'IN'],
      ['(', '('],
      ['word', 'x'],
      [',', ','],
      ['word', 'y'],
      [')', ')'],
      [')', ')'],
      ['word', 'order'],
      ['word', 'BY'],
      ['word', 'created'],
      ['word', 'desc'],
    ],
  )
  t.same(
    parseCql('type = page order   by title').orderBy.map(x => x.text),
    ['title'],
  )
})

t.test('confinement of ordinary queries', async t => {
  t.equal(cqlConfine('type = page', KEYS), '(type = page) AND space IN ("DEMO")')
  t.equal(
    cqlConfine('label = howto ORDER BY lastmodified DESC', ['A', 'B']),
    '(label = howto) AND space IN ("A","B") ORDER BY lastmodified DESC',
  )
  t.equal(cqlConfine('ORDER BY title', KEYS), 'space IN ("DEMO") ORDER BY title', 'only an ORDER BY')
  t.equal(
    cqlConfine('created > now("-4w")', KEYS),
    '(created > now("-4w")) AND space IN ("DEMO")',
    'function calls keep their form',
  )
  t.equal(cqlConfine('type = page', []), '(type = page) AND space IN ("-")', 'no key: a space that cannot exist')
  t.equal(cqlConfine('type = page', ['a"b']), '(type = page) AND space IN ("a\\"b")', 'keys are quoted')
  t.equal(
    cqlCheck('type = page ORDER BY title'),
    'type = page ORDER BY title',
    'checked queries are passed as they are',
  )
})

t.test('adversarial queries are refused or stay confined', async t => {
  const refused = [
    'type = page) OR (space = ENG',
    'type = page) OR space = ENG OR (type = page',
    ')(',
    'type = page OR (space = ENG',
    'title ~ "unterminated',
    "title ~ 'x) OR (space = ENG",
    'title ~ "x\\',
    'type = page ORDER BY title OR space = ENG',
    'type = page ORDER BY title, (space)',
    'type = page ORDER BY title ORDER BY created',
    '(type = page ORDER BY title)',
    'type = page ORDER BY',
    'title ~ x\\" ) OR (space = ENG "',
    'type = page\u0000) OR (space = ENG',
    'type === page',
  ]
  for (const q of refused)
    t.equal(
      code(() => cqlConfine(q, KEYS)),
      'QUERY_REFUSED',
      q,
    )
  // Quoted text is data, whatever it holds.
  for (const q of [
    "title ~ 'x order by ' OR type = page",
    'title ~ "a) OR (space = ENG" ORDER BY title',
    "text ~ 'a\\' ) OR (b'",
  ]) {
    const confined = cqlConfine(q, KEYS)!
    t.ok(staysConfined(confined, KEYS), `${q} → ${confined}`)
  }
  t.equal(
    code(() => cqlConfine("title ~ 'x order by ' OR type = page)", KEYS)),
    'QUERY_REFUSED',
    'ORDER BY in a string does not split',
  )
})

t.test('limits: length, tokens, nesting; a 60 KB query costs microseconds, not seconds', async t => {
  t.equal(
    code(() => cqlCheck('a'.repeat(MAX_CQL_CHARS + 1))),
    'LIMIT_QUERY',
  )
  t.equal(
    code(() => cqlConfine(`type = page${' OR x = y'.repeat(60_000 / 9)}`, KEYS)),
    'LIMIT_QUERY',
  )
  t.equal(
    code(() => cqlCheck(Array.from({ length: MAX_CQL_TOKENS + 1 }, () => 'a').join(','))),
    'LIMIT_QUERY',
  )
  t.equal(
    code(() => cqlCheck('('.repeat(MAX_CQL_DEPTH + 1) + 'a' + ')'.repeat(MAX_CQL_DEPTH + 1))),
    'LIMIT_QUERY',
  )
  t.equal(
    code(() => cqlCheck('('.repeat(MAX_CQL_DEPTH) + 'a' + ')'.repeat(MAX_CQL_DEPTH))),
    undefined,
    'at the depth limit',
  )
  const err = (() => {
    try {
      cqlCheck('x'.repeat(60_000))
    } catch (e) {
      return e as DsulError
    }
  })()!
  t.match(err.message, /8192/, 'the message names the limit')
})

// Property tests: random queries from a CQL-ish alphabet (quotes, escapes, parentheses, ORDER BY).
const atoms = fc.constantFrom(
  '(',
  ')',
  '"',
  "'",
  '\\',
  ' ',
  ',',
  '=',
  '~',
  'AND',
  'or',
  'NOT',
  'order',
  'by',
  'ORDER BY',
  'space',
  'ENG',
  'type',
  'page',
  'title',
  'x',
  '!=',
  'IN',
  'desc',
)
const query = fc.array(atoms, { maxLength: 40 }).map(a => a.join(' '))
const squashed = fc.array(atoms, { maxLength: 40 }).map(a => a.join(''))

t.test('property: a confined query is refused or stays under the allowlist', async t => {
  for (const arb of [query, squashed, fc.string({ maxLength: 60 })]) {
    fc.assert(
      fc.property(arb, fc.array(fc.constantFrom('DEMO', 'A"B', "O'K"), { minLength: 1, maxLength: 3 }), (q, keys) => {
        let confined: string | undefined
        try {
          confined = cqlConfine(q, keys)
        } catch (err) {
          return err instanceof DsulError && (err.code === 'QUERY_REFUSED' || err.code === 'LIMIT_QUERY')
        }
        return confined !== undefined && staysConfined(confined, keys)
      }),
      { numRuns: 3_000 },
    )
  }
  t.pass('3,000 runs per generator')
})

t.test('property: confining keeps the query: its tokens come back unchanged inside the wrapper', async t => {
  fc.assert(
    fc.property(query, q => {
      let parsed
      try {
        parsed = parseCql(q)
      } catch {
        return true
      }
      const again = parseCql(cqlConfine(q, KEYS)!)
      const strip = (ts: Token[]): string[] => ts.map(x => `${x.kind}:${x.text}`)
      const where = parsed.where.length > 0 ? again.where.slice(1, parsed.where.length + 1) : []
      return (
        JSON.stringify(strip(where)) === JSON.stringify(strip(parsed.where)) &&
        JSON.stringify(strip(again.orderBy)) === JSON.stringify(strip(parsed.orderBy))
      )
    }),
    { numRuns: 2_000 },
  )
  t.pass('2,000 runs')
})

t.test('property: tokenizing is linear (a long adversarial query is fast)', async t => {
  const worst = ['"\\'.repeat(4000), '('.repeat(8000), ' order by'.repeat(900), "'".repeat(8191)]
  for (const q of worst) {
    const started = process.hrtime.bigint()
    code(() => cqlConfine(q, KEYS))
    const ms = Number(process.hrtime.bigint() - started) / 1e6
    t.ok(ms < 200, `${q.slice(0, 12)}… in ${ms.toFixed(2)} ms`)
  }
})
