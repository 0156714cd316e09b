// Connector tests drive the real server over loopback with the SDK client, against the fake
// Confluence (sandbox/confluence), which validates every request and response against the specs.
import { fileURLToPath } from 'node:url'
import { Client } from '@modelcontextprotocol/sdk/client/index.js'
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js'
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js'
import { createFakeConfluence, type FakeConfluence } from '../../sandbox/confluence/index.ts'
import { createServer, type RuntimeServer } from '../../runtime/server/app.ts'
import { loadWorkspace } from '../../runtime/workspace/load.ts'
import { formatDiagnostic } from '../../runtime/workspace/diagnostics.ts'

export const ROOT = fileURLToPath(new URL('../..', import.meta.url))
export const EMAIL = 'agent-bot@example.com'
export const API_TOKEN = 'api-token-0123456789'
export const AGENT = 'agent-1'

export interface Teardown {
  teardown(fn: () => unknown): void
}

export interface Connector {
  fake: FakeConfluence
  server: RuntimeServer
  client: Client
  url: string
  /** Call `tool` with `action` as agent AGENT (unless `agent_id` is given). */
  call(
    tool: string,
    action: string,
    args?: Record<string, unknown>,
    outputFormat?: 'verbose' | 'structured' | 'both',
  ): Promise<CallToolResult>
}

export interface ConnectorOptions {
  env?: Record<string, string>
  /** 'apiToken' (default) or 'accessToken' through the gateway. */
  mode?: 'apiToken' | 'accessToken'
  accessToken?: { token: string; scopes?: string[] }
  seed?: 'demo' | 'empty'
  /** Configure CONFLUENCE_CLOUD_ID with the fake's id (no discovery). */
  cloudIdFromFake?: boolean
}

export async function startConnector(t: Teardown, options: ConnectorOptions = {}): Promise<Connector> {
  const fake = await createFakeConfluence({ seed: options.seed ?? 'demo' })
  fake.credentials.addApiToken(EMAIL, API_TOKEN)
  const fakeUrl = await fake.listen()
  t.teardown(() => fake.close())
  const mode = options.mode ?? 'apiToken'
  const env: Record<string, string> =
    mode === 'apiToken'
      ? {
          CONFLUENCE_AUTH_MODE: 'apiToken',
          CONFLUENCE_SITE_URL: fakeUrl,
          CONFLUENCE_EMAIL: EMAIL,
          CONFLUENCE_API_TOKEN: API_TOKEN,
        }
      : {
          CONFLUENCE_AUTH_MODE: 'accessToken',
          CONFLUENCE_SITE_URL: fakeUrl,
          ATLASSIAN_API_URL: fakeUrl,
          CONFLUENCE_ACCESS_TOKEN: options.accessToken?.token ?? 'access-token-abcdef',
        }
  if (mode === 'accessToken')
    fake.credentials.addAccessToken(options.accessToken?.token ?? 'access-token-abcdef', {
      scopes: options.accessToken?.scopes,
    })
  if (options.cloudIdFromFake) env.CONFLUENCE_CLOUD_ID = fake.cloudId
  // The fake listens on loopback: an explicit opt-in (docs/operations.md), never the default.
  Object.assign(env, { CONFLUENCE_ALLOWED_AGENTS: AGENT, CONFLUENCE_ALLOW_LOOPBACK: 'true' }, options.env)
  const { workspace, diagnostics } = loadWorkspace(ROOT, { env })
  if (!workspace) throw new Error(diagnostics.map(formatDiagnostic).join('\n'))
  const server = await createServer({ workspaces: [workspace], port: 0, logger: false, env: {} })
  const url = await server.listen()
  t.teardown(() => server.close())
  const client = new Client({ name: 'connector-test', version: '1.0.0' })
  await client.connect(new StreamableHTTPClientTransport(new URL(url + '/mcp')))
  t.teardown(() => client.close())
  return {
    fake,
    server,
    client,
    url,
    call: (tool, action, args = {}, outputFormat) =>
      client.callTool({
        name: tool,
        arguments: { action, agent_id: AGENT, user_id: 'user-1', ...(outputFormat ? { outputFormat } : {}), ...args },
      }) as Promise<CallToolResult>,
  }
}

export function text(result: CallToolResult): string {
  return result.content.map(b => (b.type === 'text' ? b.text : '')).join('\n')
}
