// What one run shares across every automation it calls: identity, persisted scopes, limits and
// counters, the deadline, the redactor and the trace sink.

import { randomUUID } from 'node:crypto'
import { setMaxListeners } from 'node:events'
import type { Limits } from './limits.ts'
import { Redactor } from './redact.ts'
import { PersistedScope } from './persisted-scope.ts'
import type { Store } from './store.ts'

export interface Identity { userId?: string, agentId?: string, contextId?: string }

export interface TraceEntry {
  automation: string
  instruction: string
  location: string
  depth: number
  durationMs: number
  error?: string
}

export interface RunOptions {
  identity?: Identity
  correlationId?: string
  trace?: (entry: TraceEntry) => void
  /** Where the run was triggered from (endpoint, mcp, event, automation, cli). */
  trigger?: { type: string, value?: string }
  signal?: AbortSignal
}

export interface RunHost {
  readonly slug: string
  readonly store: Store
  readonly limits: Limits
  readonly config: Readonly<Record<string, unknown>>
  readonly secret: Readonly<Record<string, unknown>>
  readonly redactor: Redactor
}

export class RunContext {
  readonly id = randomUUID()
  readonly correlationId: string
  readonly startedAt = Date.now()
  readonly deadline: number
  readonly limits: Limits
  readonly redactor: Redactor
  readonly identity: Identity
  readonly trace?: (entry: TraceEntry) => void
  readonly trigger: { type: string, value?: string }
  readonly config: Readonly<Record<string, unknown>>
  readonly secret: Readonly<Record<string, unknown>>
  readonly store: Store
  /** Aborted when the wall time is up or the caller gives up; fetch and wait listen to it. */
  readonly signal: AbortSignal
  instructions = 0
  events = 0
  /**
   * The sequence number of the last event this run emitted or waited for (0: none yet). A `wait`
   * after an `emit` also matches a later event that arrived before it was registered (engine.ts).
   */
  eventCursor = 0
  /** Bumped on every variable write; scopes use it to invalidate their cached JSONata input. */
  generation = 0
  private readonly timer: NodeJS.Timeout
  private readonly controller = new AbortController()

  private constructor (readonly host: RunHost, readonly user: PersistedScope, readonly global: PersistedScope, options: RunOptions) {
    this.limits = host.limits
    this.deadline = this.startedAt + host.limits.runWallTimeMs
    this.redactor = new Redactor(host.redactor)
    this.identity = options.identity ?? {}
    this.trace = options.trace
    this.trigger = options.trigger ?? { type: 'automation' }
    this.correlationId = options.correlationId ?? this.id
    this.config = host.config
    this.secret = host.secret
    this.store = host.store
    this.timer = setTimeout(() => this.controller.abort(new Error('run wall time exceeded')), host.limits.runWallTimeMs)
    this.timer.unref()
    this.signal = options.signal ? AbortSignal.any([this.controller.signal, options.signal]) : this.controller.signal
    // Concurrent fetches and waits of one run each listen to the signal.
    setMaxListeners(0, this.signal)
  }

  static async create (host: RunHost, options: RunOptions = {}): Promise<RunContext> {
    const userId = options.identity?.userId
    const [user, global] = await Promise.all([
      PersistedScope.load(host.store, `${host.slug}:user`, userId, { id: userId }),
      PersistedScope.load(host.store, `${host.slug}:global`, 'global'),
    ])
    return new RunContext(host, user, global, options)
  }

  remainingMs (): number { return Math.max(0, this.deadline - Date.now()) }

  /** When the run started, as ISO 8601 (`run.date`): formatted once, for every automation of the run. */
  get date (): string {
    return (this.startedIso ??= new Date(this.startedAt).toISOString())
  }

  private startedIso?: string

  finish (): void { clearTimeout(this.timer) }
}
