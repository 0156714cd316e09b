// The MCP floor: the minimal server any project built on @modelcontextprotocol/sdk would write, in
// its own process. The SDK's stateless pattern (a new McpServer and StreamableHTTPServerTransport per
// request, JSON responses) on node:http, with one tool that GETs a path from the fake Confluence
// and returns the body as text: no argument checks beyond the SDK's own, no output validation.
import { createServer, type IncomingMessage } from 'node:http'
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js'
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js'
import { Agent, request } from 'undici'
import { z } from 'zod'
import { serveCommands } from './ipc.ts'
import { BASIC_AUTH } from './targets.ts'

const fakeUrl = process.env.BENCH_FAKE_URL!
const agent = new Agent({ connections: 128, keepAliveTimeout: 10_000 })

function mcpServer(): McpServer {
  const server = new McpServer({ name: 'mcp-floor', version: '1.0.0' })
  server.registerTool(
    'get',
    { description: 'GET a Confluence path', inputSchema: { path: z.string() } },
    async ({ path }) => {
      const res = await request(fakeUrl + path, {
        dispatcher: agent,
        headers: { authorization: BASIC_AUTH, accept: 'application/json' },
      })
      const text = await res.body.text()
      return { content: [{ type: 'text', text }], ...(res.statusCode >= 400 ? { isError: true } : {}) }
    },
  )
  return server
}

async function readJson(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'))
  } catch {
    return undefined
  }
}

const http = createServer(async (req, res) => {
  if (req.method !== 'POST') {
    res.writeHead(405).end()
    return
  }
  const body = await readJson(req)
  const server = mcpServer()
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true })
  res.on('close', () => {
    void transport.close()
    void server.close()
  })
  await server.connect(transport)
  await transport.handleRequest(req, res, body)
})
http.keepAliveTimeout = 60_000
await new Promise<void>(resolve => http.listen(0, '127.0.0.1', resolve))
const address = http.address()
const port = typeof address === 'object' && address ? address.port : 0

serveCommands({ url: `http://127.0.0.1:${port}` }, {})
