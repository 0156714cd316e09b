// Shared by the tenant tests: a small "vault" workspace whose automations read and write every
// per-tenant thing (user, global, config, secret, rate limits, records, events), and a server that
// serves its core plus tenants on one store.
import { createHash } from 'node:crypto'
import { createServer, type RuntimeServer } from '../../../runtime/server/app.ts'
import type { Store } from '../../../runtime/core/store.ts'
import { createTenants } from '../../../runtime/tenants/registry.ts'
import { isInstruction } from '../../../runtime/instructions/index.ts'
import { formatDiagnostic } from '../../../runtime/workspace/diagnostics.ts'
import { loadWorkspace } from '../../../runtime/workspace/load.ts'
import { writeWorkspace } from '../../helpers/workspace.ts'

export interface Teardown {
  teardown(fn: () => unknown): void
}

export const GLOBAL_KEY = 'global-key-0123456789abcdef'
export const ADMIN_KEY = 'admin-key-0123456789abcdef'
export const KEY_A = 'tenant-a-key-0123456789abcdef'
export const KEY_B = 'tenant-b-key-0123456789abcdef'
export const SECRET_CORE = 'core-secret-token-000000'
export const SECRET_A = 'tenant-a-secret-token-111111'
export const SECRET_B = 'tenant-b-secret-token-222222'

export const hashOf = (key: string): string => 'sha256:' + createHash('sha256').update(key).digest('hex')
export const sha256hex = (text: string): string => createHash('sha256').update(text).digest('hex')

const mcp = (action: string): string => `when:\n  mcp: { tool: vault, action: ${action} }\n`

export const VAULT_FILES: Record<string, string> = {
  'config/index.yml': `slug: core
name: Vault
config:
  schema:
    type: object
    properties:
      label: { type: string, default: core-label, env: VAULT_LABEL }
      siteUrl: { type: string, pattern: '^https?://', env: VAULT_SITE_URL }
      publicUrl: { type: string, shared: true, env: VAULT_PUBLIC_URL }
      level: { type: integer, minimum: 1, default: 1 }
secrets:
  schema:
    type: object
    properties:
      token: { type: string, env: VAULT_TOKEN }
`,
  'automations/vault/remember.yml': `${mcp('remember')}arguments:
  value: { type: string, required: true }
do:
  - set: { name: user.token, value: '{{value}}' }
  - set: { name: global.token, value: '{{value}}' }
output: stored
`,
  'automations/vault/recall.yml': `${mcp('recall')}do: []
output:
  workspace: '{{run.workspace}}'
  user: '{{user}}'
  global: '{{global}}'
  userKeys: '{% $keys(user) %}'
  globalKeys: '{% $keys(global) %}'
  config: '{{config}}'
  secretKeys: '{% $keys(secret) %}'
  secretHash: '{% $sha256(secret.token, "hex") %}'
  secret: '{{secret}}'
`,
  // Path tricks: every one of these stays inside this tenant's own documents.
  'automations/vault/poke.yml': `${mcp('poke')}arguments:
  value: { type: string, required: true }
do:
  - set: { name: 'user["../b"]', value: '{{value}}' }
  - set: { name: 'user["b:user"]', value: '{{value}}' }
  - set: { name: 'global["../../b:global/global"]', value: '{{value}}' }
  - set: { name: 'global["tenants"]', value: '{{value}}' }
output: poked
`,
  'automations/vault/limited.yml': `${mcp('limited')}do:
  - rateLimit: { name: shared, limit: 1, window: 60, consumer: everyone }
output: allowed
`,
  'automations/vault/ping.yml': `${mcp('ping')}do:
  - emit: { event: pinged, payload: { from: '{{run.workspace}}' } }
output: sent
`,
  'automations/on-ping.yml': `when:
  events: [pinged]
do:
  - set: { name: global.pingedBy, value: '{{payload.from}}' }
`,
  'automations/peek.yml': `when:
  endpoint: peek
do: []
output:
  workspace: '{{run.workspace}}'
  user: '{{user}}'
  global: '{{global}}'
`,
  'automations/hello.yml': `when:
  endpoint: hello
  public: true
do: []
output: 'hello from {{run.workspace}}'
`,
}

// `record` (key-value records) when this checkout has it.
if (isInstruction('record')) {
  VAULT_FILES['automations/vault/note.yml'] = `${mcp('note')}arguments:
  op: { enum: [put, get], required: true }
  key: { type: string, required: true }
  value: { type: string }
do:
  - conditions:
      op = "put":
        - record: { op: put, key: '{{key}}', value: '{{value}}' }
      default:
        - record: { op: get, key: '{{key}}', output: got }
output: '{{got}}'
`
}

export const TENANT_A_FILE = `slug: a
name: Tenant A
config:
  label: a-label
  siteUrl: https://a.example
secretsEnv:
  token: A_TOKEN
apiKeys:
  - ${hashOf(KEY_A)}
`

export interface TenantServer {
  server: RuntimeServer
  url: string
  dir: string
  store: Store
}

export interface TenantServerOptions {
  files?: Record<string, string>
  dir?: string
  store: Store
  /** Environment of the core (its `env:` names) and of the tenants' secretsEnv. */
  env?: Record<string, string>
  syncMs?: number
  apiKeys?: string[]
  adminKeys?: string[]
  /** fastify's logger option (default: none). */
  logger?: Parameters<typeof createServer>[0]['logger']
}

/** Serve the vault (core slug `core`) and its tenants on loopback; closed at teardown (the store is not). */
export async function startTenantServer(t: Teardown, options: TenantServerOptions): Promise<TenantServer> {
  const dir = options.dir ?? writeWorkspace({ ...VAULT_FILES, ...options.files })
  const env = options.env ?? {
    VAULT_TOKEN: SECRET_CORE,
    VAULT_PUBLIC_URL: 'https://public.example',
    VAULT_LABEL: 'core-from-env',
    A_TOKEN: SECRET_A,
  }
  const { workspace, diagnostics } = loadWorkspace(dir, { env, store: options.store })
  if (!workspace) throw new Error(diagnostics.map(formatDiagnostic).join('\n'))
  const server = await createServer({
    workspaces: [workspace],
    port: 0,
    logger: options.logger ?? false,
    env: {},
    apiKeys: options.apiKeys ?? [`${GLOBAL_KEY};platform`],
    adminKeys: options.adminKeys ?? [ADMIN_KEY],
    tenants: host => createTenants(host, { dir, env, syncMs: options.syncMs ?? 0 }),
  })
  const url = await server.listen()
  t.teardown(() => server.close())
  return { server, url, dir, store: options.store }
}

/** A tools/call over plain HTTP: the parsed JSON-RPC answer and the status. */
export async function call(
  url: string,
  path: string,
  key: string | undefined,
  action: string,
  args: Record<string, unknown> = {},
  userId?: string,
): Promise<{ status: number; json: any; text: string }> {
  const res = await fetch(url + path, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      accept: 'application/json, text/event-stream',
      ...(key ? { authorization: `Bearer ${key}` } : {}),
    },
    body: JSON.stringify({
      jsonrpc: '2.0',
      id: 1,
      method: 'tools/call',
      params: {
        name: 'vault',
        arguments: { action, outputFormat: 'structured', ...(userId ? { user_id: userId } : {}), ...args },
      },
    }),
  })
  const text = await res.text()
  return { status: res.status, json: text ? JSON.parse(text) : undefined, text }
}

/** The structured output of a successful call (fails the test's expectations loudly otherwise). */
export function output(r: { status: number; json: any; text: string }): any {
  if (r.status !== 200 || r.json?.result?.isError) throw new Error(`call failed: ${r.status} ${r.text}`)
  const s = r.json.result.structuredContent
  return s && 'result' in s && Object.keys(s).length === 1 ? s.result : s
}

export const mcpPath = (slug?: string): string => (slug ? `/v2/workspaces/slug:${slug}/webhooks/mcp` : '/mcp')

/** A config API request with JSON. */
export async function api(
  url: string,
  method: string,
  path: string,
  key: string | undefined,
  body?: unknown,
): Promise<{ status: number; json: any; text: string; headers: Headers }> {
  const res = await fetch(url + path, {
    method,
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...(key ? { authorization: `Bearer ${key}` } : {}),
    },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  })
  const text = await res.text()
  let json: any
  try {
    json = text ? JSON.parse(text) : undefined
  } catch {
    json = undefined
  }
  return { status: res.status, json, text, headers: res.headers }
}
