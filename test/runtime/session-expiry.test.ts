// The `session` scope is deleted `limits.sessionTtlMs` after its last write (docs/language.md "Scopes"):
// a conversation that comes back later starts afresh, and one that keeps writing keeps its scope.
import t from 'tap'
import { DEFAULT_INDEX, loadFiles } from './../helpers/workspace.ts'

const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms))

t.test('a session forgotten after its idle time starts empty; user is kept', async t => {
  const { workspace, diagnostics } = loadFiles({
    'config/index.yml': `${DEFAULT_INDEX}limits: { sessionTtlMs: 1000 }\n`,
    'automations/visit.yml': `slug: visit
name: visit
do:
  - set: { name: session.visits, value: '{% $exists(session.visits) ? session.visits + 1 : 1 %}' }
  - set: { name: user.visits, value: '{% $exists(user.visits) ? user.visits + 1 : 1 %}' }
output: { session: '{{session.visits}}', user: '{{user.visits}}' }
`,
  })
  if (!workspace) throw new Error(JSON.stringify(diagnostics))
  const identity = { userId: 'alice', contextId: 'conversation-1' }
  const visit = async () => (await workspace.run('visit', {}, { identity })).output
  t.same(await visit(), { session: 1, user: 1 })
  await sleep(600)
  t.same(await visit(), { session: 2, user: 2 }, 'within the idle time: kept (and its expiry moved)')
  await sleep(600)
  t.same(await visit(), { session: 3, user: 3 }, '1.2 s after the first write, 0.6 s after the last: kept')
  await sleep(1200)
  t.same(await visit(), { session: 1, user: 4 }, 'idle past the ttl: the session starts again, the user does not')
})
