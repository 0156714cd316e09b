// Which undici dispatcher a fetch uses (docs/fetch.md "Dispatcher"). The host of a workspace may inject
// one as `services.dispatcher` (tests pass a MockAgent or their own Agent); otherwise every workspace
// shares one Agent, which keeps a keep-alive connection pool per origin. The global dispatcher is
// never read nor set, so nothing leaks between tests or between embedders.
import type { Dispatcher } from 'undici'
import { Agent } from './undici.ts'
import { guardedLookup } from './host-policy.ts'

let shared: Agent | undefined
let guarded: Agent | undefined

/**
 * The process-wide Agent that checks every resolved address (host-policy.ts guardedLookup): the one
 * used outside sandbox mode, so a name pointing at 127.0.0.1 or 10.x is never connected to.
 */
export function guardedAgent(): Agent {
  guarded ??= new Agent({
    keepAliveTimeout: 10_000,
    keepAliveMaxTimeout: 60_000,
    connections: 128,
    connect: { timeout: 10_000, lookup: guardedLookup },
  })
  return guarded
}

/** The process-wide Agent, created on first use. */
export function sharedAgent(): Agent {
  shared ??= new Agent({
    keepAliveTimeout: 10_000,
    keepAliveMaxTimeout: 60_000,
    connections: 128, // per origin; Confluence calls of concurrent tool calls fan out to one origin
    connect: { timeout: 10_000 },
  })
  return shared
}

/** `services.dispatcher` when the host injected one. */
export function injectedDispatcher(services: Record<string, unknown> | undefined): Dispatcher | undefined {
  const injected = services?.dispatcher
  if (injected === undefined) return undefined
  if (!isDispatcher(injected))
    throw new TypeError('services.dispatcher must be an undici Dispatcher (an object with a dispatch method)')
  return injected
}

/** Close the shared Agent (graceful shutdown); a later fetch creates a new one. */
export async function closeSharedAgent(): Promise<void> {
  const agents = [shared, guarded]
  shared = guarded = undefined
  await Promise.all(agents.map(a => a?.close()))
}

function isDispatcher(v: unknown): v is Dispatcher {
  return typeof v === 'object' && v !== null && typeof (v as Dispatcher).dispatch === 'function'
}
