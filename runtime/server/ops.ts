// Operations (docs/serving.md "Operations"): /healthz, /readyz, /metrics (prom-client, loaded after the
// start, one registry per server so several servers can live in one process), correlation ids and one
// log line per call.

import { randomUUID } from 'node:crypto'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Counter, Histogram, Registry } from 'prom-client'
import type { AutomationRunEvent } from '../engine/types.ts'
import { automationEvents, type Workspace } from '../engine/workspace.ts'
import { httpEvents, type HttpAttemptEvent, type HttpRetryEvent } from '../host/http/metrics.ts'
import { PACKAGE_VERSION } from '../core/package-root.ts'
import type { AuthPolicy } from './auth-plugin.ts'

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30]
const CORRELATION_ID = /^[\w.:-]{1,128}$/

export type ToolOutcome = 'ok' | 'error' | 'invalid' | 'internal' | 'cancelled'

/** What the log line and the metrics say about one call; filled by the MCP and webhook handlers. */
export interface CallInfo {
  workspace?: string
  tool?: string
  action?: string
  endpoint?: string
  outcome?: string
  /** What went wrong: a `fail` reason (NOT_FOUND…) or runtime code (LIMIT_NESTING…). */
  code?: string
  error?: string
  /** Who the call ran as (agent, user, conversation ids): the audit trail, never a credential. */
  agent?: string
  user?: string
  context?: string
}

declare module 'fastify' {
  interface FastifyRequest {
    call: CallInfo | null
  }
}

/** What prom-client exports; loaded by `import()`, off the start path (Metrics). */
type PromClient = typeof import('prom-client')

/** How many observations wait for prom-client at most before it is loaded at once, whatever the delay. */
export const PENDING_LIMIT = 4096
/** After listen(): when prom-client loads if no scrape asked first; the start's first calls are answered by then. */
export const LOAD_AFTER_LISTEN_MS = 1500

/**
 * The server's metrics. prom-client (its evaluation, the registry, the default metrics) costs the start
 * 12–25 ms of CPU before the first call could be answered, and nothing reads the metrics until /metrics
 * is scraped: it is loaded after the start (loadSoon) or at the first scrape, whichever is first. Until
 * then each observation waits in a bounded list and is replayed into the registry when it is created,
 * so a scrape sees every call since the start.
 */
export class Metrics {
  private instruments: Instruments | undefined
  private loading: Promise<Instruments> | undefined
  private pending: ((instruments: Instruments) => void)[] = []
  private timer: NodeJS.Timeout | undefined
  private countInFlight: () => number = () => 0

  constructor(private readonly pendingLimit = PENDING_LIMIT) {}

  /** buffering: prom-client not asked for yet; loading: being imported; loaded: observations go to it. */
  get state(): 'buffering' | 'loading' | 'loaded' {
    return this.instruments ? 'loaded' : this.loading ? 'loading' : 'buffering'
  }

  /** The registry, prom-client loaded and every waiting observation replayed into it first. */
  async registry(): Promise<Registry> {
    return (await this.load()).registry
  }

  /** Load prom-client `ms` from now unless a scrape or the bound did it first (the timer keeps no process up). */
  loadSoon(ms = LOAD_AFTER_LISTEN_MS): void {
    if (this.instruments || this.loading || this.timer) return
    // A failed import is answered by the next scrape (a 500 there, with fastify's error log).
    this.timer = setTimeout(() => this.load().catch(() => {}), ms).unref()
  }

  /** Stop the timer of loadSoon (the server closes). */
  stop(): void {
    clearTimeout(this.timer)
  }

  private load(): Promise<Instruments> {
    if (this.instruments) return Promise.resolve(this.instruments)
    clearTimeout(this.timer)
    this.loading ??= import('prom-client').then(
      loaded => {
        const instruments = new Instruments(promClientOf(loaded), () => this.countInFlight())
        for (const observe of this.pending) observe(instruments)
        this.pending = []
        this.instruments = instruments
        return instruments
      },
      (err: unknown) => {
        this.loading = undefined
        throw err
      },
    )
    return this.loading
  }

  /** Apply `observe` now, or when prom-client is loaded; a full list loads it at once rather than drop any. */
  private observe(observe: (instruments: Instruments) => void): void {
    if (this.instruments) {
      observe(this.instruments)
      return
    }
    this.pending.push(observe)
    // The few observations made while the import runs still wait: none is lost.
    if (this.pending.length >= this.pendingLimit && !this.loading) this.load().catch(() => {})
  }

  /** Where the in-flight gauge reads its value (app.ts counts requests). */
  countRequestsInFlight(count: () => number): void {
    this.countInFlight = count
  }

  toolCall(
    workspace: string,
    tool: string,
    action: string,
    outcome: ToolOutcome,
    seconds: number,
    code?: string,
  ): void {
    if (this.instruments) this.instruments.toolCall(workspace, tool, action, outcome, seconds, code)
    else this.observe(i => i.toolCall(workspace, tool, action, outcome, seconds, code))
  }

  callCancelled(workspace: string, surface: 'mcp' | 'webhook', how: 'disconnected' | 'notification'): void {
    this.observe(i => i.cancelledCalls.inc({ workspace, surface, how }))
  }

  webhookCall(workspace: string, endpoint: string, status: number, seconds: number): void {
    this.observe(i => {
      i.webhookCalls.inc({ workspace, endpoint, status: String(status) })
      i.webhookSeconds.observe({ workspace, endpoint }, seconds)
    })
  }

  /**
   * Count, for these workspaces, the fetch instruction's attempts and retries (runtime/host/http/metrics.ts)
   * and every automation run (engine.ts automationEvents); returns the unsubscribe.
   */
  watchWorkspaces(workspaces: ReadonlySet<string>): () => void {
    const on = (e: HttpAttemptEvent): void => {
      if (!workspaces.has(e.workspace)) return // another server in this process
      const status = String(e.status ?? e.code ?? 'error')
      if (this.instruments) this.instruments.upstreamAttempt(e.workspace, e.origin, status, e.durationMs)
      else this.observe(i => i.upstreamAttempt(e.workspace, e.origin, status, e.durationMs))
    }
    const onRetry = (e: HttpRetryEvent): void => {
      if (workspaces.has(e.workspace)) {
        this.observe(i => i.upstreamRetries.inc({ workspace: e.workspace, origin: e.origin, cause: e.cause }))
      }
    }
    const onRun = (e: AutomationRunEvent): void => {
      if (!workspaces.has(e.workspace)) return
      const { workspace, automation, outcome } = e
      const code = e.code ?? ''
      if (this.instruments) this.instruments.automationRun(workspace, automation, outcome, code)
      else this.observe(i => i.automationRun(workspace, automation, outcome, code))
    }
    httpEvents.on('attempt', on)
    httpEvents.on('retry', onRetry)
    automationEvents.on('automation', onRun)
    return () => {
      httpEvents.off('attempt', on)
      httpEvents.off('retry', onRetry)
      automationEvents.off('automation', onRun)
    }
  }
}

/**
 * prom-client is CommonJS: Node's import() gives its exports by name and as `default`, the bundle's
 * chunk (scripts/build.mjs) only as `default`.
 */
function promClientOf(loaded: PromClient | { default: PromClient }): PromClient {
  return 'Registry' in loaded ? loaded : loaded.default
}

/** The prom-client side of Metrics: one registry per server, so several servers can live in one process. */
class Instruments {
  readonly registry: Registry
  private readonly toolCallsOf: (...values: string[]) => Tally
  private readonly toolSeconds: Histogram
  readonly webhookCalls: Counter
  readonly webhookSeconds: Histogram
  readonly cancelledCalls: Counter
  private readonly upstreamCallsOf: (...values: string[]) => Tally
  private readonly upstreamSeconds: Histogram
  readonly upstreamRetries: Counter
  private readonly toolErrorsOf: (...values: string[]) => Tally
  private readonly automationRunsOf: (...values: string[]) => Tally

  constructor(prom: PromClient, countInFlight: () => number) {
    const { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } = prom
    const registers = [(this.registry = new Registry())]
    this.toolCallsOf = tallied(Counter, {
      name: 'confluence_next_tool_calls_total',
      help: 'MCP tool calls by tool, action and outcome (ok, error, invalid, internal, cancelled).',
      labelNames: ['workspace', 'tool', 'action', 'outcome'],
      registers,
    })
    this.toolSeconds = new Histogram({
      name: 'confluence_next_tool_call_duration_seconds',
      help: 'MCP tool call latency, argument validation to result.',
      labelNames: ['workspace', 'tool', 'action'],
      buckets: BUCKETS,
      registers,
    })
    this.webhookCalls = new Counter({
      name: 'confluence_next_webhook_calls_total',
      help: 'Webhook calls by endpoint and response status.',
      labelNames: ['workspace', 'endpoint', 'status'],
      registers,
    })
    this.webhookSeconds = new Histogram({
      name: 'confluence_next_webhook_duration_seconds',
      help: 'Webhook latency.',
      labelNames: ['workspace', 'endpoint'],
      buckets: BUCKETS,
      registers,
    })
    this.cancelledCalls = new Counter({
      name: 'confluence_next_cancelled_calls_total',
      help:
        'Tool calls and webhooks whose run was stopped because nobody waited for the answer any more, ' +
        'by surface (mcp, webhook) and how (disconnected: the request closed; notification: notifications/cancelled).',
      labelNames: ['workspace', 'surface', 'how'],
      registers,
    })
    this.upstreamCallsOf = tallied(Counter, {
      name: 'confluence_next_upstream_attempts_total',
      help: 'Outbound HTTP attempts by origin and response status (or the error code when there was no response).',
      labelNames: ['workspace', 'origin', 'status'],
      registers,
    })
    this.upstreamSeconds = new Histogram({
      name: 'confluence_next_upstream_duration_seconds',
      help: 'Outbound HTTP attempt latency by origin.',
      labelNames: ['workspace', 'origin'],
      buckets: BUCKETS,
      registers,
    })
    this.upstreamRetries = new Counter({
      name: 'confluence_next_upstream_retries_total',
      help: 'Outbound HTTP retries by origin and cause: the status (429, 503…) or error code of the attempt retried.',
      labelNames: ['workspace', 'origin', 'cause'],
      registers,
    })
    this.toolErrorsOf = tallied(Counter, {
      name: 'confluence_next_tool_errors_total',
      help:
        'MCP tool calls that failed, by error code: ' +
        'the fail reason (NOT_FOUND, AGENT_NOT_AUTHORIZED…) or runtime code.',
      labelNames: ['workspace', 'tool', 'action', 'code'],
      registers,
    })
    this.automationRunsOf = tallied(Counter, {
      name: 'confluence_next_automation_runs_total',
      help:
        'Runs of each automation, nested calls included, by outcome and error code ' +
        '(oauth/refresh: token refreshes).',
      labelNames: ['workspace', 'automation', 'outcome', 'code'],
      registers,
    })
    const inFlight = new Gauge({
      name: 'confluence_next_requests_in_flight',
      help: 'HTTP requests being answered (tool calls, webhooks), the operations endpoints included.',
      registers,
      collect: () => {
        inFlight.set(countInFlight())
      },
    })
    // Node's own, among them the event-loop delay (nodejs_eventloop_lag_*), heap and GC.
    collectDefaultMetrics({ register: this.registry })
    new Gauge({
      name: 'confluence_next_build_info',
      help: 'The running version (value 1).',
      labelNames: ['version', 'node'],
      registers,
    }).set({ version: PACKAGE_VERSION, node: process.version }, 1)
  }

  // A histogram's child per label set, kept, spares building its label object on every observe (prom-client
  // still checks and hashes it there).
  private readonly toolSecondsOf = children((...v: string[]) => this.toolSeconds.labels(...v))
  private readonly upstreamSecondsOf = children((...v: string[]) => this.upstreamSeconds.labels(...v))

  toolCall(workspace: string, tool: string, action: string, outcome: ToolOutcome, seconds: number, code?: string) {
    this.toolCallsOf(workspace, tool, action, outcome).count++
    this.toolSecondsOf(workspace, tool, action).observe(seconds)
    if (code !== undefined && outcome !== 'cancelled') this.toolErrorsOf(workspace, tool, action, code).count++
  }

  upstreamAttempt(workspace: string, origin: string, status: string, durationMs: number): void {
    this.upstreamCallsOf(workspace, origin, status).count++
    this.upstreamSecondsOf(workspace, origin).observe(durationMs / 1000)
  }

  automationRun(workspace: string, automation: string, outcome: string, code: string): void {
    this.automationRunsOf(workspace, automation, outcome, code).count++
  }
}

/** Increments of one label set not yet handed to prom-client. */
interface Tally {
  count: number
  readonly child: { inc(n: number): void }
}

/**
 * A counter whose increments are kept as a number per label set and handed to prom-client when it
 * collects, on each scrape (and `get`): prom-client hashes the labels on every `inc`, even through a
 * child, and a tool call counts about ten times (each automation run, each attempt). Returns the
 * tally of a label set.
 */
function tallied(
  Counter: PromClient['Counter'],
  configuration: ConstructorParameters<PromClient['Counter']>[0],
): (...values: string[]) => Tally {
  const tallies: Tally[] = []
  const counter: Counter = new Counter({
    ...configuration,
    collect: () => {
      for (const tally of tallies) {
        if (tally.count === 0) continue
        tally.child.inc(tally.count)
        tally.count = 0
      }
    },
  })
  return children((...values: string[]): Tally => ({ count: 0, child: counter.labels(...values) }), tallies)
}

/**
 * Memoize a label-set → child lookup (label values are bounded: tools, actions, allowed origins), each
 * made child also pushed to `made`. One map per label: the values are the same strings every time
 * (slugs, names), whose hashes V8 keeps, where a joined key would be a new string to hash per lookup.
 */
function children<T>(make: (...values: string[]) => T, made: T[] = []): (...values: string[]) => T {
  const root = new Map<string, unknown>()
  return (...values) => {
    let level = root
    const last = values.length - 1
    for (let i = 0; i < last; i++) {
      let next = level.get(values[i]) as Map<string, unknown> | undefined
      if (next === undefined) level.set(values[i], (next = new Map()))
      level = next
    }
    let child = level.get(values[last]) as T | undefined
    if (child === undefined) {
      level.set(values[last], (child = make(...values)))
      made.push(child)
    }
    return child
  }
}

/** A caller's `x-correlation-id` (or `x-request-id`) when it is sane, else a new one. */
export function correlationId(headers: FastifyRequest['headers']): string {
  const given = headers['x-correlation-id'] ?? headers['x-request-id']
  return typeof given === 'string' && CORRELATION_ID.test(given) ? given : randomUUID()
}

export interface OpsOptions {
  metrics: Metrics
  workspaces: () => Workspace[]
  isClosing: () => boolean
}

/** Who may read what (auth-plugin.ts): the details of /readyz and /metrics are for operators. */
const PUBLIC: { config: { auth: AuthPolicy } } = { config: { auth: 'public' } }
const DETAILS: { config: { auth: AuthPolicy } } = { config: { auth: 'metricsOptional' } }
const OPERATORS: { config: { auth: AuthPolicy } } = { config: { auth: 'metrics' } }

/** Set by the auth hook for the routes above; false when it did not run (fail closed). */
const isOperator = (req: FastifyRequest): boolean => req.auth?.operator === true

function logCall(req: FastifyRequest, reply: FastifyReply): void {
  const path = req.url.split('?', 1)[0]
  if (path === '/healthz' || path === '/readyz' || path === '/metrics') return
  const line = {
    method: req.method,
    path,
    status: reply.statusCode,
    ms: Math.round(reply.elapsedTime * 10) / 10,
    ...req.call,
  }
  if (reply.statusCode >= 500 || req.call?.outcome === 'internal') req.log.error(line, 'call')
  else req.log.info(line, 'call')
}

export function opsRoutes(app: FastifyInstance, options: OpsOptions): void {
  app.decorateRequest('call', null)
  // Callback hooks (app.ts says why).
  app.addHook('onRequest', (req, reply, done) => {
    reply.header('x-correlation-id', req.id)
    done()
  })
  // One line per call: the request, its outcome and its duration; never a query string or a header.
  app.addHook('onResponse', (req, reply, done) => {
    logCall(req, reply)
    done()
  })

  app.get('/healthz', PUBLIC, async () => ({ status: 'ok' }))
  app.get('/readyz', DETAILS, async (req, reply) => {
    if (options.isClosing()) return reply.code(503).send({ status: 'unavailable', reason: 'shutting down' })
    const workspaces = options.workspaces()
    try {
      // The store must answer (a probe read) within a second.
      await Promise.all(workspaces.map(w => withTimeout(w.store.get(`${w.slug}:readyz`), 1000)))
    } catch (err) {
      const reason = isOperator(req) ? `store unreachable: ${(err as Error).message}` : 'store unreachable'
      return reply.code(503).send({ status: 'unavailable', reason })
    }
    // Which workspaces this server holds is for operators (a scrape key), not for anyone who can reach it.
    if (!isOperator(req)) return { status: 'ok' }
    return { status: 'ok', workspaces: workspaces.map(w => ({ slug: w.slug, automations: w.automations.size })) }
  })
  // The first scrape may be what loads prom-client: it waits for it and sees every call since the start.
  app.get('/metrics', OPERATORS, async (_req, reply) => {
    const registry = await options.metrics.registry()
    reply.type(registry.contentType)
    return registry.metrics()
  })
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<T>((_resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms)
    }),
  ])
}
