// The configuration app's tests serve this repository's workspace (the core) with tenants on one
// store, the fake Confluence and the fake identity server, over loopback, with keys configured as
// in production: global, admin and tenant keys. `Browser` is a small cookie-keeping HTTP client.
import { createFakeConfluence, type FakeConfluence } from '../../sandbox/confluence/index.ts'
import { createFakeIdentity, type FakeIdentity } from '../../sandbox/identity/index.ts'
import { createServer, type RuntimeServer } from '../../runtime/server/app.ts'
import { MemoryStore } from '../../runtime/host/store/memory.ts'
import type { Store } from '../../runtime/core/store.ts'
import { createTenants } from '../../runtime/tenants/registry.ts'
import { formatDiagnostic } from '../../runtime/workspace/diagnostics.ts'
import { loadWorkspace } from '../../runtime/workspace/load.ts'
import { ROOT } from '../connector/helpers.ts'
import { freePort } from '../helpers/free-port.ts'

export interface Teardown {
  teardown(fn: () => unknown): void
}

export const GLOBAL_KEY = 'global-key-app-0123456789abcdef'
export const ADMIN_KEY = 'admin-key-app-0123456789abcdef'
export const TENANT_KEY = 'tenant-acme-key-0123456789abcdef'
export const OTHER_TENANT_KEY = 'tenant-beta-key-0123456789abcdef'
export const CENTRAL = { id: 'central-client-app', secret: 'CENTRAL-APP-SECRET-7d1c0b5e9a3f' }
export const EMAIL = 'bot@acme.example'
export const API_TOKEN = 'acme-api-token-5a4b3c2d1e'
export const APP = '/apps/confluence-next/'
export const tenantApp = (slug: string): string => `/v2/workspaces/slug:${slug}/apps/confluence-next/`
export const hooks = (slug: string): string => `/v2/workspaces/slug:${slug}/webhooks/app/`

export interface World {
  url: string
  server: RuntimeServer
  store: Store
  fake: FakeConfluence
  identity: FakeIdentity
  env: Record<string, string>
}

export interface WorldOptions {
  store?: Store
  env?: Record<string, string>
  /** A keyless loopback server (no API or admin keys). */
  keyless?: boolean
  port?: number
  fake?: FakeConfluence
  identity?: FakeIdentity
  /** createServer's trustProxy (TRUST_PROXY). */
  trustProxy?: Parameters<typeof createServer>[0]['trustProxy']
}

/** The fakes, then the server: core from this repository, tenants from the store. */
export async function startWorld(t: Teardown, options: WorldOptions = {}): Promise<World> {
  const fake = options.fake ?? (await createFakeConfluence({ seed: 'demo' }))
  if (!options.fake) {
    await fake.listen()
    t.teardown(() => fake.close())
    fake.credentials.addApiToken(EMAIL, API_TOKEN)
  }
  const identity = options.identity ?? (await createFakeIdentity({ clients: [CENTRAL], tokens: fake.credentials }))
  if (!options.identity) {
    await identity.listen()
    t.teardown(() => identity.close())
  }
  const port = options.port ?? (await freePort())
  const url = `http://127.0.0.1:${port}`
  const env = {
    CONFLUENCE_ALLOW_LOOPBACK: 'true',
    PUBLIC_URL: url,
    ATLASSIAN_API_URL: fake.url,
    ATLASSIAN_AUTH_URL: identity.url,
    CONFLUENCE_SITE_URL: fake.url,
    ...options.env,
  }
  const store = options.store ?? new MemoryStore()
  const { workspace, diagnostics } = loadWorkspace(ROOT, { env, store })
  if (!workspace) throw new Error(diagnostics.map(formatDiagnostic).join('\n'))
  const server = await createServer({
    workspaces: [workspace],
    port,
    logger: false,
    env: {},
    apiKeys: options.keyless ? [] : [`${GLOBAL_KEY};platform`],
    adminKeys: options.keyless ? [] : [ADMIN_KEY],
    tenants: host => createTenants(host, { dir: ROOT, env: {}, syncMs: 0 }),
    trustProxy: options.trustProxy,
  })
  await server.listen()
  t.teardown(() => server.close())
  return { url, server, store, fake, identity, env }
}

/** Create (or replace) a tenant through the config API. */
export async function putTenant(w: World, slug: string, body: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${w.url}/v2/workspaces/slug:${slug}/config`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN_KEY}` },
    body: JSON.stringify(body),
  })
  if (res.status >= 300) throw new Error(`PUT tenant ${slug}: ${res.status} ${await res.text()}`)
}

export interface Answer {
  status: number
  json: any
  text: string
  headers: Headers
}

/** An HTTP client that keeps cookies like a browser (per name; no domain or path rules needed here). */
export class Browser {
  readonly cookies = new Map<string, string>()
  constructor(readonly url: string) {}

  csrf(slug: string): string {
    return this.cookies.get(`cn-csrf-${slug}`) ?? ''
  }

  async fetch(
    path: string,
    init: { method?: string; body?: unknown; headers?: Record<string, string>; raw?: string } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = { ...init.headers }
    if (this.cookies.size) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ')
    let body: string | undefined = init.raw
    if (init.body !== undefined) {
      body = JSON.stringify(init.body)
      headers['content-type'] ??= 'application/json'
    }
    const res = await fetch(this.url + path, { method: init.method ?? 'GET', headers, body, redirect: 'manual' })
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';')
      const i = pair.indexOf('=')
      const name = pair.slice(0, i)
      const value = pair.slice(i + 1)
      if (value === '' || /Max-Age=0\b/.test(c)) this.cookies.delete(name)
      else this.cookies.set(name, value)
    }
    const text = await res.text()
    let json: any
    try {
      json = text ? JSON.parse(text) : undefined
    } catch {
      json = undefined
    }
    return { status: res.status, json, text, headers: res.headers }
  }

  /** Sign in at an app base (APP or tenantApp(slug)). */
  login(base: string, key: string, userId?: string): Promise<Answer> {
    return this.fetch(`${base}api/login`, { method: 'POST', body: { key, ...(userId ? { userId } : {}) } })
  }

  /** A state-changing app webhook call with this session's CSRF token. */
  post(slug: string, endpoint: string, body: unknown): Promise<Answer> {
    return this.fetch(hooks(slug) + endpoint, { method: 'POST', body, headers: { 'x-csrf-token': this.csrf(slug) } })
  }
}

/** A tools/call as `agent` on a workspace's MCP endpoint with `key`. */
export async function callTool(
  w: World,
  slug: string,
  key: string,
  agent: string,
  tool: string,
  action: string,
  args: Record<string, unknown> = {},
): Promise<{ isError: boolean; text: string }> {
  const res = await fetch(`${w.url}/v2/workspaces/slug:${slug}/webhooks/mcp`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      authorization: `Bearer ${key}`,
    },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: { name: tool, arguments: { action, agent_id: agent, user_id: 'user-1', ...args } },
    }),
  })
  const json = (await res.json()) as any
  if (!json.result) throw new Error(`tools/call failed: ${JSON.stringify(json)}`)
  return { isError: json.result.isError === true, text: json.result.content.map((c: any) => c.text ?? '').join('\n') }
}

/** A user link, minted by a trusted caller holding `key`. */
export async function userLink(w: World, slug: string, key: string, userId: string): Promise<Answer> {
  const res = await fetch(`${w.url}${tenantApp(slug)}api/user-link`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ userId }),
  })
  const text = await res.text()
  return { status: res.status, json: text ? JSON.parse(text) : undefined, text, headers: res.headers }
}
