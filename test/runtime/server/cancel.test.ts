// Cancellation (docs/serving.md "Cancellation"): a webhook or tool call whose client goes away stops
// where it is — it writes nothing more, releases its lock, and is counted as cancelled; a
// notifications/cancelled naming an id two calls share cancels neither.
import t from 'tap'
import { createServer } from '../../../runtime/server/app.ts'
import { writeWorkspace } from '../../helpers/workspace.ts'

const WORKSPACE = {
  'config/index.yml': `slug: cancel
name: Cancel
mcp:
  tools:
    slow: { description: Waits and then writes. }
`,
  // Holds a lock while it waits; would write global.after once the wait is over.
  'automations/hold.yml': `when:
  endpoint: hold
  mcp: { tool: slow, action: hold }
do:
  - set: { name: global.before, value: '{% $count(global.before) + 1 %}' }
  - lock:
      key: shared
      do:
        - wait: { timeout: 20 }
        - set: { name: global.after, value: written }
output: done
`,
  // Takes the same lock with a short wait: answers only if the cancelled holder released it.
  'automations/take.yml': `when:
  endpoint: take
  mcp: { tool: slow, action: take }
do:
  - lock: { key: shared, wait: 5, do: [] }
output: { before: '{{global.before}}', after: '{{global.after}}' }
`,
}

async function until(what: string, test: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 15_000
  while (!(await test())) {
    if (Date.now() > deadline) throw new Error(`not within 15 s: ${what}`)
    await new Promise(resolve => setTimeout(resolve, 20))
  }
}

async function metric(url: string, labels: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text()
  const line = text.split('\n').find(l => l.startsWith('confluence_next_cancelled_calls_total{') && l.includes(labels))
  return line ? Number(line.split(' ').pop()) : 0
}

const HEADERS = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }
const rpc = (id: number | string, action: string): string =>
  JSON.stringify({ jsonrpc: '2.0', id, method: 'tools/call', params: { name: 'slow', arguments: { action } } })

t.test('a webhook whose client disconnects stops, writes nothing more and releases its lock', async t => {
  const server = await createServer({ dir: writeWorkspace(WORKSPACE), port: 0, logger: false, env: {} })
  const url = await server.listen()
  t.teardown(() => server.close())
  const controller = new AbortController()
  const held = fetch(`${url}/webhooks/hold`, { method: 'POST', signal: controller.signal }).catch((e: Error) => e)
  // The lock is held once `before` is written and the wait began (a take would time out meanwhile).
  await new Promise(resolve => setTimeout(resolve, 300))
  controller.abort()
  t.ok((await held) instanceof Error)
  await until('the webhook is counted as cancelled', async () => (await metric(url, 'surface="webhook"')) === 1)
  const take = await fetch(`${url}/webhooks/take`, { method: 'POST' })
  t.equal(take.status, 200, 'the lock was released: another run takes it')
  const state = (await take.json()) as Record<string, unknown>
  t.equal(state.before, 1, 'what ran before the cancel stays')
  t.notOk('after' in state, 'what came after it never ran')
  const text = await (await fetch(`${url}/metrics`)).text()
  t.match(text, /confluence_next_webhook_calls_total\{[^}]*endpoint="hold"[^}]*status="499"\} 1/)
  t.match(text, /confluence_next_automation_runs_total\{[^}]*automation="hold",outcome="cancelled"/)
})

t.test('notifications/cancelled cancels the one call it names, never an ambiguous one', async t => {
  const server = await createServer({ dir: writeWorkspace(WORKSPACE), port: 0, logger: false, env: {} })
  const url = await server.listen()
  t.teardown(() => server.close())
  const post = (body: string, signal?: AbortSignal): Promise<Response> =>
    fetch(`${url}/mcp`, { method: 'POST', headers: { ...HEADERS, 'mcp-protocol-version': '2025-06-18' }, body, signal })
  const cancel = (requestId: number | string): Promise<Response> =>
    post(JSON.stringify({ jsonrpc: '2.0', method: 'notifications/cancelled', params: { requestId, reason: 'test' } }))

  const one = post(rpc(7, 'hold')).then(
    r => r.json() as Promise<{ result: { isError?: boolean; content: Array<{ text: string }> } }>,
  )
  await new Promise(resolve => setTimeout(resolve, 300))
  t.equal((await cancel('7')).status, 202, 'the SDK accepts the notification')
  t.equal((await cancel(8)).status, 202)
  await new Promise(resolve => setTimeout(resolve, 200))
  t.equal(await metric(url, 'how="notification"'), 0, 'ids "7" and 8 name no call in flight (7 is a number)')
  t.equal((await cancel(7)).status, 202)
  const result = await one
  t.equal(result.result.isError, true)
  t.match(
    result.result.content[0].text,
    /slow\.hold was cancelled \(RUN_CANCELLED\): the run was cancelled: the client sent notifications\/cancelled/,
  )
  t.equal(await metric(url, 'how="notification"'), 1)

  // Two clients sharing a key, both at id 1: a cancellation could be either's, so it stops neither.
  const aborts = [new AbortController(), new AbortController()]
  const twins = aborts.map(c => post(rpc(1, 'hold'), c.signal).catch((e: Error) => e))
  await new Promise(resolve => setTimeout(resolve, 300))
  await cancel(1)
  await new Promise(resolve => setTimeout(resolve, 200))
  t.equal(await metric(url, 'how="notification"'), 1, 'the ambiguous cancellation stopped nothing')
  for (const c of aborts) c.abort()
  await Promise.all(twins)
  await until('both are cancelled by their disconnects', async () => (await metric(url, 'how="disconnected"')) === 2)
})
