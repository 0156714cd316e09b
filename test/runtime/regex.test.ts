// runtime/core/regex.ts: regular expressions run on RE2; what cannot run in linear time is refused.
import jsonata from 'jsonata'
import t from 'tap'
import { LinearRegExp, regexProblem } from '../../runtime/core/regex.ts'

t.test('regexProblem refuses backreferences and lookaround, and accepts the rest', async t => {
  t.equal(regexProblem(/a+b/), undefined)
  t.equal(regexProblem(/^[\w.-]+@\w+$/i), undefined)
  t.match(regexProblem(/(a)\1/), /./, 'a backreference')
  t.match(regexProblem(/a(?=b)/), /./, 'a lookahead')
  t.notMatch(regexProblem(/(?<!x)y/) ?? '', /^error parsing regexp/, "the message is without RE2's prefix")
})

t.test('exec walks the matches as a global RegExp does', async t => {
  const re = new LinearRegExp(/(\d)(x)?/)
  const first = re.exec('a1b2x')!
  t.same([...first], ['1', '1', undefined])
  t.equal(first.index, 1)
  t.equal(re.lastIndex, 2)
  const second = re.exec('a1b2x')!
  t.same([...second], ['2x', '2', 'x'])
  t.equal(second.index, 3)
  t.equal(re.exec('a1b2x'), null)
  t.equal(re.lastIndex, 0, 'reset after the last match')
  re.lastIndex = 99
  t.equal(re.exec('short'), null, 'a start past the end finds nothing')
  t.equal(re.lastIndex, 0)
})

t.test('flags carry over: ignoreCase, multiline, dotAll', async t => {
  t.ok(new LinearRegExp(/abc/i).exec('xABC'))
  t.ok(new LinearRegExp(/^b/m).exec('a\nb'))
  t.notOk(new LinearRegExp(/^b/).exec('a\nb'))
  t.ok(new LinearRegExp(/a.b/s).exec('a\nb'))
  t.notOk(new LinearRegExp(/a.b/).exec('a\nb'))
})

t.test("as JSONata's RegexEngine it gives what V8 gives", async t => {
  const cases: Array<[string, unknown]> = [
    ['$match("a1b22c333", /\\d+/).match', ['1', '22', '333']],
    ['$replace("a-b-c", /-/, "+")', 'a+b+c'],
    ['$split("a1b2c", /\\d/)', ['a', 'b', 'c']],
    ['$contains("Hello", /hel/i)', true],
  ]
  for (const [expr, expected] of cases) {
    const withRe2 = await jsonata(expr, { RegexEngine: LinearRegExp as unknown as RegExpConstructor }).evaluate({})
    const withV8 = await jsonata(expr).evaluate({})
    t.same(withRe2, expected, expr)
    t.same(withRe2, withV8, `${expr} as with V8`)
  }
})

t.test('one program per pattern and flags: the same source with other flags is its own', async t => {
  t.ok(new LinearRegExp(/ab+/i).exec('xABB'), 'case-insensitive first')
  t.equal(new LinearRegExp(/ab+/).exec('xABB'), null, 'then the same source, case-sensitive')
  t.ok(new LinearRegExp(/ab+/).exec('xabb'), 'and a second RegExp of it shares the program')
})
