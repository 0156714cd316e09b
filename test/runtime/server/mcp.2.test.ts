// MCP: identity injection, the raw HTTP protocol (what non-SDK agents and load tools send), and the
// direct path answering exactly like the SDK path.
import t from 'tap'
import { createServer } from '../../../runtime/server/app.ts'
import { loadWorkspace } from '../../../runtime/workspace/load.ts'
import { connect, fixture, rpc, start } from './helpers.ts'

const call = (id: number, name: string, args: Record<string, unknown>) => ({
  jsonrpc: '2.0',
  id,
  method: 'tools/call',
  params: { name, arguments: args },
})

t.test('identity: from the arguments, else from the x-*-id headers', async t => {
  const { url } = await start(t)
  const client = await connect(t, url, {
    'x-user-id': 'header-user',
    'x-agent-id': 'header-agent',
    'x-context-id': 'header-ctx',
  })
  const fromArgs = await client.callTool({
    name: 'whoami',
    arguments: { user_id: 'u-1', agent_id: 'a-1', context_id: 'c-1', outputFormat: 'structured' },
  })
  t.same(fromArgs.structuredContent, {
    user: 'u-1',
    userId: 'u-1',
    agent: 'a-1',
    context: 'c-1',
    trigger: { type: 'mcp', value: 'whoami.show' },
  })
  const fromHeaders = await client.callTool({ name: 'whoami', arguments: { outputFormat: 'structured' } })
  t.same(fromHeaders.structuredContent, {
    user: 'header-user',
    userId: 'header-user',
    agent: 'header-agent',
    context: 'header-ctx',
    trigger: { type: 'mcp', value: 'whoami.show' },
  })
  const bad = await client.callTool({ name: 'whoami', arguments: { user_id: 5 } })
  t.equal(bad.isError, true)
  t.same(bad.content, [{ type: 'text', text: 'whoami.show: `user_id` must be a string' }])
})

t.test('raw JSON-RPC: direct answers, notifications, wrong methods, parse errors', async t => {
  const { url } = await start(t)
  const listed = await rpc(url, { jsonrpc: '2.0', id: 1, method: 'tools/list' })
  t.equal(listed.status, 200)
  t.equal(listed.json.result.tools.length, 4, 'tools/list without initialize (stateless)')
  t.match(listed.headers.get('x-correlation-id'), /^[0-9a-f-]{36}$/)
  const got = await rpc(url, call(7, 'pages', { action: 'get', pageId: '9' }), { 'x-correlation-id': 'trace-123' })
  t.same(got.json, { jsonrpc: '2.0', id: 7, result: { content: [{ type: 'text', text: 'Page 9: Page 9' }] } })
  t.equal(got.headers.get('x-correlation-id'), 'trace-123', 'a sane caller correlation id is kept')
  t.same((await rpc(url, { jsonrpc: '2.0', id: 'p', method: 'ping' })).json, { jsonrpc: '2.0', id: 'p', result: {} })
  const unknownTool = await rpc(url, call(2, 'nope', {}))
  t.same(unknownTool.json, { jsonrpc: '2.0', id: 2, error: { code: -32602, message: 'Unknown tool: nope' } })

  const note = await rpc(url, { jsonrpc: '2.0', method: 'notifications/initialized' })
  t.equal(note.status, 202, 'notifications get 202')
  const parse = await rpc(url, '{"jsonrpc": "2.0", "id": 1, "method": ')
  t.equal(parse.status, 400)
  t.equal(parse.json.error.code, -32700)
  const method = await rpc(url, { jsonrpc: '2.0', id: 3, method: 'resources/list' })
  t.equal(method.json.error.code, -32601, 'unsupported methods: method not found')
  const notAcceptable = await rpc(url, { jsonrpc: '2.0', id: 4, method: 'tools/list' }, { accept: 'application/json' })
  t.equal(notAcceptable.status, 406, 'the SDK rules on what the direct path does not take')
  const version = await rpc(
    url,
    { jsonrpc: '2.0', id: 5, method: 'tools/list' },
    { 'mcp-protocol-version': '1999-01-01' },
  )
  t.equal(version.status, 400)

  for (const m of ['GET', 'DELETE']) {
    const res = await fetch(url + '/mcp', { method: m, headers: { accept: 'text/event-stream' } })
    t.equal(res.status, 405, `${m} /mcp`)
    t.same(await res.json(), { jsonrpc: '2.0', error: { code: -32000, message: 'Method not allowed.' }, id: null })
  }
})

t.test('the SDK path (a batch) answers like the direct path', async t => {
  const { url } = await start(t)
  const direct = await rpc(url, call(1, 'pages', { action: 'get', outputFormat: 'both', pageId: '5' }))
  const batch = await rpc(
    url,
    [call(1, 'pages', { action: 'get', outputFormat: 'both', pageId: '5' }), call(2, 'nope', {})],
    { 'mcp-protocol-version': '2025-03-26' },
  )
  t.equal(batch.status, 200)
  t.same(batch.json[0], direct.json)
  t.same(batch.json[1], { jsonrpc: '2.0', id: 2, error: { code: -32602, message: 'Unknown tool: nope' } })
})

t.test('workspace paths: /v2/workspaces/slug:<slug>/webhooks/mcp and /webhooks/mcp', async t => {
  const { url } = await start(t)
  const client = await connect(t, url, {}, '/v2/workspaces/slug:serve-basic/webhooks/mcp')
  t.equal(client.getInstructions(), 'Use the pages tool to read and change pages of the test wiki.')
  t.equal((await client.listTools()).tools.length, 4)
  const alias = await connect(t, url, {}, '/webhooks/mcp')
  t.equal((await alias.listTools()).tools.length, 4)
  const res = await fetch(url + '/v2/workspaces/slug:other/webhooks/mcp', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'ping' }),
  })
  t.equal(res.status, 404)
})

t.test('several workspaces: the first is the default, each has its own path', async t => {
  const load = (name: string) => loadWorkspace(fixture(name), { env: {} }).workspace!
  const server = await createServer({ workspaces: [load('serve-basic'), load('conformance')], port: 0, env: {} })
  t.teardown(() => server.close())
  const url = await server.listen()
  const other = await connect(t, url, {}, '/v2/workspaces/slug:conformance/webhooks/mcp')
  t.equal(other.getInstructions(), 'Test fixtures for the MCP conformance suite.')
  t.same(
    await other.callTool({ name: 'test_simple_text' }),
    { content: [{ type: 'text', text: 'This is a simple text response for testing.' }] },
    'a single action need not be named',
  )
  const main = await connect(t, url)
  t.equal((await main.listTools()).tools.length, 4)
})

t.test("the protocol constants the direct path spells are the SDK's", async t => {
  const mcp = await import('../../../runtime/server/mcp.ts')
  const sdk = await import('@modelcontextprotocol/server')
  t.same([...mcp.PROTOCOL_VERSIONS].sort(), [...sdk.SUPPORTED_PROTOCOL_VERSIONS].sort())
  t.equal(mcp.PROTOCOL_VERSION_META_KEY, sdk.PROTOCOL_VERSION_META_KEY)
  t.equal(mcp.CLIENT_INFO_META_KEY, sdk.CLIENT_INFO_META_KEY)
  t.equal(mcp.CLIENT_CAPABILITIES_META_KEY, sdk.CLIENT_CAPABILITIES_META_KEY)
  t.equal(mcp.SERVER_INFO_META_KEY, sdk.SERVER_INFO_META_KEY)
})

t.test('initialize: the direct answer is the SDK answer; what it does not take goes to the SDK', async t => {
  const { url } = await start(t)
  const init = (params: Record<string, unknown>) => ({ jsonrpc: '2.0', id: 'i', method: 'initialize', params })
  const client = { name: 'c', version: '1.0.0' }
  for (const version of ['2025-11-25', '2025-06-18', '2025-03-26', '2024-11-05']) {
    const capabilities = { roots: { listChanged: true }, sampling: {} }
    const direct = await rpc(url, init({ protocolVersion: version, capabilities, clientInfo: client }))
    // An extra clientInfo member (valid for the SDK) keeps the request off the direct path.
    const viaSdk = await rpc(
      url,
      init({ protocolVersion: version, capabilities, clientInfo: { ...client, websiteUrl: 'https://example.com' } }),
    )
    t.equal(direct.status, 200)
    t.equal(direct.headers.get('content-type'), viaSdk.headers.get('content-type'))
    t.same(direct.json, viaSdk.json, version)
    t.same(direct.json.result, {
      protocolVersion: version,
      capabilities: { tools: { listChanged: false } },
      serverInfo: { name: 'serve-basic-test', version: direct.json.result.serverInfo.version },
      instructions: 'Use the pages tool to read and change pages of the test wiki.',
    })
  }
  // The SDK negotiates an unknown revision and rejects malformed params: the direct path leaves both to it.
  const unknown = await rpc(url, init({ protocolVersion: '1999-01-01', capabilities: {}, clientInfo: client }))
  t.equal(unknown.json.result.protocolVersion, '2025-11-25')
  const bad = await rpc(
    url,
    init({ protocolVersion: '2025-06-18', capabilities: { roots: { listChanged: 'yes' } }, clientInfo: client }),
  )
  t.ok(bad.json.error, "a malformed capability is the SDK's error")
  const noInfo = await rpc(url, init({ protocolVersion: '2025-06-18', capabilities: {} }))
  t.ok(noInfo.json.error, "no clientInfo: the SDK's error")
  const modern = await rpc(url, init({ protocolVersion: '2025-06-18', capabilities: {}, clientInfo: client }), {
    'mcp-protocol-version': '2026-07-28',
  })
  t.equal(modern.status, 400, "a modern header on a handshake: the SDK's mismatch answer")
})
