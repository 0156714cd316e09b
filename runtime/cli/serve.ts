// `confluence-next serve` (docs/serving.md): serve the workspace as MCP tools and webhooks on
// HOST:PORT (default 127.0.0.1:3000) until SIGTERM or SIGINT, then finish in-flight calls and exit.

import type { Logger } from '../engine/workspace.ts'
import { ADMIN_KEYS_ENV } from '../server/auth.ts'
import { closeSharedAgent } from '../host/http/dispatcher.ts'
import { createServer, StartupError } from '../server/app.ts'
import { APP_MARKER, webAppsOf } from '../server/web-apps.ts'
import { startSchedules } from '../engine/schedules.ts'
import { sandboxSpec, startSandbox, wantsSandbox, type Sandbox } from './sandbox-mode.ts'
import { createStore, storeOptionsFromEnv } from '../host/store/index.ts'
import { createTenants, type Tenants } from '../tenants/registry.ts'
import { configureConversionCache, DEFAULT_CACHE_CHARS } from '../host/functions/cache.ts'
import { loadSourceCache } from '../workspace/source-cache.ts'
import { loadPrecompiled } from '../workspace/precompiled.ts'

const SHUTDOWN_GRACE_MS = 35_000 // above the default run wall time (30 s)

/** `port` and `host` (the command line's --port, --host) win over PORT and HOST. */
export default async function serve({
  dir,
  port: givenPort,
  host: givenHost,
}: {
  dir: string
  port?: number
  host?: string
}): Promise<number> {
  const env = process.env
  const port = givenPort ?? (env.PORT === undefined || env.PORT === '' ? 3000 : Number(env.PORT))
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`PORT must be a port number, not ${JSON.stringify(env.PORT)}`)
    return 2
  }
  const host = givenHost || env.HOST || '127.0.0.1'
  // The package's own files, parsed at build time (dist/sources.json), are not parsed again here.
  loadSourceCache()
  // And the validators of its schemas, compiled at build (dist/validators.json).
  loadPrecompiled()
  // SQLite in DATA_DIR, or Redis with REDIS_URL (docs/operations.md); the server closes it.
  let store
  try {
    store = await createStore(storeOptionsFromEnv(env, stderrLog))
  } catch (err) {
    console.error(`serve: ${(err as Error).message}`)
    return 1
  }
  // Converted bodies, in memory (CONFLUENCE_NEXT_CONVERSION_CACHE_MB, 0 = off) and shared through Redis.
  const cacheMb = env.CONFLUENCE_NEXT_CONVERSION_CACHE_MB
  if (cacheMb !== undefined && cacheMb !== '' && !(Number(cacheMb) >= 0)) {
    console.error(
      `CONFLUENCE_NEXT_CONVERSION_CACHE_MB must be a number of megabytes (0 = off), not ${JSON.stringify(cacheMb)}`,
    )
    await store.close()
    return 2
  }
  configureConversionCache({
    chars: cacheMb ? (Number(cacheMb) * 1024 * 1024) / 2 : DEFAULT_CACHE_CHARS,
    store: storeOptionsFromEnv(env).redisUrl ? store : undefined,
  })
  // Nothing configured: serve the embedded sandbox the workspace names (docs/serving.md "Sandbox mode").
  let sandbox: Sandbox | undefined
  const spec = sandboxSpec(dir)
  if (wantsSandbox(env, spec)) {
    try {
      sandbox = await startSandbox(env, spec)
    } catch (err) {
      console.error(`serve: ${(err as Error).message}`)
      await store.close()
      return 1
    }
  }
  let server
  try {
    server = await createServer({
      dir,
      env: sandbox?.env ?? env,
      store,
      host,
      port,
      logger: { level: env.LOG_LEVEL || 'info' },
      // Declared (config/tenants/*.yml) and API-created tenants (docs/tenants.md); their secretsEnv
      // names are read from the real environment, never the sandbox's.
      tenants: host => createTenants(host, { dir, env }),
    })
  } catch (err) {
    await store.close()
    await sandbox?.close()
    if (!(err instanceof StartupError)) throw err
    console.error(`serve: ${err.message}`)
    return 1
  }
  let url: string
  try {
    url = await server.listen()
  } catch (err) {
    console.error(`serve: cannot listen on ${host}:${port}: ${(err as Error).message}`)
    await server.close()
    return 1
  }
  const s = server.served[0]
  // `when.schedules` of the served workspace (tenants run none): one run per tick across replicas.
  const schedules = startSchedules(s.workspace)
  const tools = s.catalog.list.tools.map(t => t.name)
  console.error(
    [
      `confluence-next: serving workspace "${s.workspace.slug}" (${s.workspace.automations.size} automations, ${tools.length} tools: ${
        tools.join(', ') || 'none'
      })`,
      `  MCP:      ${url}/mcp  (streamable HTTP; also ${url}/v2/workspaces/slug:${s.workspace.slug}/webhooks/mcp)`,
      `  webhooks: ${url}/webhooks/<endpoint>  (${s.endpoints.size} endpoints)`,
      `  auth:     ${
        server.authenticated
          ? 'API key required: Authorization: Bearer <key>'
          : 'none (loopback only; set CONFLUENCE_NEXT_API_KEYS to require keys)'
      }`,
      `  health:   ${url}/healthz  ${url}/readyz  ${url}/metrics`,
      ...(s.endpoints.has(APP_MARKER)
        ? webAppsOf(s.workspace).map(
            a =>
              `  app:      ${url}/apps/${a.id}  (configuration: maintainer, tenant admins, users — docs/config-app.md)`,
          )
        : []),
      ...tenantLines(server.tenants, url, env),
      ...(sandbox ? ['', ...sandbox.notice(url)] : []),
    ].join('\n'),
  )

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
      schedules.stop()
      server
        .close()
        .then(closeSharedAgent)
        .then(() => sandbox?.close())
        .then(
          () => {
            clearTimeout(timer)
            server.app.log.info('stopped')
            resolve(0)
          },
          err => {
            clearTimeout(timer)
            server.app.log.error({ err: (err as Error).message }, 'error while shutting down')
            resolve(1)
          },
        )
    }
    process.once('SIGTERM', () => stop('SIGTERM'))
    process.once('SIGINT', () => stop('SIGINT'))
  })
}

/** The banner's tenant lines (docs/tenants.md). */
function tenantLines(tenants: Tenants | undefined, url: string, env: NodeJS.ProcessEnv): string[] {
  const list = tenants?.list() ?? []
  return [
    `  tenants:  ${
      list.length === 0
        ? 'none (declare them in config/tenants/<slug>.yml: docs/tenants.md)'
        : list.map(e => `${e.spec.slug} (${e.spec.source === 'file' ? e.spec.file : 'config API'})`).join(', ')
    }` + (list.length ? `\n            at ${url}/v2/workspaces/slug:<tenant>/webhooks/mcp` : ''),
    `  config:   ${
      env[ADMIN_KEYS_ENV]
        ? `${url}/v2/workspaces/slug:<tenant>/config (admin keys)`
        : `config API off (set ${ADMIN_KEYS_ENV} to create tenants at run time)`
    }`,
  ]
}

/** Store start-up messages (a generated master key, …) before the server's logger exists. */
const stderrLog: Logger = {
  info: (_obj, msg) => {
    if (msg) console.error(`confluence-next: ${msg}`)
  },
  warn: (_obj, msg) => {
    if (msg) console.error(`confluence-next: warning: ${msg}`)
  },
  error: (_obj, msg) => {
    if (msg) console.error(`confluence-next: error: ${msg}`)
  },
}
