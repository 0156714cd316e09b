// Both MCP eras on one running server, each through the official SDK's own client: 2025 revisions
// (SDK 1.x client: initialize, then requests) and 2026-07-28 (SDK 2.x client: server/discover, then
// stateless requests with the per-request `_meta` envelope and the Mcp-Method/Mcp-Name headers).
import t from 'tap'
import { Client as ClientV2, StreamableHTTPClientTransport as TransportV2 } from '@modelcontextprotocol/client'
import { connect, rpc, start, text, type Teardown } from './helpers.ts'

const MODERN = '2026-07-28'
const ENVELOPE = {
  'io.modelcontextprotocol/protocolVersion': MODERN,
  'io.modelcontextprotocol/clientInfo': { name: 'raw', version: '1' },
  'io.modelcontextprotocol/clientCapabilities': {},
}

interface Seen {
  method?: string
  headers: Headers
  status: number
}

/** A 2.x client connected to `url`/mcp (negotiating, unless `mode` pins it); what it sent is in `seen`. */
interface Connected {
  client: ClientV2
  seen: Seen[]
}
interface V2Options {
  mode?: 'auto' | 'legacy'
  headers?: Record<string, string>
  urls?: string[]
}

async function connectV2(t: Teardown, url: string, options: V2Options = {}): Promise<Connected> {
  const seen: Seen[] = []
  let n = 0
  // With `urls`, each request goes to the next server in turn: no request depends on an earlier one.
  const spy = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const target = options.urls ? `${options.urls[n++ % options.urls.length]}/mcp` : input
    const res = await fetch(target, init)
    const body = typeof init?.body === 'string' ? (JSON.parse(init.body) as { method?: string }) : undefined
    seen.push({ method: body?.method, headers: new Headers(init?.headers), status: res.status })
    return res
  }
  const client = new ClientV2(
    { name: 'revisions-test', version: '1.0.0' },
    { versionNegotiation: { mode: options.mode ?? 'auto' } },
  )
  const transport = new TransportV2(new URL(url + '/mcp'), {
    fetch: spy,
    requestInit: { headers: options.headers ?? {} },
  })
  await client.connect(transport)
  t.teardown(() => client.close())
  return { client, seen }
}

t.test('one server, both eras: the same tools, results and errors', async t => {
  const { url } = await start(t)
  const v1 = await connect(t, url)
  const { client: v2, seen } = await connectV2(t, url)
  t.equal(v2.getNegotiatedProtocolVersion(), MODERN, 'the 2.x client negotiates 2026-07-28')
  t.equal(seen[0].method, 'server/discover', 'without an initialize handshake')
  t.notOk(seen.some(s => s.method === 'initialize'))
  t.match(v2.getServerVersion(), { name: 'serve-basic-test' })
  t.equal(v2.getInstructions(), v1.getInstructions())

  const [old, now] = [await v1.listTools(), await v2.listTools()]
  t.same(
    now.tools.map(x => x.name),
    old.tools.map(x => x.name),
  )
  t.same(now.tools.find(x => x.name === 'pages')?.inputSchema, old.tools.find(x => x.name === 'pages')?.inputSchema)

  const args = { name: 'pages', arguments: { action: 'get', pageId: '5' } }
  t.equal(text(await v2.callTool(args)), text(await v1.callTool(args)))
  t.equal(text(await v2.callTool(args)), 'Page 5: Page 5')

  const failure = async (client: { callTool(a: typeof args): Promise<unknown> }): Promise<string> =>
    client.callTool({ name: 'nope', arguments: { action: 'get', pageId: '5' } }).then(
      () => 'no error',
      (e: Error) => e.message,
    )
  t.match(await failure(v2), /Unknown tool: nope/)
  t.match(await failure(v1), /Unknown tool: nope/)
  const failing = await v2.callTool({ name: 'pages', arguments: { action: 'fail' } })
  t.equal(failing.isError, true, 'a failing automation is a tool result with isError')
})

t.test('2026-07-28 requests carry the Mcp-Method and Mcp-Name headers; lists carry cache hints', async t => {
  const { url } = await start(t)
  const { client, seen } = await connectV2(t, url)
  await client.listTools()
  await client.callTool({ name: 'whoami', arguments: {} })
  const call = seen.find(s => s.method === 'tools/call')!
  t.equal(call.headers.get('mcp-method'), 'tools/call')
  t.equal(call.headers.get('mcp-name'), 'whoami')
  t.equal(call.headers.get('mcp-protocol-version'), MODERN)
  t.ok(seen.every(s => s.status === 200))

  const discover = await rpc(
    url,
    { jsonrpc: '2.0', id: 1, method: 'server/discover', params: { _meta: ENVELOPE } },
    { 'mcp-protocol-version': MODERN, 'mcp-method': 'server/discover' },
  )
  t.equal(discover.status, 200)
  t.match(discover.json.result, {
    supportedVersions: [MODERN],
    capabilities: { tools: { listChanged: false } },
    ttlMs: 60_000,
    cacheScope: 'private',
    _meta: { 'io.modelcontextprotocol/serverInfo': { name: 'serve-basic-test' } },
  })
  const list = await rpc(
    url,
    { jsonrpc: '2.0', id: 2, method: 'tools/list', params: { _meta: ENVELOPE } },
    { 'mcp-protocol-version': MODERN, 'mcp-method': 'tools/list' },
  )
  t.match(list.json.result, { ttlMs: 60_000, cacheScope: 'private' })
  t.ok(list.json.result.tools.length >= 4)
  const legacyList = await rpc(url, { jsonrpc: '2.0', id: 3, method: 'tools/list' })
  t.notOk('ttlMs' in legacyList.json.result, 'a 2025-era list has no cache fields')
})

t.test('2026-07-28 errors: header mismatch, missing envelope, unknown revision, no key', async t => {
  const { url } = await start(t)
  const modern = { 'mcp-protocol-version': MODERN }
  const call = {
    jsonrpc: '2.0',
    id: 1,
    method: 'tools/call',
    params: { name: 'whoami', arguments: {}, _meta: ENVELOPE },
  }

  const direct = await rpc(url, call, { ...modern, 'mcp-method': 'tools/call', 'mcp-name': 'whoami' })
  t.equal(direct.status, 200, 'a first request needs no handshake')
  t.ok(direct.json.result.content, 'answered')

  const wrongName = await rpc(url, call, { ...modern, 'mcp-method': 'tools/call', 'mcp-name': 'pages' })
  t.equal(wrongName.status, 400, 'an Mcp-Name that disagrees with the body is refused')
  t.equal(wrongName.json.error.code, -32020)
  const wrongMethod = await rpc(url, call, { ...modern, 'mcp-method': 'tools/list', 'mcp-name': 'whoami' })
  t.equal(wrongMethod.json.error.code, -32020, 'so is a disagreeing Mcp-Method')

  const noEnvelope = await rpc(
    url,
    { jsonrpc: '2.0', id: 2, method: 'tools/list' },
    { ...modern, 'mcp-method': 'tools/list' },
  )
  t.equal(noEnvelope.json.error.code, -32602, 'the 2026 header without the envelope')

  const future = { ...ENVELOPE, 'io.modelcontextprotocol/protocolVersion': '2099-01-01' }
  const unknown = await rpc(
    url,
    { jsonrpc: '2.0', id: 3, method: 'tools/list', params: { _meta: future } },
    { 'mcp-protocol-version': '2099-01-01', 'mcp-method': 'tools/list' },
  )
  t.equal(unknown.status, 400)
  t.equal(unknown.json.error.code, -32022)
  t.same(unknown.json.error.data.supported, [MODERN], 'the error names the revision served')

  const { url: keyed } = await start(t, { apiKeys: ['revisions-test-key-0123456789'] })
  const refused = await rpc(keyed, call, { ...modern, 'mcp-method': 'tools/call', 'mcp-name': 'whoami' })
  t.equal(refused.status, 401)
  const { client } = await connectV2(t, keyed, { headers: { authorization: 'Bearer revisions-test-key-0123456789' } })
  t.equal(client.getNegotiatedProtocolVersion(), MODERN, 'with the key, the 2.x client connects')
})

t.test('the 2.x client in legacy mode still gets the 2025 handshake', async t => {
  const { url } = await start(t)
  const { client, seen } = await connectV2(t, url, { mode: 'legacy' })
  t.equal(seen[0].method, 'initialize')
  t.equal(client.getNegotiatedProtocolVersion(), '2025-11-25')
  t.equal(text(await client.callTool({ name: 'pages', arguments: { action: 'get', pageId: '5' } })), 'Page 5: Page 5')
})

t.test('stateless: each request of a 2026-07-28 client may reach another instance', async t => {
  const a = await start(t)
  const b = await start(t)
  const { client, seen } = await connectV2(t, a.url, { urls: [a.url, b.url] })
  await client.listTools()
  t.equal(text(await client.callTool({ name: 'pages', arguments: { action: 'get', pageId: '5' } })), 'Page 5: Page 5')
  t.equal(seen.length, 3, 'discover on one instance, list on the other, the call on the first')
})

t.test('2026-07-28: the direct answer is the SDK answer', async t => {
  const { url } = await start(t)
  const headers = (method: string, name?: string): Record<string, string> => ({
    'mcp-protocol-version': MODERN,
    'mcp-method': method,
    ...(name ? { 'mcp-name': name } : {}),
  })
  // Another `_meta` key (a trace context) leaves the request valid but takes it through the SDK.
  const traced = { ...ENVELOPE, traceparent: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01' }
  const params = { name: 'pages', arguments: { action: 'get', pageId: '5', outputFormat: 'both' } }
  for (const [method, p, name] of [
    ['tools/call', params, 'pages'],
    ['tools/list', {}, undefined],
  ] as const) {
    const message = (meta: object): object => ({ jsonrpc: '2.0', id: 7, method, params: { ...p, _meta: meta } })
    const direct = await rpc(url, message(ENVELOPE), headers(method, name))
    const sdk = await rpc(url, message(traced), headers(method, name))
    t.equal(direct.status, 200)
    t.same(direct.json, sdk.json, `${method}: the same answer on both paths`)
    t.equal(direct.json.result.resultType, 'complete')
  }
  const unknown = { name: 'nope', arguments: {} }
  const message = (meta: object): object => ({
    jsonrpc: '2.0',
    id: 8,
    method: 'tools/call',
    params: { ...unknown, _meta: meta },
  })
  const direct = await rpc(url, message(ENVELOPE), headers('tools/call', 'nope'))
  const sdk = await rpc(url, message(traced), headers('tools/call', 'nope'))
  t.same(direct.json, sdk.json, 'an unknown tool: the same error')
  t.equal(direct.json.error.code, -32602)
})
