// The conversion worker pool (docs/operations.md "Where the work runs"). One server process serves
// every tenant, so a conversion whose cost grows with the page (storage → Markdown) must never run
// on the event loop: it runs in a worker thread, with a deadline (queueing included) after which the
// thread is stopped, and a heap cap so a pathological page cannot take the host's memory.
// The pool starts on the first conversion (no cost at cold start) and stops with the server
// (closeConversions); idle threads are unreferenced, so they never keep a process alive.
import { createRequire } from 'node:module'
import { availableParallelism } from 'node:os'
import type { Piscina } from 'piscina'
import { DsulError } from '../../core/errors.ts'
import type { Limits } from '../../core/limits.ts'
import type { ConversionTask, TimedTask } from './conversions.ts'

export type ConversionLimits = Pick<Limits, 'conversionThreads' | 'conversionTimeMs' | 'conversionInputChars'>

/** Heap of one worker: far above a capped conversion's needs, far below the host's memory. */
const WORKER_HEAP_MB = 256
/** Conversions waiting for a thread; more is overload, answered at once instead of queued. */
const MAX_QUEUE = 256
/** Added to a conversion thread's niceness (ignored where unsupported). */
const WORKER_NICE = 10
/** An idle thread lives this long, so a burst of reads does not pay a thread start per call. */
const IDLE_MS = 60_000

let pool: Piscina<TimedTask, string> | undefined

/** The worker's file: the TypeScript source under tsx, the emitted file next to the bundle (scripts/build.mjs). */
function workerFile(): URL {
  return import.meta.url.endsWith('.ts')
    ? new URL('./worker.ts', import.meta.url)
    : new URL('./conversion-worker.js', import.meta.url)
}

export function conversionThreads(limits: ConversionLimits): number {
  return limits.conversionThreads > 0 ? limits.conversionThreads : Math.max(1, Math.min(4, availableParallelism() - 1))
}

/** piscina, loaded with the first conversion: a process that never converts never evaluates it (cold start). */
function piscina(): typeof Piscina {
  return (createRequire(import.meta.url)('piscina') as { Piscina: typeof Piscina }).Piscina
}

function start(limits: ConversionLimits): Piscina<TimedTask, string> {
  const threads = conversionThreads(limits)
  const Pool = piscina()
  pool = new Pool<TimedTask, string>({
    filename: workerFile().href,
    name: 'default',
    minThreads: 0,
    maxThreads: threads,
    idleTimeout: IDLE_MS,
    maxQueue: MAX_QUEUE,
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
    // Linux niceness is per thread: on a busy host a conversion yields the core to the event loop.
    // The worker lowers its own priority once its modules are loaded (worker.ts): piscina's
    // niceIncrement applies before, and a start-up at nice 10 on a loaded host took longer than
    // the deadline (which counts waiting for the thread), so the first conversions all failed.
    workerData: { nice: WORKER_NICE },
    // A checkout run through bin/confluence-next.js loads TypeScript with tsx's register(), which
    // worker threads do not inherit: without the loader, the worker's .ts file fails to load.
    ...(workerFile().pathname.endsWith('.ts') && !process.execArgv.some(a => a.includes('tsx'))
      ? { execArgv: [...process.execArgv, '--import', 'tsx'] }
      : {}),
  })
  return pool
}

/** Waiting for a thread (its start-up, the queue) may take this many times limits.conversionTimeMs. */
const WAIT_FACTOR = 2

/**
 * Run a conversion in the pool. `what` names the input in errors ("the page body"). Two bounds, so a
 * cold thread's start-up on a busy host does not eat the conversion's own time: the conversion runs
 * at most limits.conversionTimeMs from the moment a thread starts it (the thread writes that moment
 * into shared memory), and waiting for a thread at most WAIT_FACTOR times as long. Past either, the
 * task is aborted (the thread stopped) and the caller gets LIMIT_CONVERSION_TIME.
 */
export async function runConversion(
  task: ConversionTask,
  limits: ConversionLimits,
  what: string,
  run?: AbortSignal,
): Promise<string> {
  // The run's abort (its caller gone, its wall time up) stops the conversion too: the thread is freed.
  if (run?.aborted) throw stopped(run, what)
  const p = pool ?? start(limits)
  const controller = new AbortController()
  const onRunAbort = (): void => controller.abort()
  run?.addEventListener('abort', onRunAbort, { once: true })
  const limit = limits.conversionTimeMs
  const startedAt = new Float64Array(new SharedArrayBuffer(8))
  const queued = Date.now()
  let timedOut: 'waiting' | 'converting' | undefined
  const timer = setInterval(
    () => {
      const began = startedAt[0]
      const late = began > 0 ? Date.now() - began >= limit : Date.now() - queued >= limit * WAIT_FACTOR
      if (late) {
        timedOut = began > 0 ? 'converting' : 'waiting'
        controller.abort()
      }
    },
    Math.max(1, Math.min(25, limit)),
  )
  try {
    return await p.run({ ...task, startedAt }, { signal: controller.signal })
  } catch (err) {
    if (timedOut === 'converting') throw new DsulError('LIMIT_CONVERSION_TIME', { what, limit })
    if (timedOut === 'waiting') {
      throw new DsulError('LIMIT_CONVERSION_TIME', {
        what: `${what} (waiting for a conversion thread)`,
        limit: limit * WAIT_FACTOR,
      })
    }
    if (run?.aborted) throw stopped(run, what)
    throw new DsulError('CONVERSION_FAILED', { what, detail: reason(err) })
  } finally {
    clearInterval(timer)
    run?.removeEventListener('abort', onRunAbort)
  }
}

/** The run's own error when it says why (RUN_CANCELLED); the runner reports any other as the run's abort. */
function stopped(run: AbortSignal, what: string): DsulError {
  return run.reason instanceof DsulError
    ? run.reason
    : new DsulError('CONVERSION_FAILED', { what, detail: 'the run was stopped' })
}

/** A short, user-facing reason: never a stack, never the input. */
function reason(err: unknown): string {
  const e = err as { code?: string; message?: string }
  if (e?.code === 'ERR_WORKER_OUT_OF_MEMORY') return `it needed more than ${WORKER_HEAP_MB} MB of memory`
  if (e?.message === 'Task queue is at limit') return `${MAX_QUEUE} conversions are already waiting; retry in a moment`
  if (e?.message === 'Terminating worker thread') return 'the server is shutting down'
  return 'the conversion worker stopped unexpectedly'
}

/** Stop the pool's threads (server close); the next conversion starts a new pool. */
export async function closeConversions(): Promise<void> {
  const p = pool
  pool = undefined
  if (p) await p.destroy()
}

/** Threads running now (tests, stats). */
export function conversionStats(): { threads: number; queued: number; completed: number } {
  return { threads: pool?.threads.length ?? 0, queued: pool?.queueSize ?? 0, completed: pool?.completed ?? 0 }
}
