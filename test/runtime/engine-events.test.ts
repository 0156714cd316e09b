// Event order (runtime/engine/workspace.ts emit/waitFor): observers see a run's events in the order emitted, a
// listener's reply comes after its event, and a wait sees only events after the run's own last emit.
import t from 'tap'
import { loadFiles } from '../helpers/workspace.ts'

const files = {
  'automations/main.yml': `do:
  - emit: { event: first }
  - emit: { event: second }
  - set: { name: done, value: true }
output: '{{done}}'
`,
  'automations/listener.yml': `when:
  events: [first]
do:
  - emit: { event: reply }
`,
}

t.test("observers see a run's events in emit order, and a listener's reply after what triggered it", async t => {
  const { workspace } = loadFiles(files)
  t.ok(workspace)
  const seen: string[] = []
  workspace!.events.on('event', (e: { type: string }) => seen.push(e.type))
  const { output } = await workspace!.run('main')
  t.equal(output, true)
  await workspace!.drain()
  // Where `reply` falls relative to `second` depends on when the runner yields the event loop.
  t.same(
    seen.filter(e => e !== 'reply'),
    ['first', 'second'],
  )
  t.same(
    seen.filter(e => e !== 'second'),
    ['first', 'reply'],
    'the listener ran once, after its event',
  )
})

t.test('a wait registered before the event resolves with it; one registered after does not see it', async t => {
  const { workspace } = loadFiles({
    'automations/main.yml': `do:
  - wait: { event: go, timeout: 2, output: got }
output: '{{got.payload}}'
`,
    'automations/late.yml': `do:
  - wait: { event: go, timeout: 0.2, output: got }
output: '{% $exists(got) %}'
`,
    'automations/go.yml': `do:
  - emit: { event: go, payload: { n: 1 } }
`,
  })
  const waiting = workspace!.run('main')
  // The waiter is in place once main has started its `wait` (a turn or two of the event loop).
  await new Promise(resolve => setTimeout(resolve, 50))
  await workspace!.run('go')
  t.same((await waiting).output, { n: 1 })
  const late = await workspace!.run('late')
  t.equal(late.output, false, "an event before a fresh run's wait is not replayed to it")
})

t.test("an event a wait received is not received again by the run's next wait", async t => {
  const { workspace } = loadFiles({
    'automations/main.yml': `do:
  - emit: { event: started }
  - wait: { event: go, timeout: 2, output: first }
  - wait: { event: go, timeout: 0.2, output: again }
output: { first: '{{first.payload}}', again: '{% $exists(again) %}' }
`,
    'automations/go.yml': `do:
  - emit: { event: go, payload: { n: 2 } }
`,
  })
  const waiting = workspace!.run('main')
  await new Promise(resolve => setTimeout(resolve, 50))
  await workspace!.run('go')
  t.same((await waiting).output, { first: { n: 2 }, again: false })
})
