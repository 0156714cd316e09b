// Shared by the fetch*.test.ts suites: a real loopback HTTP server that records what it receives, and
// a workspace written to a tap testdir whose fetches go through a per-test undici Agent.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { BuiltPlugins, Test, TestOpts } from '@tapjs/test'
import { Agent, type Dispatcher } from 'undici'
import type { Logger, Workspace } from '../../../runtime/engine/workspace.ts'
import type { TraceEntry } from '../../../runtime/core/run-context.ts'
import { loadWorkspace } from '../../../runtime/workspace/load.ts'

type Tap = Test<BuiltPlugins, TestOpts> & BuiltPlugins

export interface Seen {
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: Buffer
}

export type Handler = (req: IncomingMessage, res: ServerResponse, body: Buffer, n: number) => void

export interface TestServer {
  origin: string
  port: number
  seen: Seen[]
}

/** Start a server on 127.0.0.1:0; `handler` runs once the request body is in; `n` counts from 1. */
export async function startServer(t: Tap, handler: Handler): Promise<TestServer> {
  const seen: Seen[] = []
  const server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      const body = Buffer.concat(chunks)
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body })
      handler(req, res, body, seen.length)
    })
  })
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve))
  t.teardown(
    () =>
      new Promise<void>(resolve => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  )
  const port = (server.address() as AddressInfo).port
  return { origin: `http://127.0.0.1:${port}`, port, seen }
}

/** A port nothing listens on (bound, then closed). */
export async function closedPort(): Promise<number> {
  const s = createServer()
  await new Promise<void>(resolve => s.listen(0, '127.0.0.1', resolve))
  const port = (s.address() as AddressInfo).port
  await new Promise<void>(resolve => s.close(() => resolve()))
  return port
}

export function json(res: ServerResponse, status: number, value: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers })
  res.end(JSON.stringify(value))
}

export interface WorkspaceOptions {
  /** Extra sections of config/index.yml (http, limits, secrets…). */
  index?: Record<string, unknown>
  config?: Record<string, unknown>
  secrets?: Record<string, unknown>
  /** Default: a fresh Agent closed at teardown; `null`: no injection (the shared Agent). */
  dispatcher?: Dispatcher | null
  env?: NodeJS.ProcessEnv
  log?: Logger
}

/** Write `automations` (file name without .yml → YAML text) to a testdir and load it; throws on diagnostics. */
export function makeWorkspace(t: Tap, automations: Record<string, string>, o: WorkspaceOptions = {}): Workspace {
  const files: Record<string, string> = {}
  for (const [name, text] of Object.entries(automations)) files[`${name}.yml`] = text
  const dir = t.testdir({
    config: { 'index.yml': JSON.stringify({ slug: 'fetch-test', name: 'fetch test', ...o.index }) },
    automations: files,
  })
  let dispatcher = o.dispatcher
  if (dispatcher === undefined) {
    const agent = new Agent({ keepAliveTimeout: 1000 })
    t.teardown(() => agent.destroy())
    dispatcher = agent
  }
  const { workspace, diagnostics } = loadWorkspace(dir, {
    // The test servers listen on loopback, which only this explicit opt-in reaches.
    env: { CONFLUENCE_ALLOW_LOOPBACK: 'true', ...o.env },
    log: o.log,
    services: dispatcher ? { dispatcher } : {},
    overrides: { config: o.config, secrets: o.secrets },
  })
  if (!workspace)
    throw new Error(
      diagnostics.map(d => `${d.location.file}:${d.location.line}:${d.location.col} ${d.code} ${d.message}`).join('\n'),
    )
  return workspace
}

export interface Traced {
  output: unknown
  trace: TraceEntry[]
}

export async function runTraced(ws: Workspace, slug: string, args: Record<string, unknown> = {}): Promise<Traced> {
  const trace: TraceEntry[] = []
  const { output } = await ws.run(slug, args, { trace: e => trace.push(e) })
  return { output, trace }
}

/** Run and return the error (fails the test through `throw` when the run succeeds). */
export async function runError(
  ws: Workspace,
  slug: string,
  args: Record<string, unknown> = {},
): Promise<Error & { code?: string; data?: Record<string, unknown> }> {
  try {
    await ws.run(slug, args)
  } catch (err) {
    return err as Error
  }
  throw new Error(`expected ${slug} to fail`)
}
