// Shared by the server tests: start the real server on an ephemeral loopback port and connect the
// SDK's own client to it.
import { fileURLToPath } from 'node:url'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import { createServer, type RuntimeServer, type ServerOptions } from '../../../runtime/server/app.ts'

/** The part of a tap test these helpers use. */
export interface Teardown {
  teardown(fn: () => unknown): void
}

export const fixture = (name: string): string => fileURLToPath(new URL(`../../fixtures/${name}`, import.meta.url))

export interface Started {
  server: RuntimeServer
  url: string
}

/** Start a server for a fixture workspace; closed when the test ends. */
export async function start(
  t: Teardown,
  options: Partial<ServerOptions> & { fixture?: string } = {},
): Promise<Started> {
  const { fixture: name = 'serve-basic', ...rest } = options
  const server = await createServer({ dir: fixture(name), port: 0, logger: false, env: {}, ...rest })
  const url = await server.listen()
  t.teardown(() => server.close())
  return { server, url }
}

/** An SDK client connected to `url`/mcp; closed when the test ends. */
export async function connect(
  t: Teardown,
  url: string,
  headers: Record<string, string> = {},
  path = '/mcp',
): Promise<Client> {
  const client = new Client({ name: 'server-test', version: '1.0.0' })
  const transport = new StreamableHTTPClientTransport(new URL(url + path), { requestInit: { headers } })
  await client.connect(transport)
  t.teardown(() => client.close())
  return client
}

/** The text of a tool result's first content block. */
export function text(result: unknown): string {
  const content = (result as { content: Array<{ type: string; text?: string }> }).content
  return content[0]?.text ?? ''
}

/** A raw JSON-RPC POST (what load tools and non-SDK agents send). */
export async function rpc(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; json: any }> {
  const res = await fetch(url + '/mcp', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
  const raw = await res.text()
  return { status: res.status, headers: res.headers, json: raw ? JSON.parse(raw) : undefined }
}
