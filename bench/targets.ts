// The process layout and what each measured target sends. Every process runs alone so its CPU and
// RSS are its own: the fake Confluence, the server under test (the full stack), the MCP floor, the
// in-process runner and the load client. Everything listens on 127.0.0.1.
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { PACKAGE_ROOT } from '../runtime/core/package-root.ts'
import { spawnChild, type Child } from './ipc.ts'

export const ROOT = PACKAGE_ROOT

/** The benchmark's own processes, compiled like dist/cli.js (scripts/build.mjs): what they measure is the runtime as `npm start` runs it. */
export const BUNDLES = {
  fake: 'bench/fake.ts',
  sut: 'bench/sut.ts',
  'floor-mcp': 'bench/floor-mcp.ts',
  inproc: 'bench/inproc.ts',
  'load-client': 'bench/load-client.ts',
}
export const BUNDLE_DIR = join(ROOT, 'dist', 'bench')
export const bundled = (name: keyof typeof BUNDLES): URL => pathToFileURL(join(BUNDLE_DIR, `${name}.js`))
export const AGENT = 'bench-agent'
export const USER = 'bench-user'
const EMAIL = 'bench@example.com'
const API_TOKEN = 'bench-api-token-0123456789'

export const ACTIONS = ['get', 'getBody', 'list'] as const
export type Action = (typeof ACTIONS)[number]

export interface FakeInfo {
  url: string
  pageId: string
  spaceId: string
  bodyChars: number
  hugePageId: string
  smallPageId: string
  largePageId: string
}
export interface ServerInfo {
  url: string
}

/** The workspace's environment: API-token mode against the fake, one allowed agent. */
export function workspaceEnv(fakeUrl: string): Record<string, string> {
  return {
    CONFLUENCE_AUTH_MODE: 'apiToken',
    CONFLUENCE_SITE_URL: fakeUrl,
    CONFLUENCE_EMAIL: EMAIL,
    CONFLUENCE_API_TOKEN: API_TOKEN,
    CONFLUENCE_ALLOWED_AGENTS: AGENT,
    CONFLUENCE_ALLOW_LOOPBACK: 'true', // the fake listens on loopback
  }
}

/** The Confluence request an action makes (what pages.* fetches): the direct-GET floor sends it as is. */
export function confluencePath(action: Action, ids: FakeInfo): string {
  switch (action) {
    case 'get':
      return `/wiki/api/v2/pages/${ids.pageId}?include-labels=true`
    case 'getBody':
      return `/wiki/api/v2/pages/${ids.pageId}?body-format=storage`
    case 'list':
      return `/wiki/api/v2/pages?space-id=${ids.spaceId}&limit=25`
  }
}

/**
 * The `pages` tool arguments of an action, as an agent sends them (identity included). `page` names
 * the page argument: `id` (the seed's contract); checkouts from before it took `pageId`.
 */
export function toolArguments(action: Action, ids: FakeInfo, page = 'id'): Record<string, unknown> {
  const identity = { agent_id: AGENT, user_id: USER }
  switch (action) {
    case 'get':
      return { action, [page]: ids.pageId, ...identity }
    // `markdown`: the storage → Markdown conversion this row measures (`storage` is returned as is).
    case 'getBody':
      return { action, [page]: ids.pageId, bodyFormat: 'markdown', outputFormat: 'verbose', ...identity }
    case 'list':
      return { action, spaceId: ids.spaceId, ...identity }
  }
}

/** The automation and its arguments for the in-process runs (what call.ts hands to workspace.run). */
export function automationCall(action: Action, ids: FakeInfo): { slug: string; args: Record<string, unknown> } {
  const { action: _, agent_id: _a, user_id: _u, outputFormat: _o, ...args } = toolArguments(action, ids)
  return { slug: action === 'getBody' ? 'pages/getBody' : `pages/${action}`, args }
}

export const BASIC_AUTH = `Basic ${Buffer.from(`${EMAIL}:${API_TOKEN}`).toString('base64')}`

export const MCP_HEADERS = {
  'content-type': 'application/json',
  accept: 'application/json, text/event-stream',
  'mcp-protocol-version': '2025-06-18',
}

export function toolsCall(name: string, args: Record<string, unknown>): string {
  return JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name, arguments: args } })
}

/** The 2026-07-28 revision: no handshake, an envelope in every request's `_meta`, the method headers. */
export const MODERN_REVISION = '2026-07-28'

export function modernToolsCall(
  name: string,
  args: Record<string, unknown>,
): { headers: Record<string, string>; body: string } {
  const _meta = {
    'io.modelcontextprotocol/protocolVersion': MODERN_REVISION,
    'io.modelcontextprotocol/clientInfo': { name: 'bench', version: '1.0.0' },
    'io.modelcontextprotocol/clientCapabilities': {},
  }
  return {
    headers: { ...MCP_HEADERS, 'mcp-protocol-version': MODERN_REVISION, 'mcp-method': 'tools/call', 'mcp-name': name },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'tools/call', params: { name, arguments: args, _meta } }),
  }
}

export interface Layout {
  fake: Child<FakeInfo>
  sut: Child<ServerInfo>
  floor: Child<ServerInfo>
  inproc: Child
  client: Child
  stop(): Promise<void>
}

/** The server under test, alone in its process (started again for a fresh RSS figure). */
export function spawnServer(fake: FakeInfo, env: Record<string, string> = {}): Promise<Child<ServerInfo>> {
  return spawnChild<ServerInfo>('server', bundled('sut'), { BENCH_FAKE_URL: fake.url, ...env })
}

/** The fake first (the others need its URL), then the rest side by side. */
export async function startProcesses(): Promise<Layout> {
  // biome-ignore lint/suspicious/noExplicitAny: children of several message types
  const started: Child<any>[] = []
  const stop = async (): Promise<void> => {
    await Promise.all(started.map(c => c.stop()))
  }
  try {
    const fake = await spawnChild<FakeInfo>('fake', bundled('fake'))
    started.push(fake)
    const env = { BENCH_FAKE_URL: fake.info.url }
    const others = await Promise.allSettled([
      spawnServer(fake.info),
      spawnChild<ServerInfo>('mcp-floor', bundled('floor-mcp'), env),
      spawnChild('in-process', bundled('inproc'), env),
      spawnChild('load-client', bundled('load-client')),
    ])
    for (const r of others) if (r.status === 'fulfilled') started.push(r.value)
    const failed = others.find(r => r.status === 'rejected')
    if (failed) throw (failed as PromiseRejectedResult).reason
    // biome-ignore lint/suspicious/noExplicitAny: children of several message types
    const [sut, floor, inproc, client] = others.map(r => (r as PromiseFulfilledResult<Child<any>>).value)
    return { fake, sut, floor, inproc, client, stop }
  } catch (err) {
    await stop()
    throw err
  }
}
