// `npm start` with no Confluence configured: start the embedded sandbox Confluence (the same fake the
// tests use, seeded with a demo space) on loopback and point the connector at it, all agents allowed.
// CONFLUENCE_SANDBOX_AUTH=oauth adds the fake identity server and uses per-user OAuth.
import type { FakeConfluence } from '../../sandbox/confluence/index.ts'

/** Sandbox mode applies to the connector workspace when neither a site nor an auth mode is set. */
export function wantsSandbox (env: NodeJS.ProcessEnv, workspaceSlug: string | undefined): boolean {
  if (env.CONFLUENCE_SANDBOX === 'false') return false
  if (env.CONFLUENCE_SANDBOX === 'true') return true
  return workspaceSlug === 'confluence-next' && !env.CONFLUENCE_SITE_URL && !env.CONFLUENCE_AUTH_MODE
}

export interface Sandbox { env: NodeJS.ProcessEnv, url: string, oauth?: string, close (): Promise<void> }

export async function startSandbox (given: NodeJS.ProcessEnv): Promise<Sandbox> {
  // The embedded fakes listen on loopback: sandbox mode opts in explicitly (docs/operations.md).
  const env: NodeJS.ProcessEnv = { ...given, CONFLUENCE_ALLOW_LOOPBACK: 'true' }
  // Imported lazily: a configured server never loads the fake or its OpenAPI validators.
  const { createFakeConfluence } = await import('../../sandbox/confluence/index.ts')
  const fake: FakeConfluence = await createFakeConfluence({ seed: 'demo', credentials: 'any' })
  const url = await fake.listen(Number(env.SANDBOX_PORT ?? 0), '127.0.0.1')
  if (env.CONFLUENCE_SANDBOX_AUTH === 'oauth') {
    // Per-user OAuth against a fake identity server too: click through the connect flow.
    const { startSandboxIdentity } = await import('../../sandbox/identity/sandbox.ts')
    const id = await startSandboxIdentity(fake, { ...env, CONFLUENCE_ALLOW_ALL_AGENTS: env.CONFLUENCE_ALLOW_ALL_AGENTS ?? 'true' })
    return { url, env: id.env, oauth: id.url, close: async () => { await id.close(); await fake.close() } }
  }
  return {
    url,
    env: {
      ...env,
      CONFLUENCE_AUTH_MODE: 'apiToken',
      CONFLUENCE_SITE_URL: url,
      CONFLUENCE_EMAIL: 'sandbox@example.com',
      CONFLUENCE_API_TOKEN: 'sandbox-token',
      CONFLUENCE_ALLOW_ALL_AGENTS: env.CONFLUENCE_ALLOW_ALL_AGENTS ?? 'true',
    },
    close: () => fake.close(),
  }
}
