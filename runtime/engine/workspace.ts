// A loaded workspace: its compiled automations, resolved config and secrets, and the machinery to
// run them (calls, events, waits). Created by workspace/load.ts.

import { EventEmitter } from 'node:events'
import { BreakSignal, DsulError, toDsulError, type SourceLocation } from '../core/errors.ts'
import type {
  AutomationRunEvent,
  CompiledAutomation,
  Engine,
  RunResult,
  WorkspaceEvent,
  WorkspaceServices,
} from './types.ts'
import type { KnownMeasure, Limits, Measure } from '../core/limits.ts'
import { argumentDepthError, depthExceeds, measure, sizeExceeds, valueError } from '../core/limits.ts'
import { cloneValue, deepFreeze } from '../core/clone.ts'
import { Redactor } from '../core/redact.ts'
import { RunContext, type RunHost, type RunOptions } from '../core/run-context.ts'
import { defaultsInside, writesInPlace } from './in-place-writes.ts'
import { readsPersistedScopes } from './persisted-reads.ts'
import { runBlock } from './runner.ts'
import { Frame, Scope } from '../core/scopes.ts'
import type { Store } from '../core/store.ts'
import { silentLogger, type Logger } from '../core/logger.ts'

/**
 * Emits `automation` (AutomationRunEvent) when a run of any automation of any workspace of the
 * process ends, once someone listens (the server's metrics, filtered by workspace slug).
 */
export const automationEvents = new EventEmitter()
automationEvents.setMaxListeners(0)

export interface WorkspaceInfo {
  slug: string
  name: string
  description?: string
  dir: string
  index: Record<string, unknown>
  /** CONFLUENCE_ALLOW_LOOPBACK=true at load: fetch may reach loopback and private addresses (sandbox, tests). */
  allowLoopback?: boolean
}

export { silentLogger, type Logger } from '../core/logger.ts'

interface Waiter {
  types: readonly string[]
  filter: (e: WorkspaceEvent) => boolean
  /** `wait.oneOf[].cancelTriggers`: the matched event then triggers no `when.events` automation. */
  cancels?: (e: WorkspaceEvent) => boolean
  run?: RunContext
  resolve: (e: WorkspaceEvent | undefined, seq?: number) => void
}

/** An event with `target` reaches only the waits of runs of that user or session (docs/language.md "emit"). */
function reaches(event: WorkspaceEvent, run: RunContext | undefined): boolean {
  const target = event.target
  if (!target) return true
  if (target.userId !== undefined && target.userId !== run?.identity.userId) return false
  if (target.sessionId !== undefined && target.sessionId !== run?.session.id) return false
  if (target.currentSocket === true && target.correlationId !== run?.correlationId) return false
  return true
}

// A `wait` right after an `emit` must see the reply even when the run yielded the event loop in
// between (runner.ts yields every 20 ms) and the listener answered first: the last events are kept,
// small ones only, so this costs at most RECENT_EVENTS × RECENT_EVENT_BYTES of memory.
const RECENT_EVENTS = 64
const RECENT_EVENT_BYTES = 64 * 1024

export class Workspace implements Engine, RunHost {
  readonly slug: string
  readonly name: string
  readonly redactor: Redactor
  readonly dsul: Readonly<Record<string, unknown>>
  /** Every emitted event, for observers (logs, tests); payloads are already redacted. */
  readonly events = new EventEmitter()
  private readonly waiters = new Set<Waiter>()
  private eventSeq = 0
  private readonly recent: Array<{ seq: number; event: WorkspaceEvent }> = []
  private readonly pending = new Set<Promise<unknown>>()

  constructor(
    readonly info: WorkspaceInfo,
    readonly automations: ReadonlyMap<string, CompiledAutomation>,
    readonly config: Readonly<Record<string, unknown>>,
    readonly secret: Readonly<Record<string, unknown>>,
    readonly limits: Limits,
    readonly store: Store,
    readonly log: Logger = silentLogger,
    /** Services instructions may need (the HTTP dispatcher, settings), set by whoever hosts the workspace. */
    readonly services: WorkspaceServices = {},
  ) {
    this.slug = info.slug
    this.name = info.name
    this.redactor = new Redactor()
    this.redactor.addAll(secret)
    this.events.setMaxListeners(0)
    // `$workspace` (Prisme.ai's read-only view of the workspace): what imported automations read.
    const imports = (info.index.imports ?? {}) as Record<string, { appSlug?: string; config?: unknown }>
    this.dsul = deepFreeze(
      structuredClone({
        slug: info.slug,
        name: info.name,
        description: info.description,
        config,
        imports: Object.fromEntries(
          Object.entries(imports).map(([k, v]) => [k, { appSlug: v.appSlug, config: v.config ?? {} }]),
        ),
      }),
    )
  }

  automation(slug: string): CompiledAutomation | undefined {
    return this.automations.get(slug)
  }

  /** Run an automation as the root of a new run. Errors are thrown as DsulError, already redacted. */
  async run(
    slug: string,
    args: Record<string, unknown> = {},
    options: RunOptions & { locals?: Record<string, unknown>; depth?: number } = {},
  ): Promise<RunResult> {
    const automation = this.automations.get(slug)
    if (!automation) throw new DsulError('AUTOMATION_NOT_FOUND', { slug, workspace: this.slug })
    const run = await RunContext.create(this, options)
    try {
      const { output, http } = await this.invoke(automation, args, run, options.depth ?? 0, options.locals, true)
      return {
        output: run.redactor.redactDeep(output),
        http: http && run.redactor.redactDeep(http),
        instructions: run.instructions,
        durationMs: Date.now() - run.startedAt,
      }
    } catch (err) {
      const e = toDsulError(err)
      e.message = run.redactor.redact(e.message)
      if (e.kind === 'unexpected') {
        this.log.error({ err: e.message, automation: slug, correlationId: run.correlationId }, 'unexpected error')
      }
      throw e
    } finally {
      run.finish()
    }
  }

  async call(
    slug: string,
    args: Record<string, unknown>,
    run: RunContext,
    depth: number,
    _location?: SourceLocation,
    caller?: CompiledAutomation,
  ): Promise<unknown> {
    const automation = this.automations.get(slug)
    if (!automation) throw new DsulError('AUTOMATION_NOT_FOUND', { slug, workspace: this.slug })
    // A caller that changes values in place must not see its callee's view of them change (nor the reverse).
    const copy = caller !== undefined && facts(caller).writesInPlace
    return (await this.invoke(automation, args, run, depth, undefined, false, copy)).output
  }

  private async invoke(
    automation: CompiledAutomation,
    rawArgs: Record<string, unknown>,
    run: RunContext,
    depth: number,
    locals?: Record<string, unknown>,
    root = false,
    copy = false,
  ): Promise<{ output: unknown; http?: Record<string, unknown> }> {
    // `automation` events (AutomationRunEvent) feed the server's metrics: built only when listened to.
    if (automationEvents.listenerCount('automation') === 0) {
      return this.execute(automation, rawArgs, run, depth, locals, root, copy)
    }
    const event = (outcome: AutomationRunEvent['outcome'], code?: string): AutomationRunEvent => ({
      workspace: this.slug,
      automation: automation.slug,
      outcome,
      code,
    })
    try {
      const result = await this.execute(automation, rawArgs, run, depth, locals, root, copy)
      automationEvents.emit('automation', event('ok'))
      return result
    } catch (err) {
      if (err instanceof BreakSignal) {
        automationEvents.emit('automation', event('ok'))
        throw err
      }
      const e = toDsulError(err)
      const outcome = e.code === 'RUN_CANCELLED' ? 'cancelled' : 'error'
      automationEvents.emit(
        'automation',
        event(outcome, e.code === 'FAILED' && typeof e.data.reason === 'string' ? e.data.reason : e.code),
      )
      throw err
    }
  }

  private async execute(
    automation: CompiledAutomation,
    rawArgs: Record<string, unknown>,
    run: RunContext,
    depth: number,
    locals?: Record<string, unknown>,
    root: boolean = false,
    copy: boolean = false,
  ): Promise<{ output: unknown; http?: Record<string, unknown> }> {
    const where = { slug: automation.slug, location: automation.location }
    if (depth >= run.limits.callDepth) {
      throw new DsulError('LIMIT_DEPTH', { limit: run.limits.callDepth, slug: automation.slug }, where)
    }
    if (!run.persistedLoaded && facts(automation).readsPersisted) await run.loadPersisted()
    // A caller's bad arguments are the caller's mistake: located at the call (the runner adds it).
    const { writesInPlace, defaultsInside } = facts(automation)
    const copyValues = copy || writesInPlace || defaultsInside
    const args = validateArguments(automation, rawArgs, run, root ? where : {}, copyValues)
    const frame = new Frame(undefined, locals ? { ...locals, ...args } : args)
    // Plain fields: a getter would be a new closure per automation, and V8 gives each object with its
    // own getter a map of its own (1 µs per automation, against 0.1). run.date is formatted once a run.
    const runVars = Object.freeze({
      id: run.id,
      correlationId: run.correlationId,
      workspace: this.slug,
      date: run.date,
      automation: automation.slug,
      depth,
      trigger: run.trigger,
      userId: run.identity.userId,
      agentId: run.identity.agentId,
      contextId: run.identity.contextId,
    })
    const scope = new Scope(run, runVars, frame)
    let stop: BreakSignal | undefined
    try {
      await runBlock(this, automation, automation.do, scope)
    } catch (err) {
      if (!(err instanceof BreakSignal)) throw err
      stop = err
    }
    let output: unknown
    // `output: '{{page.body}}'` inside a checked variable is within the limits: not walked again.
    let bound: Measure | undefined
    if (stop?.hasPayload) output = stop.payload
    else if (automation.output) {
      output = await automation.output.evaluate(scope)
      const head = automation.output.head
      if (head !== undefined) bound = scope.checkedMeasure(head)
    }
    const measured = bound ?? run.measured(output)
    if (typeof measured === 'string') throw valueError(measured, 'the output', run.limits, where)
    // Its caller stores it without walking it again (Scope.set).
    run.markChecked(output, measured)
    // `break: {scope: all}` stops every automation up the call chain; each still returns its output.
    if (stop?.scope === 'all' && !root) throw new BreakSignal('all', output, stop.hasPayload)
    const http = '$http' in frame.vars ? (frame.vars.$http as Record<string, unknown>) : undefined
    return { output, http }
  }

  emit(event: WorkspaceEvent, run: RunContext): void {
    const seq = ++this.eventSeq
    run.eventCursor = seq
    if (!sizeExceeds(event.payload, RECENT_EVENT_BYTES)) {
      this.recent.push({ seq, event })
      if (this.recent.length > RECENT_EVENTS) this.recent.shift()
    }
    this.events.emit('event', event)
    let cancelled = false
    for (const w of this.waiters) {
      if (!w.types.includes(event.type) || !reaches(event, w.run) || !w.filter(event)) continue
      if (w.cancels?.(event)) cancelled = true
      w.resolve(event, seq)
    }
    if (cancelled) return
    for (const automation of this.automations.values()) {
      if (automation.private || !automation.when.events?.includes(event.type)) continue
      const depth = event.source.depth + 1
      // Listeners start on a later turn of the event loop, never inside the emitting run's own
      // step: an emitter that then waits for a reply has registered its `wait` by then.
      const p = nextTurn()
        .then(() =>
          this.run(
            automation.slug,
            {},
            {
              identity: run.identity,
              correlationId: run.correlationId,
              trigger: { type: 'event', value: event.type },
              locals: { payload: event.payload, event: { type: event.type, source: event.source } },
              depth,
            },
          ),
        )
        .catch(err => {
          this.log.warn(
            { automation: automation.slug, event: event.type, err: toDsulError(err).describe() },
            'event-triggered automation failed',
          )
        })
        .finally(() => this.pending.delete(p))
      this.pending.add(p)
    }
  }

  /**
   * The next event of `type` that passes `filter`. For a run that emitted before (`run.eventCursor`),
   * an event since then that arrived before this wait counts too; each event is seen once per run.
   */
  waitFor(
    type: string | readonly string[],
    filter: (e: WorkspaceEvent) => boolean,
    timeoutMs: number,
    signal: AbortSignal,
    run?: RunContext,
    cancels?: (e: WorkspaceEvent) => boolean,
  ): Promise<WorkspaceEvent | undefined> {
    const types = typeof type === 'string' ? [type] : type
    if (run && run.eventCursor > 0) {
      const missed = this.recent.find(
        r => r.seq > run.eventCursor && types.includes(r.event.type) && reaches(r.event, run) && filter(r.event),
      )
      if (missed) {
        run.eventCursor = missed.seq
        return Promise.resolve(missed.event)
      }
    }
    return new Promise(resolve => {
      const finish = (e: WorkspaceEvent | undefined, seq?: number): void => {
        clearTimeout(timer)
        signal.removeEventListener('abort', onAbort)
        this.waiters.delete(waiter)
        if (run && seq !== undefined) run.eventCursor = seq
        resolve(e)
      }
      const onAbort = (): void => finish(undefined)
      const waiter: Waiter = { types, filter, cancels, run, resolve: finish }
      const timer = setTimeout(onAbort, timeoutMs)
      signal.addEventListener('abort', onAbort, { once: true })
      this.waiters.add(waiter)
    })
  }

  /** Wait for event-triggered runs still in flight (graceful shutdown, tests). */
  async drain(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending])
  }
}

function nextTurn(): Promise<void> {
  return new Promise(resolve => setImmediate(resolve))
}

function validateArguments(
  automation: CompiledAutomation,
  raw: Record<string, unknown>,
  run: RunContext,
  where: { slug?: string; location?: SourceLocation },
  copyValues: boolean,
): Record<string, unknown> {
  const { limits, known } = run
  // Size and depth in one walk without recursion, before anything that recurses (clone, ajv); only
  // arguments past a limit are walked again, so that too deep wins over too big and is located.
  const measures = measureArguments(raw, limits, known)
  if (measures === undefined) {
    const deep = depthExceeds(raw, limits.argumentDepth)
    if (deep !== undefined) throw argumentDepthError('the arguments', deep, limits, where)
    throw new DsulError('LIMIT_SIZE', { what: 'the arguments', limit: limits.valueBytes }, where)
  }
  // ajv fills defaults in place; never let it touch the caller's (possibly frozen) object. The values
  // inside are shared unless the callee or its caller may change one in place (in-place-writes.ts).
  const args =
    raw === null || typeof raw !== 'object'
      ? {}
      : copyValues
        ? (cloneValue(raw) as Record<string, unknown>)
        : { ...raw }
  if (!automation.validateArguments(args)) {
    throw new DsulError(
      'ARGUMENTS_INVALID',
      {
        slug: automation.slug,
        detail: describeArgumentErrors(automation.validateArguments.errors ?? []),
      },
      where,
    )
  }
  markArguments(args, measures, run)
  return args
}

/**
 * Each argument's measure, walked one by one as valueProblem walks the whole set (so the same bounds
 * hold), a checked value adding its measure; undefined when the set is too big or too deep.
 */
function measureArguments(raw: unknown, limits: Limits, known: KnownMeasure): Map<string, Measure> | undefined {
  const measures = new Map<string, Measure>()
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw) || Buffer.isBuffer(raw)) {
    return typeof measure(raw, limits.valueBytes, limits.argumentDepth) === 'string' ? undefined : measures
  }
  if (limits.argumentDepth < 1) return undefined
  let total = 0
  for (const k in raw) {
    total += k.length + 4
    // An argument sits one level down: its own objects may nest one level less.
    const m = measure((raw as Record<string, unknown>)[k], limits.valueBytes - total, limits.argumentDepth - 1, known)
    if (typeof m === 'string') return undefined
    total += m.bytes
    measures.set(k, m)
  }
  return measures
}

/**
 * The arguments passed the size and depth checks: a callee storing, returning or passing one on does
 * not walk it again. An argument ajv filled in with its default is measured here; a default filled in
 * inside an argument (a few bytes of its schema) is left out of that argument's measure.
 */
function markArguments(args: Record<string, unknown>, measures: Map<string, Measure>, run: RunContext): void {
  for (const k in args) {
    const v = args[k]
    if (v === null || typeof v !== 'object') continue
    const m = measures.get(k) ?? measure(v, Number.POSITIVE_INFINITY)
    if (typeof m !== 'string') run.markChecked(v, m)
  }
}

export function describeArgumentErrors(
  errors: Array<{ instancePath: string; keyword: string; message?: string; params: Record<string, unknown> }>,
): string {
  const parts = errors
    .filter(e => e.keyword !== 'anyOf' && e.keyword !== 'oneOf')
    .map(e => {
      const name = e.instancePath.slice(1).replace(/\//g, '.')
      if (e.keyword === 'required')
        return `\`${[name, e.params.missingProperty].filter(Boolean).join('.')}\` is required`
      if (e.keyword === 'additionalProperties') {
        return `unknown argument \`${[name, e.params.additionalProperty].filter(Boolean).join('.')}\``
      }
      if (e.keyword === 'enum') {
        return `\`${name}\` must be one of ${(e.params.allowedValues as unknown[])
          .map(v => JSON.stringify(v))
          .join(', ')}`
      }
      return `\`${name || 'arguments'}\` ${e.message}`
    })
  return [...new Set(parts)].join('; ')
}

interface Facts {
  /** It may use `user` / `global` / `session` (persisted-reads.ts). */
  readsPersisted: boolean
  /** It may change a value in place (in-place-writes.ts). */
  writesInPlace: boolean
  /** ajv fills a default inside one of its arguments' values. */
  defaultsInside: boolean
}

const factsOf = new WeakMap<CompiledAutomation, Facts>()

/** What the runner needs to know of an automation's definition: decided on its first run, then remembered. */
function facts(automation: CompiledAutomation): Facts {
  let f = factsOf.get(automation)
  if (f === undefined) {
    f = {
      readsPersisted: readsPersistedScopes(automation.raw),
      writesInPlace: writesInPlace(automation.raw),
      defaultsInside: defaultsInside(automation.argumentsSchema),
    }
    factsOf.set(automation, f)
  }
  return f
}
