// The Prisme.ai expression translator, construct by construct: the translation table of
// docs/language.md, what the translations evaluate to here (Prisme.ai's meaning), and located errors.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import t from 'tap'
import {
  parseExpression,
  PrismeSyntaxError,
  tokenize,
  translateExpression,
} from '../../runtime/expressions/prisme/expression.ts'
import { translateCondition, translateTemplate } from '../../runtime/expressions/prisme/template.ts'
import { loadFiles } from '../helpers/workspace.ts'

const doc = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'language.md'), 'utf8')

/** The rows of the table after `<!-- prisme-translations`: mode, Prisme code spans, JSONata code spans. */
function tableRows(): Array<{ mode: 'value' | 'condition'; prisme: string[]; jsonata: string[] }> {
  const start = doc.indexOf('<!-- prisme-translations')
  const lines = doc.slice(start).split('\n').slice(1)
  const rows = []
  for (const line of lines.slice(2)) {
    if (!line.startsWith('|')) break
    const cells = line
      .split(/(?<!\\)\|/)
      .slice(1, -1)
      .map(c => c.trim().replace(/\\\|/g, '|'))
    const spans = (cell: string): string[] => [...cell.matchAll(/``\s?(.+?)\s?``|`([^`]+)`/g)].map(m => m[1] ?? m[2])
    rows.push({ mode: cells[0] as 'value' | 'condition', prisme: spans(cells[1]), jsonata: spans(cells[2]) })
  }
  return rows
}

t.test('every row of the translation table in docs/language.md', async t => {
  const rows = tableRows()
  t.ok(rows.length >= 40, `the table has ${rows.length} rows`)
  for (const row of rows) {
    row.prisme.forEach((p, i) => {
      const want = row.jsonata[row.jsonata.length === row.prisme.length ? i : 0]
      t.equal(translateExpression(p, row.mode), want, `${row.mode}: ${p}`)
    })
  }
})

/** Evaluate a Prisme expression here, translated, with `vars` as the automation's variables. */
async function evaluate(
  prisme: string,
  vars: Record<string, unknown>,
  mode: 'value' | 'condition' = 'value',
): Promise<unknown> {
  const js = translateExpression(prisme, mode)
  const expression = mode === 'condition' ? `$boolean(${js})` : js
  const main = `do: []\noutput: '{% ${expression.replace(/'/g, "''")} %}'\n`
  const { workspace, diagnostics } = loadFiles({ 'automations/main.yml': main })
  if (!workspace) throw new Error(diagnostics.map(d => d.message).join('; '))
  return (await workspace.run('main', {}, { locals: vars })).output
}

t.test('translations keep Prisme.ai meaning', async t => {
  t.equal(await evaluate('{{a}} != "x"', {}, 'condition'), true, 'a missing value is different from anything')
  t.equal(await evaluate('{{a}} != "x"', { a: 'x' }, 'condition'), false)
  t.equal(await evaluate('{{a}} == "x"', {}, 'condition'), false)
  t.equal(await evaluate('{{a}} == null', {}, 'condition'), true, 'missing equals null (loosely)')
  t.equal(await evaluate('!{{a}}', {}, 'condition'), true, '!missing is true')
  t.equal(await evaluate('!{{a}}', { a: 'set' }, 'condition'), false)
  t.equal(await evaluate('{{a}} || "d"', {}), 'd', '|| gives the default')
  t.equal(await evaluate('{{a}} || "d"', { a: 'v' }), 'v', '|| gives the first truthy operand')
  t.equal(await evaluate('{{a}} && {{b}}', { a: 1, b: 2 }), 2)
  t.equal(await evaluate('myVar + 1', {}), 'myVar1', 'a bare word is text, and + joins text')
  t.equal(await evaluate('{{n}} + 1', { n: 41 }), 42)
  t.equal(await evaluate('{{a}} in "x, y"', { a: 'y' }, 'condition'), true, 'a comma-separated list')
  t.equal(await evaluate('{{a}} in {{l}}', { a: 'y', l: 'x,y' }, 'condition'), true, 'a list in a variable')
  t.equal(await evaluate('{{a}} in {{l}}', { a: 'k', l: { k: 1 } }, 'condition'), true, 'the keys of an object')
  t.equal(await evaluate('{{a}} in {{l}}', { a: 2, l: [1, 2] }, 'condition'), true, 'an array')
  t.equal(await evaluate('{{a}} not in {{l}}', { a: 3, l: [1, 2] }, 'condition'), true)
  t.equal(await evaluate('{{a}} exists', { a: null }, 'condition'), false, 'null does not exist')
  t.equal(await evaluate('{{a}} exists', { a: 0 }, 'condition'), true, '0 exists')
  t.equal(await evaluate('{{s}} matches "fail|error"', { s: 'an error' }, 'condition'), true)
  t.equal(await evaluate('{{s}} matches regex("^AN", "i")', { s: 'an error' }, 'condition'), true)
  t.equal(
    await evaluate('true and false or true', {}, 'condition'),
    true,
    'and/or are right-associative: true and (false or true)',
  )
  t.equal(
    await evaluate('false and true or true', {}, 'condition'),
    false,
    'false and (true or true), where left to right would be true',
  )
  t.equal(await evaluate('{{o[{{k}}]}}', { o: { x: 5 }, k: 'x' }), 5, 'a dynamic key')
  t.same(await evaluate('date("2024-03-05T10:20:30Z")', {}), '2024-03-05T10:20:30.000Z')
  t.equal(await evaluate('date("2024-03-05T10:20:30Z").day', {}), 2, 'Tuesday is 2 (Sunday 0)')
  t.equal(await evaluate('date("2024-03-05T10:20:30Z").month', {}), 3, 'months count from 1')
  t.equal(
    await evaluate('date("2024-03-05T10:20:30Z", "DD/MM/YYYY HH:mm")', {}),
    '05/03/2024 11:20',
    'Europe/Paris by default',
  )
  t.equal(await evaluate('date("2024-03-05T10:20:30Z", "dddd D MMMM", "fr", "UTC")', {}), 'mardi 5 mars')
  t.same(await evaluate('json(\'{"a": [1]}\')', {}), { a: [1] })
  t.equal(await evaluate('json({{o}})', { o: { a: 1 } }), '{"a":1}')
  t.equal(await evaluate('replace("a-b-c", "-", "+")', {}), 'a+b-c', 'the first occurrence only')
  t.same(await evaluate('slice({{l}}, -2)', { l: [1, 2, 3] }), [2, 3])
  t.equal(await evaluate('slice("hello", 1, 3)', {}), 'el')
  t.equal(await evaluate('{{l.length}}', { l: [1, 2, 3] }), 3)
  t.equal(await evaluate('{{s.length}}', { s: 'four' }), 4)
  t.equal(await evaluate('floor(3.14159, 2)', {}), 3.14)
  t.same(await evaluate('URLSearchParams("a=1&b=x").asJSON', {}), { a: '1', b: 'x' })
  t.match(await evaluate('uuid()', {}), /^[0-9a-f]{32}$/)
  const r = (await evaluate('rand(1, 6)', {})) as number
  t.ok(Number.isInteger(r) && r >= 1 && r <= 6, 'rand(min, max) is an integer between them')
  t.equal(await evaluate('isArray(l)', { l: [] }, 'condition'), true, 'isArray("path") reads the path')
})

t.test('the tokenizer and the parser', async t => {
  t.same(
    tokenize('{{a[{{b}}]}} >= 2').map(x => x.type),
    ['var', 'op', 'num'],
    'a nested {{ }} is one token',
  )
  t.same(
    tokenize("\"it's\" 'x'").map(x => x.value),
    ["it's", 'x'],
  )
  const tree = parseExpression('!{{a}} == 1 and {{b}} or {{c}}')
  t.equal(tree.kind, 'binary')
  t.equal((tree as { op: string }).op, 'and', 'and/or of equal precedence, right-associative')
  t.equal(translateExpression('Hello world', 'value'), '"Hello world"', 'a run of bare words is one string')
  t.equal(translateExpression('{{a}}==1', 'condition'), 'a = 1', 'operators without spaces are read too')
  t.equal(translateExpression('{{a}} EQUALS b AND {{c}}', 'condition'), '(a = "b") and c', 'keywords in any case')
})

t.test('what cannot be translated is a located error', async t => {
  const cases: Array<[string, number, RegExp]> = [
    ['{{a}} matches {{p}}', 14, /literal pattern/],
    ['jsonmatch({{a}}, {{b}})', 0, /jsonmatch\(\) has no JSONata translation/],
    ['{{a}} == ', 9, /ends too early/],
    ['({{a}} == 1', 11, /expected "\)"/],
    ['{{a}} ? 1 : 2', 6, /unexpected "\?"/],
    ['"open', 0, /unterminated string/],
    ['{{a.b', 0, /missing "}}"/],
    ['round()', 0, /round\(\) takes 1 to 2 argument/],
  ]
  for (const [src, offset, message] of cases) {
    try {
      translateExpression(src, 'condition')
      t.fail(`${src} should not translate`)
    } catch (err) {
      t.ok(err instanceof PrismeSyntaxError, src)
      t.match((err as Error).message, message, src)
      t.equal((err as PrismeSyntaxError).offset, offset, `${src}: offset`)
    }
  }
})

t.test('strings: {{path}} kept, {% %} translated, offsets inside the string', async t => {
  t.equal(translateTemplate('Hi {{user.name}}!'), 'Hi {{user.name}}!')
  t.equal(translateTemplate('{{headers["x-id"]}}'), '{{headers["x-id"]}}')
  t.equal(translateTemplate('n={% {{n}} + 1 %}'), 'n={% n + 1 %}')
  t.equal(translateTemplate('{{a[{{k}}]}}'), '{% $lookup(a, k) %}')
  t.equal(translateTemplate('by {{run.automationSlug}}'), 'by {{run.automation}}')
  t.equal(translateCondition('{% {{a}} == 1 %}'), 'a = 1', 'a condition key inside {% %}')
  try {
    translateTemplate('x {% {{a}} matches {{b}} %}')
    t.fail('should not translate')
  } catch (err) {
    t.equal((err as PrismeSyntaxError).offset, 19, 'the offset of the pattern inside the whole string')
  }
})
