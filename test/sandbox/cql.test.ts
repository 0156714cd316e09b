// CQL lexer, parser and evaluator without HTTP.
import t from 'tap'
import { search, type SearchEntity } from '../../sandbox/confluence/cql/evaluate.ts'
import { CqlError, tokenize } from '../../sandbox/confluence/cql/lexer.ts'
import { parseCql } from '../../sandbox/confluence/cql/parser.ts'
import { decorate, excerpt, textQuery } from '../../sandbox/confluence/cql/text-match.ts'

const day = (d: string) => Date.parse(`${d}T12:00:00.000Z`)
const entity = (over: Partial<SearchEntity>): SearchEntity => ({
  type: 'page',
  id: '1',
  title: '',
  text: '',
  spaceKey: 'DEMO',
  spaceId: '9',
  labels: [],
  ancestorIds: [],
  created: day('2024-01-15'),
  modified: day('2024-01-15'),
  creator: 'u1',
  contributors: ['u1'],
  ...over,
})
const ENTITIES = [
  entity({
    id: '1',
    title: 'Deploy guide',
    text: 'How we deploy services safely',
    labels: ['guide'],
    created: day('2024-01-10'),
  }),
  entity({
    id: '2',
    title: 'Incident runbook',
    text: 'Rollback steps for failed deployments',
    labels: ['runbook'],
    parentId: '1',
    ancestorIds: ['1'],
    modified: day('2024-02-01'),
  }),
  entity({ id: '3', type: 'space', title: 'Demo', text: 'The demo space', spaceKey: 'DEMO', creator: 'u2' }),
  entity({ id: '4', title: 'Other space page', spaceKey: 'ENG', text: 'nothing here', creator: 'u2' }),
]
const ids = (cql: string) =>
  search(parseCql(cql), ENTITIES, { currentUser: 'u2', now: day('2024-03-01') }).map(h => h.entity.id)

t.test('lexer', async t => {
  t.same(
    tokenize('title ~ "a \\"b\\"" AND x!=1').map(tok => ('value' in tok ? tok.value : tok.kind)),
    ['title', '~', 'a "b"', 'AND', 'x', '!=', '1'],
  )
  t.throws(() => tokenize('title = "open'), CqlError)
  t.throws(() => tokenize('title = $'), CqlError)
})

t.test('parser: precedence, IN lists, functions, order by', async t => {
  const q = parseCql('type = page OR type = blogpost AND NOT label in (a, "b") order by lastmodified desc, title')
  t.match(q.where, {
    kind: 'or',
    right: { kind: 'and', right: { kind: 'not', expr: { op: 'in', values: [{ value: 'a' }, { value: 'b' }] } } },
  })
  t.same(q.orderBy, [
    { field: 'lastmodified', desc: true },
    { field: 'title', desc: false },
  ])
  t.match(parseCql('creator = currentUser()').where, { values: [{ kind: 'func', name: 'currentuser', args: [] }] })
  t.match(parseCql('SPACE.KEY = x').where, { field: 'space' }, 'fields are case-insensitive and aliased')
  for (const bad of [
    '',
    'type',
    'type =',
    'foo = 1',
    'text = x',
    'label ~ x',
    'type = page order by body',
    '(type = page',
    'type = page garbage',
    'type not page',
  ]) {
    t.throws(() => parseCql(bad), CqlError, bad)
  }
})

t.test('evaluation', async t => {
  t.same(ids('type = page AND text ~ deploy order by title'), ['1', '2'], 'stemming: deploy ~ deployments')
  t.same(ids('title ~ "run*"'), ['2'])
  t.same(ids('text ~ "\\"failed deployments\\""'), ['2'], 'quoted phrase')
  t.same(ids('space = eng'), ['4'])
  t.same(ids('type = space'), ['3'])
  t.same(ids('label = guide OR parent = 1 order by id'), ['1', '2'])
  t.same(ids('ancestor = 1'), ['2'])
  t.same(ids('type = page AND space != DEMO'), ['4'])
  t.same(ids('type = page AND NOT (label = guide OR label = runbook)'), ['4'])
  t.same(ids('id in (2, 4) order by id desc'), ['4', '2'])
  t.same(ids('type = page AND creator = currentUser()'), ['4'])
  t.same(ids('type = page AND created < "2024-01-15" '), ['1'])
  t.same(
    ids('type = page AND lastmodified >= startOfMonth("-1M")'),
    ['2', '1', '4'],
    'default order: relevance, then newest',
  )
  t.same(ids('type = page AND lastmodified > -40d'), ['2'])
  t.throws(() => ids('created > "someday"'), CqlError)
})

t.test('excerpts and highlighting', async t => {
  const q = textQuery('rollback')
  t.equal(
    excerpt('Rollback steps for <failed> deployments', [q], 'highlight'),
    '@@@hl@@@Rollback@@@endhl@@@ steps for &lt;failed&gt; deployments',
  )
  t.equal(excerpt('Rollback <x>', [q], 'highlight_unescaped'), '@@@hl@@@Rollback@@@endhl@@@ <x>')
  t.equal(excerpt('Rollback <x>', [q], 'indexed'), 'Rollback &lt;x&gt;')
  t.equal(excerpt('anything', [q], 'none'), '')
  const long = `${'word '.repeat(100)}rollback ${'tail '.repeat(100)}`
  t.match(excerpt(long, [q], 'highlight'), /^\.\.\.(word )+@@@hl@@@rollback@@@endhl@@@ (tail )+.*\.\.\.$/)
  t.equal(
    decorate(
      'Incident runbook',
      textQuery('runbook').terms.map(x => x.test),
      'highlight',
    ),
    'Incident @@@hl@@@runbook@@@endhl@@@',
  )
})
