// /metrics with prom-client loaded off the start path (ops.ts Metrics): what happens before it loads
// waits in a bounded list and is replayed, so a scrape always sees every call since the start.
import t, { type Test } from 'tap'
import { httpEvents } from '../../../runtime/host/http/metrics.ts'
import { createServer, type RuntimeServer } from '../../../runtime/server/app.ts'
import { Metrics } from '../../../runtime/server/ops.ts'
import { fixture } from './helpers.ts'

async function server(t: Test): Promise<RuntimeServer> {
  const created = await createServer({ dir: fixture('serve-basic'), port: 0, logger: false, env: {} })
  t.teardown(() => created.close())
  return created
}

let ids = 0
/** One raw tools/call through fastify's inject: no socket, so it can run before listen(). */
async function callTool(s: RuntimeServer, args: Record<string, unknown>): Promise<void> {
  const res = await s.app.inject({
    method: 'POST',
    url: '/mcp',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    payload: { jsonrpc: '2.0', id: ++ids, method: 'tools/call', params: { name: 'pages', arguments: args } },
  })
  if (res.statusCode !== 200) throw new Error(`tools/call answered ${res.statusCode}: ${res.body}`)
}

const getCalls = (n: number): string =>
  `confluence_next_tool_calls_total{workspace="serve-basic",tool="pages",action="get",outcome="ok"} ${n}\n`

t.test('a scrape right after the start counts the calls made before prom-client was loaded', async t => {
  const s = await server(t)
  await callTool(s, { action: 'get', pageId: '1' })
  await callTool(s, { action: 'get', pageId: '2' })
  await callTool(s, { action: 'fail' })
  await s.app.inject({ method: 'POST', url: '/webhooks/teapot' })
  const attempt = { workspace: 'serve-basic', method: 'GET', origin: 'https://wiki.example.test', durationMs: 12 }
  httpEvents.emit('attempt', { ...attempt, attempt: 1, status: 503 })
  httpEvents.emit('retry', { workspace: 'serve-basic', origin: 'https://wiki.example.test', cause: '503' })
  t.equal(s.metrics.state, 'buffering', 'nothing has asked for prom-client yet')

  const url = await s.listen()
  const res = await fetch(url + '/metrics')
  t.equal(res.status, 200)
  t.match(res.headers.get('content-type'), /^text\/plain/)
  const body = await res.text()
  t.equal(s.metrics.state, 'loaded', 'the scrape loaded it')
  t.match(body, getCalls(2))
  t.match(body, 'confluence_next_tool_call_duration_seconds_count{workspace="serve-basic",tool="pages",action="get"} 2')
  t.match(
    body,
    'confluence_next_tool_errors_total{workspace="serve-basic",tool="pages",action="fail",code="EXPRESSION_FAILED"} 1',
  )
  t.match(
    body,
    /confluence_next_automation_runs_total\{workspace="serve-basic",automation="pages\/get",outcome="ok",code=""\} 2/,
  )
  t.match(body, 'confluence_next_webhook_calls_total{workspace="serve-basic",endpoint="teapot",status="418"} 1')
  t.match(
    body,
    'confluence_next_upstream_attempts_total{workspace="serve-basic",origin="https://wiki.example.test",' +
      'status="503"} 1',
  )
  t.match(
    body,
    'confluence_next_upstream_retries_total{workspace="serve-basic",origin="https://wiki.example.test",cause="503"} 1',
  )
  t.match(body, /confluence_next_requests_in_flight 1/)
  t.match(body, 'nodejs_eventloop_lag_p99_seconds')

  // Once loaded, calls go straight to the registry.
  await callTool(s, { action: 'get', pageId: '3' })
  t.match(await (await fetch(url + '/metrics')).text(), getCalls(3))
})

t.test('without a scrape, prom-client is loaded a little after listen()', async t => {
  const s = await server(t)
  await s.listen()
  await callTool(s, { action: 'get', pageId: '1' })
  while (s.metrics.state !== 'loaded') await new Promise(resolve => setTimeout(resolve, 50))
  const res = await s.app.inject({ url: '/metrics' })
  t.match(res.body, getCalls(1))
})

t.test('the list is bounded: when it is full, prom-client is loaded at once and nothing is dropped', async t => {
  const metrics = new Metrics(3)
  metrics.toolCall('w', 'pages', 'get', 'ok', 0.01)
  metrics.webhookCall('w', 'hook', 200, 0.01)
  t.equal(metrics.state, 'buffering')
  metrics.callCancelled('w', 'mcp', 'disconnected')
  t.equal(metrics.state, 'loading', 'the third observation fills the list: no timer or scrape waited for')
  // Made while the import runs: it waits too, and is not lost.
  metrics.toolCall('w', 'pages', 'get', 'ok', 0.02)
  const body = await (await metrics.registry()).metrics()
  t.equal(metrics.state, 'loaded')
  t.match(body, 'confluence_next_tool_calls_total{workspace="w",tool="pages",action="get",outcome="ok"} 2')
  t.match(body, 'confluence_next_webhook_calls_total{workspace="w",endpoint="hook",status="200"} 1')
  t.match(body, 'confluence_next_cancelled_calls_total{workspace="w",surface="mcp",how="disconnected"} 1')
})

t.test('the metrics of two servers in one process stay apart, before and after prom-client loads', async t => {
  const a = await server(t)
  const b = await server(t)
  await callTool(a, { action: 'get', pageId: '1' })
  await callTool(a, { action: 'get', pageId: '2' })
  await callTool(b, { action: 'get', pageId: '1' })
  const scrape = async (s: RuntimeServer): Promise<string> => (await s.app.inject({ url: '/metrics' })).body
  t.match(await scrape(a), getCalls(2))
  t.equal(b.metrics.state, 'buffering', "a's scrape loads a's registry only")
  const ofB = await scrape(b)
  t.match(ofB, getCalls(1))
  t.match(ofB, 'nodejs_eventloop_lag_p99_seconds', 'each registry has the default metrics')
  await callTool(b, { action: 'get', pageId: '2' })
  await callTool(b, { action: 'get', pageId: '3' })
  t.match(await scrape(b), getCalls(3))
  t.match(await scrape(a), getCalls(2))
})
