// What one run shares across every automation it calls: identity, persisted scopes, limits and
// counters, the deadline, the redactor and the trace sink.

import { randomUUID } from 'node:crypto'
import { setMaxListeners } from 'node:events'
import { DsulError, type SourceLocation } from './errors.ts'
import { measure, VALUE_DEPTH, type KnownMeasure, type Limits, type Measure } from './limits.ts'
import { Redactor } from './redact.ts'
import { PersistedScope } from './persisted-scope.ts'
import type { Store } from './store.ts'

/** `sessionId`: the session the `session` scope is kept for (docs/language.md "Scopes"); default: `contextId`. */
export interface Identity {
  userId?: string
  agentId?: string
  contextId?: string
  sessionId?: string
}

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
  trigger?: { type: string; value?: string }
  /** Aborting it cancels the run, like `cancellation`. */
  signal?: AbortSignal
  /** The caller's way to stop the run when nobody waits for its answer any more (RUN_CANCELLED). */
  cancellation?: Cancellation
  /** Read-only fields of the `session` scope set by the host (the configuration app's sign-in). */
  sessionFields?: Record<string, unknown>
}

/**
 * Made by a server per call, before the run exists: `cancel` may come before, during or after the
 * run. A plain object, not an AbortController (several µs each): the run aborts its own controller,
 * the one its wall time uses, so fetches, waits, conversions and the runner all stop the same way.
 */
export class Cancellation {
  /** Why, once cancelled ("the client closed the connection"). */
  reason?: string
  private listener?: (reason: string) => void

  cancel(reason: string): void {
    if (this.reason !== undefined) return
    this.reason = reason
    this.listener?.(reason)
  }

  /** One run listens (a call is one run); called at once when already cancelled. */
  listen(listener: ((reason: string) => void) | undefined): void {
    this.listener = listener
    if (listener && this.reason !== undefined) listener(this.reason)
  }
}

export interface RunHost {
  readonly slug: string
  readonly store: Store
  readonly limits: Limits
  readonly config: Readonly<Record<string, unknown>>
  readonly secret: Readonly<Record<string, unknown>>
  readonly redactor: Redactor
  /** `$workspace`: the workspace's description (slug, name, config, imports), read-only. */
  readonly dsul?: Readonly<Record<string, unknown>>
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
  readonly trigger: { type: string; value?: string }
  readonly config: Readonly<Record<string, unknown>>
  readonly secret: Readonly<Record<string, unknown>>
  readonly store: Store
  /** Set when the caller cancelled the run (`cancel`): the abort is then RUN_CANCELLED, not LIMIT_WALL_TIME. */
  cancelled?: string
  instructions = 0
  events = 0
  /**
   * The sequence number of the last event this run emitted or waited for (0: none yet). A `wait`
   * after an `emit` also matches a later event that arrived before it was registered (engine.ts).
   */
  eventCursor = 0
  /** The `run.*` keys automations set: shared by every automation of the run. */
  readonly shared: Record<string, unknown> = {}
  /** Bumped on every variable write; scopes use it to invalidate their cached JSONata input. */
  generation = 0
  /**
   * Objects held to limits.valueBytes and the nesting limit since the run last changed a value in place,
   * with their measure: storing one again, or anything inside one (a part is never bigger or deeper than
   * the whole, so the whole's measure bounds it), needs no walk, and a value built of them (arguments, an
   * output) adds their measures instead of walking them (a page of results is walked once, not at every
   * hand-over). Emptied by every write that changes a value in place (scopes.ts), the only way a checked
   * value can grow.
   */
  private checkedValues = new WeakMap<object, Measure>()
  private readonly timer: NodeJS.Timeout
  /** Made by the first read of `signal`. */
  private controller?: AbortController
  /** Set once the run is stopped: why (signal.reason). */
  private stop?: { reason: unknown }
  /** What is told of the stop besides `signal`: each fetch attempt in flight (host/http/client.ts). */
  private readonly stopListeners = new Set<StopListener>()

  private persisted?: { user: PersistedScope; global: PersistedScope; session: PersistedScope }
  private loading?: Promise<void>

  private readonly sessionFields?: Record<string, unknown>

  /** The measure of an object checked since the last change in place (see checkedValues), or undefined. */
  measureOf(value: unknown): Measure | undefined {
    return value !== null && typeof value === 'object' ? this.checkedValues.get(value) : undefined
  }

  /** measureOf for limits.ts `measure`, reading the current set (changedInPlace replaces it). */
  readonly known: KnownMeasure = value => this.checkedValues.get(value)

  /** `value`'s measure: the one known, else a walk against valueBytes and the nesting limit (the problem past them). */
  measured(value: unknown): Measure | 'size' | 'depth' {
    return this.measureOf(value) ?? measure(value, this.limits.valueBytes, VALUE_DEPTH, this.known)
  }

  /** `measure` bounds the value (its own, or its whole's when it is a part); a measure known is kept. */
  markChecked(value: unknown, measure: Measure): void {
    if (value !== null && typeof value === 'object' && !this.checkedValues.has(value)) {
      this.checkedValues.set(value, measure)
    }
  }

  /** A value was changed in place: any checked object may have grown. */
  changedInPlace(): void {
    this.checkedValues = new WeakMap()
  }

  private constructor(
    readonly host: RunHost,
    options: RunOptions,
  ) {
    this.sessionFields = options.sessionFields
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
    this.timer = setTimeout(() => this.abort(new Error('run wall time exceeded')), host.limits.runWallTimeMs)
    this.timer.unref()
    this.cancellation = options.cancellation
    this.cancellation?.listen(reason => this.cancel(reason))
    const external = options.signal
    if (external?.aborted) this.cancel('the caller aborted')
    else external?.addEventListener('abort', () => this.cancel('the caller aborted'), { once: true })
  }

  private readonly cancellation?: Cancellation

  /** Stop the run: what it is waiting for is aborted, and the runner refuses its next instruction. */
  cancel(reason: string): void {
    if (this.stop) return
    this.cancelled = reason
    this.abort(new DsulError('RUN_CANCELLED', { reason }))
  }

  private abort(reason: unknown): void {
    if (this.stop) return
    this.stop = { reason }
    this.controller?.abort(reason)
    for (const listener of this.stopListeners) listener.handleEvent()
    this.stopListeners.clear()
  }

  /** Whether the run is stopped: its wall time is up or its caller gave up. */
  get aborted(): boolean {
    return this.stop !== undefined
  }

  /** Why the run stopped (what `signal.reason` is), or undefined while it runs. */
  get abortReason(): unknown {
    return this.stop?.reason
  }

  /**
   * Aborted when the wall time is up or the caller gives up, for what waits on an AbortSignal (a lock,
   * a wait, a retry's pause, a conversion). Made on first use: an AbortController and its listener
   * bookkeeping cost several µs, and most runs only fetch, whose attempts listen with `onStop`.
   */
  get signal(): AbortSignal {
    if (!this.controller) {
      this.controller = new AbortController()
      // Concurrent waits of one run each listen to the signal.
      setMaxListeners(0, this.controller.signal)
      if (this.stop) this.controller.abort(this.stop.reason)
    }
    return this.controller.signal
  }

  /** Tell `listener` when the run stops (not when it already has: check `aborted` first). */
  onStop(listener: StopListener): void {
    if (!this.stop) this.stopListeners.add(listener)
  }

  offStop(listener: StopListener): void {
    this.stopListeners.delete(listener)
  }

  /** The error for an aborted run: RUN_CANCELLED when its caller gave up, else LIMIT_WALL_TIME. */
  abortError(slug: string, location?: SourceLocation): DsulError {
    if (this.cancelled !== undefined)
      return new DsulError('RUN_CANCELLED', { reason: this.cancelled }, { location, slug })
    return new DsulError('LIMIT_WALL_TIME', { limit: this.limits.runWallTimeMs, slug }, { location, slug })
  }

  static async create(host: RunHost, options: RunOptions = {}): Promise<RunContext> {
    return new RunContext(host, options)
  }

  /**
   * Read `user`, `global` and `session` from the store, once per run: the engine calls it before an automation
   * that may use them (runtime/engine/persisted-reads.ts), so a run that never does costs no store read.
   */
  loadPersisted(): Promise<void> {
    if (this.persisted) return Promise.resolve()
    const userId = this.identity.userId
    const sessionId = this.identity.sessionId ?? this.identity.contextId
    const slug = this.host.slug
    this.loading ??= Promise.all([
      PersistedScope.load(this.store, `${slug}:user`, userId, { id: userId }),
      PersistedScope.load(this.store, `${slug}:global`, 'global'),
      PersistedScope.load(
        this.store,
        `${slug}:session`,
        sessionId,
        { ...this.sessionFields, id: sessionId },
        true,
        this.limits.sessionTtlMs,
      ),
    ]).then(([user, global, session]) => {
      this.persisted = { user, global, session }
    })
    return this.loading
  }

  get persistedLoaded(): boolean {
    return this.persisted !== undefined
  }

  get user(): PersistedScope {
    return this.loaded().user
  }
  get global(): PersistedScope {
    return this.loaded().global
  }
  get session(): PersistedScope {
    return this.loaded().session
  }

  private loaded(): { user: PersistedScope; global: PersistedScope; session: PersistedScope } {
    // The engine loads them before any automation that names them: reaching this is a bug of that analysis.
    if (!this.persisted) throw new Error('the user, global and session scopes were read before they were loaded')
    return this.persisted
  }

  remainingMs(): number {
    return Math.max(0, this.deadline - Date.now())
  }

  /** When the run started, as ISO 8601 (`run.date`): formatted once, for every automation of the run. */
  get date(): string {
    return (this.startedIso ??= isoTime(this.startedAt))
  }

  private startedIso?: string

  finish(): void {
    clearTimeout(this.timer)
    this.cancellation?.listen(undefined)
  }
}

/** Told when a run stops (an object listener, like an EventTarget's: no closure to make per attempt). */
export interface StopListener {
  handleEvent(): void
}

// Runs start many times a second: the date and time down to the second are formatted once per second
// (Date#toISOString costs 1–3 µs under load), and only the milliseconds per run.
let isoSecond = Number.NaN
let isoPrefix = ''

/** `new Date(ms).toISOString()`. */
export function isoTime(ms: number): string {
  const second = Math.floor(ms / 1000)
  if (second !== isoSecond) {
    // Without its ".mmmZ": the prefix is that of every millisecond of this second.
    isoPrefix = new Date(second * 1000).toISOString().slice(0, -5)
    isoSecond = second
  }
  const milli = ms - second * 1000
  return `${isoPrefix}.${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`
}
