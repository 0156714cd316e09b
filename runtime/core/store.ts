// The store behind the persisted scopes (`user`, `global`) and the runtime's own records
// (rate-limit counters, OAuth states, locks). Backends: memory.ts (tests, `run`), sqlite.ts (the
// default, one file under DATA_DIR) and redis.ts (several instances); index.ts picks one.
// Every key the runtime uses starts with the workspace slug, so tenants never share a record.

import { DsulError } from './errors.ts'
import type { Segment } from './paths.ts'

export type PatchType = 'replace' | 'merge' | 'push' | 'delete'

export interface DocPatch {
  type: PatchType
  path: Segment[] // inside the document; [] is the whole document
  value?: unknown
}

/** Releases a lock; a no-op when it already expired (and maybe went to someone else). */
export type Release = () => Promise<void>

export interface Store {
  /** A persisted document (a scope); `{}` when absent. */
  getDoc(namespace: string, id: string): Promise<Record<string, unknown>>
  /**
   * Apply one patch atomically (no lost update under concurrent writers) and return the new document.
   * With `ttlMs` the document is deleted that long after this write (every write moves the date: an
   * idle timeout, as the `session` scope has); without, it is kept until deleted.
   */
  patchDoc(namespace: string, id: string, patch: DocPatch, ttlMs?: number): Promise<Record<string, unknown>>
  /** Key-value records with an optional time to live. */
  get(key: string): Promise<unknown>
  set(key: string, value: unknown, ttlMs?: number): Promise<void>
  delete(key: string): Promise<boolean>
  /** Read and delete in one step (single-use records such as OAuth states). */
  take(key: string): Promise<unknown>
  /** Add `by` to a counter, creating it with `ttlMs` when absent; returns the new value and its remaining ttl. */
  incr(key: string, by: number, ttlMs: number): Promise<{ value: number; ttlMs: number }>
  /**
   * Hold `key` exclusively, across every process sharing the store. The lock expires after `ttlMs`
   * (a crashed holder cannot block forever); waits up to `waitMs`, then throws LOCK_TIMEOUT. When
   * `signal` aborts first, stops waiting and throws LockWaitAborted (a cancelled run takes no lock).
   */
  lock(key: string, ttlMs: number, waitMs: number, signal?: AbortSignal): Promise<Release>
  close(): Promise<void>
}

/**
 * The waiting half of every backend's `lock`: try, then poll with growing jittered delays until
 * `waitMs` is spent. `wake` lets a release in this process hand over at once instead of at the next poll.
 */
export async function waitForLock(
  key: string,
  waitMs: number,
  tryAcquire: () => Promise<boolean> | boolean,
  waiters?: LocalWaiters,
  signal?: AbortSignal,
): Promise<void> {
  const deadline = Date.now() + Math.max(0, waitMs)
  let delay = 2
  for (;;) {
    // Checked before every try: the polls are at most 50 ms apart, so an abort is seen that soon.
    if (signal?.aborted) throw new LockWaitAborted(key)
    if (await tryAcquire()) return
    const left = deadline - Date.now()
    if (left <= 0) throw new DsulError('LOCK_TIMEOUT', { key, wait: Math.round(waitMs) / 1000 })
    await (waiters ? waiters.sleep(key, Math.min(left, delay * (0.5 + Math.random()))) : sleep(Math.min(left, delay)))
    delay = Math.min(delay * 2, 50)
  }
}

/** The wait for a lock was given up (its run was aborted): nothing was acquired. */
export class LockWaitAborted extends Error {
  constructor(readonly key: string) {
    super(`stopped waiting for lock "${key}"`)
  }
}

/** Sleepers per key in this process, woken early by a local release. */
export class LocalWaiters {
  private readonly sleepers = new Map<string, Set<() => void>>()

  sleep(key: string, ms: number): Promise<void> {
    return new Promise(resolve => {
      let set = this.sleepers.get(key)
      if (!set) this.sleepers.set(key, (set = new Set()))
      const done = (): void => {
        clearTimeout(timer)
        set.delete(done)
        if (set.size === 0 && this.sleepers.get(key) === set) this.sleepers.delete(key)
        resolve()
      }
      const timer = setTimeout(done, ms)
      set.add(done)
    })
  }

  wake(key: string): void {
    for (const done of [...(this.sleepers.get(key) ?? [])]) done()
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, ms))
}
