// `confluence-next serve` (docs/serving.md): serve the workspace as MCP tools and webhooks on
// HOST:PORT (default 127.0.0.1:3000) until SIGTERM or SIGINT, then finish in-flight calls and exit.

import type { Logger } from './engine.ts'
import { closeSharedAgent } from './http/dispatcher.ts'
import { createServer, StartupError } from './server/app.ts'
import { createStore, storeOptionsFromEnv } from './store/index.ts'

const SHUTDOWN_GRACE_MS = 35_000 // above the default run wall time (30 s)

export default async function serve ({ dir }: { dir: string }): Promise<number> {
  const env = process.env
  const port = env.PORT === undefined || env.PORT === '' ? 3000 : Number(env.PORT)
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`PORT must be a port number, not ${JSON.stringify(env.PORT)}`)
    return 2
  }
  // SQLite in DATA_DIR, or Redis with REDIS_URL (docs/operations.md); the server closes it.
  let store
  try {
    const options = storeOptionsFromEnv(env, stderrLog)
    // storeOptionsFromEnv makes DATA_DIR absolute, which would turn `:memory:` into a folder.
    if (env.DATA_DIR === ':memory:') options.dataDir = ':memory:'
    store = await createStore(options)
  } catch (err) {
    console.error(`serve: ${(err as Error).message}`)
    return 1
  }
  let server
  try {
    server = await createServer({
      dir,
      store,
      host: env.HOST || '127.0.0.1',
      port,
      logger: { level: env.LOG_LEVEL || 'info' },
    })
  } catch (err) {
    await store.close()
    if (!(err instanceof StartupError)) throw err
    console.error(`serve: ${err.message}`)
    return 1
  }
  let url: string
  try {
    url = await server.listen()
  } catch (err) {
    console.error(`serve: cannot listen on ${env.HOST || '127.0.0.1'}:${port}: ${(err as Error).message}`)
    await server.close()
    return 1
  }
  const s = server.served[0]
  const tools = s.catalog.list.tools.map(t => t.name)
  console.error([
    `confluence-next: serving workspace "${s.workspace.slug}" (${s.workspace.automations.size} automations, ${tools.length} tools: ${tools.join(', ') || 'none'})`,
    `  MCP:      ${url}/mcp  (streamable HTTP; also ${url}/v2/workspaces/slug:${s.workspace.slug}/webhooks/mcp)`,
    `  webhooks: ${url}/webhooks/<endpoint>  (${s.endpoints.size} endpoints)`,
    `  auth:     ${server.authenticated ? 'API key required: Authorization: Bearer <key>' : 'none (loopback only; set CONFLUENCE_NEXT_API_KEYS to require keys)'}`,
    `  health:   ${url}/healthz  ${url}/readyz  ${url}/metrics`,
  ].join('\n'))

  return new Promise(resolve => {
    let stopping = false
    const stop = (signal: string): void => {
      if (stopping) return
      stopping = true
      server.app.log.info({ signal }, 'shutting down: finishing in-flight calls')
      const timer = setTimeout(() => {
        server.app.log.error(`shutdown took longer than ${SHUTDOWN_GRACE_MS} ms; exiting anyway`)
        process.exit(1) // something still holds the event loop: a graceful exit cannot happen
      }, SHUTDOWN_GRACE_MS)
      timer.unref()
      server.close().then(closeSharedAgent).then(() => {
        clearTimeout(timer)
        server.app.log.info('stopped')
        resolve(0)
      }, err => {
        clearTimeout(timer)
        server.app.log.error({ err: (err as Error).message }, 'error while shutting down')
        resolve(1)
      })
    }
    process.once('SIGTERM', () => stop('SIGTERM'))
    process.once('SIGINT', () => stop('SIGINT'))
  })
}

/** Store start-up messages (a generated master key, …) before the server's logger exists. */
const stderrLog: Logger = {
  info: (_obj, msg) => { if (msg) console.error(`confluence-next: ${msg}`) },
  warn: (_obj, msg) => { if (msg) console.error(`confluence-next: warning: ${msg}`) },
  error: (_obj, msg) => { if (msg) console.error(`confluence-next: error: ${msg}`) },
}
