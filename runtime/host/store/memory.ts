// In-memory store: one process, nothing survives a restart. Used by tests and `run` from the CLI.
import { randomUUID } from 'node:crypto'
import { applyPatch } from '../../core/apply-patch.ts'
import { LocalWaiters, waitForLock, type DocPatch, type Release, type Store } from '../../core/store.ts'

interface Entry {
  value: unknown
  expiresAt: number
}

export class MemoryStore implements Store {
  private readonly docs = new Map<string, { doc: Record<string, unknown>; expiresAt: number }>()
  private readonly kv = new Map<string, Entry>()
  private readonly locks = new Map<string, { token: string; expiresAt: number }>()
  private readonly waiters = new LocalWaiters()

  async getDoc(namespace: string, id: string): Promise<Record<string, unknown>> {
    const entry = unexpired(this.docs, `${namespace}\u0000${id}`)
    return entry ? structuredClone(entry.doc) : {}
  }

  async patchDoc(namespace: string, id: string, patch: DocPatch, ttlMs?: number): Promise<Record<string, unknown>> {
    const key = `${namespace}\u0000${id}`
    // Synchronous read-modify-write: atomic within this process.
    const next = applyPatch(structuredClone(unexpired(this.docs, key)?.doc ?? {}), {
      ...patch,
      value: structuredClone(patch.value),
    })
    this.docs.set(key, { doc: next, expiresAt: ttlMs ? Date.now() + ttlMs : Infinity })
    return structuredClone(next)
  }

  async get(key: string): Promise<unknown> {
    return unexpired(this.kv, key)?.value
  }

  async set(key: string, value: unknown, ttlMs?: number): Promise<void> {
    this.kv.set(key, { value: structuredClone(value), expiresAt: ttlMs ? Date.now() + ttlMs : Infinity })
  }

  async delete(key: string): Promise<boolean> {
    return this.kv.delete(key)
  }

  async take(key: string): Promise<unknown> {
    const e = unexpired(this.kv, key)
    this.kv.delete(key)
    return e?.value
  }

  async incr(key: string, by: number, ttlMs: number): Promise<{ value: number; ttlMs: number }> {
    const e = unexpired(this.kv, key) ?? { value: 0, expiresAt: Date.now() + ttlMs }
    e.value = (e.value as number) + by
    this.kv.set(key, e)
    return { value: e.value as number, ttlMs: Math.max(0, e.expiresAt - Date.now()) }
  }

  async lock(key: string, ttlMs: number, waitMs: number, signal?: AbortSignal): Promise<Release> {
    const token = randomUUID()
    await waitForLock(
      key,
      waitMs,
      () => {
        const held = this.locks.get(key)
        if (held && held.expiresAt > Date.now()) return false
        this.locks.set(key, { token, expiresAt: Date.now() + ttlMs })
        return true
      },
      this.waiters,
      signal,
    )
    return async () => {
      // Only our own lock: after expiry it may belong to someone else.
      if (this.locks.get(key)?.token !== token) return
      this.locks.delete(key)
      this.waiters.wake(key)
    }
  }

  async close(): Promise<void> {
    this.docs.clear()
    this.kv.clear()
    this.locks.clear()
  }
}

/** The entry under `key` unless it has expired (an expired one is dropped): documents and records alike. */
function unexpired<E extends { expiresAt: number }>(map: Map<string, E>, key: string): E | undefined {
  const entry = map.get(key)
  if (entry && entry.expiresAt <= Date.now()) {
    map.delete(key)
    return undefined
  }
  return entry
}
