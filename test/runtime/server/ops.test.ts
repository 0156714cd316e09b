// Operations: /healthz, /readyz (store reachable, not shutting down), /metrics content, log lines.
import t, { type Test } from 'tap'
import { Writable } from 'node:stream'
import { httpEvents } from '../../../runtime/host/http/metrics.ts'
import { createServer } from '../../../runtime/server/app.ts'
import { MemoryStore } from '../../../runtime/host/store/memory.ts'
import { loadWorkspace } from '../../../runtime/workspace/load.ts'
import { connect, fixture, start } from './helpers.ts'

/** The serve-basic fixture served with its log lines (pino JSON) collected, closed at teardown. */
async function loggedServer(t: Test) {
  const lines: any[] = []
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(JSON.parse(String(chunk)))
      done()
    },
  })
  const server = await createServer({
    dir: fixture('serve-basic'),
    port: 0,
    env: {},
    logger: { level: 'info', stream },
  })
  t.teardown(() => server.close())
  return { server, lines }
}

t.test('/healthz and /readyz', async t => {
  const { url } = await start(t)
  const health = await fetch(url + '/healthz')
  t.same(await health.json(), { status: 'ok' })
  const ready = await fetch(url + '/readyz')
  t.equal(ready.status, 200)
  t.match(await ready.json(), { status: 'ok', workspaces: [{ slug: 'serve-basic', automations: Number }] })
})

t.test('/readyz is 503 when the store does not answer', async t => {
  class DownStore extends MemoryStore {
    override async get(): Promise<unknown> {
      throw new Error('connection refused')
    }
  }
  const { workspace } = loadWorkspace(fixture('serve-basic'), { env: {}, store: new DownStore() })
  const listeners = httpEvents.listenerCount('attempt')
  const server = await createServer({ workspaces: [workspace!], port: 0, env: {} })
  const res = await server.app.inject({ url: '/readyz' })
  t.equal(res.statusCode, 503)
  t.same(res.json(), { status: 'unavailable', reason: 'store unreachable: connection refused' })
  t.equal(httpEvents.listenerCount('attempt'), listeners + 1)
  await server.close()
  t.equal(httpEvents.listenerCount('attempt'), listeners, 'close() stops counting upstream attempts')
})

t.test('/metrics: tool calls by tool, action and outcome; latency; webhooks', async t => {
  const { url } = await start(t)
  const client = await connect(t, url)
  await client.callTool({ name: 'pages', arguments: { action: 'get', pageId: '1' } })
  await client.callTool({ name: 'pages', arguments: { action: 'get', pageId: '2' } })
  await client.callTool({ name: 'pages', arguments: { action: 'get' } })
  await client.callTool({ name: 'pages', arguments: { action: 'fail' } })
  await client.callTool({ name: 'pages', arguments: { action: 'bogus-action-name' } })
  await fetch(url + '/webhooks/teapot', { method: 'POST' })
  // What the fetch instruction reports after each attempt (runtime/host/http/metrics.ts).
  const attempt = { workspace: 'serve-basic', method: 'GET', origin: 'https://wiki.example.test', durationMs: 12 }
  httpEvents.emit('attempt', { ...attempt, attempt: 1, status: 503 })
  httpEvents.emit('attempt', { ...attempt, attempt: 2, status: 200 })
  httpEvents.emit('attempt', { ...attempt, attempt: 1, code: 'FETCH_TIMEOUT' })
  httpEvents.emit('attempt', { ...attempt, workspace: 'another-server', attempt: 1, status: 200 })
  // …and before each retry's wait, what made it retry.
  httpEvents.emit('retry', { workspace: 'serve-basic', origin: 'https://wiki.example.test', cause: '503' })
  httpEvents.emit('retry', { workspace: 'another-server', origin: 'https://wiki.example.test', cause: '429' })
  const res = await fetch(url + '/metrics')
  t.match(res.headers.get('content-type'), /^text\/plain/)
  const body = await res.text()
  t.match(body, 'confluence_next_tool_calls_total{workspace="serve-basic",tool="pages",action="get",outcome="ok"} 2')
  t.match(
    body,
    'confluence_next_tool_calls_total{workspace="serve-basic",tool="pages",action="get",outcome="invalid"} 1',
  )
  t.match(
    body,
    'confluence_next_tool_calls_total{workspace="serve-basic",tool="pages",action="fail",outcome="error"} 1',
  )
  t.match(
    body,
    'confluence_next_tool_calls_total{workspace="serve-basic",tool="pages",action="(unknown)",outcome="invalid"} 1',
    'caller-chosen names never become labels',
  )
  t.match(body, 'confluence_next_tool_call_duration_seconds_count{workspace="serve-basic",tool="pages",action="get"} 3')
  t.match(
    body,
    /confluence_next_tool_call_duration_seconds_bucket\{le="0\.005",workspace="serve-basic",tool="pages",action="get"\} \d/,
  )
  t.match(body, 'confluence_next_webhook_calls_total{workspace="serve-basic",endpoint="teapot",status="418"} 1')
  t.match(
    body,
    'confluence_next_upstream_attempts_total{workspace="serve-basic",origin="https://wiki.example.test",status="503"} 1',
  )
  t.match(
    body,
    'confluence_next_upstream_attempts_total{workspace="serve-basic",origin="https://wiki.example.test",status="200"} 1',
  )
  t.match(
    body,
    'confluence_next_upstream_attempts_total{workspace="serve-basic",origin="https://wiki.example.test",status="FETCH_TIMEOUT"} 1',
  )
  t.match(
    body,
    'confluence_next_upstream_retries_total{workspace="serve-basic",origin="https://wiki.example.test",cause="503"} 1',
  )
  t.match(
    body,
    'confluence_next_tool_errors_total{workspace="serve-basic",tool="pages",action="fail",code="EXPRESSION_FAILED"} 1',
    'errors by code',
  )
  t.match(
    body,
    'confluence_next_tool_errors_total{workspace="serve-basic",tool="pages",action="get",code="ARGUMENTS_INVALID"} 1',
  )
  t.match(
    body,
    /confluence_next_automation_runs_total\{workspace="serve-basic",automation="pages\/get",outcome="ok",code=""\} 2/,
  )
  t.match(
    body,
    /confluence_next_automation_runs_total\{workspace="serve-basic",automation="pages\/fail",outcome="error",code="EXPRESSION_FAILED"\} 1/,
  )
  t.match(body, /confluence_next_build_info\{version="\d+\.\d+\.\d+",node="v\d+/)
  t.match(body, /confluence_next_requests_in_flight 1/, 'the scrape itself is in flight')
  t.match(body, 'nodejs_eventloop_lag_p99_seconds', 'event-loop delay')
  t.match(
    body,
    'confluence_next_upstream_duration_seconds_count{workspace="serve-basic",origin="https://wiki.example.test"} 3',
  )
  // Counters keep their increments until a scrape collects them (ops.ts `tallied`): each is counted
  // once, by the scrape after it, and a scrape with nothing new changes nothing.
  await client.callTool({ name: 'pages', arguments: { action: 'get', pageId: '3' } })
  const again = await (await fetch(url + '/metrics')).text()
  const third = await (await fetch(url + '/metrics')).text()
  for (const scraped of [again, third]) {
    t.match(
      scraped,
      'confluence_next_tool_calls_total{workspace="serve-basic",tool="pages",action="get",outcome="ok"} 3',
    )
    t.match(
      scraped,
      /confluence_next_automation_runs_total\{workspace="serve-basic",automation="pages\/get",outcome="ok",code=""\} 3/,
    )
  }
  t.notMatch(body, 'another-server', "other servers' workspaces are not counted here")
  t.match(body, 'process_cpu_user_seconds_total')
})

t.test('one structured log line per call, with the correlation id and no secrets', async t => {
  const { server, lines } = await loggedServer(t)
  await server.app.inject({
    method: 'POST',
    url: '/mcp',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'x-correlation-id': 'corr-1',
      authorization: 'Bearer do-not-log-me',
    },
    payload: { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'pages', arguments: { action: 'fail' } } },
  })
  await server.app.inject({ url: '/webhooks/page.html?token=do-not-log-me', headers: { 'x-correlation-id': 'corr-2' } })
  const calls = lines.filter(l => l.msg === 'call')
  t.equal(calls.length, 2)
  t.match(calls[0], {
    correlationId: 'corr-1',
    method: 'POST',
    path: '/mcp',
    status: 200,
    workspace: 'serve-basic',
    tool: 'pages',
    action: 'fail',
    outcome: 'error',
    code: 'EXPRESSION_FAILED',
    error: /EXPRESSION_FAILED/,
    ms: Number,
  })
  t.match(calls[1], {
    correlationId: 'corr-2',
    path: '/webhooks/page.html',
    status: 201,
    endpoint: 'page.html',
    outcome: 'ok',
  })
  t.notMatch(JSON.stringify(lines), /do-not-log-me/)
})

t.test('audit: every tool call says who it ran as and what came of it; config changes say what changed', async t => {
  const { server, lines } = await loggedServer(t)
  const call = (args: Record<string, unknown>) =>
    server.app.inject({
      method: 'POST',
      url: '/mcp',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      payload: { jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'pages', arguments: args } },
    })
  await call({ action: 'get', pageId: '7', agent_id: 'agent-7', user_id: 'alice', context_id: 'conv-1' })
  await call({ action: 'get', agent_id: 'agent-7' })
  const calls = lines.filter(l => l.msg === 'call')
  t.match(calls[0], {
    tool: 'pages',
    action: 'get',
    outcome: 'ok',
    agent: 'agent-7',
    user: 'alice',
    context: 'conv-1',
    ms: Number,
  })
  t.notOk('code' in calls[0], 'a success has no error code')
  t.match(calls[1], { outcome: 'invalid', code: 'ARGUMENTS_INVALID' })
})
