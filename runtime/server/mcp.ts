// The MCP endpoint (docs/serving.md "MCP"): streamable HTTP, stateless, JSON responses, at `/mcp`
// (also `/webhooks/mcp`) and `/v2/workspaces/slug:<slug>/webhooks/mcp`.
//
// Why two paths: building the SDK's Server and transport for every request costs far more than a
// tool call through the runtime (measured here: ~1,200 calls/s vs ~9,700 for a direct JSON answer),
// so the calls agents make all the time (a single `tools/call`, `tools/list` or `ping` with the
// headers the SDK would accept) are answered directly with the same handlers, and everything else
// (initialize, notifications, batches, malformed requests) goes through the SDK, which keeps its
// protocol checks and error answers.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { Server } from '@modelcontextprotocol/sdk/server/index.js'
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js'
import { CallToolRequestSchema, ListToolsRequestSchema, SUPPORTED_PROTOCOL_VERSIONS } from '@modelcontextprotocol/sdk/types.js'
import { CHALLENGE, type ApiKeys, type Grant } from './auth.ts'
import { callTool, type CallRequest } from './call.ts'
import type { Metrics } from './ops.ts'
import type { ServedWorkspace } from './served.ts'

export interface McpOptions {
  /** The workspace a request addresses (by `:ws`, else the default), or undefined. */
  resolve: (req: FastifyRequest) => ServedWorkspace | undefined
  keys: ApiKeys
  metrics: Metrics
  bodyLimit: number
}

interface Message { jsonrpc: '2.0', id: string | number, method: string, params?: Record<string, unknown> }

const PARSE_ERROR = Symbol('parse error')
const DIRECT = new Set(['tools/call', 'tools/list', 'ping'])
const PROTOCOL_VERSIONS = new Set(SUPPORTED_PROTOCOL_VERSIONS)

export function rpcError (code: number, message: string, id: string | number | null = null): object {
  return { jsonrpc: '2.0', error: { code, message }, id }
}

declare module 'fastify' {
  interface FastifyRequest { grant: Grant | null }
}

export async function mcpRoutes (app: FastifyInstance, options: McpOptions): Promise<void> {
  app.decorateRequest('grant', null)
  // Invalid JSON is a JSON-RPC parse error, not fastify's 400; other media types reach the SDK (415).
  const json = app.getDefaultJsonParser('error', 'error')
  app.removeAllContentTypeParsers()
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    json(req, body as string, (err: Error | null, value: unknown) => done(null, err ? PARSE_ERROR : value))
  })
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body))
  app.setErrorHandler((err: Error & { statusCode?: number }, _req, reply) => {
    const status = err.statusCode && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500
    reply.code(status).send(rpcError(status === 500 ? -32603 : -32600, status === 500 ? 'Internal error' : err.message))
  })
  app.addHook('onRequest', async (req, reply) => {
    const grant = options.keys.grantFor(req.headers.authorization)
    if (!grant) {
      return reply.code(401).header('www-authenticate', CHALLENGE).send(rpcError(-32001, 'Unauthorized: send a valid API key as `Authorization: Bearer <key>`'))
    }
    req.grant = grant
  })

  const post = async (req: FastifyRequest, reply: FastifyReply): Promise<unknown> => {
    const served = options.resolve(req)
    if (!served) return reply.code(404).send(rpcError(-32001, 'No such workspace'))
    req.call = { workspace: served.workspace.slug }
    const body = req.body
    if (body === PARSE_ERROR) return reply.code(400).send(rpcError(-32700, 'Parse error: Invalid JSON'))
    const message = directMessage(req, body)
    if (message) return reply.type('application/json').send(await answer(served, message, req, options.metrics))
    return viaSdk(served, req, reply, options.metrics)
  }
  const notAllowed = async (_req: FastifyRequest, reply: FastifyReply): Promise<unknown> =>
    reply.code(405).header('allow', 'POST').send(rpcError(-32000, 'Method not allowed.'))

  for (const url of ['/mcp', '/webhooks/mcp', '/v2/workspaces/:ws/webhooks/mcp']) {
    app.post(url, { bodyLimit: options.bodyLimit }, post)
    app.get(url, notAllowed)
    app.delete(url, notAllowed)
  }
}

/** The message when the request can be answered directly (the SDK would accept it as is). */
function directMessage (req: FastifyRequest, body: unknown): Message | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined
  const m = body as Partial<Message>
  if (m.jsonrpc !== '2.0' || typeof m.method !== 'string' || !DIRECT.has(m.method)) return undefined
  if (typeof m.id !== 'string' && !Number.isInteger(m.id)) return undefined
  if (m.params !== undefined && (m.params === null || typeof m.params !== 'object' || Array.isArray(m.params))) return undefined
  const { accept, 'content-type': type, 'mcp-protocol-version': version } = req.headers
  if (!accept?.includes('application/json') || !accept.includes('text/event-stream')) return undefined
  if (type !== 'application/json' && type?.split(';', 1)[0].trim().toLowerCase() !== 'application/json') return undefined
  if (version !== undefined && !PROTOCOL_VERSIONS.has(version as string)) return undefined
  return m as Message
}

async function answer (served: ServedWorkspace, m: Message, req: FastifyRequest, metrics: Metrics): Promise<object> {
  if (m.method === 'ping') return { jsonrpc: '2.0', id: m.id, result: {} }
  if (m.method === 'tools/list') return { jsonrpc: '2.0', id: m.id, result: served.catalog.list }
  const out = await callTool(served, m.params?.name, m.params?.arguments, callRequest(req), metrics)
  return 'error' in out ? rpcError(out.error.code, out.error.message, m.id) : { jsonrpc: '2.0', id: m.id, result: out.result }
}

function callRequest (req: FastifyRequest): CallRequest {
  return { headers: req.headers, correlationId: req.id, call: req.call ??= {}, log: req.log, grant: req.grant ?? { kind: 'none' } }
}

async function viaSdk (served: ServedWorkspace, req: FastifyRequest, reply: FastifyReply, metrics: Metrics): Promise<void> {
  const server = new Server(served.serverInfo, { capabilities: { tools: { listChanged: false } }, instructions: served.instructions })
  server.setRequestHandler(ListToolsRequestSchema, async () => served.catalog.list)
  server.setRequestHandler(CallToolRequestSchema, async request => {
    const out = await callTool(served, request.params.name, request.params.arguments, callRequest(req), metrics)
    // A plain error with a code keeps the message as is (McpError would prefix it).
    if ('error' in out) throw Object.assign(new Error(out.error.message), { code: out.error.code })
    return out.result
  })
  const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true })
  reply.raw.on('close', () => { void transport.close(); void server.close() })
  await server.connect(transport)
  reply.raw.setHeader('x-correlation-id', req.id)
  reply.hijack()
  await transport.handleRequest(req.raw, reply.raw, typeof req.body === 'string' ? undefined : req.body)
}
