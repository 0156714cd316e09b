// The MCP endpoint (docs/serving.md "MCP"): streamable HTTP, stateless, JSON responses, at `/mcp`
// (also `/webhooks/mcp`) and `/v2/workspaces/slug:<slug>/webhooks/mcp`. Both protocol eras are
// served on it, chosen per request by the SDK v2's classification: 2026-07-28 (a per-request `_meta`
// envelope, `server/discover`, no handshake) and the 2025 revisions (initialize, then requests).
//
// Why two paths: building the SDK's Server and transport for every request costs far more than a
// tool call through the runtime (measured here: ~1,200 calls/s vs ~9,700 for a direct JSON answer),
// so the calls agents make all the time (a single `tools/call`, `tools/list` or `ping` with the
// headers the SDK would accept) are answered directly with the same handlers, and everything else
// (initialize, notifications, batches, malformed requests, server/discover) goes through the SDK
// (`createMcpHandler` of @modelcontextprotocol/server 2.x), which keeps its protocol checks and
// error answers. The direct path takes a 2025-era request only when the SDK would classify it so (no
// 2026 envelope claim), and a 2026-07-28 one only in the exact shape the SDK's client sends; it adds
// what the SDK adds to a 2026 result (result type, server info, cache hints). A test compares both.

import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { CallToolResult, ListToolsResult, McpHttpHandler, Server } from '@modelcontextprotocol/server'
import type { AuthPolicy } from './auth-plugin.ts'
import { rpcError } from './http-errors.ts'
import { callTool, type CallRequest } from './call.ts'
import { CallsInFlight } from './cancel.ts'
import type { Metrics } from './ops.ts'
import type { ServedWorkspace } from './served.ts'

export interface McpOptions {
  /** The workspace a request addresses (by `:ws`, else the default), or undefined. */
  resolve: (req: FastifyRequest) => ServedWorkspace | undefined
  metrics: Metrics
  bodyLimit: number
}

interface Message {
  jsonrpc: '2.0'
  id: string | number
  method: string
  params?: Record<string, unknown>
}

const PARSE_ERROR = Symbol('parse error')
const DIRECT = new Set(['tools/call', 'tools/list', 'ping', 'initialize'])
const MODERN = '2026-07-28'

// The SDK (@modelcontextprotocol/server and its zod schemas) is imported by the first request the
// direct path does not take: a start to the first call never loads it (docs/performance.md "Start").
// So its protocol constants are spelled here; test/runtime/server/mcp.2.test.ts checks them against it.
type Sdk = typeof import('@modelcontextprotocol/server')
let sdk: Promise<Sdk> | undefined
const loadSdk = (): Promise<Sdk> => (sdk ??= import('@modelcontextprotocol/server'))
/** The 2025-era revisions (SUPPORTED_PROTOCOL_VERSIONS: the SDK lists 2026-07-28 apart, as the modern era). */
export const PROTOCOL_VERSIONS: ReadonlySet<string> = new Set([
  '2025-11-25',
  '2025-06-18',
  '2025-03-26',
  '2024-11-05',
  '2024-10-07',
])
export const PROTOCOL_VERSION_META_KEY = 'io.modelcontextprotocol/protocolVersion'
export const CLIENT_INFO_META_KEY = 'io.modelcontextprotocol/clientInfo'
export const CLIENT_CAPABILITIES_META_KEY = 'io.modelcontextprotocol/clientCapabilities'
export const SERVER_INFO_META_KEY = 'io.modelcontextprotocol/serverInfo'
/** The server's capabilities, as the SDK server is built with them (sdkServer) and initialize answers them. */
const CAPABILITIES = { tools: { listChanged: false } }
/**
 * How long a client may reuse a `tools/list` or `server/discover` result (2026-07-28 cache hints).
 * The catalog is built once per workspace at start and changes only with a tenant's config, so a
 * minute bounds how stale a client's list can be after such a change; `private`, since the
 * endpoint needs a key.
 */
const LIST_CACHE = { ttlMs: 60_000, cacheScope: 'private' } as const

export { rpcError }

/** Who may call (auth-plugin.ts): an API key or an OAuth access token; refusals are JSON-RPC errors. */
const AUTH: { auth: AuthPolicy } = { auth: 'mcp' }

export async function mcpRoutes(app: FastifyInstance, options: McpOptions): Promise<void> {
  app.decorateRequest('cancellation', null)
  const inFlight = new CallsInFlight()
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

  // One SDK handler per workspace, built on first use: it holds no per-client state (each request gets
  // a fresh server from the factory), so any instance of the server answers any request.
  const handlers = new WeakMap<ServedWorkspace, SdkHandler>()
  const handlerFor = async (served: ServedWorkspace, metrics: Metrics): Promise<SdkHandler> => {
    const loaded = await loadSdk()
    let handler = handlers.get(served)
    if (!handler) handlers.set(served, (handler = sdkHandler(loaded, served, metrics, options.bodyLimit)))
    return handler
  }

  const post = async (req: FastifyRequest, reply: FastifyReply): Promise<unknown> => {
    const served = options.resolve(req)
    if (!served) return reply.code(404).send(rpcError(-32001, 'No such workspace'))
    req.call = { workspace: served.workspace.slug }
    const body = req.body
    if (body === PARSE_ERROR) return reply.code(400).send(rpcError(-32700, 'Parse error: Invalid JSON'))
    // A call nobody waits for any more is cancelled (cancel.ts); the SDK still answers the notification.
    const answered = inFlight.watch(served.workspace.slug, req, reply, body)
    try {
      const message = directMessage(req, body)
      if (message) {
        return reply.type(JSON_TYPE).send(jsonBytes(await answer(served, message, req, options.metrics)))
      }
      return await viaSdk(await handlerFor(served, options.metrics), req, reply, options.bodyLimit)
    } finally {
      answered?.()
    }
  }
  const notAllowed = async (_req: FastifyRequest, reply: FastifyReply): Promise<unknown> =>
    reply.code(405).header('allow', 'POST').send(rpcError(-32000, 'Method not allowed.'))

  for (const url of ['/mcp', '/webhooks/mcp', '/v2/workspaces/:ws/webhooks/mcp']) {
    app.post(url, { bodyLimit: options.bodyLimit, config: AUTH }, post)
    app.get(url, { config: AUTH }, notAllowed)
    app.delete(url, { config: AUTH }, notAllowed)
  }
}

/** What fastify (and so the SDK path) names a JSON string it sends; bytes get no charset unless told. */
const JSON_TYPE = 'application/json; charset=utf-8'

/**
 * The answer as UTF-8 bytes, encoded once. Sent as a string, fastify measures it (Buffer.byteLength
 * flattens the pieces JSON.stringify returns) and node:http encodes it again to write it: 3–4% of a
 * list's or a search's CPU, and three copies of an answer of 20–35 KB for the GC.
 */
function jsonBytes(value: object): Buffer {
  return Buffer.from(JSON.stringify(value))
}

/** A message answered directly, with its era (the SDK would accept it as is). */
interface Direct {
  message: Message
  modern: boolean
}

const ENVELOPE_KEYS = new Set([PROTOCOL_VERSION_META_KEY, CLIENT_INFO_META_KEY, CLIENT_CAPABILITIES_META_KEY])

/** The message when the request can be answered directly, else undefined (the SDK answers it). */
function directMessage(req: FastifyRequest, body: unknown): Direct | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined
  const m = body as Partial<Message>
  if (m.jsonrpc !== '2.0' || typeof m.method !== 'string' || !DIRECT.has(m.method)) return undefined
  if (typeof m.id !== 'string' && !Number.isInteger(m.id)) return undefined
  if (m.params !== undefined && !isObject(m.params)) return undefined
  const { accept, 'content-type': type, 'mcp-protocol-version': version } = req.headers
  if (!accept?.includes('application/json') || !accept.includes('text/event-stream')) return undefined
  if (type !== 'application/json' && type?.split(';', 1)[0].trim().toLowerCase() !== 'application/json') {
    return undefined
  }
  const meta = m.params?._meta
  if (m.method === 'initialize')
    return initializeDirect(m, version, meta) ? { message: m as Message, modern: false } : undefined
  if (version === MODERN && modernDirect(req, m, meta)) return { message: m as Message, modern: true }
  if (version !== undefined && !PROTOCOL_VERSIONS.has(version as string)) return undefined
  // The 2026-07-28 envelope claim makes it a modern request, whatever the headers say.
  if (meta !== undefined && (!isObject(meta) || PROTOCOL_VERSION_META_KEY in meta)) return undefined
  return { message: m as Message, modern: false }
}

/**
 * A 2026-07-28 `tools/call` or `tools/list` exactly as the SDK's own client sends it: the envelope
 * (version, client info, capabilities) and nothing else in `_meta`, the Mcp-Method (and for a call
 * Mcp-Name) header matching the body, no cursor. Anything else, valid or not, is the SDK's to answer.
 */
function modernDirect(req: FastifyRequest, m: Partial<Message>, meta: unknown): boolean {
  if (m.method === 'ping' || !isObject(meta) || meta[PROTOCOL_VERSION_META_KEY] !== MODERN) return false
  for (const key of Object.keys(meta)) if (!ENVELOPE_KEYS.has(key)) return false
  const info = meta[CLIENT_INFO_META_KEY]
  if (!isObject(info) || typeof info.name !== 'string' || typeof info.version !== 'string') return false
  if (!isObject(meta[CLIENT_CAPABILITIES_META_KEY])) return false
  if (req.headers['mcp-method'] !== m.method) return false
  const params = m.params as Record<string, unknown>
  if (m.method === 'tools/list') return Object.keys(params).length === 1
  if (typeof params.name !== 'string' || req.headers['mcp-name'] !== params.name) return false
  return params.arguments === undefined || isObject(params.arguments)
}

/**
 * A 2025-era `initialize` the SDK would accept and answer by echoing the client's revision: one of
 * PROTOCOL_VERSIONS asked for (the SDK negotiates any other), the client's identity and capabilities
 * in their plain shape (what the SDK's schema checks), no 2026 envelope, no modern version header.
 * Anything else, valid or not, is the SDK's to answer. Answered directly, it costs what a ping costs
 * instead of a fresh SDK server and transport (docs/performance.md "Start").
 */
function initializeDirect(m: Partial<Message>, version: unknown, meta: unknown): boolean {
  if (version !== undefined && !PROTOCOL_VERSIONS.has(version as string)) return false
  if (meta !== undefined) return false
  const params = m.params
  if (!params || !PROTOCOL_VERSIONS.has(params.protocolVersion as string)) return false
  for (const key of Object.keys(params)) if (!INITIALIZE_KEYS.has(key)) return false
  const info = params.clientInfo
  if (!isObject(info) || typeof info.name !== 'string' || typeof info.version !== 'string') return false
  for (const [key, value] of Object.entries(info))
    if (!CLIENT_INFO_KEYS.has(key) || typeof value !== 'string') return false
  const capabilities = params.capabilities
  if (!isObject(capabilities)) return false
  for (const [key, value] of Object.entries(capabilities)) {
    if (!CLIENT_CAPABILITY_KEYS.has(key) || !isObject(value)) return false
    // roots.listChanged is the one typed member the SDK's schema checks inside a capability here.
    if (key === 'roots' && value.listChanged !== undefined && typeof value.listChanged !== 'boolean') return false
    if (key === 'experimental' && !Object.values(value).every(isObject)) return false
  }
  return true
}

const INITIALIZE_KEYS = new Set(['protocolVersion', 'capabilities', 'clientInfo'])
const CLIENT_INFO_KEYS = new Set(['name', 'version', 'title'])
const CLIENT_CAPABILITY_KEYS = new Set(['roots', 'sampling', 'elicitation', 'experimental'])

function isObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
}

async function answer(served: ServedWorkspace, d: Direct, req: FastifyRequest, metrics: Metrics): Promise<object> {
  const m = d.message
  // What the SDK adds on 2026-07-28 results: the result type, the server's identity, list cache hints.
  const modern = d.modern ? { resultType: 'complete', _meta: { [SERVER_INFO_META_KEY]: served.serverInfo } } : undefined
  if (m.method === 'ping') return { jsonrpc: '2.0', id: m.id, result: {} }
  if (m.method === 'initialize') {
    const result = {
      protocolVersion: m.params!.protocolVersion,
      capabilities: CAPABILITIES,
      serverInfo: served.serverInfo,
      ...(served.instructions === undefined ? {} : { instructions: served.instructions }),
    }
    return { jsonrpc: '2.0', id: m.id, result }
  }
  if (m.method === 'tools/list') {
    const list = served.catalog.list
    return { jsonrpc: '2.0', id: m.id, result: modern ? { ...list, ...LIST_CACHE, ...modern } : list }
  }
  const out = await callTool(served, m.params?.name, m.params?.arguments, callRequest(req), metrics)
  if ('error' in out) return rpcError(out.error.code, out.error.message, m.id)
  return { jsonrpc: '2.0', id: m.id, result: modern ? { ...out.result, ...modern } : out.result }
}

function callRequest(req: FastifyRequest): CallRequest {
  return {
    headers: req.headers,
    correlationId: req.id,
    call: (req.call ??= {}),
    log: req.log,
    grant: req.auth?.grant ?? { kind: 'none' },
    cancellation: req.cancellation ?? undefined,
  }
}

/** The request's context, handed through the SDK as pass-through auth info (the SDK never reads it). */
interface Passed {
  call: CallRequest
}

/** The SDK server for one request, of either era: the same tools and handlers as the direct path. */
function sdkServer(
  { Server, ProtocolError }: Sdk,
  served: ServedWorkspace,
  metrics: Metrics,
  passed: Passed | undefined,
): Server {
  const server = new Server(served.serverInfo, {
    capabilities: CAPABILITIES,
    instructions: served.instructions,
    cacheHints: { 'tools/list': LIST_CACHE, 'server/discover': LIST_CACHE },
  })
  // The catalog is typed with SDK 1.x's types (schemas as `object`); the JSON is the same.
  const list = served.catalog.list as unknown as ListToolsResult
  server.setRequestHandler('tools/list', async () => list)
  server.setRequestHandler('tools/call', async request => {
    if (!passed) throw new ProtocolError(-32603, 'Internal error')
    const out = await callTool(served, request.params.name, request.params.arguments, passed.call, metrics)
    if ('error' in out) throw new ProtocolError(out.error.code, out.error.message)
    return out.result as CallToolResult
  })
  return server
}

interface SdkHandler {
  /** 2026-07-28: the SDK's own entry, strict (it never serves 2025 traffic itself). */
  modern: McpHttpHandler
  /** 2025 revisions: a fresh server and stateless transport per request, answering in JSON. */
  legacy: (request: Request, parsedBody: unknown, passed: Passed) => Promise<Response>
  isLegacyRequest: Sdk['isLegacyRequest']
}

function sdkHandler(loaded: Sdk, served: ServedWorkspace, metrics: Metrics, bodyLimit: number): SdkHandler {
  const { createMcpHandler, isLegacyRequest, WebStandardStreamableHTTPServerTransport } = loaded
  const modern = createMcpHandler(
    ctx => sdkServer(loaded, served, metrics, ctx.authInfo?.extra as Passed | undefined),
    {
      legacy: 'reject',
      // `auto` answers with one JSON body: an automation sends nothing before its result.
      responseMode: 'auto',
      maxRequestBodySize: bodyLimit,
    },
  )
  // Not the entry's `legacy: 'stateless'`: that one answers with SSE streams, and 2025 clients of
  // this server have always had one JSON response per POST (docs/serving.md "MCP").
  const legacy = async (request: Request, parsedBody: unknown, passed: Passed): Promise<Response> => {
    const server = sdkServer(loaded, served, metrics, passed)
    const transport = new WebStandardStreamableHTTPServerTransport({
      sessionIdGenerator: undefined,
      enableJsonResponse: true,
    })
    await server.connect(transport)
    try {
      return await transport.handleRequest(request, { parsedBody })
    } finally {
      void transport.close()
      void server.close()
    }
  }
  return { modern, legacy, isLegacyRequest }
}

async function viaSdk(
  handler: SdkHandler,
  req: FastifyRequest,
  reply: FastifyReply,
  bodyLimit: number,
): Promise<unknown> {
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue
    for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v)
  }
  // fastify has read the body: JSON arrives parsed, any other media type as text (the SDK answers 415).
  const text = typeof req.body === 'string'
  const request = new Request(`http://${req.headers.host ?? 'localhost'}${req.url}`, {
    method: 'POST',
    headers,
    body: text ? (req.body as string) : undefined,
  })
  const parsedBody = text ? undefined : req.body
  const passed: Passed = { call: callRequest(req) }
  // The era, per request, exactly as the SDK's entry would decide it (its own classification).
  const legacy = text || (await handler.isLegacyRequest(request, parsedBody, { maxRequestBodySize: bodyLimit }))
  let response: Response
  if (legacy) {
    response = await handler.legacy(request, parsedBody, passed)
  } else {
    const authInfo = { token: '', clientId: '', scopes: [], extra: passed as unknown as Record<string, unknown> }
    response = await handler.modern.fetch(request, { authInfo, parsedBody })
  }
  reply.code(response.status)
  response.headers.forEach((value, name) => {
    reply.header(name, value)
  })
  reply.header('x-correlation-id', req.id)
  return reply.send(response.body === null ? '' : await response.text())
}
