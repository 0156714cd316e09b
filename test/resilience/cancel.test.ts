// Work stops when nobody waits for it (issue 20): a tool call whose client aborts its HTTP request,
// or cancels it with `notifications/cancelled` (SDK 1.x, 2025 revisions) or by closing the request
// (SDK 2.x, 2026-07-28), is cancelled in the served process — its upstream request is aborted, the
// run goes no further, and /metrics counts it as cancelled. Against a real `serve` in a child
// process and the fake Confluence with a slow page. Loopback only; liveness bounds only.
import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Client as ClientV2, StreamableHTTPClientTransport as TransportV2 } from '@modelcontextprotocol/client'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import t, { type Test } from 'tap'
import { createFakeConfluence, type FakeConfluence } from '../../sandbox/confluence/index.ts'
import { AGENT, API_TOKEN, EMAIL, ROOT } from '../connector/helpers.ts'
import { spawnServe, type Served } from '../helpers/serve.ts'

/** Far longer than any bound below: an upstream answer this late means the run was never stopped. */
const UPSTREAM_DELAY_MS = 120_000
/** Liveness bound for "it stopped" and "it answered": seconds, where the failure mode is minutes. */
const LIVENESS_MS = 15_000
const PAGE = '65538'

/** One upstream exchange as the fake saw it: closed before its answer means the connector aborted it. */
interface Exchange {
  url: string
  closed: boolean
  abortedByClient: boolean
}

async function setup(t: Test): Promise<{ fake: FakeConfluence; served: Served; upstream: Exchange[] }> {
  const fake = await createFakeConfluence({ seed: 'demo' })
  fake.credentials.addApiToken(EMAIL, API_TOKEN)
  const fakeUrl = await fake.listen()
  t.teardown(() => fake.close())
  const upstream: Exchange[] = []
  fake.app.server.on('request', (req, res) => {
    const exchange: Exchange = { url: req.url ?? '', closed: false, abortedByClient: false }
    upstream.push(exchange)
    res.once('close', () => {
      exchange.closed = true
      exchange.abortedByClient = !res.writableFinished
    })
  })
  const served = await spawnServe(t, ['--workspace', ROOT, '--port', '0', '--host', '127.0.0.1'], {
    env: {
      PATH: process.env.PATH,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'cn-cancel-')),
      LOG_LEVEL: 'warn',
      CONFLUENCE_AUTH_MODE: 'apiToken',
      CONFLUENCE_SITE_URL: fakeUrl,
      CONFLUENCE_EMAIL: EMAIL,
      CONFLUENCE_API_TOKEN: API_TOKEN,
      CONFLUENCE_ALLOWED_AGENTS: AGENT,
      CONFLUENCE_ALLOW_LOOPBACK: 'true',
    },
  })
  return { fake, served, upstream }
}

async function until(what: string, test: () => boolean | Promise<boolean>, ms = LIVENESS_MS): Promise<void> {
  const deadline = Date.now() + ms
  while (!(await test())) {
    if (Date.now() > deadline) throw new Error(`not within ${ms} ms: ${what}`)
    await new Promise(resolve => setTimeout(resolve, 25))
  }
}

async function metric(url: string, name: string, labels: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text()
  const line = text.split('\n').find(l => l.startsWith(`${name}{`) && l.includes(labels))
  return line ? Number(line.split(' ').pop()) : 0
}

/** A slow getBody: the fake holds the page's answer for UPSTREAM_DELAY_MS; its exchange, once sent. */
function slowPage(fake: FakeConfluence, upstream: Exchange[]): () => Exchange | undefined {
  const from = upstream.length
  fake.faults.add({ path: new RegExp(`/pages/${PAGE}\\?`), delayMs: UPSTREAM_DELAY_MS })
  return () => upstream.slice(from).find(e => e.url.includes(`/pages/${PAGE}?`))
}

const args = { action: 'getBody', id: PAGE, agent_id: AGENT, user_id: 'user-1' }

t.test('a tool call stops when nobody waits for it', async t => {
  const { fake, served, upstream } = await setup(t)
  const { url } = served
  const counted = (how: string): Promise<number> => metric(url, 'confluence_next_cancelled_calls_total', `how="${how}"`)

  await t.test('the client aborts its HTTP request (2025 revisions, direct JSON-RPC)', async t => {
    const exchange = slowPage(fake, upstream)
    const controller = new AbortController()
    const call = fetch(`${url}/mcp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name: 'pages', arguments: args } }),
      signal: controller.signal,
    }).catch((err: Error) => err)
    await until('the page request reaches the fake', () => exchange() !== undefined)
    const before = upstream.length
    controller.abort()
    t.ok((await call) instanceof Error, 'the client gave up')
    await until('the connector aborts its upstream request', () => exchange()!.closed)
    t.ok(exchange()!.abortedByClient, 'the fake saw the page request aborted before its answer')
    await until('the cancellation is counted', async () => (await counted('disconnected')) === 1)
    t.equal(await counted('disconnected'), 1, 'confluence_next_cancelled_calls_total{how="disconnected"} is 1')
    t.equal(
      await metric(url, 'confluence_next_tool_calls_total', 'outcome="cancelled"'),
      1,
      'the call is counted with outcome "cancelled"',
    )
    t.equal(
      await metric(url, 'confluence_next_tool_errors_total', 'code="RUN_CANCELLED"'),
      0,
      'and not as a tool error',
    )
    t.same(
      upstream.slice(before).map(e => e.url),
      [],
      'the run sent no further upstream request',
    )
  })

  await t.test('the SDK 1.x client cancels with notifications/cancelled (2025 revisions)', async t => {
    const client = new Client({ name: 'cancel-test', version: '1.0.0' })
    await client.connect(new StreamableHTTPClientTransport(new URL(`${url}/mcp`)))
    t.teardown(() => client.close())
    const exchange = slowPage(fake, upstream)
    const controller = new AbortController()
    const call = client
      .callTool({ name: 'pages', arguments: args }, undefined, { signal: controller.signal })
      .catch((err: Error) => err)
    await until('the page request reaches the fake', () => exchange() !== undefined)
    const before = upstream.length
    controller.abort('the user stopped it')
    t.ok((await call) instanceof Error, 'callTool rejects')
    await until('the connector aborts its upstream request', () => exchange()!.closed)
    t.ok(exchange()!.abortedByClient, 'the fake saw the page request aborted before its answer')
    await until('the cancellation is counted', async () => (await counted('notification')) === 1)
    t.equal(await counted('notification'), 1, 'confluence_next_cancelled_calls_total{how="notification"} is 1')
    t.same(
      upstream.slice(before).map(e => e.url),
      [],
      'the run sent no further upstream request',
    )
    const after = await client.callTool({ name: 'pages', arguments: { ...args, action: 'get' } })
    t.notOk(after.isError, 'the same client goes on calling')
  })

  await t.test('the SDK 2.x client aborts a 2026-07-28 call', async t => {
    const client = new ClientV2({ name: 'cancel-test', version: '1.0.0' }, { versionNegotiation: { mode: 'auto' } })
    await client.connect(new TransportV2(new URL(`${url}/mcp`)))
    t.teardown(() => client.close())
    t.equal(client.getNegotiatedProtocolVersion(), '2026-07-28')
    const exchange = slowPage(fake, upstream)
    const controller = new AbortController()
    const disconnected = await counted('disconnected')
    const call = client
      .callTool({ name: 'pages', arguments: args }, { signal: controller.signal })
      .catch((err: Error) => err)
    await until('the page request reaches the fake', () => exchange() !== undefined)
    controller.abort('the user stopped it')
    t.ok((await call) instanceof Error, 'callTool rejects')
    await until('the connector aborts its upstream request', () => exchange()!.closed)
    t.ok(exchange()!.abortedByClient, 'the fake saw the page request aborted before its answer')
    await until(
      'the cancellation is counted',
      async () => (await counted('disconnected')) + (await counted('notification')) > disconnected + 1,
    )
  })

  await t.test('abandoned big reads free the server for another client', async t => {
    // One big page per reader: readers of the same version would share its body through the
    // conversion cache (by version), and the last ones would make no page request of their own.
    const bigs = fake.seedBulk({ pages: 4, bodyBytes: 1_500_000, spaceKey: 'BULK' })
    const from = upstream.length
    const disconnectedBefore = await counted('disconnected')
    const readers = Array.from({ length: 4 }, () => new AbortController())
    const calls = readers.map((controller, i) =>
      fetch(`${url}/mcp`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
        body: JSON.stringify({
          jsonrpc: '2.0',
          id: 100 + i,
          method: 'tools/call',
          params: { name: 'pages', arguments: { ...args, id: bigs[i]!.id } },
        }),
        signal: controller.signal,
      })
        .then(res => res.text())
        .catch((err: Error) => err),
    )
    // Abandoned once the fake has answered each with the page: the work left is the conversion.
    const answered = (): Exchange[] =>
      upstream.slice(from).filter(e => bigs.some(big => e.url.includes(`/pages/${big.id}?`)) && e.closed)
    await until('its big page is served to every reader', () => answered().length === readers.length, 60_000)
    for (const controller of readers) controller.abort()
    const outcomes = await Promise.all(calls)
    t.ok(
      outcomes.every(o => o instanceof Error),
      'every reader gave up before its answer',
    )
    // A conversion left running would end (seconds of CPU each, one after the other on the pool's
    // threads) before its run could see the cancellation: counted this soon, the threads were stopped.
    await until(
      'every abandoned read is counted as cancelled',
      async () => (await counted('disconnected')) >= disconnectedBefore + readers.length,
    )
    const started = performance.now()
    const res = await fetch(`${url}/mcp`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
      body: JSON.stringify({
        jsonrpc: '2.0',
        id: 200,
        method: 'tools/call',
        params: { name: 'pages', arguments: { ...args, action: 'get' } },
      }),
      signal: AbortSignal.timeout(LIVENESS_MS * 4),
    })
    const answer = (await res.json()) as { result?: { isError?: boolean } }
    const ms = performance.now() - started
    t.ok(answer.result && !answer.result.isError, "another client's pages.get succeeds")
    t.ok(ms < LIVENESS_MS, `and answers within ${LIVENESS_MS} ms (${ms.toFixed(0)} ms)`)
    t.ok(served.alive(), 'the server is alive')
  })
  t.same(fake.violations, [], 'the fake saw only valid requests and responses')
})
