// `npm start`'s sandbox with per-user OAuth: the fake identity server beside the fake Confluence, and
// the environment that points the connector's `oauth` mode at both, so a person can click through
// the connect flow (tool call → connect link → consent, auto-approved → "Connected" page → tool call).
import { randomBytes } from 'node:crypto'
import type { FakeConfluence } from '../confluence/index.ts'
import { createFakeIdentity, type FakeIdentity } from './index.ts'

export const SANDBOX_CLIENT_ID = 'sandbox-oauth-client'

export interface SandboxIdentity {
  identity: FakeIdentity
  url: string
  env: NodeJS.ProcessEnv
  close(): Promise<void>
}

/**
 * Start the identity server for `fake` (already listening) and return `env` with the OAuth settings
 * added. `publicUrl` is where the runtime will be reachable (PUBLIC_URL, else http://HOST:PORT).
 */
export async function startSandboxIdentity(
  fake: FakeConfluence,
  env: NodeJS.ProcessEnv,
  port = Number(env.SANDBOX_IDENTITY_PORT ?? 0),
): Promise<SandboxIdentity> {
  const secret = randomBytes(24).toString('base64url')
  const identity = await createFakeIdentity({ clients: [{ id: SANDBOX_CLIENT_ID, secret }], tokens: fake.credentials })
  const url = await identity.listen(port, '127.0.0.1')
  return {
    identity,
    url,
    env: {
      ...env,
      CONFLUENCE_AUTH_MODE: 'oauth',
      CONFLUENCE_SITE_URL: fake.url,
      ATLASSIAN_API_URL: fake.url,
      ATLASSIAN_AUTH_URL: url,
      CONFLUENCE_OAUTH_CLIENT_ID: SANDBOX_CLIENT_ID,
      CONFLUENCE_OAUTH_CLIENT_SECRET: secret,
    },
    close: () => identity.close(),
  }
}
