// OAuth tests run end to end over loopback HTTP: the fake Confluence (which enforces the granted
// scopes), the fake Atlassian identity server (sandbox/identity), and the runtime — served in this
// process (one or more workspaces, e.g. a core and a tenant) or as `serve` child processes.
import { spawn, type ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import { Writable } from 'node:stream'
import { createFakeConfluence, type FakeConfluence } from '../../sandbox/confluence/index.ts'
import { createFakeIdentity, type FakeIdentity, type FakeIdentityOptions } from '../../sandbox/identity/index.ts'
import { createServer, type RuntimeServer } from '../../runtime/server/app.ts'
import type { Workspace } from '../../runtime/engine/workspace.ts'
import { loadWorkspace } from '../../runtime/workspace/load.ts'
import { formatDiagnostic } from '../../runtime/workspace/diagnostics.ts'
import { ROOT } from '../connector/helpers.ts'
import { freePort } from '../helpers/free-port.ts'

export { ROOT }
export const AGENT = 'agent-1'
/** The workspace's own client (oauth mode). */
export const OWN = { id: 'tenant-own-client', secret: 'own-client-secret-6c1f0e9b2d7a' }
/** The platform's central client (oauthCentral mode): its secret must never leave the core. */
export const CENTRAL = { id: 'central-client', secret: 'CENTRAL-SECRET-d41d8cd98f00b204e980' }
export const EXCHANGE_KEY = 'exchange-key-' + randomBytes(24).toString('hex')
export const READ_SCOPES = [
  'read:page:confluence',
  'read:space:confluence',
  'read:content-details:confluence',
  'read:comment:confluence',
  'read:attachment:confluence',
  'read:content.metadata:confluence',
  'read:hierarchical-content:confluence',
  'read:label:confluence',
]

export interface Teardown {
  teardown(fn: () => unknown): void
}

export interface World {
  fake: FakeConfluence
  identity: FakeIdentity
}

/** The fake Confluence (demo seed) and the identity server minting tokens it accepts. */
export async function startWorld(t: Teardown, lifetimes?: FakeIdentityOptions['lifetimes']): Promise<World> {
  const fake = await createFakeConfluence({ seed: 'demo' })
  await fake.listen()
  t.teardown(() => fake.close())
  const identity = await createFakeIdentity({ clients: [OWN, CENTRAL], tokens: fake.credentials, lifetimes })
  await identity.listen()
  t.teardown(() => identity.close())
  return { fake, identity }
}

/** Settings every OAuth workspace of a world needs; `extra` adds or overrides. */
export function worldEnv(w: World, extra: Record<string, string> = {}): Record<string, string> {
  return {
    CONFLUENCE_SITE_URL: w.fake.url,
    ATLASSIAN_API_URL: w.fake.url,
    ATLASSIAN_AUTH_URL: w.identity.url,
    CONFLUENCE_ALLOWED_AGENTS: AGENT,
    ...extra,
  }
}

export const ownClientEnv = {
  CONFLUENCE_AUTH_MODE: 'oauth',
  CONFLUENCE_OAUTH_CLIENT_ID: OWN.id,
  CONFLUENCE_OAUTH_CLIENT_SECRET: OWN.secret,
}

export interface Instance {
  url: string
  server?: RuntimeServer
  workspaces: Workspace[]
  /** Every log line (pino JSON and workspace logs) and every emitted event, as text. */
  logs: string[]
  events: string[]
}

/** One server in this process for these workspaces (the first is the default); PUBLIC_URL is its URL. */
export async function serveInProcess(
  t: Teardown,
  specs: Array<{ slug?: string; env: Record<string, string> }>,
): Promise<Instance> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const logs: string[] = []
  const events: string[] = []
  const log = {
    info: (o: object, m?: string) => {
      logs.push(JSON.stringify({ o, m }))
    },
    warn: (o: object, m?: string) => {
      logs.push(JSON.stringify({ o, m }))
    },
    error: (o: object, m?: string) => {
      logs.push(JSON.stringify({ o, m }))
    },
  }
  const workspaces = specs.map(s => {
    const { workspace, diagnostics } = loadWorkspace(ROOT, {
      env: { CONFLUENCE_ALLOW_LOOPBACK: 'true', PUBLIC_URL: url, ...s.env },
      log,
      overrides: s.slug ? { slug: s.slug } : undefined,
    })
    if (!workspace) throw new Error(diagnostics.map(formatDiagnostic).join('\n'))
    workspace.events.on('event', e => events.push(JSON.stringify(e)))
    return workspace
  })
  const stream = new Writable({
    write(chunk, _enc, done) {
      logs.push(chunk.toString())
      done()
    },
  })
  const server = await createServer({ workspaces, port, logger: { level: 'debug', stream }, env: {} })
  await server.listen()
  t.teardown(() => server.close())
  return { url, server, workspaces, logs, events }
}

/** `node bin/confluence-next.js serve` with exactly `env` (plus PATH); resolves once it answers /readyz. */
export async function serveChild(
  t: Teardown,
  env: Record<string, string>,
): Promise<Instance & { child: ChildProcess }> {
  const port = await freePort()
  const url = `http://127.0.0.1:${port}`
  const child = spawn(process.execPath, ['bin/confluence-next.js', 'serve'], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH,
      PORT: String(port),
      PUBLIC_URL: url,
      DATA_DIR: ':memory:',
      LOG_LEVEL: 'debug',
      CONFLUENCE_ALLOW_LOOPBACK: 'true',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const logs: string[] = []
  child.stdout!.on('data', (d: Buffer) => logs.push(d.toString()))
  child.stderr!.on('data', (d: Buffer) => logs.push(d.toString()))
  t.teardown(
    () =>
      new Promise<void>(resolve => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve()
        child.once('exit', () => resolve())
        child.kill('SIGTERM')
      }),
  )
  const deadline = Date.now() + 60_000
  for (;;) {
    if (child.exitCode !== null) throw new Error(`serve exited ${child.exitCode}:\n${logs.join('')}`)
    const ok = await fetch(url + '/readyz').then(
      r => r.ok,
      () => false,
    )
    if (ok) break
    if (Date.now() > deadline) throw new Error(`serve did not become ready:\n${logs.join('')}`)
    await new Promise(resolve => setTimeout(resolve, 100))
  }
  return { url, child, workspaces: [], logs, events: [] }
}

export interface ToolResult {
  isError: boolean
  text: string
  structured?: any
}

/** One MCP tools/call (the direct JSON path), as AGENT for `user`. */
export async function callTool(
  mcpUrl: string,
  user: string | undefined,
  tool: string,
  action: string,
  args: Record<string, unknown> = {},
  apiKey?: string,
): Promise<ToolResult> {
  const res = await fetch(mcpUrl, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      'mcp-protocol-version': '2025-06-18',
      ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}),
    },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: { name: tool, arguments: { action, agent_id: AGENT, ...(user ? { user_id: user } : {}), ...args } },
    }),
  })
  const body = (await res.json()) as any
  if (!body.result) throw new Error(`tools/call failed: ${JSON.stringify(body)}`)
  return {
    isError: body.result.isError === true,
    text: body.result.content.map((c: any) => c.text ?? '').join('\n'),
    structured: body.result.structuredContent,
  }
}

/** A webhook call; `user` is sent as X-User-Id (trusted on a keyless loopback server). */
export async function hook(
  url: string,
  user?: string,
  init: RequestInit = {},
): Promise<{ status: number; body: any; text: string; headers: Headers }> {
  const res = await fetch(url, {
    ...init,
    headers: { ...(user ? { 'x-user-id': user } : {}), ...(init.headers as Record<string, string>) },
  })
  const text = await res.text()
  let body: any = text
  try {
    body = JSON.parse(text)
  } catch {}
  return { status: res.status, body, text, headers: res.headers }
}

export interface Hop {
  url: string
  status: number
  location?: string
  text: string
}

/** What a browser does with a link (or a form's POST): follow redirects (at most 5), keeping every hop. */
export async function browse(
  url: string,
  method = 'GET',
  jar = new Map<string, string>(),
): Promise<{ hops: Hop[]; final: Hop }> {
  const hops: Hop[] = []
  for (let i = 0; i < 6; i++) {
    // Cookies by name only: every server of a test is on 127.0.0.1, and cookies ignore ports.
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join('; ')
    const res = await fetch(url, {
      method: i === 0 ? method : 'GET',
      redirect: 'manual',
      headers: cookie ? { cookie } : {},
    })
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';')
      const at = pair.indexOf('=')
      if (at > 0) jar.set(pair.slice(0, at).trim(), pair.slice(at + 1).trim())
    }
    const location = res.headers.get('location') ?? undefined
    const hop = { url, status: res.status, location, text: await res.text() }
    hops.push(hop)
    if (!location || res.status < 300 || res.status >= 400) return { hops, final: hop }
    url = new URL(location, url).toString()
  }
  throw new Error('too many redirects')
}

/**
 * What a person does with a connect link: open it (a page with a Continue button, which uses
 * nothing up), then press the button (a POST) and follow the redirects. The hops start at the POST.
 */
export async function openLink(link: string, jar = new Map<string, string>()): Promise<{ hops: Hop[]; final: Hop }> {
  const page = await browse(link, 'GET', jar)
  if (page.final.status !== 200 || !page.final.text.includes('<form method="post" action="?token=')) return page
  return browse(link, 'POST', jar)
}

export const LINK = /https?:\/\/\S+\/webhooks\/oauthConnect\?token=[\w-]+/

/** The connect link a not-connected user gets from any tool call. */
export async function connectLink(mcpUrl: string, user: string, apiKey?: string): Promise<string> {
  const r = await callTool(mcpUrl, user, 'spaces', 'list', {}, apiKey)
  const m = LINK.exec(r.text)
  if (!r.isError || !m) throw new Error(`expected a connect link, got: ${r.text}`)
  return m[0]
}

/** Connect `user` through the whole browser flow; returns the hops (the last is the callback page). */
export async function connectUser(mcpUrl: string, user: string, apiKey?: string): Promise<{ hops: Hop[]; final: Hop }> {
  return openLink(await connectLink(mcpUrl, user, apiKey))
}
