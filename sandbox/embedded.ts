// The fakes `serve` can embed (a workspace's `sandbox.fake`, docs/serving.md "Sandbox mode"), each
// started on loopback with its demo data, with the lines the serve banner prints about it. The runtime
// names a fake only by the workspace's word for it; what each fake is stays here.

export interface EmbeddedFake {
  /** Where the fake listens. */
  url: string
  /** With oauth: the fake identity server's URL and the environment it adds (its client, its URLs). */
  oauth?: { url: string; env: NodeJS.ProcessEnv }
  /** The banner's lines about the sandbox; `serverUrl` is where the runtime listens. */
  notice(serverUrl: string): string[]
  close(): Promise<void>
}

export interface FakeOptions {
  port: number
  /** Also start the fake identity server, for per-user OAuth; `env` is the one the runtime will serve with. */
  oauth?: { env: NodeJS.ProcessEnv }
}

export const EMBEDDED_FAKES: Record<string, (options: FakeOptions) => Promise<EmbeddedFake>> = {
  confluence: startConfluence,
}

async function startConfluence(options: FakeOptions): Promise<EmbeddedFake> {
  // Imported lazily: a configured server never loads the fake or its OpenAPI validators.
  const { createFakeConfluence } = await import('./confluence/index.ts')
  const fake = await createFakeConfluence({ seed: 'demo', credentials: 'any' })
  const url = await fake.listen(options.port, '127.0.0.1')
  let oauth: EmbeddedFake['oauth']
  let closeIdentity = async (): Promise<void> => {}
  if (options.oauth) {
    // Per-user OAuth against a fake identity server too: click through the connect flow.
    const { startSandboxIdentity } = await import('./identity/sandbox.ts')
    const id = await startSandboxIdentity(fake, options.oauth.env)
    oauth = { url: id.url, env: id.env }
    closeIdentity = () => id.close()
  }
  return {
    url,
    oauth,
    notice: serverUrl => [
      `  SANDBOX: no Confluence is configured, so the tools use an embedded sandbox Confluence at ${url}`,
      '  (a demo space with pages, comments, labels and attachments; every agent is allowed).',
      ...(oauth
        ? [
            `  OAuth: per-user, against a fake identity server at ${oauth.url}: ` +
              'a tool call with a user_id answers a connect link to open in a browser.',
          ]
        : ['  (CONFLUENCE_SANDBOX_AUTH=oauth tries the per-user OAuth connect flow instead of a shared API token.)']),
      `  Connect an MCP client to ${serverUrl}/mcp — e.g. in a client config: ` +
        `{"mcpServers": {"confluence": {"type": "http", "url": "${serverUrl}/mcp"}}}`,
      '  To use your own site: set CONFLUENCE_AUTH_MODE, CONFLUENCE_SITE_URL and its credentials ' +
        '(see docs/connector.md).',
    ],
    close: async () => {
      await closeIdentity()
      await fake.close()
    },
  }
}
